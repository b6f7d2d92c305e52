import { randomBytes } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import pg from 'pg';
import { inject } from 'vitest';
import { openPostgresStore } from '@server/store/postgres/store';
import { openSqliteStore } from '@server/store/sqlite/store';
import type { ServerStore } from '@server/store/types';

// Which store the server and sync suites run on: the project 'postgres' of vitest.config.ts sets
// CENSUS_TEST_STORE=postgres and starts a cluster (test/setup/postgres.ts); every other run uses
// the embedded SQLite store. One suite, both stores. A server's database belongs to its data
// folder, as server.db does: a server restarted on the same folder finds the same database.

export const isPostgresRun = (): boolean => process.env.CENSUS_TEST_STORE === 'postgres';

async function withAdmin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(inject('pgAdminUrl'));
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A new database copied from the migrated template, dropped by `drop()`. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  await withAdmin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE census_template`));
  const url = inject('pgAdminUrl').replace(/\/postgres$/, `/${name}`);
  return { url, drop: () => withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined) };
}

const byDataDir = new Map<string, Promise<TestDatabase>>();

/** The PostgreSQL database of a data folder in the 'postgres' run (made on first use); undefined on SQLite. */
export async function databaseUrlOf(dataDir: string): Promise<string | undefined> {
  if (!isPostgresRun()) return undefined;
  const key = path.resolve(dataDir);
  let db = byDataDir.get(key);
  if (!db) byDataDir.set(key, (db = createTestDatabase()));
  return (await db).url;
}

/** Drops the data folder's database, if it has one. */
export async function dropDatabaseOf(dataDir: string): Promise<void> {
  const key = path.resolve(dataDir);
  const db = byDataDir.get(key);
  byDataDir.delete(key);
  if (db) await (await db).drop();
}

/** Where a test server keeps its store: its data folder, and its database on PostgreSQL. */
export interface ServerWhere {
  dataDir: string;
}

/** Rows of a read-only query on the server's store (SQL both stores take; no parameters). */
export async function queryServer<T>(where: ServerWhere, sql: string): Promise<T[]> {
  const url = await databaseUrlOf(where.dataDir);
  if (url !== undefined) {
    const client = new pg.Client(url);
    await client.connect();
    try {
      return (await client.query(sql)).rows as T[];
    } finally {
      await client.end();
    }
  }
  const db = new Database(path.join(where.dataDir, 'server.db'), { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

/** Runs a write on the server's store through a connection of its own (as another process would). */
export async function execServer(where: ServerWhere, sql: string): Promise<void> {
  const url = await databaseUrlOf(where.dataDir);
  if (url !== undefined) {
    const client = new pg.Client(url);
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
    return;
  }
  const db = new Database(path.join(where.dataDir, 'server.db'));
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
}

/** Environment for a `census` CLI child acting on the server of `dataDir` (its database on PostgreSQL). */
export async function cliEnvFor(dataDir: string): Promise<Record<string, string>> {
  const url = await databaseUrlOf(dataDir);
  return url === undefined ? {} : { CENSUS_DATABASE_URL: url };
}

/**
 * The server store of a data folder as this run has it: server.db in the folder, or the folder's
 * PostgreSQL database in the 'postgres' run. `close()` closes it (dropDatabaseOf removes the database).
 */
export async function openTestStore(dataDir: string): Promise<ServerStore> {
  const url = await databaseUrlOf(dataDir);
  return url === undefined ? openSqliteStore(path.join(dataDir, 'server.db')) : openPostgresStore(url, { poolSize: 4 });
}
