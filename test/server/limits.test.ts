import net from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { AREA_A, call, createUser, Device, startTestServer, type TestServer } from './helpers';

// What a request may cost the server before anyone is authenticated: bodies of login, refresh
// and logout are capped at a few KB; unauthenticated requests in flight are capped; a body over
// any cap is answered 413 with Connection: close and the socket is closed, never drained.

let t: TestServer;
afterEach(async () => t.dispose());

interface RawAnswer {
  head: string;
  status: number;
  /** Bytes of body this client managed to write before the server closed the connection. */
  written: number;
  isClosedByServer: boolean;
}

/**
 * Sends a request with a chunked body of up to `maxBytes` (64 KB chunks, written as fast as the
 * socket takes them) on a raw socket, and reads the answer until the server closes the socket
 * or `timeoutMs` passes.
 */
function rawChunkedPost(url: string, path: string, headers: Record<string, string>, maxBytes: number, timeoutMs = 10_000): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: hostname, port: Number(port) });
    let received = '';
    let written = 0;
    let isClosed = false;
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const finish = (isClosedByServer: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      const head = received.split('\r\n\r\n')[0] ?? '';
      resolve({ head, status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), written, isClosedByServer });
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.on('data', (d) => (received += d.toString('latin1')));
    socket.on('end', () => {
      isClosed = true;
      finish(true);
    });
    socket.on('error', () => {
      // A reset after the answer is a close too.
      isClosed = true;
      finish(true);
    });
    socket.on('connect', () => {
      const lines = [`POST ${path} HTTP/1.1`, `Host: ${hostname}:${port}`, 'Transfer-Encoding: chunked', 'Content-Type: application/json'];
      for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
      const pump = () => {
        while (!isClosed && written < maxBytes) {
          written += chunk.length;
          const ok = socket.write(`${chunk.length.toString(16)}\r\n`) && socket.write(chunk) && socket.write('\r\n');
          if (!ok) {
            socket.once('drain', pump);
            return;
          }
        }
      };
      pump();
    });
    socket.on('close', () => {
      if (!isClosed) reject(new Error('closed without end'));
    });
  });
}

describe('bodies over the cap', () => {
  it('an over-limit chunked push gets 413 with Connection: close and the socket is closed, not drained', async () => {
    t = await startTestServer({ maxBodyBytes: 256 * 1024 });
    await createUser(t.server, 'wang', 'enumerator', [AREA_A]);
    const d = new Device(t.server.url, 'laptop-0001');
    await d.login('wang');
    const answer = await rawChunkedPost(t.server.url, '/sync/push', { Authorization: `Bearer ${d.token}` }, 512 * 1024 * 1024);
    expect(answer.status).toBe(413);
    expect(answer.head.toLowerCase()).toContain('connection: close');
    expect(answer.isClosedByServer).toBe(true);
    // The client could not push anywhere near its 512 MB before the server hung up.
    expect(answer.written).toBeLessThan(64 * 1024 * 1024);
  });

  it('the same for an over-limit gzip body (counted after decompression)', async () => {
    t = await startTestServer({ maxBodyBytes: 256 * 1024 });
    await createUser(t.server, 'wang', 'enumerator', [AREA_A]);
    const d = new Device(t.server.url, 'laptop-0001');
    await d.login('wang');
    // A small zip bomb: 4 MB of zeros in a few KB, sent whole with a Content-Length.
    const bomb = gzipSync(Buffer.alloc(4 * 1024 * 1024));
    const res = await fetch(`${t.server.url}/sync/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${d.token}`, 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: bomb,
    });
    expect(res.status).toBe(413);
    expect(res.headers.get('connection')).toBe('close');
  });
});

describe('unauthenticated requests', () => {
  it('login, refresh and logout bodies are capped at a few KB', async () => {
    t = await startTestServer();
    const padding = 'x'.repeat(8 * 1024);
    for (const path of ['/auth/login', '/auth/refresh', '/auth/logout']) {
      const a = await call(t.server.url, 'POST', path, { refreshToken: 'crt_x', padding });
      expect(a.status, path).toBe(413);
      expect(a.body).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
    }
    // Gzip does not get around it: the cap counts bytes after decompression.
    const gz = await call(t.server.url, 'POST', '/auth/login', { username: 'wang', password: padding, deviceId: 'laptop-0001' }, { isGzipped: true });
    expect(gz.status).toBe(413);
    // An 8 MB chunked login is refused long before 8 MB.
    const raw = await rawChunkedPost(t.server.url, '/auth/login', {}, 8 * 1024 * 1024);
    expect(raw.status).toBe(413);
    expect(raw.isClosedByServer).toBe(true);
  });

  it('beyond the cap of unauthenticated requests in flight, answers 503 SERVER_BUSY with Retry-After; logins and refreshes apart', async () => {
    t = await startTestServer({ maxPublicConcurrent: 4 });
    await createUser(t.server, 'wang', 'enumerator', [AREA_A]);
    const d = new Device(t.server.url, 'laptop-0001');
    await d.login('wang');
    // Four slow logins hold the four places of the login pool: their bodies never finish arriving.
    const sockets = await Promise.all(Array.from({ length: 4 }, () => openSlowPost(t.server.url, '/auth/login')));
    try {
      const refused = await new Device(t.server.url, 'laptop-0002').login('wang');
      expect(refused.status).toBe(503);
      expect(refused.body).toMatchObject({ error: { code: 'SERVER_BUSY' } });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      // A login flood leaves refreshes alone, and authenticated work is not counted at all.
      const refreshed = await call(t.server.url, 'POST', '/auth/refresh', { refreshToken: d.tokens?.refreshToken });
      expect(refreshed.status).toBe(200);
      expect((await call(t.server.url, 'POST', '/sync/pull', { protocol: 1, cursor: 0 }, { token: String(refreshed.body.accessToken) })).status).toBe(200);
      // Refreshes have their own pool.
      sockets.push(...(await Promise.all(Array.from({ length: 4 }, () => openSlowPost(t.server.url, '/auth/refresh')))));
      expect((await call(t.server.url, 'POST', '/auth/refresh', { refreshToken: 'crt_x' })).status).toBe(503);
      // A place frees up: logins go through again.
      for (const s of sockets.splice(0, 1)) s.destroy();
      await waitUntil(async () => (await d.login('wang')).status === 200);
    } finally {
      for (const s of sockets) s.destroy();
    }
  });
});

/** A POST whose headers arrived and whose body never finishes. */
function openSlowPost(url: string, path: string): Promise<net.Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: hostname, port: Number(port) }, () => {
      socket.write(`POST ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"user`);
      // Give the server a moment to start the handler.
      setTimeout(() => resolve(socket), 100);
    });
    socket.on('error', reject);
  });
}

async function waitUntil(check: () => Promise<boolean>, tries = 50): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not met');
}
