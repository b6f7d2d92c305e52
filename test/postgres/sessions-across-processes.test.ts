import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, assign } from '@server/admin/users';
import { openPostgresStore } from '@server/store/postgres/store';
import { BalancedClient } from '../helpers/balanced-client';
import { startServerProcesses, type ServerProcesses } from '../helpers/server-processes';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { AREA_A, call, PASSWORD } from '../server/helpers';

// What a laptop's session rests on, shared by every server process through the database:
// failed-login budgets (server/auth/rate-limit.ts, store/postgres/login-failures.ts) and
// refresh-token chains (store/postgres/sessions.ts), with requests of one laptop landing on
// different processes, as behind a load balancer.

const PROCESSES = 3;

let db: TestDatabase;
let procs: ServerProcesses | null = null;
let urls: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  const store = await openPostgresStore(db.url, { poolSize: 2 });
  try {
    for (const username of ['budget', 'sup-a']) {
      await addUser(store, { username, name: `${username} 姓名`, role: 'supervisor', password: PASSWORD });
      await assign(store, username, [AREA_A]);
    }
  } finally {
    await store.close();
  }
  procs = await startServerProcesses(db.url, PROCESSES);
  urls = procs.list.map((p) => p.url);
}, 60_000);

afterAll(async () => {
  await procs?.stopAll();
  await db?.drop();
});

describe('sessions across server processes', () => {
  it('counts failed logins across processes: failures on A and on B share one budget', async () => {
    const login = (at: number, password: string) =>
      call(urls[at] ?? '', 'POST', '/auth/login', { username: 'budget', password, deviceId: 'laptop-budget', deviceName: 'test laptop' });
    // Four on process 0 and one on process 1: five, the per-user budget (server/auth/rate-limit.ts).
    for (let i = 0; i < 4; i++) expect((await login(0, 'wrong password')).status).toBe(401);
    expect((await login(1, 'wrong password')).status).toBe(401);
    // Process 0 saw only four of them itself, process 2 none: both refuse, the right password too.
    for (const at of [0, 2, 1]) {
      const refused = await login(at, PASSWORD);
      expect(refused.status).toBe(429);
      expect(refused.body).toMatchObject({ error: { code: 'RATE_LIMITED' } });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });

  it('two processes refreshing one token at once leave one live session chain, not two', async () => {
    const refresh = (at: number, refreshToken: string) => call<{ refreshToken?: string }>(urls[at] ?? '', 'POST', '/auth/refresh', { refreshToken });
    for (let pair = 0; pair < 6; pair++) {
      const laptop = new BalancedClient(urls, `laptop-refresh-${pair}`, 0, false);
      await laptop.login('sup-a');
      const presented = laptop.d.tokens?.refreshToken ?? '';
      // A laptop whose first answer was lost retries on another process while the first runs.
      const answers = await Promise.all([refresh(pair % PROCESSES, presented), refresh((pair + 1) % PROCESSES, presented)]);
      expect(answers.map((a) => a.status)).toEqual([200, 200]);
      const successors = answers.map((a) => a.body.refreshToken ?? '');
      expect(new Set(successors).size).toBe(2);
      // The refreshes decided one after the other: the later took the token as a lost answer and
      // discarded the earlier successor. Exactly one successor goes on.
      const next = await Promise.all(successors.map((t, k) => refresh((pair + 2 + k) % PROCESSES, t)));
      expect(next.map((a) => a.status).sort()).toEqual([200, 401]);
    }
  });
});
