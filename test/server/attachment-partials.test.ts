import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { StartServerOptions } from '@server/index';
import { backendNames, withAttachmentBackend } from './attachment-backends';
import { AREA_A, createUser, Device, sha256, startTestServer, type TestServer } from './helpers';

// Unfinished uploads belong to whoever started them: another user cannot append to one or
// destroy it (each uploader has a partial of their own). Abandoned ones expire (a week by
// default, swept at start and periodically), and each user may hold only so many unfinished
// uploads and bytes (429 TOO_MANY_UPLOADS, 413 UPLOAD_QUOTA).

let t: TestServer | undefined;
afterEach(async () => {
  await t?.dispose();
  t = undefined;
});

async function put(d: Device, sha: string, offset: number, size: number, chunk: Buffer) {
  const res = await fetch(`${t!.server.url}/attachments/${sha}?offset=${offset}&size=${size}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${d.token}`, 'content-type': 'application/octet-stream' },
    body: chunk,
  });
  const body = (await res.json()) as { received?: number; isComplete?: boolean; error?: { code: string; message: string } };
  return { status: res.status, body, offset: res.headers.get('upload-offset') };
}

async function offsetOf(d: Device, sha: string): Promise<number> {
  const res = await fetch(`${t!.server.url}/attachments/${sha}`, { method: 'HEAD', headers: { authorization: `Bearer ${d.token}` } });
  return Number(res.headers.get('upload-offset'));
}

describe.each(backendNames)('an unfinished upload (%s store)', (store) => {
  const backend = withAttachmentBackend(store);
  const start = (opts: Partial<StartServerOptions> = {}) => startTestServer({ ...backend.current.options, ...opts });

  async function serverWith(opts: Partial<StartServerOptions> = {}): Promise<{ wang: Device; zhao: Device }> {
    t = await start(opts);
    await createUser(t.server, 'wang', 'enumerator', [AREA_A]);
    await createUser(t.server, 'zhao', 'enumerator', [AREA_A]);
    const wang = new Device(t.server.url, 'laptop-wang');
    const zhao = new Device(t.server.url, 'laptop-zhao');
    await wang.login('wang');
    await zhao.login('zhao');
    return { wang, zhao };
  }

  it('cannot be appended to or destroyed by another user', async () => {
    const { wang, zhao } = await serverWith();
    const file = randomBytes(90_000);
    const sha = sha256(file);
    expect((await put(wang, sha, 0, file.length, file.subarray(0, 30_000))).body).toMatchObject({ received: 30_000 });

    // Zhao cannot continue Wang's upload: his own holds nothing yet.
    const append = await put(zhao, sha, 30_000, file.length, file.subarray(30_000, 60_000));
    expect(append.status).toBe(409);
    expect(append.offset).toBe('0');
    // Nor destroy it by completing with wrong bytes: only his own partial is discarded.
    const junk = await put(zhao, sha, 0, file.length, randomBytes(file.length));
    expect(junk.body.error?.code).toBe('HASH_MISMATCH');
    expect(await offsetOf(wang, sha)).toBe(30_000);
    expect(await offsetOf(zhao, sha)).toBe(0);

    expect((await put(wang, sha, 30_000, file.length, file.subarray(30_000))).body).toMatchObject({ received: 90_000, isComplete: true });
    const back = await fetch(`${t!.server.url}/attachments/${sha}`, { headers: { authorization: `Bearer ${wang.token}` } });
    expect(Buffer.from(await back.arrayBuffer()).equals(file)).toBe(true);
  });

  it('expires when abandoned: swept at start and periodically', async () => {
    const { wang } = await serverWith();
    const file = randomBytes(40_000);
    const sha = sha256(file);
    await put(wang, sha, 0, file.length, file.subarray(0, 10_000));
    const dataDir = t!.dataDir;
    // A partial left from before uploads had an owner cannot be resumed by anyone.
    const legacy = `partial/${sha256('legacy')}.part`;
    await backend.current.write(dataDir, legacy, Buffer.from('half a file'));
    expect((await backend.current.stored(dataDir)).map((s) => s.name)).toContain(legacy);

    // Restarted a day later: kept. Eight days later: gone, the legacy one at once.
    await t!.server.close();
    t = await start({ dataDir, now: () => Date.now() + 24 * 3600_000 });
    const later = new Device(t.server.url, 'laptop-wang');
    await later.login('wang');
    expect(await offsetOf(later, sha)).toBe(10_000);
    expect((await backend.current.stored(dataDir)).map((s) => s.name)).not.toContain(legacy);
    await t.server.close();
    t = await start({ dataDir, now: () => Date.now() + 8 * 24 * 3600_000 });
    const week = new Device(t.server.url, 'laptop-wang');
    await week.login('wang');
    expect(await offsetOf(week, sha)).toBe(0);

    // And while running, by the periodic sweep (here every 50 ms, for partials idle 2 s: object
    // stores date objects to the second, so a shorter idle time could take a chunk just written).
    await t.server.close();
    t = await start({ dataDir, partialUploadTtlMs: 2_000, partialSweepIntervalMs: 50 });
    const live = new Device(t.server.url, 'laptop-wang');
    await live.login('wang');
    await put(live, sha, 0, file.length, file.subarray(0, 10_000));
    expect(await offsetOf(live, sha)).toBe(10_000);
    let offset = 10_000;
    for (let i = 0; i < 100 && offset !== 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      offset = await offsetOf(live, sha);
    }
    expect(offset).toBe(0);
  });

  it('counts against a per-user quota of unfinished uploads and their bytes', async () => {
    const { wang, zhao } = await serverWith({ maxPartialsPerUser: 2, maxPartialBytesPerUser: 100_000 });
    const files = [randomBytes(50_000), randomBytes(50_000), randomBytes(50_000)];
    const [a, b, c] = files.map((f) => sha256(f)) as [string, string, string];
    expect((await put(wang, a, 0, 50_000, files[0]!.subarray(0, 10_000))).status).toBe(200);
    expect((await put(wang, b, 0, 50_000, files[1]!.subarray(0, 10_000))).status).toBe(200);
    const third = await put(wang, c, 0, 50_000, files[2]!.subarray(0, 10_000));
    expect(third.status).toBe(429);
    expect(third.body.error?.code).toBe('TOO_MANY_UPLOADS');
    // Another user has a quota of their own; resuming an upload of one's own is not a new one.
    expect((await put(zhao, c, 0, 50_000, files[2]!.subarray(0, 10_000))).status).toBe(200);
    expect((await put(wang, a, 10_000, 50_000, files[0]!.subarray(10_000, 40_000))).status).toBe(200);
    // Bytes: 40,000 + 10,000 held; 60,000 more would pass 100,000.
    const over = await put(wang, b, 10_000, 200_000, randomBytes(60_000));
    expect(over.status).toBe(413);
    expect(over.body.error?.code).toBe('UPLOAD_QUOTA');
    expect(await offsetOf(wang, b)).toBe(10_000);
    // A file larger than the quota could never finish: refused at once.
    const huge = await put(wang, sha256('huge'), 0, 150_000, randomBytes(1_000));
    expect(huge.body.error?.code).toBe('UPLOAD_QUOTA');
    // A finished upload frees its place.
    expect((await put(wang, a, 40_000, 50_000, files[0]!.subarray(40_000))).body).toMatchObject({ isComplete: true });
    expect((await put(wang, c, 0, 50_000, files[2]!.subarray(0, 10_000))).status).toBe(200);
  });
});
