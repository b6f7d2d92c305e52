import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, assign } from '@server/admin/users';
import { openPostgresStore } from '@server/store/postgres/store';
import { BalancedClient } from '../helpers/balanced-client';
import { startServerProcesses, type ServerProcesses } from '../helpers/server-processes';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { AREA_A, PASSWORD } from '../server/helpers';

// A server process whose database connections are cut (a PostgreSQL restart or failover, an
// idle timeout in a pooler, an operator's pg_terminate_backend) keeps running and serving: the
// next requests open new connections. Every connection a process holds is cut here, the one
// its pushes commit their claims on (store/postgres/push.ts) included.

let db: TestDatabase;
let procs: ServerProcesses | null = null;
let admin: pg.Pool;

beforeAll(async () => {
  db = await createTestDatabase();
  admin = new pg.Pool({ connectionString: db.url, max: 2 });
  const store = await openPostgresStore(db.url, { poolSize: 2 });
  try {
    await addUser(store, { username: 'sup', name: 'sup 姓名', role: 'supervisor', password: PASSWORD });
    await assign(store, 'sup', [AREA_A]);
  } finally {
    await store.close();
  }
  procs = await startServerProcesses(db.url, 1);
}, 60_000);

afterAll(async () => {
  await procs?.stopAll();
  await admin?.end();
  await db?.drop();
});

/** Terminates every backend of the test database but the admin pool's own. */
async function cutConnections(): Promise<number> {
  const own = (await admin.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid;
  const cut = await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> $1', [own]);
  return cut.rowCount ?? 0;
}

describe('a server process whose database connections are cut', () => {
  it('keeps running, and pushes and pulls again', async () => {
    const p = procs?.list[0];
    if (!p) throw new Error('no server process');
    const a = new BalancedClient([p.url], 'laptop-cut-a', 0, false);
    await a.login('sup');
    await a.push(a.d.createUnit('unit-before-cut', AREA_A));
    await a.pullToEnd();

    expect(await cutConnections()).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 300));
    expect(p.child.exitCode, p.output()).toBeNull();
    expect(p.child.signalCode, p.output()).toBeNull();

    // Not once: every later push too (a broken claims connection kept would fail them all).
    for (const id of ['unit-after-cut1', 'unit-after-cut2']) await a.push(a.d.createUnit(id, AREA_A));
    await a.pullToEnd();
    expect([...a.fields.values()].filter((f) => f.field === 'name').map((f) => f.entityId).sort()).toEqual(['unit-after-cut1', 'unit-after-cut2', 'unit-before-cut']);
    expect(p.child.exitCode, p.output()).toBeNull();
  });
});
