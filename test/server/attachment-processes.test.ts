import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type AttachmentStoreOptions, openAttachmentStore } from '@server/attachments/open';
import { folderLock } from '@server/attachments/lock';
import { databaseUrlOf, dropDatabaseOf } from '../helpers/test-database';
import type { AttachmentStore } from '@server/attachments/store';
import { type RunningServer, startServer } from '@server/index';
import { serverAttachmentKey } from '@shared/node/seal';
import { backendNames, withAttachmentBackend } from './attachment-backends';
import { AREA_A, createUser, Device, sha256 } from './helpers';

// Several server processes behind one address share the attachment store, the database and a
// lock (here two startServer instances sharing nothing else: one data folder, so one server.db
// opened twice, as processes on one machine would; the store; a lock folder). A laptop's chunks
// may land on any of them: the upload state lives in the store, so it resumes wherever the next
// chunk lands, and two processes taking the same chunk at once accept it once.

const KEY = 'b0a710ad'.repeat(8);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The store on a slow shared volume: reading the received length takes `ms` (widens the race). */
function slowed(store: AttachmentStore, ms: number): AttachmentStore {
  return new Proxy(store, {
    get(target, prop) {
      if (prop === 'partialStatus') {
        return async (userId: string, sha: string) => {
          const status = await target.partialStatus(userId, sha);
          await sleep(ms);
          return status;
        };
      }
      const value: unknown = Reflect.get(target, prop);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

let servers: RunningServer[] = [];
let dataDir = '';
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
  await dropDatabaseOf(dataDir);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe.each(backendNames)('one upload across two server processes (%s store)', (store) => {
  const backend = withAttachmentBackend(store);

  /**
   * Two servers on one data folder and one store, each with its own store client and the folder
   * lock; in the 'postgres' run, on one database, with the database's advisory lock instead.
   */
  async function twoServers(o: { dbKey?: string; slowMs?: number } = {}): Promise<[RunningServer, RunningServer]> {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'census-two-'));
    const lockDir = path.join(dataDir, 'locks');
    const database = await databaseUrlOf(dataDir);
    const base: AttachmentStoreOptions = backend.current.options.attachments ?? { kind: 'folder' };
    for (let i = 0; i < 2; i++) {
      const { files } = await openAttachmentStore(base, { dataDir, key: o.dbKey ? serverAttachmentKey(o.dbKey) : null, log: () => {} });
      const given = { kind: 'given' as const, store: o.slowMs ? slowed(files, o.slowMs) : files };
      servers.push(
        await startServer({
          port: 0,
          log: () => {},
          dataDir,
          ...(o.dbKey ? { dbKey: o.dbKey } : { dbKey: '' }),
          ...(database !== undefined ? { database, attachments: given } : { attachments: { ...given, lock: folderLock(lockDir) } }),
        }),
      );
    }
    await createUser(servers[0]!, 'wang', 'enumerator', [AREA_A]);
    return [servers[0]!, servers[1]!];
  }

  const put = async (s: RunningServer, token: string, sha: string, offset: number, size: number, chunk: Buffer) => {
    const res = await fetch(`${s.url}/attachments/${sha}?offset=${offset}&size=${size}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
      body: chunk,
    });
    const body = (await res.json()) as { received?: number; isComplete?: boolean; error?: { code: string } };
    return { status: res.status, body, offset: Number(res.headers.get('upload-offset')) };
  };
  const head = async (s: RunningServer, token: string, sha: string) => {
    const res = await fetch(`${s.url}/attachments/${sha}`, { method: 'HEAD', headers: { authorization: `Bearer ${token}` } });
    return { offset: Number(res.headers.get('upload-offset')), isComplete: res.headers.get('x-attachment-complete') === '1' };
  };
  /** The status, and whether the body is `file` (Buffer.equals: a deep toEqual of a megabyte takes seconds). */
  const get = async (s: RunningServer, token: string, sha: string, file: Buffer) => {
    const res = await fetch(`${s.url}/attachments/${sha}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, isSame: Buffer.from(await res.arrayBuffer()).equals(file) };
  };

  it.each([
    ['plain', undefined],
    ['sealed', KEY],
  ])('completes a %s upload whose chunks land on alternate processes, and both read it back', async (_kind, dbKey) => {
    const [a, b] = await twoServers(dbKey ? { dbKey } : {});
    const laptop = new Device(a.url, 'laptop-0001');
    await laptop.login('wang');
    const token = laptop.token;
    const file = randomBytes(1_000_000);
    const sha = sha256(file);
    const step = 128 * 1024;
    for (let offset = 0, i = 0; offset < file.length; offset += step, i++) {
      const [here, there] = i % 2 === 0 ? [a, b] : [b, a];
      // The other process knows how far the upload got: nothing of it is held in a process.
      expect(await head(there, token, sha)).toEqual({ offset, isComplete: false });
      const answer = await put(here, token, sha, offset, file.length, file.subarray(offset, offset + step));
      expect(answer.status).toBe(200);
      expect(answer.body.received).toBe(Math.min(file.length, offset + step));
    }
    expect(await head(a, token, sha)).toEqual({ offset: file.length, isComplete: true });
    expect(await get(a, token, sha, file)).toEqual({ status: 200, isSame: true });
    expect(await get(b, token, sha, file)).toEqual({ status: 200, isSame: true });
    expect((await backend.current.stored(dataDir)).map((s) => s.name).filter((n) => !n.startsWith('locks/'))).toEqual([
      `${sha.slice(0, 2)}/${sha.slice(2, 4)}/${sha}${dbKey ? '.sealed' : ''}`,
    ]);
  });

  it('accepts a chunk sent to both processes at once exactly once: the other answers OFFSET_MISMATCH', async () => {
    const [a, b] = await twoServers({ slowMs: 150 });
    const laptop = new Device(a.url, 'laptop-0001');
    await laptop.login('wang');
    const token = laptop.token;
    const file = randomBytes(300_000);
    const sha = sha256(file);
    for (const offset of [0, 100_000]) {
      const chunk = file.subarray(offset, offset + 100_000);
      const answers = await Promise.all([put(a, token, sha, offset, file.length, chunk), put(b, token, sha, offset, file.length, chunk)]);
      expect(answers.map((x) => x.status).sort()).toEqual([200, 409]);
      const refused = answers.find((x) => x.status === 409);
      expect(refused?.body.error?.code).toBe('OFFSET_MISMATCH');
      expect(refused?.offset).toBe(offset + 100_000);
      expect(await head(b, token, sha)).toEqual({ offset: offset + 100_000, isComplete: false });
    }
    const last = await put(b, token, sha, 200_000, file.length, file.subarray(200_000));
    expect(last.body).toMatchObject({ received: 300_000, isComplete: true });
    expect(await get(a, token, sha, file)).toEqual({ status: 200, isSame: true });
  });
});
