import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { contentSecurityPolicy, mimeTypeFor } from '@shared/web/content';

export { contentSecurityPolicy };

/** Headers every harness response carries, static or API. */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    // The page URL carries the token; never leak it to anything the page links to.
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}

/**
 * Maps a URL path to a file strictly inside `root`, or null. Decoding happens once, before the
 * containment check, so `%2e%2e/` and encoded separators cannot climb out.
 */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const absolute = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
  return absolute === root || absolute.startsWith(root + path.sep) ? absolute : null;
}

async function fileAt(filePath: string): Promise<{ size: number } | null> {
  try {
    const info = await stat(filePath);
    return info.isFile() ? { size: info.size } : null;
  } catch (e) {
    if (isMissing(e)) return null;
    throw e;
  }
}

const isMissing = (e: unknown): boolean =>
  e instanceof Error && 'code' in e && (e.code === 'ENOENT' || e.code === 'ENOTDIR');

/**
 * Serves the built renderer. Paths without a file extension fall back to index.html so the
 * SPA's routes survive a reload; a missing asset (with an extension) is a plain 404.
 */
export async function serveStatic(
  root: string,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    sendText(res, 405, 'Method not allowed');
    return;
  }
  const indexPath = path.join(root, 'index.html');
  if (!(await fileAt(indexPath))) {
    sendText(
      res,
      503,
      `The renderer is not built (no ${indexPath}). Run: npx vite build --config renderer/vite.config.ts`,
    );
    return;
  }
  const requested = resolveInside(root, pathname === '/' ? '/index.html' : pathname);
  if (!requested) {
    sendText(res, 400, 'Bad path');
    return;
  }
  let filePath = requested;
  let file = await fileAt(filePath);
  if (!file && path.extname(requested) === '') {
    filePath = indexPath;
    file = await fileAt(filePath);
  }
  if (!file) {
    sendText(res, 404, 'Not found');
    return;
  }
  const isIndex = filePath === indexPath;
  res.writeHead(200, {
    ...securityHeaders(),
    'Content-Type': mimeTypeFor(filePath),
    'Content-Length': String(file.size),
    // Hashed assets may be cached; index.html must not be, or a rebuild would load stale chunks.
    'Cache-Control': isIndex ? 'no-store' : 'public, max-age=3600',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(filePath);
  stream.on('error', (e) => res.destroy(e));
  stream.pipe(res);
}
