import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backendNames, withAttachmentBackend } from './attachment-backends';
import { AREA_A, createUser, Device, sha256, startTestServer, type TestServer } from './helpers';

describe.each(backendNames)('attachments: resumable chunked upload by SHA-256 (%s store)', (store) => {
  const backend = withAttachmentBackend(store);
  let t: TestServer;
  let d: Device;
  beforeEach(async () => {
    t = await startTestServer(backend.current.options);
    await createUser(t.server, 'wang', 'enumerator', [AREA_A]);
    d = new Device(t.server.url, 'laptop-0001');
    await d.login('wang');
  });
  afterEach(async () => t.dispose());

  const put = (sha: string, offset: number, size: number, chunk: Buffer) =>
    fetch(`${t.server.url}/attachments/${sha}?offset=${offset}&size=${size}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${d.token}`, 'content-type': 'application/octet-stream' },
      body: chunk,
    });
  const head = async (sha: string) => {
    const res = await fetch(`${t.server.url}/attachments/${sha}`, { method: 'HEAD', headers: { authorization: `Bearer ${d.token}` } });
    return { status: res.status, offset: Number(res.headers.get('upload-offset')), isComplete: res.headers.get('x-attachment-complete') === '1' };
  };

  it('resumes from the offset HEAD reports, verifies the hash and stores the file under ab/cd/<sha>', async () => {
    const file = randomBytes(300_000);
    const sha = sha256(file);
    expect(await head(sha)).toEqual({ status: 200, offset: 0, isComplete: false });
    expect((await put(sha, 0, file.length, file.subarray(0, 100_000))).status).toBe(200);
    // The connection "dropped"; the client asks where to continue.
    expect(await head(sha)).toMatchObject({ offset: 100_000, isComplete: false });
    const wrong = await put(sha, 50_000, file.length, file.subarray(50_000, 150_000));
    expect(wrong.status).toBe(409);
    expect(wrong.headers.get('upload-offset')).toBe('100000');
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe('OFFSET_MISMATCH');
    await put(sha, 100_000, file.length, file.subarray(100_000, 200_000));
    // A server restart between chunks loses nothing.
    await t.server.close();
    t = await startTestServer({ ...backend.current.options, dataDir: t.dataDir });
    d = new Device(t.server.url, 'laptop-0001');
    await d.login('wang');
    expect(await head(sha)).toMatchObject({ offset: 200_000, isComplete: false });
    const last = await put(sha, 200_000, file.length, file.subarray(200_000));
    expect(await last.json()).toMatchObject({ sha256: sha, received: 300_000, isComplete: true });
    const stored = await backend.current.stored(t.dataDir);
    expect(stored.map((s) => s.name)).toEqual([`${sha.slice(0, 2)}/${sha.slice(2, 4)}/${sha}`]);
    expect(stored[0]?.bytes.equals(file)).toBe(true);
    expect(await head(sha)).toMatchObject({ offset: 300_000, isComplete: true });
    const back = await fetch(`${t.server.url}/attachments/${sha}`, { headers: { authorization: `Bearer ${d.token}` } });
    expect(Buffer.from(await back.arrayBuffer()).equals(file)).toBe(true);
    // Uploading a complete file again is a no-op that says so.
    expect(await (await put(sha, 0, file.length, file.subarray(0, 10))).json()).toMatchObject({ isComplete: true });
  });

  it('discards bytes that do not hash to the name with HASH_MISMATCH, so the upload can start over', async () => {
    const file = randomBytes(1000);
    const sha = sha256(Buffer.from('something else'));
    const answer = await put(sha, 0, file.length, file);
    expect(answer.status).toBe(422);
    expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('HASH_MISMATCH');
    expect(await head(sha)).toMatchObject({ offset: 0, isComplete: false });
  });

  it('refuses a chunk running past the declared size and a name that is not a sha256', async () => {
    const file = randomBytes(100);
    expect((await put(sha256(file), 0, 50, file)).status).toBe(400);
    expect((await put('not-a-hash', 0, 100, file)).status).toBe(404);
  });
});
