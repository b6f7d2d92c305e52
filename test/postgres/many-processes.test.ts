import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConflictList } from '@shared/sync/api';
import type { Op } from '@shared/sync/protocol';
import { addUser, assign } from '@server/admin/users';
import { openPostgresStore } from '@server/store/postgres/store';
import { BalancedClient, fieldKey, type HeldField } from '../helpers/balanced-client';
import { startServerProcesses, type ServerProcesses } from '../helpers/server-processes';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { AREA_A, AREA_B, call, PASSWORD } from '../server/helpers';

// Several bureau server processes on one PostgreSQL database (store/postgres/: watermark.ts for
// the order of pulls, push.ts for the races): 4 real `server/main.ts` processes, 20 laptops behind a load balancer pushing and
// pulling at once, with same-field races between laptops on different processes. Every laptop
// must end with every change of its scope exactly once, the checksum every process computes,
// and one conflict per race with the winner the rules give; a change committed after a higher
// one must still reach a laptop that pulled in between. (Sessions and login budgets across
// processes: sessions-across-processes.test.ts.)

const PROCESSES = 4;
const CLIENTS = 20;
const ROUNDS = 6;
const RACES_PER_ROUND = 2;

interface Account {
  username: string;
  role: 'enumerator' | 'supervisor' | 'admin';
  prefixes: string[];
  /** Where its laptops create units. */
  areas: string[];
}

const ACCOUNTS: Account[] = [
  { username: 'enum-a', role: 'enumerator', prefixes: [AREA_A], areas: [AREA_A] },
  { username: 'enum-b', role: 'enumerator', prefixes: [AREA_B], areas: [AREA_B] },
  { username: 'sup-a', role: 'supervisor', prefixes: [AREA_A], areas: [AREA_A] },
  { username: 'sup-ab', role: 'supervisor', prefixes: ['640502001001'], areas: [AREA_A, AREA_B] },
  { username: 'admin-1', role: 'admin', prefixes: [], areas: [AREA_B, AREA_A] },
];
const accountOf = (client: number): Account => ACCOUNTS[client % ACCOUNTS.length] as Account;
const covers = (a: Account, area: string): boolean => a.role === 'admin' || a.prefixes.some((p) => area.startsWith(p));

let db: TestDatabase;
let procs: ServerProcesses | null = null;
let admin: pg.Pool;
let urls: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  admin = new pg.Pool({ connectionString: db.url, max: 3 });
  const store = await openPostgresStore(db.url, { poolSize: 2 });
  try {
    for (const a of [...ACCOUNTS]) {
      await addUser(store, { username: a.username, name: `${a.username} 姓名`, role: a.role, password: PASSWORD });
      if (a.prefixes.length > 0) await assign(store, a.username, a.prefixes);
    }
  } finally {
    await store.close();
  }
  procs = await startServerProcesses(db.url, PROCESSES);
  urls = procs.list.map((p) => p.url);
}, 60_000);

afterAll(async () => {
  await procs?.stopAll();
  await admin?.end();
  await db?.drop();
});

/** What the database holds in a scope: field → version and value (entities fully created). */
async function databaseFields(account: Account): Promise<Map<string, HeldField>> {
  const scope = account.role === 'admin' ? { sql: 'true', params: [] } : { sql: 'e.scope_key LIKE ANY($1::text[])', params: [account.prefixes.map((p) => `${p}%`)] };
  const rows = await admin.query<{ entity: string; entity_id: string; field: string; version: string; value: string }>(
    `SELECT fs.entity, fs.entity_id, fs.field, fs.version, fs.value FROM field_state fs
     JOIN entities e ON e.entity = fs.entity AND e.entity_id = fs.entity_id WHERE e.created_gseq > 0 AND ${scope.sql}`,
    scope.params,
  );
  return new Map(
    rows.rows.map((r) => [
      fieldKey(r.entity, r.entity_id, r.field),
      { entity: r.entity, entityId: r.entity_id, field: r.field, version: Number(r.version), value: JSON.parse(r.value) as HeldField['value'] },
    ]),
  );
}

describe('four server processes on one database', () => {
  it('a change committed after a higher one still reaches a laptop that pulled in between', async () => {
    const writer = new BalancedClient(urls, 'laptop-stall-w', 0, false);
    const other = new BalancedClient(urls, 'laptop-stall-o', 1, false);
    const reader = new BalancedClient(urls, 'laptop-stall-r', 2, false);
    await writer.login('sup-ab');
    await other.login('sup-ab');
    await reader.login('sup-ab');
    await writer.push([...writer.d.createUnit('unit-stalled', AREA_A), writer.d.op('unit-stalled', 'address', '旧地址', 0)]);
    await reader.pullToEnd();

    // Another session holds the row the writer's next push must update: that push draws its
    // number, then waits inside its transaction, on process 0.
    const holder = await admin.connect();
    let stalled: Promise<unknown> | null = null;
    try {
      await holder.query('BEGIN');
      await holder.query("SELECT 1 FROM field_state WHERE entity = 'unit' AND entity_id = 'unit-stalled' AND field = 'address' FOR UPDATE");
      stalled = writer.push([writer.d.op('unit-stalled', 'address', '新地址', reader.version('unit', 'unit-stalled', 'address'))]);
      const waiting = async () => Number((await admin.query<{ n: string }>('SELECT count(*) AS n FROM pg_locks WHERE NOT granted')).rows[0]?.n);
      for (let i = 0; i < 500 && (await waiting()) === 0; i++) await new Promise((r) => setTimeout(r, 10));
      expect(await waiting()).toBeGreaterThan(0);
      const lower = Number((await admin.query<{ s: string }>('SELECT last_value AS s FROM gseq_seq')).rows[0]?.s);

      // A higher number commits on process 1 while the lower is still in flight.
      await other.push(other.d.createUnit('unit-overtake', AREA_A));
      const higher = Number((await admin.query<{ v: string }>("SELECT max(version) AS v FROM field_state WHERE entity_id = 'unit-overtake'")).rows[0]?.v);
      expect(higher).toBeGreaterThan(lower);

      // A pull on process 2 now must not move its cursor past the lower number.
      await reader.pullToEnd();
      expect(reader.cursor).toBeLessThan(lower);
    } finally {
      await holder.query('COMMIT');
      holder.release();
      await stalled;
    }
    await reader.pullToEnd();
    expect(reader.fields.get(fieldKey('unit', 'unit-stalled', 'address'))?.value).toBe('新地址');
    expect(reader.fields.get(fieldKey('unit', 'unit-overtake', 'name'))).toBeDefined();
  });

  it('20 laptops pushing and pulling at once, with same-field races across processes, end with every change once, equal checksums and one conflict per race', async () => {
    const clients = Array.from({ length: CLIENTS }, (_, i) => new BalancedClient(urls, `laptop-c${String(i).padStart(2, '0')}`, i % PROCESSES, i % 3 === 0));
    await Promise.all(clients.map((c, i) => c.login(accountOf(i).username)));
    const everyone = new BalancedClient(urls, 'laptop-admin', 0, true);
    await everyone.login('admin-1');

    // Race units, made before the rush so both racers start from the same version.
    const races = planRaces();
    await everyone.push(races.flatMap((r) => everyone.d.createUnit(r.entityId, r.area, `赛跑 ${r.entityId}`)));

    const meeting = new Map<number, { count: number; open: () => void; opened: Promise<void> }>();
    const meet = (race: number): Promise<void> => {
      let m = meeting.get(race);
      if (!m) {
        let open = () => undefined as void;
        const opened = new Promise<void>((resolve) => (open = resolve));
        m = { count: 0, open, opened };
        meeting.set(race, m);
      }
      m.count += 1;
      if (m.count === 2) m.open();
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<void>((_, reject) => (timer = setTimeout(() => reject(new Error(`race ${race}: the other racer never came`)), 20_000)));
      return Promise.race([m.opened, late]).finally(() => clearTimeout(timer));
    };
    const raced: { race: number; client: number; op: Op; conflicts: { conflictId: string; isIncomingWinner: boolean }[] }[] = [];

    const run = async (i: number) => {
      const c = clients[i] as BalancedClient;
      const account = accountOf(i);
      const own: string[] = [];
      await c.pullToEnd();
      for (let round = 0; round < ROUNDS; round++) {
        c.d.wallMs += 1_000 + ((i * 7 + round * 13) % 50);
        const id = `unit-c${String(i).padStart(2, '0')}-${String(round).padStart(3, '0')}`;
        const ops = c.d.createUnit(id, account.areas[round % account.areas.length] ?? AREA_A, `单位 ${id}`);
        for (const [k, target] of own.slice(-2).entries()) {
          const field = ['address', 'uscc', 'industryCode', 'name'][(round + k) % 4] ?? 'address';
          ops.push(c.d.op(target, field, `${field} ${target} r${round}`, c.version('unit', target, field)));
        }
        own.push(id);
        await c.push(ops);
        for (const race of races.filter((r) => r.round === round && r.clients.includes(i))) {
          const side = race.clients.indexOf(i);
          await meet(race.index);
          // The racers' clocks: equal, or one of them later, so either arrival order can win.
          c.d.wallMs = race.wallMs + (side === race.later ? 5_000 : 0);
          const op = c.d.op(race.entityId, race.field, `${race.field} by ${c.d.deviceId}`, c.version('unit', race.entityId, race.field));
          const answer = await c.push([op], (race.index + side * 2) % PROCESSES);
          raced.push({ race: race.index, client: i, op, conflicts: answer.conflicts });
        }
        await c.pullToEnd();
      }
    };
    await Promise.all(clients.map((_, i) => run(i)));

    // Quiet now: everyone pulls to the end, then compares with the database and every process.
    await Promise.all([...clients, everyone].map((c) => c.pullToEnd()));
    for (const [c, account] of [...clients.map((c, i) => [c, accountOf(i)] as const), [everyone, ACCOUNTS[4] as Account] as const]) {
      const label = `${c.d.deviceId} (${account.username})`;
      const duplicates = c.pulled.filter((g, k) => k > 0 && g <= (c.pulled[k - 1] ?? 0));
      expect(duplicates, `${label}: gseqs pulled twice or out of order`).toEqual([]);
      const held = await databaseFields(account);
      const pulled = new Set(c.pulled);
      const skipped = [...held.values()].filter((f) => !pulled.has(f.version)).map((f) => `${f.entityId}/${f.field}@${f.version}`);
      expect(skipped, `${label}: changes never pulled`).toEqual([]);
      expect(c.fields, label).toEqual(held);
      for (let p = 0; p < PROCESSES; p++) {
        const verify = await c.verifyOn(p);
        expect({ isMatch: verify.isMatch, asOf: verify.asOf, count: verify.count }, `${label} on process ${p}`).toEqual({ isMatch: true, asOf: c.cursor, count: held.size });
      }
    }

    // One conflict per race, the same list from every process, the winner the rules give.
    const lists = await Promise.all(
      urls.map(async (url) => (await call<ConflictList>(url, 'GET', '/sync/conflicts?status=all&limit=1000', undefined, { token: everyone.d.token })).body.conflicts),
    );
    for (const list of lists.slice(1)) expect(list).toEqual(lists[0]);
    const conflicts = lists[0] ?? [];
    expect(conflicts).toHaveLength(races.length);
    const all = await databaseFields(ACCOUNTS[4] as Account);
    for (const race of races) {
      const [a, b] = race.clients.map((client) => raced.find((r) => r.race === race.index && r.client === client));
      if (!a || !b) throw new Error(`race ${race.index} did not run`);
      expect(a.op.baseVersion, `race ${race.index}: both from one base`).toBe(b.op.baseVersion);
      // server/sync/rules.ts decideWrite: the higher HLC wins, then the higher device id.
      const winner = a.op.hlc > b.op.hlc || (a.op.hlc === b.op.hlc && a.op.deviceId > b.op.deviceId) ? a.op : b.op;
      const found = conflicts.filter((cf) => cf.entityId === race.entityId && cf.field === race.field);
      expect(found, `race ${race.index}`).toHaveLength(1);
      const record = found[0] as ConflictList['conflicts'][number];
      expect(record[record.winner].deviceId, `race ${race.index}: winner`).toBe(winner.deviceId);
      expect(all.get(fieldKey('unit', race.entityId, race.field))?.value, `race ${race.index}: value`).toBe(winner.value);
      // Exactly one of the two pushes heard of it: the one that arrived second.
      const heard = [a, b].flatMap((r) => r.conflicts.map((h) => ({ ...h, isWinner: r.op === winner })));
      expect(heard.map((h) => h.conflictId)).toEqual([record.id]);
      expect(heard[0]?.isIncomingWinner).toBe(heard[0]?.isWinner);
    }
  }, 90_000);
});

interface Race {
  index: number;
  round: number;
  entityId: string;
  area: string;
  field: string;
  clients: [number, number];
  wallMs: number;
  /** Which racer's clock is later (2: equal clocks). */
  later: 0 | 1 | 2;
}

/** RACES_PER_ROUND races a round, each between two laptops whose scopes hold the unit, none in two races of a round. */
function planRaces(): Race[] {
  const races: Race[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const busy = new Set<number>();
    for (let k = 0; k < RACES_PER_ROUND; k++) {
      const index = races.length;
      const area = index % 2 === 0 ? AREA_A : AREA_B;
      const able = Array.from({ length: CLIENTS }, (_, i) => i).filter((i) => !busy.has(i) && covers(accountOf(i), area));
      const first = able[(index * 5) % able.length] as number;
      const second = able.filter((i) => i !== first)[(index * 3 + 1) % (able.length - 1)] as number;
      busy.add(first).add(second);
      races.push({
        index,
        round,
        entityId: `race-unit-${String(index).padStart(3, '0')}`,
        area,
        field: ['name', 'address', 'notFoundReason'][index % 3] ?? 'name',
        clients: [first, second],
        wallMs: 1_700_000_000_000 + (round + 1) * 100_000,
        later: (index % 3) as 0 | 1 | 2,
      });
    }
  }
  return races;
}
