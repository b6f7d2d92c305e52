// The loopback browser harness: the renderer in a plain browser, talking to the real core
// (store + handler table) over HTTP instead of Electron IPC. For development and e2e tests
// only; it never imports electron and is never shipped in the desktop app.
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createStartup } from '../main/startup/startup';
import type { StartupStatus } from '@shared/startup/startup';
import type { CoreOptions } from '../main/core';
import { apiPrefix, handleApi, sendError } from './api';
import { devKeyWarning, resolveHarnessKey } from './dev-key';
import { isAllowedHost, isAllowedOrigin, makeGuard, type Guard } from './guards';
import { serveStatic } from './static-files';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const defaultRendererDir = path.join(repoRoot, 'out', 'renderer');
export const storeFileName = 'census.db';

export interface HarnessOptions {
  /** Folder holding census.db (and dev-key.txt when no key is given); created if missing. */
  dataDir: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Store key; falls back to CENSUS_DB_KEY, then to a per-data-dir development key. */
  key?: string;
  rendererDir?: string;
  migrationsFolder?: string;
  appVersion?: string;
  /** Where warnings go (the dev-key notice); defaults to stderr. */
  warn?: (message: string) => void;
  /** The sync clock and timers (tests: a simulated day). */
  syncClock?: CoreOptions['syncClock'];
}

export interface Harness {
  /** Page URL with the token, e.g. http://127.0.0.1:5174/?token=… */
  url: string;
  origin: string;
  port: number;
  token: string;
  dbPath: string;
  /** 'ready', or why the store did not open (the page then shows the start-up screen). */
  status(): StartupStatus;
  /** Stops accepting requests, drops open connections, then closes the store. */
  close(): Promise<void>;
}

function readAppVersion(): string {
  const pkg: unknown = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  if (typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string') {
    return pkg.version;
  }
  throw new Error('package.json has no version');
}

/** Path part of a request target; null for absolute-form or otherwise odd targets. */
function pathnameOf(target: string | undefined): string | null {
  if (!target?.startsWith('/')) return null;
  const end = target.search(/[?#]/);
  return end === -1 ? target : target.slice(0, end);
}

export async function startHarness(opts: HarnessOptions): Promise<Harness> {
  const dataDir = path.resolve(opts.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const resolvedKey = resolveHarnessKey(dataDir, opts.key);
  const warning = devKeyWarning(resolvedKey);
  if (warning) (opts.warn ?? ((m: string) => process.stderr.write(`${m}\n`)))(warning);

  const dbPath = path.join(dataDir, storeFileName);
  // As in the desktop app, a store that cannot be opened still serves the page: it shows the
  // start-up screen with what is wrong and the backups to restore.
  const startup = createStartup({
    dbPath,
    key: resolvedKey.key,
    shell: 'web',
    appVersion: opts.appVersion ?? readAppVersion(),
    ...(opts.migrationsFolder ? { migrationsFolder: opts.migrationsFolder } : {}),
    ...(opts.warn ? { logFailure: (e) => opts.warn?.(`[store] ${e.code}: ${e.message}`) } : {}),
    ...(opts.syncClock ? { syncClock: opts.syncClock } : {}),
  });
  const rendererDir = path.resolve(opts.rendererDir ?? defaultRendererDir);
  const token = randomBytes(24).toString('hex');

  const onRequest = async (guard: Guard, req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const pathname = pathnameOf(req.url);
    if (pathname === null) {
      req.resume();
      sendError(res, 400, 'INVALID_INPUT', 'Bad request target');
      return;
    }
    if (!isAllowedHost(guard, req.headers)) {
      req.resume();
      sendError(res, 403, 'FORBIDDEN', 'Host header does not name this harness');
      return;
    }
    if (!isAllowedOrigin(guard, req.headers)) {
      req.resume();
      sendError(res, 403, 'FORBIDDEN', 'Cross-origin requests are refused');
      return;
    }
    if (pathname.startsWith(apiPrefix)) {
      await handleApi(startup.handlers, guard, req, res, pathname);
    } else if (pathname === '/api' || pathname.startsWith('/api/')) {
      req.resume();
      sendError(res, 404, 'NOT_FOUND', 'No such API path');
    } else {
      await serveStatic(rendererDir, req, res, pathname);
    }
  };

  // The request listener is attached once the port is known: the Host and Origin checks
  // need it, and no request can be read before this function resumes after listen().
  const server = createServer();

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      // Loopback only: the harness has no business on any other interface.
      server.listen(opts.port ?? 0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (e) {
    startup.close();
    throw e;
  }
  const { port } = server.address() as AddressInfo;
  const guard = makeGuard(port, token);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    onRequest(guard, req, res).catch((e: unknown) => {
      console.error('[harness] request failed:', e);
      if (!res.headersSent) sendError(res, 500, 'INTERNAL', 'Harness error');
      else res.destroy();
    });
  });
  const origin = `http://127.0.0.1:${port}`;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve, reject) => {
      server.close((e) => {
        try {
          startup.close();
        } catch (closeError) {
          reject(closeError instanceof Error ? closeError : new Error(String(closeError)));
          return;
        }
        if (e) reject(e);
        else resolve();
      });
      server.closeAllConnections();
    });
    return closing;
  };

  return { url: `${origin}/?token=${token}`, origin, port, token, dbPath, status: startup.status, close };
}

/** Builds the renderer when out/renderer is missing, so `npm run web` works from a clean checkout. */
export function ensureRendererBuilt(rendererDir: string = defaultRendererDir): void {
  if (existsSync(path.join(rendererDir, 'index.html'))) return;
  const config = path.join(repoRoot, 'renderer', 'vite.config.ts');
  const viteBin = path.join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  if (!existsSync(config) || !existsSync(viteBin)) {
    throw new Error(
      `The renderer is not built (${rendererDir} has no index.html) and cannot be built here. ` +
        'Run: npx vite build --config renderer/vite.config.ts',
    );
  }
  process.stderr.write('Building the renderer (out/renderer is missing)…\n');
  // Build output goes to stderr: stdout carries only the harness's one URL line.
  const built = spawnSync(process.execPath, [viteBin, 'build', '--config', config], {
    cwd: repoRoot,
    stdio: ['ignore', 2, 2],
  });
  if (built.status !== 0) {
    throw new Error('Renderer build failed. Run: npx vite build --config renderer/vite.config.ts');
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      data: { type: 'string', default: path.join('.data', 'web') },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Bad --port ${values.port}`);
  ensureRendererBuilt(defaultRendererDir);
  const harness = await startHarness({ dataDir: values.data, port });
  const status = harness.status();
  if (status.state === 'failed') {
    process.stderr.write(
      `The store ${harness.dbPath} could not be opened (${status.problem.code}); the page shows the start-up screen.\n`,
    );
  }
  process.stdout.write(`Census Field web harness: ${harness.url}\n`);
  const stop = (): void => {
    harness.close().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error('[harness] close failed:', e);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(entry).href) {
  main().catch((e: unknown) => {
    console.error(`[harness] ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
