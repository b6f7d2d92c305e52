import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { CustomScheme } from 'electron';
import { contentSecurityPolicy, mimeTypeFor } from '@shared/web/content';

// No runtime `electron` import here: index.ts hands `createAppRequestHandler` to
// protocol.handle, and the handler itself is plain fetch-API code tested in Node.

export const APP_SCHEME = 'app';
export const APP_HOST = 'census';
/** The renderer's origin. Everything else is foreign: navigation, IPC senders, requests. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/`;

/**
 * Must be registered before `app` is ready. `standard` gives the scheme a real origin (so
 * relative URLs, localStorage and CSP 'self' work) and `secure` makes it a secure context.
 * `supportFetchAPI` and `corsEnabled` let Vite's `<script type="module" crossorigin>` and
 * fetch() of our own assets load; no other origin is ever loaded in the app (security.ts
 * refuses navigation), so opening the scheme to CORS exposes nothing but the public bundle.
 */
export const appScheme: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
};

export { contentSecurityPolicy, mimeTypeFor };

/**
 * Maps an app:// URL to a file strictly inside `root`, or null for anything else: another
 * scheme or host, credentials or a port, a path that decodes to NUL or a backslash (a
 * separator on Windows), or one that climbs out of `root` once decoded and normalised.
 * `/` means index.html.
 */
export function resolveAppPath(root: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username || url.password) {
    return null;
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const normalised = path.posix.normalize(`/${decoded}`);
  const relative = normalised === '/' ? 'index.html' : normalised.slice(1);
  const base = path.resolve(root);
  const absolute = path.resolve(base, relative);
  const inside = path.relative(base, absolute);
  if (inside === '' || inside === '..' || inside.startsWith(`..${path.sep}`) || path.isAbsolute(inside)) {
    return null;
  }
  return absolute;
}

async function isFile(filePath: string): Promise<boolean> {
  try {
    return (await stat(filePath)).isFile();
  } catch (e) {
    if (e instanceof Error && 'code' in e && (e.code === 'ENOENT' || e.code === 'ENOTDIR')) return false;
    throw e;
  }
}

function baseHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}

function textResponse(status: number, text: string, extra: Record<string, string> = {}): Response {
  return new Response(text, {
    status,
    headers: { ...baseHeaders(), 'Content-Type': 'text/plain; charset=utf-8', ...extra },
  });
}

/**
 * The app:// handler: serves the built renderer from `root` (out/renderer, inside app.asar
 * when packaged; Electron's fs reads from the archive). Paths without an extension fall back to
 * index.html so client-side routes survive a reload, as in the web harness; a missing asset is
 * a 404, never another file.
 */
export function createAppRequestHandler(root: string): (request: Request) => Promise<Response> {
  const indexPath = path.join(path.resolve(root), 'index.html');
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return textResponse(405, 'Method not allowed', { Allow: 'GET, HEAD' });
    }
    const requested = resolveAppPath(root, request.url);
    if (!requested) return textResponse(404, 'Not found');
    let filePath = requested;
    if (!(await isFile(filePath))) {
      if (path.extname(filePath) !== '' || !(await isFile(indexPath))) return textResponse(404, 'Not found');
      filePath = indexPath;
    }
    const body = await readFile(filePath);
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers: {
        ...baseHeaders(),
        'Content-Type': mimeTypeFor(filePath),
        'Content-Length': String(body.byteLength),
        // index.html names the hashed chunks of one build; never serve a stale one after an update.
        'Cache-Control': filePath === indexPath ? 'no-store' : 'no-cache',
      },
    });
  };
}
