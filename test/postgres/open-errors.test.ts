import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { PgOpenError } from '@server/db/pg/open';
import { startServer } from '@server/index';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

// What the bureau sees when the database is not what the server needs: a clear reason, the
// server not started, and nothing written to a database that is refused.

const root = fileURLToPath(new URL('../..', import.meta.url));
const dirs: string[] = [];
const dbs: TestDatabase[] = [];

afterEach(async () => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  for (const db of dbs.splice(0)) await db.drop();
});

const tempDir = (): string => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'census-pg-open-'));
  dirs.push(d);
  return d;
};

async function freshDatabase(): Promise<TestDatabase> {
  const db = await createTestDatabase();
  dbs.push(db);
  return db;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const c = new pg.Client(url);
  await c.connect();
  try {
    return (await c.query<T>(sql)).rows;
  } finally {
    await c.end();
  }
}

async function refusal(database: string): Promise<PgOpenError> {
  const error = await startServer({ dataDir: tempDir(), port: 0, database, log: () => undefined }).then(
    async (s) => {
      await s.close();
      throw new Error('the server started');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PgOpenError);
  return error as PgOpenError;
}

async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function runServer(args: string[]): Promise<{ code: number | null; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', '--port', '0', '--data', tempDir(), ...args], {
      cwd: root,
      env: { ...process.env, CENSUS_DATABASE_URL: '' },
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.stdout.on('data', () => undefined);
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, err }));
  });
}

describe('opening the PostgreSQL store', { timeout: 60_000 }, () => {
  it('refuses a URL that is not postgres:// at the command line, with exit 2, before connecting', async () => {
    const bad = await runServer(['--database', 'mysql://census@127.0.0.1/census']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('postgres://');
    const noDb = await runServer(['--database', 'postgres://census@127.0.0.1:5432']);
    expect(noDb.code).toBe(2);
    expect(noDb.err).toContain('names no database');
  });

  it('says the database cannot be reached, naming it without its password', async () => {
    const port = await closedPort();
    const error = await refusal(`postgres://census:s3cret@127.0.0.1:${port}/census`);
    expect(error.code).toBe('UNREACHABLE');
    expect(error.message).toContain('无法连接数据库');
    expect(error.message).toContain(`127.0.0.1:${port}`);
    expect(error.message).not.toContain('s3cret');
  });

  it('refuses a database holding another application’s tables and writes nothing to it', async () => {
    const db = await freshDatabase();
    // An empty database copied from the migrated template has our tables: start from a bare one.
    const bare = db.url.replace(/\/[^/]+$/, `/bare_${Date.now()}`);
    await query(db.url.replace(/\/[^/]+$/, '/postgres'), `CREATE DATABASE ${new URL(bare).pathname.slice(1)}`);
    dbs.push({ url: bare, drop: () => query(db.url.replace(/\/[^/]+$/, '/postgres'), `DROP DATABASE IF EXISTS ${new URL(bare).pathname.slice(1)} WITH (FORCE)`).then(() => undefined) });
    await query(bare, 'CREATE TABLE invoices (id int PRIMARY KEY, amount numeric)');
    const error = await refusal(bare);
    expect(error.code).toBe('NOT_CENSUS');
    expect(error.message).toContain('not a census server database');
    const tables = await query<{ tablename: string }>(bare, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
    expect(tables.map((t) => t.tablename)).toEqual(['invoices']);
    expect(await query(bare, "SELECT 1 FROM pg_namespace WHERE nspname = 'drizzle'")).toEqual([]);
  });

  it('refuses a database migrated by a newer server and leaves it as it was', async () => {
    const db = await freshDatabase();
    const future = Date.now() + 365 * 24 * 3600 * 1000;
    await query(db.url, `INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ('from-a-newer-server', ${future})`);
    const before = await query<{ n: number }>(db.url, 'SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations');
    const error = await refusal(db.url);
    expect(error.code).toBe('TOO_NEW');
    expect(error.message).toContain('newer server version');
    expect(await query<{ n: number }>(db.url, 'SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations')).toEqual(before);
  });

  it('creates its tables in an empty database, and several servers starting at once agree', async () => {
    const db = await freshDatabase();
    const bare = db.url.replace(/\/[^/]+$/, `/empty_${Date.now()}`);
    const admin = db.url.replace(/\/[^/]+$/, '/postgres');
    await query(admin, `CREATE DATABASE ${new URL(bare).pathname.slice(1)}`);
    dbs.push({ url: bare, drop: () => query(admin, `DROP DATABASE IF EXISTS ${new URL(bare).pathname.slice(1)} WITH (FORCE)`).then(() => undefined) });
    const servers = await Promise.all([0, 1, 2].map(() => startServer({ dataDir: tempDir(), port: 0, database: bare, log: () => undefined })));
    try {
      const applied = await query<{ n: number }>(bare, 'SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations');
      const journal = JSON.parse(fs.readFileSync(path.join(root, 'server/db/pg/migrations/meta/_journal.json'), 'utf8')) as { entries: unknown[] };
      expect(applied[0]?.n).toBe(journal.entries.length);
      const health = await Promise.all(servers.map((s) => fetch(`${s.url}/health`).then((r) => r.status)));
      expect(health).toEqual([200, 200, 200]);
    } finally {
      await Promise.all(servers.map((s) => s.close()));
    }
  });
});
