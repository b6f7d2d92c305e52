import type { IncomingMessage, ServerResponse } from 'node:http';
import { err, type ErrorCode, type Result } from '@shared/result';
import { dispatch, type HandlerTable } from '../main/ipc/dispatch';
import { hasValidToken, type Guard } from './guards';
import { securityHeaders } from './static-files';

/**
 * Largest request body accepted: an import file of up to 10 MB crosses as base64 (the
 * contract allows 14,000,000 characters) inside its JSON envelope.
 */
export const maxBodyBytes = 16 * 1024 * 1024;

export const apiPrefix = '/api/ipc/';

export function sendResult(res: ServerResponse, status: number, result: Result<unknown>): void {
  const body = JSON.stringify(result);
  res.writeHead(status, {
    ...securityHeaders(),
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

export function sendError(res: ServerResponse, status: number, code: ErrorCode, message: string): void {
  sendResult(res, status, err(code, message));
}

type BodyRead = { ok: true; text: string } | { ok: false; tooLarge: true };

/** Reads the body up to the limit. Past it, the rest is drained unread so the client still gets our 413. */
function readBody(req: IncomingMessage): Promise<BodyRead> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBodyBytes) {
      req.resume();
      resolve({ ok: false, tooLarge: true });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let isTooLarge = false;
    req.on('data', (chunk: Buffer) => {
      if (isTooLarge) return;
      size += chunk.length;
      if (size > maxBodyBytes) {
        isTooLarge = true;
        chunks.length = 0;
        resolve({ ok: false, tooLarge: true });
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!isTooLarge) resolve({ ok: true, text: Buffer.concat(chunks).toString('utf8') });
    });
    req.on('error', reject);
  });
}

const isJsonContentType = (value: string | undefined): boolean =>
  value !== undefined && /^application\/json\s*(;|$)/i.test(value.trim());

/** Body shape `{"input": <value>}`; `{}` and an empty body both mean "no input". */
function parseEnvelope(text: string): { ok: true; input: unknown } | { ok: false; message: string } {
  if (text.trim() === '') return { ok: true, input: undefined };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { ok: false, message: 'Body is not valid JSON' };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, message: 'Body must be a JSON object {"input": ...}' };
  }
  const extra = Object.keys(body).filter((k) => k !== 'input');
  if (extra.length > 0) return { ok: false, message: `Unexpected body field(s): ${extra.join(', ')}` };
  return { ok: true, input: 'input' in body ? body.input : undefined };
}

/**
 * `POST /api/ipc/<channel>`: token, size and JSON checks, then the very same dispatch() the
 * Electron shell uses. Domain outcomes (including UNKNOWN_CHANNEL and INVALID_INPUT from the
 * channel schema) are HTTP 200 with the Result; only transport failures use other statuses.
 */
export async function handleApi(
  handlers: HandlerTable,
  guard: Guard,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
): Promise<void> {
  if (!hasValidToken(guard, req.headers)) {
    // Drain so the connection stays usable; the body is never looked at.
    req.resume();
    sendError(res, 401, 'UNAUTHORIZED', 'Missing or wrong bearer token');
    return;
  }
  if (req.method !== 'POST') {
    req.resume();
    res.setHeader('Allow', 'POST');
    sendError(res, 405, 'INVALID_INPUT', 'Use POST');
    return;
  }
  if (!isJsonContentType(req.headers['content-type'])) {
    req.resume();
    sendError(res, 415, 'INVALID_INPUT', 'Content-Type must be application/json');
    return;
  }
  let channel: string;
  try {
    channel = decodeURIComponent(pathname.slice(apiPrefix.length));
  } catch {
    req.resume();
    sendError(res, 400, 'INVALID_INPUT', 'Bad channel name encoding');
    return;
  }
  const body = await readBody(req);
  if (!body.ok) {
    res.setHeader('Connection', 'close');
    sendError(res, 413, 'INVALID_INPUT', `Body larger than ${maxBodyBytes} bytes`);
    return;
  }
  const envelope = parseEnvelope(body.text);
  if (!envelope.ok) {
    sendError(res, 400, 'INVALID_INPUT', envelope.message);
    return;
  }
  const result = await dispatch(handlers, channel, envelope.input, { shell: 'web' });
  sendResult(res, 200, result);
}
