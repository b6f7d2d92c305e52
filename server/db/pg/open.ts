import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { describeError } from '@shared/node/sqlite/errors';
import { type AppliedRow, planAppliedMigrations, readKnownMigrations } from '@shared/node/sqlite/migrate';
import * as schema from './schema';

// Opening the server's PostgreSQL database: one pool per process, migrations applied by the
// first process to start (under an advisory lock, so several starting at once do not race),
// with the same history checks as the SQLite stores: a database migrated by a newer server,
// or holding another application's tables, is refused before anything is written.

export type PgDatabase = NodePgDatabase<typeof schema>;

export class PgOpenError extends Error {
  constructor(
    readonly code: 'BAD_URL' | 'UNREACHABLE' | 'REFUSED' | 'TOO_NEW' | 'NOT_CENSUS' | 'MIGRATION_FAILED',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PgOpenError';
  }
}

export const pgMigrationsFolder = (): string => path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Any key of pg_advisory_lock that is this application's: migrations. */
const MIGRATE_LOCK = 7_301_001;

// bigint (int8) and numeric counts as JS numbers: every gseq, size and epoch-ms value the store
// keeps is far below 2^53.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === 20 || oid === 1700 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(not a URL)';
  }
}

export function checkDatabaseUrl(url: string): void {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new PgOpenError('BAD_URL', `数据库地址无效 / Not a database URL: ${redactUrl(url)} (expected postgres://user:password@host:5432/database)`);
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') {
    throw new PgOpenError('BAD_URL', `数据库地址须以 postgres:// 开头 / The database URL must start with postgres:// (got ${u.protocol}//)`);
  }
  if (u.pathname.length <= 1) throw new PgOpenError('BAD_URL', `数据库地址缺少数据库名 / The database URL names no database: ${redactUrl(url)}`);
}

export function createPool(url: string, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, types, application_name: 'census-server', connectionTimeoutMillis: 10_000 });
  // An idle client that loses its connection (the database restarted) is dropped by the pool;
  // without a listener the error would end the process.
  pool.on('error', () => undefined);
  // A client checked out (a push's transaction, a read, the claims connection) that loses its
  // connection between two queries emits the error itself, and the pool listens only to idle
  // ones: unheard, it ended the process. Its next query fails instead (and the request with
  // it), and the pool drops it when it is released.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

function describeConnectError(e: unknown, url: string): PgOpenError {
  const code = (e as { code?: string }).code;
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT' || code === 'EHOSTUNREACH' || /timeout/i.test(describeError(e))) {
    return new PgOpenError('UNREACHABLE', `无法连接数据库 / Cannot reach the database at ${redactUrl(url)}: ${describeError(e)}`, { cause: e });
  }
  return new PgOpenError('REFUSED', `数据库拒绝连接 / The database refused the connection (${redactUrl(url)}): ${describeError(e)}`, { cause: e });
}

/**
 * Connects, checks and migrates. Throws PgOpenError with a message in both languages; nothing
 * is written to a database that is refused.
 */
export async function openPgDatabase(url: string, opts: { poolSize?: number; migrationsFolder?: string } = {}): Promise<{ pool: pg.Pool; db: PgDatabase; migrated: string[] }> {
  checkDatabaseUrl(url);
  const migrationsFolder = opts.migrationsFolder ?? pgMigrationsFolder();
  const known = readKnownMigrations(migrationsFolder);
  const pool = createPool(url, opts.poolSize ?? 10);
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw describeConnectError(e, url);
  }
  let migrated: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATE_LOCK]);
    try {
      const hasTable = (await client.query<{ t: string | null }>("SELECT to_regclass('drizzle.__drizzle_migrations')::text AS t")).rows[0]?.t;
      const applied: AppliedRow[] = hasTable
        ? (await client.query<{ hash: string; created_at: number }>('SELECT hash, created_at FROM drizzle.__drizzle_migrations ORDER BY created_at')).rows.map((r) => ({
            hash: r.hash,
            createdAt: Number(r.created_at),
          }))
        : [];
      if (applied.length === 0) {
        const tables = (await client.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'")).rows[0]?.n ?? 0;
        if (tables > 0) {
          throw new PgOpenError('NOT_CENSUS', `数据库已有其他数据表，不是普查服务器的数据库 / The database already holds ${tables} other table(s) and is not a census server database: use an empty database`);
        }
      }
      let plan;
      try {
        plan = planAppliedMigrations(applied, known);
      } catch (e) {
        const code = (e as { code?: string }).code;
        throw new PgOpenError(
          code === 'STORE_TOO_NEW' ? 'TOO_NEW' : 'NOT_CENSUS',
          code === 'STORE_TOO_NEW'
            ? '数据库由更新版本的服务器升级过，请升级本服务器 / The database was migrated by a newer server version: update this server before starting it'
            : `数据库的迁移记录与本服务器不一致 / The database's migration history does not match this server: ${describeError(e)}`,
          { cause: e },
        );
      }
      if (plan.pending.length > 0) {
        try {
          await migrate(drizzle({ client, schema }), { migrationsFolder });
        } catch (e) {
          throw new PgOpenError('MIGRATION_FAILED', `数据库升级失败，未做改动 / Migrating the database failed and was rolled back: ${describeError(e)}`, { cause: e });
        }
        migrated = plan.pending;
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATE_LOCK]).catch(() => undefined);
    }
  } catch (e) {
    client.release();
    await pool.end().catch(() => undefined);
    throw e instanceof PgOpenError ? e : describeConnectError(e, url);
  }
  client.release();
  return { pool, db: drizzle({ client: pool, schema }), migrated };
}
