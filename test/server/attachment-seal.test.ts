import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { serverDbPath, type StartServerOptions } from '@server/index';
import { backendNames, withAttachmentBackend } from './attachment-backends';
import { createUser, Device, sha256, startTestServer, type TestServer } from './helpers';

// With CENSUS_SERVER_DB_KEY set, attachments are sealed at rest as the laptop seals its own
// (shared/node/seal.ts): the chunks of an unfinished upload and the finished file alike, so no
// byte of a licence photo sits on the server's disk in plain text. Files stored plain before the
// server had a key stay readable after it gets one.

const KEY = 'c0ffee'.repeat(10).padEnd(64, '0');
const MARKER = Buffer.from('营业执照 统一社会信用代码 91640502MA76QK3P5C 法定代表人 马建国 ');
/** A "photo" whose every 4 KB holds the marker in plain text. */
const photo = (bytes: number): Buffer => {
  const out = randomBytes(bytes);
  for (let at = 0; at + MARKER.length < bytes; at += 4096) MARKER.copy(out, at);
  return out;
};

describe.each(backendNames)('attachments at rest on a server with a key (%s store)', (store) => {
  const backend = withAttachmentBackend(store);
  const start = (opts: Partial<StartServerOptions>) => startTestServer({ ...backend.current.options, ...opts });
  let t: TestServer | undefined;
  const dirs: string[] = [];
  afterEach(async () => {
    await t?.dispose();
    t = undefined;
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  const put = (d: Device, sha: string, offset: number, size: number, chunk: Buffer) =>
    fetch(`${t!.server.url}/attachments/${sha}?offset=${offset}&size=${size}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${d.token}`, 'content-type': 'application/octet-stream' },
      body: chunk,
    });
  const get = async (d: Device, sha: string) => {
    const res = await fetch(`${t!.server.url}/attachments/${sha}`, { headers: { authorization: `Bearer ${d.token}` } });
    return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
  };

  it('seals every chunk of an unfinished upload and the finished file, and reads it back whole across a restart', async () => {
    t = await start({ dbKey: KEY });
    await createUser(t.server, 'admin', 'admin');
    let d = new Device(t.server.url, 'laptop-admin');
    await d.login('admin');
    const file = photo(600_000);
    const sha = sha256(file);

    expect((await put(d, sha, 0, file.length, file.subarray(0, 250_000))).status).toBe(200);
    const partial = await backend.current.stored(t.dataDir);
    expect(partial).toHaveLength(1);
    expect(partial[0]?.bytes.includes(MARKER)).toBe(false);

    // The server stops between chunks; the sealed partial resumes where it was.
    await t.server.close();
    t = await start({ dataDir: t.dataDir, dbKey: KEY });
    d = new Device(t.server.url, 'laptop-admin');
    await d.login('admin');
    const resumed = await put(d, sha, 250_000, file.length, file.subarray(250_000));
    expect(await resumed.json()).toMatchObject({ received: 600_000, isComplete: true });

    const stored = await backend.current.stored(t.dataDir);
    expect(stored.map((s) => s.name)).toEqual([`${sha.slice(0, 2)}/${sha.slice(2, 4)}/${sha}.sealed`]);
    expect(stored[0]?.bytes.includes(MARKER)).toBe(false);
    expect(stored[0]?.bytes.includes(file.subarray(0, 64))).toBe(false);
    expect(await get(d, sha)).toEqual({ status: 200, bytes: file });

    await t.server.close();
    t = await start({ dataDir: t.dataDir, dbKey: KEY });
    d = new Device(t.server.url, 'laptop-admin');
    await d.login('admin');
    expect(await get(d, sha)).toEqual({ status: 200, bytes: file });
  });

  it('refuses to serve a sealed file that was altered on disk', async () => {
    t = await start({ dbKey: KEY });
    await createUser(t.server, 'admin', 'admin');
    const d = new Device(t.server.url, 'laptop-admin');
    await d.login('admin');
    const file = photo(100_000);
    const sha = sha256(file);
    expect((await put(d, sha, 0, file.length, file)).status).toBe(200);
    const [stored] = await backend.current.stored(t.dataDir);
    if (!stored) throw new Error('no stored file');
    stored.bytes[5_000] = (stored.bytes[5_000] ?? 0) ^ 1;
    await backend.current.write(t.dataDir, stored.name, stored.bytes);
    const answer = await get(d, sha).catch(() => null);
    expect(answer?.bytes.equals(file) ?? false).toBe(false);
  });

  it('keeps files stored plain before the server had a key readable after it gets one; new ones are sealed', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'census-seal-'));
    dirs.push(dataDir);
    t = await start({ dataDir, dbKey: '' });
    await createUser(t.server, 'admin', 'admin');
    let d = new Device(t.server.url, 'laptop-admin');
    await d.login('admin');
    const old = photo(50_000);
    expect((await put(d, sha256(old), 0, old.length, old)).status).toBe(200);
    await t.server.close();

    // The bureau encrypts server.db and sets the key.
    const db = new Database(serverDbPath(dataDir));
    db.pragma('journal_mode = DELETE');
    db.pragma("cipher = 'sqlcipher'");
    db.pragma('legacy = 4');
    db.pragma(`rekey = "x'${KEY}'"`);
    db.close();

    t = await start({ dataDir, dbKey: KEY });
    d = new Device(t.server.url, 'laptop-admin');
    await d.login('admin');
    expect(await get(d, sha256(old))).toEqual({ status: 200, bytes: old });
    const fresh = photo(50_000);
    expect((await put(d, sha256(fresh), 0, fresh.length, fresh)).status).toBe(200);
    expect(await get(d, sha256(fresh))).toEqual({ status: 200, bytes: fresh });
    const onDisk = await backend.current.stored(dataDir);
    expect(onDisk.map((f) => path.basename(f.name)).sort()).toEqual([sha256(old), `${sha256(fresh)}.sealed`].sort());
    expect(onDisk.find((f) => f.name.endsWith('.sealed'))?.bytes.includes(MARKER)).toBe(false);
  });
});
