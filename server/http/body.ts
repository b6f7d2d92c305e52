import type { IncomingMessage } from 'node:http';
import { createGunzip } from 'node:zlib';
import { HttpError } from './errors';

/**
 * The request body, gunzipped when sent with Content-Encoding: gzip, refused with 413 as soon
 * as it grows past `maxBytes` (counted after decompression, so a small zip bomb is stopped too).
 */
export async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (encoding !== 'identity' && encoding !== 'gzip') {
    throw new HttpError('INVALID_INPUT', `unsupported Content-Encoding ${encoding}`);
  }
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (encoding === 'identity' && Number.isFinite(declared) && declared > maxBytes) {
    req.resume();
    throw new HttpError('PAYLOAD_TOO_LARGE', `body over ${maxBytes} bytes`);
  }
  const source = encoding === 'gzip' ? req.pipe(createGunzip()) : req;
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of source) {
      const buf = chunk as Buffer;
      size += buf.length;
      if (size > maxBytes) {
        if (source !== req) source.destroy();
        req.resume();
        throw new HttpError('PAYLOAD_TOO_LARGE', `body over ${maxBytes} bytes`);
      }
      chunks.push(buf);
    }
  } catch (e) {
    if (e instanceof HttpError) throw e;
    throw new HttpError('INVALID_INPUT', `unreadable body: ${e instanceof Error ? e.message : String(e)}`);
  }
  return Buffer.concat(chunks);
}

export async function readJson(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const body = await readBody(req, maxBytes);
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new HttpError('INVALID_INPUT', 'body is not JSON');
  }
}
