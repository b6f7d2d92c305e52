import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

// Which store the server and sync suites run on: the project 'postgres' of vitest.config.ts sets
// CENSUS_TEST_STORE=postgres and starts a cluster (test/setup/postgres.ts); every other run uses
// the embedded SQLite store. One suite, both stores.

export const isPostgresRun = (): boolean => process.env.CENSUS_TEST_STORE === 'postgres';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

async function withAdmin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(inject('pgAdminUrl'));
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A new database copied from the migrated template, dropped by `drop()`. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  await withAdmin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE census_template`));
  const url = inject('pgAdminUrl').replace(/\/postgres$/, `/${name}`);
  return {
    url,
    drop: () => withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** The `database` option for startServer in this run: a fresh database on PostgreSQL, none on SQLite. */
export async function testDatabaseOption(): Promise<{ options: { database?: string }; drop: () => Promise<void> }> {
  if (!isPostgresRun()) return { options: {}, drop: async () => undefined };
  const db = await createTestDatabase();
  return { options: { database: db.url }, drop: db.drop };
}
