import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { SERVER_TIME_HEADER } from '../../shared/sync/api';

const gzipAsync = promisify(gzip);

// Bodies above this are gzipped when the client accepts it: pull pages and snapshots shrink
// ~10x; tiny answers are not worth the CPU.
const GZIP_MIN_BYTES = 1024;

export async function sendJson(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  body: unknown,
  serverTime: string,
  headers: Record<string, string> = {},
): Promise<void> {
  const text = Buffer.from(JSON.stringify(body), 'utf8');
  const acceptsGzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  const isGzipped = acceptsGzip && text.length >= GZIP_MIN_BYTES;
  const payload = isGzipped ? await gzipAsync(text) : text;
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(payload.length),
    'cache-control': 'no-store',
    [SERVER_TIME_HEADER]: serverTime,
    ...(isGzipped ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {}),
    ...headers,
  });
  res.end(req.method === 'HEAD' ? undefined : payload);
}
