import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { createGzip, gzip } from 'node:zlib';
import { SERVER_TIME_HEADER } from '@shared/sync/api';

const gzipAsync = promisify(gzip);

// Bodies above this are gzipped when the client accepts it: pull pages and snapshots shrink
// ~10x; tiny answers are not worth the CPU.
const GZIP_MIN_BYTES = 1024;
// Above this, gzip level 1: a fresh pull's 20 MB compresses in ~50 ms instead of ~130 ms at
// the default level, for ~40% more bytes (still ~260 B per unit). Streamed answers are always
// at least this large.
const GZIP_FAST_BYTES = 1_000_000;

/**
 * A JSON object written in pieces (pull and snapshot pages, server/sync/wire.ts): a page of
 * large values is never one string (600 MB of values once made every pull fail with "Invalid
 * string length"). Small ones (`approxBytes` under 1 MB) are joined and sent with a length;
 * larger ones stream through gzip to the socket, piece by piece, as fast as the client reads.
 */
export class JsonPieces {
  constructor(
    /** The object's text in order; `extra` members (serverTime) join its own at the end. */
    readonly pieces: (extra: Record<string, unknown>) => Iterable<string>,
    readonly approxBytes: number,
  ) {}
}

const baseHeaders = (serverTime: string, isGzipped: boolean): Record<string, string> => ({
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  [SERVER_TIME_HEADER]: serverTime,
  ...(isGzipped ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {}),
});

export async function sendJson(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  body: unknown,
  serverTime: string,
  headers: Record<string, string> = {},
): Promise<void> {
  const acceptsGzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  if (body instanceof JsonPieces && body.approxBytes >= GZIP_FAST_BYTES && req.method !== 'HEAD') {
    await streamJson(res, status, body, serverTime, acceptsGzip, headers);
    return;
  }
  const json = body instanceof JsonPieces ? [...body.pieces({ serverTime })].join('') : JSON.stringify({ ...(body as object), serverTime });
  const text = Buffer.from(json, 'utf8');
  const isGzipped = acceptsGzip && text.length >= GZIP_MIN_BYTES;
  const payload = isGzipped ? await gzipAsync(text, { level: text.length >= GZIP_FAST_BYTES ? 1 : 6 }) : text;
  res.writeHead(status, { ...baseHeaders(serverTime, isGzipped), 'content-length': String(payload.length), ...headers });
  res.end(req.method === 'HEAD' ? undefined : payload);
}

/**
 * Writes the pieces through gzip (when accepted) to the socket with backpressure: the answer is
 * chunked, never held whole. A client that goes away mid-answer ends the write, not the server.
 */
async function streamJson(
  res: ServerResponse,
  status: number,
  body: JsonPieces,
  serverTime: string,
  isGzipped: boolean,
  headers: Record<string, string>,
): Promise<void> {
  res.writeHead(status, { ...baseHeaders(serverTime, isGzipped), ...headers });
  const source = Readable.from(body.pieces({ serverTime }), { objectMode: false });
  try {
    if (isGzipped) await pipeline(source, createGzip({ level: 1 }), res);
    else await pipeline(source, res);
  } catch (e) {
    // The status line is out: a failure can only cut the answer, which the client sees as
    // incomplete (no final chunk) and retries. A client that left is no server error.
    if (!res.destroyed) res.destroy();
    if ((e as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw e;
  }
}
