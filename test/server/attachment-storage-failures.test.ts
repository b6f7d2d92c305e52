import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http, { type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { StartServerOptions } from '@server/index';
import { type LocalS3, S3_BUCKET, S3_CREDENTIALS, s3Backend, startLocalS3 } from './attachment-backends';
import { AREA_A, createUser, Device, sha256, startTestServer, type TestServer } from './helpers';

// The attachment store failing: at start (a wrong address, an unreachable endpoint, a missing
// bucket, refused credentials) the server does not start and says why; mid-upload (the store
// full or over its quota, or unreachable) the chunk is refused with 507 STORAGE_FULL / 503
// STORAGE_UNAVAILABLE, the upload keeps what it had, and it resumes once the store is back.
//
// A full object store is simulated by a loopback proxy in front of s3rver that answers writes
// exactly as MinIO does when its drives are full (507 XMinioStorageFull) or as Ceph RGW does
// over a bucket quota (403 QuotaExceeded), so the SDK parses a real error answer.

let s3: LocalS3;
beforeAll(async () => {
  s3 = await startLocalS3();
});
afterAll(async () => s3.stop());

let t: TestServer | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await t?.dispose();
  t = undefined;
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  vi.restoreAllMocks();
});

const s3Options = (over: Record<string, unknown>): Partial<StartServerOptions> => ({
  attachments: { kind: 's3', url: `s3://${S3_BUCKET}/start`, endpoint: s3.endpoint, forcePathStyle: true, credentials: S3_CREDENTIALS, ...over },
});

async function startFails(opts: Partial<StartServerOptions>): Promise<string> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'census-s3-start-'));
  dirs.push(dataDir);
  const started = await startTestServer({ ...opts, dataDir }).then(
    async (running) => {
      await running.server.close();
      return null;
    },
    (e: unknown) => (e instanceof Error ? e.message : String(e)),
  );
  if (started === null) throw new Error('the server started');
  return started;
}

async function closedPort(): Promise<number> {
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('an object store that cannot be used at start', () => {
  it('stops the server with a message that says what is wrong', async () => {
    expect(await startFails(s3Options({ url: 's3://Not_A_Bucket/x' }))).toMatch(/not an object store address: s3:\/\/Not_A_Bucket/);
    expect(await startFails(s3Options({ endpoint: 'localhost:9000' }))).toMatch(/must be an address such as http:\/\/10\.0\.0\.5:9000, not "localhost:9000"/);
    const port = await closedPort();
    expect(await startFails(s3Options({ endpoint: `http://127.0.0.1:${port}` }))).toMatch(
      new RegExp(`cannot reach the object store at http://127.0.0.1:${port}.*AWS_ENDPOINT_URL`),
    );
    expect(await startFails(s3Options({ url: 's3://no-such-bucket/x' }))).toMatch(/the bucket "no-such-bucket" does not exist at http:\/\/127\.0\.0\.1/);
    // s3rver checks the access key id, not a V4 signature: an unknown key stands for wrong credentials.
    expect(await startFails(s3Options({ credentials: { accessKeyId: 'SOMEONE-ELSE', secretAccessKey: 'wrong' } }))).toMatch(
      /refused our credentials for the bucket "census-attachments" \(HTTP 403\): check AWS_ACCESS_KEY_ID/,
    );
  });
});

/** A proxy to s3rver that refuses or drops the requests `verdict` picks. */
async function startProxy(target: string) {
  const state: { verdict: (req: IncomingMessage) => 'pass' | 'drop' | { status: number; code: string; message: string } } = { verdict: () => 'pass' };
  const server = http.createServer((req, res) => {
    const verdict = state.verdict(req);
    if (verdict === 'drop') {
      req.socket.destroy();
      return;
    }
    if (verdict !== 'pass') {
      req.resume();
      req.on('end', () => {
        res.writeHead(verdict.status, { 'content-type': 'application/xml' });
        res.end(
          `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${verdict.code}</Code><Message>${verdict.message}</Message>` +
            `<Resource>${req.url}</Resource><RequestId>17A0000000000000</RequestId><HostId>h</HostId></Error>`,
        );
      });
      return;
    }
    const upstream = http.request(`${target}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const put = async (d: Device, sha: string, offset: number, size: number, chunk: Buffer) => {
  const res = await fetch(`${t!.server.url}/attachments/${sha}?offset=${offset}&size=${size}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${d.token}`, 'content-type': 'application/octet-stream' },
    body: chunk,
  });
  const body = (await res.json()) as { received?: number; isComplete?: boolean; error?: { code: string; message: string; retryAfterSeconds?: number } };
  return { status: res.status, body, offset: res.headers.get('upload-offset') };
};
const head = async (d: Device, sha: string) => {
  const res = await fetch(`${t!.server.url}/attachments/${sha}`, { method: 'HEAD', headers: { authorization: `Bearer ${d.token}` } });
  return { status: res.status, offset: res.headers.get('upload-offset'), complete: res.headers.get('x-attachment-complete') };
};
const isSame = async (d: Device, sha: string, file: Buffer) => {
  const res = await fetch(`${t!.server.url}/attachments/${sha}`, { headers: { authorization: `Bearer ${d.token}` } });
  return res.status === 200 && Buffer.from(await res.arrayBuffer()).equals(file);
};

describe.each([
  ['MinIO, drives full', 507, 'XMinioStorageFull', 'Storage backend has reached its minimum free drive threshold. Please delete a few objects to proceed.'],
  ['Ceph RGW, bucket quota', 403, 'QuotaExceeded', 'QuotaExceeded'],
])('an object store that refuses writes mid-upload (%s)', (_store, status, code, message) => {
  it('refuses the chunk with 507 STORAGE_FULL, keeps what the upload had, and lets it resume and complete later', async () => {
    const proxy = await startProxy(s3.endpoint);
    try {
      const backend = s3Backend({ ...s3, endpoint: proxy.url });
      t = await startTestServer(backend.options);
      await createUser(t.server, 'wang', 'enumerator', [AREA_A]);
      const d = new Device(t.server.url, 'laptop-0001');
      await d.login('wang');
      const file = randomBytes(300_000);
      const sha = sha256(file);
      const full = { status, code, message };
      expect((await put(d, sha, 0, file.length, file.subarray(0, 100_000))).status).toBe(200);

      proxy.state.verdict = (req) => (req.method === 'PUT' ? full : 'pass');
      const refused = await put(d, sha, 100_000, file.length, file.subarray(100_000, 200_000));
      expect(refused.status).toBe(507);
      expect(refused.body.error).toMatchObject({ code: 'STORAGE_FULL', retryAfterSeconds: 3600 });
      expect(refused.body.error?.message).toMatch(/attachment storage is full; your upload keeps its 100000 bytes/);
      expect(refused.offset).toBe('100000');
      // Reads still work, and the upload is where it was.
      expect(await head(d, sha)).toEqual({ status: 200, offset: '100000', complete: '0' });
      expect((await backend.stored('')).map((o) => o.name)).toEqual([expect.stringMatching(/^partial\/[^/]+\/[0-9a-f]{64}\/0{15}-0{9}100000\.part$/)]);

      // Room again; then full only for the finished file (the last chunk is stored, completing is refused).
      proxy.state.verdict = () => 'pass';
      expect((await put(d, sha, 100_000, file.length, file.subarray(100_000, 200_000))).body).toMatchObject({ received: 200_000 });
      proxy.state.verdict = (req) => (req.method === 'PUT' && (req.url ?? '').includes('/staging/') ? full : 'pass');
      const last = await put(d, sha, 200_000, file.length, file.subarray(200_000));
      expect(last.status).toBe(507);
      expect(last.offset).toBe('300000');
      expect(await head(d, sha)).toEqual({ status: 200, offset: '300000', complete: '0' });

      // As the laptop does next time: HEAD says 300000 of 300000, it sends the empty rest, the file completes.
      proxy.state.verdict = () => 'pass';
      expect((await put(d, sha, 300_000, file.length, Buffer.alloc(0))).body).toMatchObject({ received: 300_000, isComplete: true });
      expect(await isSame(d, sha, file)).toBe(true);
      expect((await backend.stored('')).map((o) => o.name)).toEqual([`${sha.slice(0, 2)}/${sha.slice(2, 4)}/${sha}`]);
    } finally {
      await proxy.close();
    }
  });
});

describe('an object store that goes away mid-upload', () => {
  it('answers 503 STORAGE_UNAVAILABLE and resumes when it is back', async () => {
    const proxy = await startProxy(s3.endpoint);
    try {
      t = await startTestServer(s3Backend({ ...s3, endpoint: proxy.url }).options);
      await createUser(t.server, 'wang', 'enumerator', [AREA_A]);
      const d = new Device(t.server.url, 'laptop-0001');
      await d.login('wang');
      const file = randomBytes(200_000);
      const sha = sha256(file);
      expect((await put(d, sha, 0, file.length, file.subarray(0, 100_000))).status).toBe(200);
      proxy.state.verdict = () => 'drop';
      const refused = await put(d, sha, 100_000, file.length, file.subarray(100_000));
      expect(refused.status).toBe(503);
      expect(refused.body.error).toMatchObject({ code: 'STORAGE_UNAVAILABLE', retryAfterSeconds: 60 });
      expect((await head(d, sha)).status).toBe(503);
      proxy.state.verdict = () => 'pass';
      expect(await head(d, sha)).toEqual({ status: 200, offset: '100000', complete: '0' });
      expect((await put(d, sha, 100_000, file.length, file.subarray(100_000))).body).toMatchObject({ isComplete: true });
      expect(await isSame(d, sha, file)).toBe(true);
    } finally {
      await proxy.close();
    }
  });
});

describe('a full disk under the attachment folder', () => {
  it('refuses the chunk with 507 STORAGE_FULL and cuts the partial back to what it had', async () => {
    t = await startTestServer();
    await createUser(t.server, 'wang', 'enumerator', [AREA_A]);
    const d = new Device(t.server.url, 'laptop-0001');
    await d.login('wang');
    const file = randomBytes(300_000);
    const sha = sha256(file);
    expect((await put(d, sha, 0, file.length, file.subarray(0, 100_000))).status).toBe(200);
    // The disk fills half-way through the next write.
    const append = fs.appendFileSync;
    vi.spyOn(fs, 'appendFileSync').mockImplementationOnce((file, data) => {
      append(file, (data as Buffer).subarray(0, 40_000));
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    });
    const refused = await put(d, sha, 100_000, file.length, file.subarray(100_000, 200_000));
    expect(refused.status).toBe(507);
    expect(refused.body.error?.code).toBe('STORAGE_FULL');
    expect(await head(d, sha)).toEqual({ status: 200, offset: '100000', complete: '0' });
    expect((await put(d, sha, 100_000, file.length, file.subarray(100_000))).body).toMatchObject({ isComplete: true });
    expect(await isSame(d, sha, file)).toBe(true);
  });
});
