import fs from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequestHandler } from './app';
import { serverAttachmentKey } from '@shared/node/seal';
import { type AttachmentStoreOptions, type OpenedAttachments, openAttachmentStore } from './attachments/open';
import { createPushBodyReader, type PushBodyReader } from './sync/push-body-pool';
import { DEFAULT_LOGIN_LIMIT, LoginLimiter, type LoginLimitOptions } from './auth/rate-limit';
import { createAuth } from './auth/service';
import { type GateLimits, WorkGate } from './auth/work-gate';
import type { ServerConfig } from './context';
import { openPostgresStore } from './store/postgres/store';
import { openSqliteStore } from './store/sqlite/store';
import { DEFAULT_PAGE_BYTES, type ServerStore } from './store/types';
import { DEFAULT_PUSH_BUDGET_OPS, PushersSeen } from './sync/batch-hint';

// The bureau server, startable in-process: tests and the client's convergence tests
// call startServer with a temp data folder and port 0; server/main.ts is the command line.

export interface StartServerOptions {
  /** Default 127.0.0.1: the bureau puts a TLS-terminating proxy in front for remote laptops. */
  host?: string;
  /** Default 8787; 0 picks a free port. */
  port?: number;
  /** Holds server.db and, unless `attachments` says otherwise, attachments/. */
  dataDir: string;
  /**
   * A PostgreSQL URL (postgres://user:password@host:5432/db): the store for a city or province,
   * shared by any number of server processes. Default env CENSUS_DATABASE_URL; with neither,
   * the embedded SQLite file server.db in dataDir.
   */
  database?: string;
  /** Connections this process opens to PostgreSQL; default 10. */
  databasePoolSize?: number;
  /** Where attachment files live (a folder, an S3-compatible bucket) and the lock uploads take; default <dataDir>/attachments, one process. */
  attachments?: AttachmentStoreOptions;
  /** SQLCipher key for server.db (64 hex); default env CENSUS_SERVER_DB_KEY, unset = plain file. */
  dbKey?: string;
  /** Reads from apps older than this answer 426 CLIENT_TOO_OLD; null/undefined = no minimum. */
  minAppVersion?: string | null;
  /** Epoch-ms clock, injectable for token-expiry and rate-limit tests. */
  now?: () => number;
  accessTtlMs?: number;
  /** A refresh token unused this long is dead; default 30 days. */
  refreshIdleMs?: number;
  /** Failed-login budgets (auth/rate-limit.ts); each part defaults separately. */
  loginLimit?: Partial<LoginLimitOptions>;
  /** Password checks (scrypt) at once and waiting; default half the cores (1–2) and 16 (auth/work-gate.ts). */
  passwordChecks?: GateLimits;
  /** Request body cap after gunzip (push batches, attachment chunks); default 8 MB. */
  maxBodyBytes?: number;
  /** Body cap of login, refresh and logout, before anyone is authenticated; default 4 KB. */
  maxPublicBodyBytes?: number;
  /** Unauthenticated requests handled at once, logins and refresh/logout each; default 32, beyond: 503. */
  maxPublicConcurrent?: number;
  /** Largest attachment; default 100 MB. */
  maxAttachmentBytes?: number;
  /** Bytes of changes in one pull or snapshot page (beyond its first change); default 16 MiB. */
  maxPageBytes?: number;
  /** Unfinished uploads untouched this long are deleted; default 7 days. */
  partialUploadTtlMs?: number;
  /** How often abandoned partial uploads are swept (also once at start); default 1 hour. */
  partialSweepIntervalMs?: number;
  /** Bytes one user's unfinished uploads may hold on disk; default 1 GiB (ten of the largest attachments). */
  maxPartialBytesPerUser?: number;
  /** Unfinished uploads one user may have at once; default 20 (a laptop uploads one file at a time). */
  maxPartialsPerUser?: number;
  /**
   * Worker threads that parse and check large push bodies while the main thread stores
   * (sync/push-body-pool.ts). Default 0: every push checked inline, as an embedded or test server
   * wants; `npm run server` starts defaultPushBodyThreads() (none on two cores, else the cores but two, up to 4).
   */
  pushBodyThreads?: number;
  /** Behind the bureau's reverse proxy: rate-limit by its X-Forwarded-For. Default false. */
  trustProxy?: boolean;
  /** Ops in flight the server aims at, shared among the devices pushing (sync/batch-hint.ts); default 5,000. */
  pushBudgetOps?: number;
  log?: (message: string) => void;
}

export interface RunningServer {
  url: string;
  port: number;
  store: ServerStore;
  /** The password-check gate, for tests and the benchmark (its `peak`). */
  passwordGate: WorkGate;
  /** Push bodies' reading and checking, for the benchmark (the server's own time per push). */
  pushBodies: PushBodyReader;
  close(): Promise<void>;
}

export const DEFAULT_PORT = 8787;
export const ACCESS_TTL_MS = 15 * 60 * 1000;
/**
 * Password checks at once: half the cores, at most 2 of libuv's 4 pool threads, at least 1. An
 * scrypt run keeps a core busy for ~50–100 ms; the rest of the machine and of the pool stays
 * with sync work (gunzip, gzip, files) during a login flood.
 */
export const DEFAULT_PASSWORD_CHECKS: GateLimits = {
  concurrency: Math.min(2, Math.max(1, Math.floor(os.availableParallelism() / 2))),
  queue: 16,
};
/** An unfinished upload untouched for a week is abandoned (a laptop resumes within days). */
export const PARTIAL_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export function serverVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}

export const serverDbPath = (dataDir: string): string => path.join(dataDir, 'server.db');

export async function startServer(opts: StartServerOptions): Promise<RunningServer> {
  const now = opts.now ?? Date.now;
  const dbKey = opts.dbKey ?? process.env.CENSUS_SERVER_DB_KEY;
  const log = opts.log ?? ((m: string) => console.error(`[census-server] ${m}`));
  const database = opts.database ?? (process.env.CENSUS_DATABASE_URL || undefined);
  const store =
    database === undefined
      ? openSqliteStore(serverDbPath(opts.dataDir), { key: dbKey })
      : await openPostgresStore(database, { log, ...(opts.databasePoolSize !== undefined ? { poolSize: opts.databasePoolSize } : {}) });
  const config: ServerConfig = {
    version: serverVersion(),
    minAppVersion: opts.minAppVersion ?? null,
    maxBodyBytes: opts.maxBodyBytes ?? 8 * 1024 * 1024,
    maxPublicBodyBytes: opts.maxPublicBodyBytes ?? 4 * 1024,
    maxPublicConcurrent: opts.maxPublicConcurrent ?? 32,
    maxAttachmentBytes: opts.maxAttachmentBytes ?? 100 * 1024 * 1024,
    maxPageBytes: opts.maxPageBytes ?? DEFAULT_PAGE_BYTES,
    maxPartialBytesPerUser: opts.maxPartialBytesPerUser ?? 1024 * 1024 * 1024,
    maxPartialsPerUser: opts.maxPartialsPerUser ?? 20,
    trustProxy: opts.trustProxy ?? false,
    pushBudgetOps: opts.pushBudgetOps ?? DEFAULT_PUSH_BUDGET_OPS,
    now,
    log,
  };
  const passwordGate = new WorkGate(opts.passwordChecks ?? DEFAULT_PASSWORD_CHECKS);
  const auth = createAuth(store, {
    now,
    accessTtlMs: opts.accessTtlMs ?? ACCESS_TTL_MS,
    ...(opts.refreshIdleMs !== undefined ? { refreshIdleMs: opts.refreshIdleMs } : {}),
    limiter: new LoginLimiter({ ...DEFAULT_LOGIN_LIMIT, ...opts.loginLimit }, now, store.failureLog),
    passwordGate,
  });
  // Attachments are sealed under a key derived from the database key, when there is one.
  let attachments: OpenedAttachments | undefined;
  try {
    // Uploads on a store several processes serve take its shared lock unless one is named.
    const chosen: AttachmentStoreOptions = opts.attachments ?? { kind: 'folder' };
    const withLock = chosen.lock === undefined && store.sharedLock !== undefined ? { ...chosen, lock: store.sharedLock } : chosen;
    attachments = await openAttachmentStore(withLock, {
      dataDir: opts.dataDir,
      key: dbKey ? serverAttachmentKey(dbKey) : null,
      log: config.log,
    });
    await attachments.files.check();
  } catch (e) {
    await Promise.allSettled([attachments?.files.close(), store.close()]);
    throw e;
  }
  const { files, lock: attachmentLock } = attachments;
  const ttlMs = opts.partialUploadTtlMs ?? PARTIAL_TTL_MS;
  const sweep = async () => {
    try {
      const removed = await files.sweepPartials(now(), ttlMs);
      if (removed > 0) config.log(`removed ${removed} abandoned partial upload(s)`);
    } catch (e) {
      config.log(`sweeping partial uploads failed: ${String(e)}`);
    }
  };
  await sweep();
  // One sweep at a time: listing a large bucket may outlast the interval.
  let sweeping: Promise<void> | null = null;
  const sweeper = setInterval(() => {
    sweeping ??= sweep().finally(() => (sweeping = null));
  }, opts.partialSweepIntervalMs ?? 60 * 60 * 1000);
  sweeper.unref();
  const pushBodies = createPushBodyReader(opts.pushBodyThreads !== undefined ? { threads: opts.pushBodyThreads } : {});
  const handler = createRequestHandler({ store, auth, files, attachmentLock, config, pushBodies, pushers: new PushersSeen() });
  // Handlers still running when close() is called finish before the store closes under them.
  const inFlight = new Set<Promise<void>>();
  const server = createServer((req, res) => {
    const running = handler(req, res);
    inFlight.add(running);
    void running.finally(() => inFlight.delete(running));
  });
  // Slow or stalled clients (a laptop on a village mobile line) must not hold sockets forever.
  server.requestTimeout = 120_000;
  server.headersTimeout = 30_000;
  // Longer than clients' idle pools, so the server is not the side that closes an idle
  // keep-alive socket just as a client reuses it (a spurious ECONNRESET).
  server.keepAliveTimeout = 65_000;

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? DEFAULT_PORT, opts.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (e) {
    clearInterval(sweeper);
    await Promise.allSettled([files.close(), store.close()]);
    throw e;
  }
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    store,
    passwordGate,
    pushBodies,
    close() {
      clearInterval(sweeper);
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      })
        .then(() => Promise.allSettled([...inFlight]))
        .then(() => pushBodies.close())
        .then(() => sweeping)
        .then(() => files.close())
        .then(() => store.close());
      return closing;
    },
  };
}

export { openSqliteStore } from './store/sqlite/store';
export type { ServerStore } from './store/types';
