import { randomBytes } from 'node:crypto';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type LocalS3, S3_BUCKET, s3Backend, startLocalS3, withAttachmentBackend } from './attachment-backends';
import { createUser, Device, sha256, startTestServer, type TestServer } from './helpers';

// A district moving its files into a bucket copies the attachment folder as it is (`aws s3 sync
// <data>/attachments/ s3://bucket/prefix/`): the objects get the folder's names and bytes and
// none of the metadata the server writes itself. A server on the bucket reads them, sealed and
// plain, and notes a sealed file's plaintext size on its object the first time it measures it.

const KEY = '5ea1ed00'.repeat(8);

let s3: LocalS3;
beforeAll(async () => {
  s3 = await startLocalS3();
});
afterAll(async () => s3.stop());
let t: TestServer | undefined;
afterEach(async () => {
  await t?.dispose();
  t = undefined;
});

describe('attachment files copied from a folder into a bucket', () => {
  const folder = withAttachmentBackend('folder');

  it('are read as they are, sealed and plain, and a sealed one gets its size noted once', async () => {
    const sealed = randomBytes(90_000);
    const plain = randomBytes(70_000);
    const [s, p] = [sha256(sealed), sha256(plain)];
    t = await startTestServer({ dbKey: KEY });
    await createUser(t.server, 'admin', 'admin');
    let d = new Device(t.server.url, 'laptop-admin');
    await d.login('admin');
    const put = (sha: string, bytes: Buffer) =>
      fetch(`${t!.server.url}/attachments/${sha}?offset=0&size=${bytes.length}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${d.token}`, 'content-type': 'application/octet-stream' },
        body: bytes,
      });
    expect((await put(s, sealed)).status).toBe(200);
    // A file stored before the server had a key: plain, at its name.
    await folder.current.write(t.dataDir, `${p.slice(0, 2)}/${p.slice(2, 4)}/${p}`, plain);
    await t.server.close();

    // aws s3 sync: the same names and bytes, no metadata.
    const bucket = s3Backend(s3, 'moved');
    for (const file of await folder.current.stored(t.dataDir)) await bucket.write(t.dataDir, file.name, file.bytes);
    t = await startTestServer({ ...bucket.options, dataDir: t.dataDir, dbKey: KEY });
    d = new Device(t.server.url, 'laptop-admin');
    await d.login('admin');
    const head = async (sha: string) => {
      const res = await fetch(`${t!.server.url}/attachments/${sha}`, { method: 'HEAD', headers: { authorization: `Bearer ${d.token}` } });
      return { offset: res.headers.get('upload-offset'), complete: res.headers.get('x-attachment-complete') };
    };
    const get = async (sha: string, bytes: Buffer) => {
      const res = await fetch(`${t!.server.url}/attachments/${sha}`, { headers: { authorization: `Bearer ${d.token}` } });
      return res.status === 200 && Buffer.from(await res.arrayBuffer()).equals(bytes);
    };
    const sealedKey = `moved/${s.slice(0, 2)}/${s.slice(2, 4)}/${s}.sealed`;
    const noted = async () => (await s3.client.send(new HeadObjectCommand({ Bucket: S3_BUCKET, Key: sealedKey }))).Metadata?.['plain-size'];

    expect(await noted()).toBeUndefined();
    expect(await head(s)).toEqual({ offset: '90000', complete: '1' });
    expect(await noted()).toBe('90000');
    expect(await get(s, sealed)).toBe(true);
    // The plain file has no record in server.db yet: re-uploading finds it complete and records it.
    expect(await head(p)).toEqual({ offset: '70000', complete: '1' });
    expect(await (await put(p, plain)).json()).toMatchObject({ isComplete: true });
    expect(await get(p, plain)).toBe(true);
  });
});
