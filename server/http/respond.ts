import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { SERVER_TIME_HEADER } from '../../shared/sync/api';

const gzipAsync = promisify(gzip);

// Bodies above this are gzipped when the client accepts it: pull pages and snapshots shrink
// ~10x; tiny answers are not worth the CPU.
const GZIP_MIN_BYTES = 1024;
// Above this, gzip level 1: a fresh pull's 20 MB compresses in ~50 ms instead of ~130 ms at
// the default level, for ~40% more bytes (still ~260 B per unit).
const GZIP_FAST_BYTES = 1_000_000;

/** A JSON object already serialised (pull and snapshot bodies, server/sync/wire.ts). */
export class JsonText {
  constructor(readonly text: string) {}

  /** The same object with one more member (the text must be a JSON object). */
  withMember(name: string, value: unknown): JsonText {
    const member = `${JSON.stringify(name)}:${JSON.stringify(value)}`;
    return new JsonText(this.text === '{}' ? `{${member}}` : `${this.text.slice(0, -1)},${member}}`);
  }
}

export async function sendJson(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  body: unknown,
  serverTime: string,
  headers: Record<string, string> = {},
): Promise<void> {
  const text = Buffer.from(body instanceof JsonText ? body.text : JSON.stringify(body), 'utf8');
  const acceptsGzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  const isGzipped = acceptsGzip && text.length >= GZIP_MIN_BYTES;
  const payload = isGzipped ? await gzipAsync(text, { level: text.length >= GZIP_FAST_BYTES ? 1 : 6 }) : text;
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
