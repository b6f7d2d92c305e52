import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Op } from '@shared/sync/protocol';
import { openPostgresStore } from '@server/store/postgres/store';
import type { Scope, ServerStore } from '@server/store/types';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { AREA_A, Device, pushContextOf } from '../server/helpers';
import { capture, describePlan, explain, installCapture, isExplainable, opsPartitionsRead, uninstallCapture } from './plans';

// The op log as it grows (migration 0001_op_log.sql, server/store/postgres/partitions.ts), with
// partitions of 1,000 numbers so that a few thousand ops fill several: partitions are created
// ahead of the numbers drawn, every op lands in the partition of its number and none in the
// default one, reads that go by number visit only the partitions they need, and two processes
// creating the same partition at once fail no push.

const SIZE = 1_000;
const SCOPE: Scope = { isAll: false, prefixes: [AREA_A] };

let db: TestDatabase;
let admin: pg.Client;
const opened: ServerStore[] = [];

beforeEach(async () => {
  db = await createTestDatabase();
  admin = new pg.Client(db.url);
  await admin.connect();
});

afterEach(async () => {
  uninstallCapture();
  for (const s of opened.splice(0)) await s.close();
  await admin.end();
  await db.drop();
});

async function open(): Promise<{ store: ServerStore; logged: string[] }> {
  const logged: string[] = [];
  const store = await openPostgresStore(db.url, { partitionSize: SIZE, log: (m) => logged.push(m) });
  opened.push(store);
  return { store, logged };
}

function laptop(name: string, wallMs = 1_700_000_000_000): Device {
  const d = new Device('', `laptop-${name}`, wallMs);
  d.offlineUserId = `u-${name}`;
  return d;
}

/** `count` new units of `d` (a $create and a name each), as one batch. */
function units(d: Device, from: number, count: number): Op[] {
  const ops: Op[] = [];
  for (let u = from; u < from + count; u++) ops.push(...d.createUnit(`unit-${d.deviceId.slice(7)}-${String(u).padStart(5, '0')}`, AREA_A));
  return ops;
}

async function push(store: ServerStore, d: Device, ops: Op[]) {
  const result = await store.push(pushContextOf(d), ops);
  expect(result.halted).toBeNull();
  expect(result.ackedSeq).toBe(d.seq);
  return result;
}

async function partitions(): Promise<string[]> {
  const rows = await admin.query<{ name: string }>(
    "SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'ops'",
  );
  return rows.rows.map((r) => r.name).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/** Which partition each op is stored in, with the range of numbers there. */
async function placement(): Promise<{ partition: string; low: number; high: number; n: number }[]> {
  const rows = await admin.query<{ partition: string; low: string; high: string; n: number }>(
    'SELECT tableoid::regclass::text AS partition, min(log_no) AS low, max(log_no) AS high, count(*)::int AS n FROM ops GROUP BY 1 ORDER BY 2',
  );
  return rows.rows.map((r) => ({ partition: r.partition, low: Number(r.low), high: Number(r.high), n: r.n }));
}

const highestNumber = async (): Promise<number> => Number((await admin.query<{ n: string }>('SELECT max(log_no) AS n FROM ops')).rows[0]?.n ?? 0);

/** Waits (a bounded number of times) for the partition keeper, which works after a push's commit. */
async function untilPartition(name: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if ((await partitions()).includes(name)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`partition ${name} was never created (have ${(await partitions()).join(', ')})`);
}

/** Waits (bounded) until `count` sessions wait for a lock on the op log. */
async function untilWaiting(count: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const waiting = await admin.query("SELECT 1 FROM pg_locks WHERE relation = 'ops'::regclass AND NOT granted");
    if (waiting.rows.length >= count) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`fewer than ${count} sessions ever waited for the op log`);
}

const partitionOf = (n: number): string => `ops_p${Math.floor(n / SIZE)}`;

describe('the op log partitioned by number, as it grows', () => {
  it('creates partitions ahead of the numbers drawn; every op lands in its own, none in the default', async () => {
    const { store, logged } = await open();
    // At open: the current range and the next.
    expect(await partitions()).toEqual(['ops_default', 'ops_p0', 'ops_p1']);
    const d = laptop('a');
    for (let batch = 0; batch < 16; batch++) {
      await push(store, d, units(d, batch * 125, 125));
      const highest = await highestNumber();
      // Ahead: by the time half the newest partition is drawn, the one after it exists.
      await untilPartition(partitionOf(highest + SIZE / 2));
    }
    const highest = await highestNumber();
    expect(highest).toBe(4_000);
    const placed = await placement();
    expect(placed.map((p) => p.partition)).toEqual(['ops_p0', 'ops_p1', 'ops_p2', 'ops_p3', 'ops_p4']);
    for (const p of placed) {
      const k = Number(p.partition.slice('ops_p'.length));
      expect(p.low).toBeGreaterThanOrEqual(k * SIZE);
      expect(p.high).toBeLessThan((k + 1) * SIZE);
    }
    expect(placed.reduce((n, p) => n + p.n, 0)).toBe(4_000);
    expect((await admin.query('SELECT 1 FROM ops_default')).rows).toEqual([]);
    // 4,000 is the first number of ops_p4; ops_p5 comes once half of ops_p4 is drawn.
    expect(await partitions()).toEqual(['ops_default', 'ops_p0', 'ops_p1', 'ops_p2', 'ops_p3', 'ops_p4']);
    await push(store, d, units(d, 2_000, 250));
    await untilPartition('ops_p5');
    expect(logged).toEqual([]);
  });

  it('reads: a pull and lastOp never touch the op log; a conflict read visits only the partitions holding its ops', async () => {
    const { store } = await open();
    const a = laptop('a');
    const b = laptop('b', 1_700_000_100_000);
    // A race early in the log (partition 0), many ops after it, and a race late (partition 3).
    await push(store, a, units(a, 0, 10));
    await push(store, b, [b.op('unit-a-00001', 'address', 'B 的地址', 0)]);
    await push(store, a, [a.op('unit-a-00001', 'address', 'A 的地址', 0)]);
    for (let batch = 0; batch < 12; batch++) {
      await push(store, a, units(a, 100 + batch * 125, 125));
      await untilPartition(partitionOf((await highestNumber()) + SIZE / 2));
    }
    await push(store, b, [b.op('unit-a-00002', 'address', 'B 的地址', 0)]);
    await push(store, a, [a.op('unit-a-00002', 'address', 'A 的地址', 0)]);
    await admin.query('ANALYZE');

    installCapture();
    const viewer = { scope: SCOPE, onlyUserId: null };
    const conflicts = await capture(() => store.listConflicts(viewer, { status: 'open', after: 0, limit: 100 }));
    expect(conflicts.result).toHaveLength(2);
    const holding = new Set(conflicts.result.flatMap((c) => [c.current.gseq, c.incoming.gseq]).map(partitionOf));
    expect([...holding].sort()).toEqual(['ops_p0', 'ops_p3']);
    expect(await partitions()).toEqual(['ops_default', 'ops_p0', 'ops_p1', 'ops_p2', 'ops_p3']);
    const count = await capture(() => store.countOpenConflicts(viewer));
    expect(count.result).toBe(2);
    for (const statement of [...conflicts.statements, ...count.statements].filter((s) => /FROM conflicts c/.test(s.text))) {
      const e = await explain(admin, statement, true);
      const read = opsPartitionsRead(e);
      expect(read, describePlan(e.plan)).toEqual(['ops_p0', 'ops_p3']);
      // Pruned at run time: the Append lists every partition, and the others never ran.
      expect(e.nodes.filter((n) => n['Relation Name'] === 'ops_p1' && n['Actual Loops'] === 0).length, describePlan(e.plan)).toBeGreaterThan(0);
    }

    const top = await highestNumber();
    const reads = [
      await capture(() => store.pull(SCOPE, 0, 500)),
      await capture(() => store.pull(SCOPE, top, 500)),
      await capture(() => store.lastOp(a.deviceId)),
    ];
    expect(reads[2]?.result).toEqual({ seq: a.seq, hash: a.lastHash });
    for (const { statements } of reads) {
      for (const statement of statements.filter(isExplainable)) {
        const e = await explain(admin, statement);
        expect(e.nodes.filter((n) => /^ops/.test(n['Relation Name'] ?? '')), describePlan(e.plan)).toEqual([]);
      }
    }
  });

  it("a first sync's new units with their fields look up no refused creates in the log; an edit of an unknown unit does", async () => {
    const { store } = await open();
    const a = laptop('a');
    for (let batch = 0; batch < 4; batch++) await push(store, a, units(a, batch * 250, 250));
    installCapture();
    // New units, each created and then edited in the same batch: the batch's own '$create'
    // decides each edit (stored, or refused and remembered by the group), so asking every
    // partition's entity index for an earlier refused create of each would be for nothing.
    const first = units(a, 5_000, 200).concat(Array.from({ length: 200 }, (_, u) => a.op(`unit-a-${String(5_000 + u).padStart(5, '0')}`, 'address', '某路')));
    const fresh = await capture(() => push(store, a, first));
    expect(fresh.result.rejected).toEqual([]);
    expect(fresh.statements.filter((s) => /JOIN ops o ON/.test(s.text))).toEqual([]);
    // An edit before any '$create' of its unit: whether the user's own create was refused
    // before is in the log, and is asked.
    const b = laptop('b');
    await push(store, b, [b.op('unit-b-00001', '$create', { areaCode: '110101001001001', kind: 'legal', source: 'field' })]);
    const unknown = await capture(() => push(store, b, [b.op('unit-b-00001', 'name', '某某公司')]));
    expect(unknown.result.rejected.map((r) => r.code)).toEqual(['UNKNOWN_ENTITY']);
    const [lookup] = unknown.statements.filter((s) => /JOIN ops o ON/.test(s.text));
    expect(lookup?.values).toEqual([['unit'], ['unit-b-00001']]);
  });

  it('two processes creating the same partitions at once fail no push, and leave no op in the default partition', async () => {
    // Both open on a database without partitions, and both find ops_p0 missing; a lock held on
    // the log makes both wait to create it, and then both go on at once.
    await admin.query('BEGIN');
    await admin.query('LOCK TABLE ops IN ACCESS SHARE MODE');
    const opening = Promise.all([open(), open()]);
    await untilWaiting(2);
    await admin.query('COMMIT');
    const [one, two] = await opening;
    expect(await partitions()).toEqual(['ops_default', 'ops_p0', 'ops_p1']);
    // One of them found the partition made by the other (its error is only logged).
    expect([...one.logged, ...two.logged].join('\n')).toMatch(/ops_p0/);
    const devices = [laptop('a'), laptop('b'), laptop('c'), laptop('d')];
    // Rounds of pushes from both at once: each process's keeper sees the same numbers pass the
    // middle of a partition and creates the next one, racing the other.
    for (let round = 0; round < 8; round++) {
      const results = await Promise.allSettled(
        devices.map((d, i) => (i % 2 === 0 ? one.store : two.store).push(pushContextOf(d), units(d, round * 60, 60))),
      );
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      for (const [i, r] of results.entries()) if (r.status === 'fulfilled') expect(r.value.ackedSeq).toBe(devices[i]?.seq);
      await untilPartition(partitionOf((await highestNumber()) + SIZE / 2));
    }
    await Promise.all([one.store.close(), two.store.close()]);
    const highest = await highestNumber();
    expect(highest).toBe(4 * 8 * 120);
    expect((await admin.query('SELECT 1 FROM ops_default')).rows).toEqual([]);
    const placed = await placement();
    expect(placed.map((p) => p.partition)).toEqual(['ops_p0', 'ops_p1', 'ops_p2', 'ops_p3']);
    expect(await partitions()).toContain(partitionOf(highest + SIZE / 2));
  });
});
