import http from 'node:http';
import https from 'node:https';
import { gunzip } from 'node:zlib';

// The engine talks HTTP through this one function, so tests can cut, drop, duplicate and
// reorder traffic (test/sync/faults.ts) and the engine never knows the difference.

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'HEAD';
  url: string;
  headers: Record<string, string>;
  body?: Uint8Array;
}

export interface HttpResponse {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: Uint8Array;
  /** Bytes as they crossed the wire (compressed), for the log and the benchmark. */
  wireBytes: number;
}

/** Throws (any error) when no HTTP answer arrived: refused, reset, timed out, cut mid-body. */
export type Transport = (request: HttpRequest) => Promise<HttpResponse>;

export const DEFAULT_TIMEOUT_MS = 60_000;

interface Received {
  status: number;
  headers: Record<string, string>;
  raw: Buffer;
}

/** A kept-alive connection the server closed while idle fails at once; such a request is sent again. */
class StaleConnection extends Error {}

/**
 * The real network, through Node's http/https with a kept-alive connection. Not fetch: a
 * snapshot page of 6,000 units is ~13 MB of JSON, and undici's web streams cost ~100 ms of
 * main-thread time to hand it over, while here the socket's chunks are collected as they come
 * (even between the SQLite transactions of the pages before) and gzip is undone on libuv's
 * thread pool. Redirects are not followed: a sync server that answers 3xx is misconfigured.
 */
export function httpTransport(timeoutMs = DEFAULT_TIMEOUT_MS): Transport {
  const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
  return async (request) => {
    const deadline = Date.now() + timeoutMs;
    let received: Received;
    try {
      received = await exchange(request, agents, deadline);
    } catch (e) {
      if (!(e instanceof StaleConnection)) throw e;
      received = await exchange(request, agents, deadline);
    }
    const { status, headers, raw } = received;
    if (status >= 300 && status < 400) throw new Error(`HTTP ${status}: redirect refused (${headers.location ?? 'no location'})`);
    const encoding = (headers['content-encoding'] ?? 'identity').trim().toLowerCase();
    if (encoding !== 'identity' && encoding !== 'gzip') throw new Error(`unsupported content-encoding: ${encoding}`);
    const body = encoding === 'gzip' && raw.byteLength > 0 ? await gunzipAsync(raw) : raw;
    return { status, headers, body, wireBytes: raw.byteLength };
  };
}

function exchange(request: HttpRequest, agents: { http: http.Agent; https: https.Agent }, deadline: number): Promise<Received> {
  return new Promise<Received>((resolve, reject) => {
    const url = new URL(request.url);
    const isHttps = url.protocol === 'https:';
    if (!isHttps && url.protocol !== 'http:') {
      reject(new Error(`unsupported protocol ${url.protocol}`));
      return;
    }
    const body = request.body && request.body.byteLength > 0 ? request.body : undefined;
    const headers: Record<string, string> = { 'accept-encoding': 'gzip', ...request.headers };
    if (body) headers['content-length'] = String(body.byteLength);
    const options: http.RequestOptions = { method: request.method, headers, timeout: waitMsFor(deadline) };
    const req = isHttps ? https.request(url, { ...options, agent: agents.https }) : http.request(url, { ...options, agent: agents.http });
    let isAnswered = false;
    const waitMs = waitMsFor(deadline);
    const timer = setTimeout(() => req.destroy(new Error(`timed out: no complete answer within ${waitMs} ms`)), waitMs);
    const fail = (e: unknown) => {
      clearTimeout(timer);
      const code = (e as NodeJS.ErrnoException | null)?.code;
      // Node's advice for kept-alive sockets: the server may close one just as it is reused.
      if (!isAnswered && req.reusedSocket && (code === 'ECONNRESET' || code === 'EPIPE')) reject(new StaleConnection(String(e)));
      else reject(e instanceof Error ? e : new Error(String(e)));
    };
    req.on('timeout', () => req.destroy(new Error('timed out waiting for the server')));
    req.on('error', fail);
    req.on('response', (res) => {
      isAnswered = true;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', fail);
      res.on('close', () => {
        if (!res.complete) {
          fail(new Error('connection closed before the whole answer arrived'));
          return;
        }
        clearTimeout(timer);
        const names: Record<string, string> = {};
        for (const [key, value] of Object.entries(res.headers)) {
          if (value !== undefined) names[key] = Array.isArray(value) ? value.join(', ') : value;
        }
        resolve({ status: res.statusCode ?? 0, headers: names, raw: Buffer.concat(chunks) });
      });
    });
    req.end(body);
  });
}

// Output chunk of the thread-pool gunzip: the default 16 KB means ~800 hand-overs to the main
// thread for one 13 MB page.
const GUNZIP_CHUNK = 1024 * 1024;

const waitMsFor = (deadline: number): number => Math.max(1, deadline - Date.now());

function gunzipAsync(raw: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    gunzip(raw, { chunkSize: GUNZIP_CHUNK }, (e, out) => (e ? reject(new Error(`answer is not valid gzip: ${e.message}`)) : resolve(out)));
  });
}
