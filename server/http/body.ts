import type { IncomingMessage } from 'node:http';
import { createGunzip } from 'node:zlib';
import { HttpError } from './errors';

const tooLarge = (maxBytes: number): HttpError => new HttpError('PAYLOAD_TOO_LARGE', `body over ${maxBytes} bytes`);

/**
 * The request body, gunzipped when sent with Content-Encoding: gzip, refused with 413 as soon
 * as it grows past `maxBytes` (counted after decompression, so a small zip bomb is stopped too).
 * A refused body is not read any further: the 413 goes out with Connection: close and the
 * socket is closed after it (app.ts sendError), so a client cannot make the server swallow
 * gigabytes.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (encoding !== 'identity' && encoding !== 'gzip') {
    return Promise.reject(new HttpError('INVALID_INPUT', `unsupported Content-Encoding ${encoding}`));
  }
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (encoding === 'identity' && Number.isFinite(declared) && declared > maxBytes) return Promise.reject(tooLarge(maxBytes));
  return new Promise<Buffer>((resolve, reject) => {
    const gunzip = encoding === 'gzip' ? req.pipe(createGunzip()) : null;
    const source = gunzip ?? req;
    const chunks: Buffer[] = [];
    let size = 0;
    let isSettled = false;
    const settle = (error: HttpError | null): void => {
      if (isSettled) return;
      isSettled = true;
      source.off('data', onData);
      source.off('end', onEnd);
      req.off('close', onClose);
      if (error === null) {
        resolve(Buffer.concat(chunks));
        return;
      }
      // Stop reading: whatever else the client sends is dropped with the connection.
      if (gunzip) {
        req.unpipe(gunzip);
        gunzip.destroy();
      }
      req.pause();
      reject(error);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > maxBytes) settle(tooLarge(maxBytes));
      else chunks.push(chunk);
    };
    const onEnd = (): void => settle(null);
    const onClose = (): void => {
      if (!req.complete) settle(new HttpError('INVALID_INPUT', 'the connection closed before the body was complete'));
    };
    source.on('data', onData);
    source.on('end', onEnd);
    source.on('error', (e: Error) => settle(new HttpError('INVALID_INPUT', `unreadable body: ${e.message}`)));
    if (gunzip) req.on('error', (e: Error) => settle(new HttpError('INVALID_INPUT', `unreadable body: ${e.message}`)));
    req.on('close', onClose);
  });
}

/** The body's JSON value (an empty body is {}); INVALID_INPUT when it is not JSON. */
export function jsonOfBody(body: Uint8Array): unknown {
  if (body.byteLength === 0) return {};
  try {
    return JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'));
  } catch {
    throw new HttpError('INVALID_INPUT', 'body is not JSON');
  }
}

export async function readJson(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  return jsonOfBody(await readBody(req, maxBytes));
}
