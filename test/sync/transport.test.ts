import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { httpTransport } from '@main/sync/transport';

// The engine's HTTP over node:http: what it must hand the client (decoded body, wire bytes,
// lower-case headers) and what it must refuse (cut answers, redirects, silence).

let server: http.Server | null = null;

async function serve(handler: http.RequestListener): Promise<string> {
  server = http.createServer(handler);
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  const s = server;
  server = null;
  if (!s) return;
  s.closeAllConnections();
  await new Promise((resolve) => s.close(resolve));
});

describe('httpTransport', () => {
  it('sends method, headers and body, and hands back a gzipped answer decoded with its wire size', async () => {
    const answer = Buffer.from(JSON.stringify({ changes: Array.from({ length: 500 }, (_, i) => ({ i, name: '单位' })) }));
    const zipped = gzipSync(answer);
    let seen: { method?: string; type?: string; accept?: string; body: string } = { body: '' };
    const base = await serve((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString();
        seen = { method: req.method, type: req.headers['content-type'], accept: req.headers['accept-encoding'], body };
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'X-Server-Time': 'now' });
        res.end(zipped);
      });
    });
    const res = await httpTransport()({
      method: 'POST',
      url: `${base}/sync/pull`,
      headers: { 'content-type': 'application/json' },
      body: Buffer.from('{"cursor":0}'),
    });
    expect(seen).toEqual({ method: 'POST', type: 'application/json', accept: 'gzip', body: '{"cursor":0}' });
    expect(res.status).toBe(200);
    expect(Buffer.from(res.body).equals(answer)).toBe(true);
    expect(res.wireBytes).toBe(zipped.length);
    expect(res.headers['x-server-time']).toBe('now');
  });

  it('hands back an error status with its body, unzipped answers as they are', async () => {
    const base = await serve((_req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end('{"error":{"code":"UNAUTHORIZED"}}');
    });
    const res = await httpTransport()({ method: 'GET', url: `${base}/x`, headers: {} });
    expect(res.status).toBe(401);
    expect(Buffer.from(res.body).toString()).toBe('{"error":{"code":"UNAUTHORIZED"}}');
  });

  it('rejects an answer cut off before its announced length', async () => {
    const base = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': '1000' });
      res.write('{"changes":[');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    await expect(httpTransport()({ method: 'GET', url: `${base}/x`, headers: {} })).rejects.toThrow();
  });

  it('rejects a gzip answer that does not unzip', async () => {
    const base = await serve((_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip' });
      res.end('not gzip at all');
    });
    await expect(httpTransport()({ method: 'GET', url: `${base}/x`, headers: {} })).rejects.toThrow(/gzip/);
  });

  it('refuses to follow a redirect', async () => {
    const base = await serve((_req, res) => {
      res.writeHead(302, { location: 'http://elsewhere.example/' });
      res.end();
    });
    await expect(httpTransport()({ method: 'GET', url: `${base}/x`, headers: {} })).rejects.toThrow(/redirect/);
  });

  it('gives up on a server that never answers', async () => {
    const base = await serve(() => undefined);
    await expect(httpTransport(200)({ method: 'GET', url: `${base}/x`, headers: {} })).rejects.toThrow(/timed out/);
  });

  it('rejects when nothing listens', async () => {
    const base = await serve(() => undefined);
    const s = server;
    server = null;
    await new Promise((resolve) => s?.close(resolve));
    await expect(httpTransport()({ method: 'GET', url: `${base}/x`, headers: {} })).rejects.toThrow();
  });

  it('reuses its connection for requests one after another', async () => {
    const ports = new Set<number>();
    const base = await serve((req, res) => {
      ports.add(req.socket.remotePort ?? 0);
      res.end('{}');
    });
    const transport = httpTransport();
    for (let i = 0; i < 3; i++) await transport({ method: 'GET', url: `${base}/x`, headers: {} });
    expect(ports.size).toBe(1);
  });
});
