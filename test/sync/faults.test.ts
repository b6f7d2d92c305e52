import { afterEach, describe, expect, it } from 'vitest';
import { queryServer } from '../helpers/test-database';
import { decideFork } from '@server/admin/forks';
import { assign, unassign } from '@server/admin/users';
import { createUnit, editItem, newUnit } from './helpers';
import { clientChecksum, faultyTransport, seeded, visibleUnits, World, type Client } from './world';

// Connections cut at random points of push and pull, requests duplicated and replayed out of
// order, the server restarted mid-sync: every op still ends up applied exactly once, and the
// clients converge. Seeded, so a failure names the schedule that caused it.

let world: World | null = null;
let totalRestarts = 0;
/** Snapshot requests for a page after the first (the next page is asked for while one is written). */
let laterSnapshotPages = 0;
afterEach(async () => {
  await world?.close();
  world = null;
});

/** Retries until a run succeeds, as the scheduler's backoff would (without the waiting). */
async function syncUntilDone(c: Client, limit = 60): Promise<number> {
  for (let attempt = 1; attempt <= limit; attempt++) {
    if ((await c.core.sync.engine.sync('retry')) !== null && c.core.sync.status().pending === 0) return attempt;
  }
  throw new Error(`${c.name}: no clean sync in ${limit} attempts: ${JSON.stringify(c.core.sync.status().lastError)}`);
}

function ownOps(c: Client): { hlc: string; seq: number }[] {
  return c.core.sqlite.prepare("SELECT json_extract(op, '$.hlc') AS hlc, seq FROM sync_outbox").all() as {
    hlc: string;
    seq: number;
  }[];
}

/** Every op the server stored, read from its own store: (hlc, gseq) per stored op. */
function serverOps(w: World): Promise<{ hlc: string; gseq: number | null; outcome: string }[]> {
  return queryServer<{ hlc: string; gseq: string | number | null; outcome: string }>(w, 'SELECT hlc, gseq, outcome FROM ops').then((rows) =>
    rows.map((r) => ({ ...r, gseq: r.gseq === null ? null : Number(r.gseq) })),
  );
}

describe('sync under faults', () => {
  for (const seed of [11, 23, 37, 41, 59]) {
    it(`applies every op exactly once and converges (seed ${seed})`, async () => {
      const w = new World();
      world = w;
      await w.start();
      await w.user('enum01', 'enumerator', ['640502100001']);
      await w.user('enum02', 'enumerator', ['640502100001']);
      const rand = seeded(seed);
      const plan = { dropRequest: 0.15, dropResponse: 0.2, duplicate: 0.15, replayOld: 0.15 };
      const ta = faultyTransport(rand, plan);
      const tb = faultyTransport(rand, plan);
      // Restart the server in the middle of some syncs: the request in flight is lost.
      let restarts = 0;
      const withRestarts = (t: typeof ta): typeof ta => {
        const wrapped = async (req: Parameters<typeof ta>[0]) => {
          if (req.url.endsWith('/sync/snapshot') && req.body && new TextDecoder().decode(req.body).includes('"page"')) laterSnapshotPages += 1;
          if (/\/sync\//.test(req.url) && rand() < 0.04 && restarts < 3) {
            restarts += 1;
            totalRestarts += 1;
            await w.restart();
            throw new Error('fault: server restarted');
          }
          return t(req);
        };
        return Object.assign(wrapped, { faults: 0 });
      };
      const a = await w.client('a', 'enum01', withRestarts(ta));
      const b = await w.client('b', 'enum02', withRestarts(tb));
      // Small batches and pages so one sync takes many requests and cuts land between them.
      for (const c of [a, b]) c.core.sync.engine.transfer = { pushLimits: { maxOps: 5, maxBytes: 1_000_000 }, pageSize: 7, snapshotPageSize: 2 };
      const written = { a: [] as string[], b: [] as string[] };
      for (let i = 0; i < 6; i++) {
        const id = `unit-${seed}-a${i}`;
        createUnit(a.core.db, id, newUnit({ name: `中卫市宏达商贸${i}号店` }));
        written.a.push(id);
        const idb = `unit-${seed}-b${i}`;
        createUnit(b.core.db, idb, newUnit({ name: `中卫市黄河建材${i}号店`, kind: 'establishment' }));
        written.b.push(idb);
      }
      const opsA = ownOps(a);
      const opsB = ownOps(b);
      await syncUntilDone(a);
      await syncUntilDone(b);
      // Then edits to each other's units (different fields), through the same faults.
      await syncUntilDone(a);
      for (let i = 0; i < 6; i++) {
        editItem(a.core.db, `unit-${seed}-b${i}`, '611', 'employees', 10 + i);
        editItem(b.core.db, `unit-${seed}-a${i}`, '611', 'legalRep', `负责人${i}`);
      }
      const editsA = ownOps(a).filter((o) => o.seq > Math.max(...opsA.map((x) => x.seq)));
      const editsB = ownOps(b).filter((o) => o.seq > Math.max(...opsB.map((x) => x.seq)));
      await syncUntilDone(a);
      await syncUntilDone(b);
      await syncUntilDone(a);

      const stored = await serverOps(w);
      const count = new Map<string, number>();
      for (const o of stored) if (o.gseq !== null) count.set(o.hlc, (count.get(o.hlc) ?? 0) + 1);
      for (const op of [...opsA, ...opsB, ...editsA, ...editsB]) expect(count.get(op.hlc), op.hlc).toBe(1);
      expect(stored).toHaveLength(opsA.length + opsB.length + editsA.length + editsB.length);
      expect(new Set(stored.map((o) => o.outcome))).toEqual(new Set(['applied']));
      expect(visibleUnits(b.core)).toEqual(visibleUnits(a.core));
      expect(Object.keys(visibleUnits(a.core))).toHaveLength(12);
      expect(clientChecksum(b.core)).toBe(clientChecksum(a.core));
      expect(ta.faults + tb.faults).toBeGreaterThan(0);
    });
  }

  it('restarted the server mid-sync in at least one of the schedules above', () => {
    expect(totalRestarts).toBeGreaterThan(0);
  });

  it('fetched snapshots of several pages, each asked for while the one before was written', () => {
    expect(laterSnapshotPages).toBeGreaterThan(0);
  });
});

/** Retries a step until it succeeds, as a user pressing the button again would. */
async function untilDone<T>(what: string, step: () => Promise<T | null>, limit = 60): Promise<T> {
  for (let attempt = 1; attempt <= limit; attempt++) {
    const result = await step();
    if (result !== null) return result;
  }
  throw new Error(`${what}: not done in ${limit} attempts`);
}

/** The laptop's units, and whatever it still holds back: nothing may be left in either state. */
function strandedOn(c: Client): string[] {
  const status = c.core.sync.status();
  const held = c.core.sqlite.prepare('SELECT count(*) FROM sync_held').pluck().get() as number;
  return [
    ...(status.fork ? [`fork at ${status.fork.seq}`] : []),
    ...(status.pending > 0 ? [`${status.pending} pending`] : []),
    ...(held > 0 ? [`${held} held`] : []),
    ...status.rejected.filter((r) => r.state === 'open').map((r) => `refused ${r.entityId} ${r.field} ${r.code}`),
  ];
}

describe('a rolled-back laptop and a scope flap, under faults', () => {
  for (const seed of [7, 19]) {
    it(`end with zero lost and zero stranded units after recovery (seed ${seed})`, { timeout: 120_000 }, async () => {
      const w = new World();
      world = w;
      await w.start();
      await w.user('enum01', 'enumerator', ['640502100001']);
      await w.user('enum02', 'enumerator', ['640502100001']);
      await w.user('super01', 'supervisor', ['640502100']);
      await w.user('bureau01', 'admin', []);
      const rand = seeded(seed);
      const plan = { dropRequest: 0.1, dropResponse: 0.15, duplicate: 0.1, replayOld: 0.1 };
      const a = await w.client('a', 'enum01', faultyTransport(rand, plan));
      const b = await w.client('b', 'enum02', faultyTransport(rand, plan));
      for (const c of [a, b]) c.core.sync.engine.transfer = { pushLimits: { maxOps: 3, maxBytes: 1_000_000 }, pageSize: 5, snapshotPageSize: 2 };
      const created: string[] = [];
      const create = (c: Client, id: string, name: string) => {
        createUnit(c.core.db, id, newUnit({ name }));
        created.push(id);
      };

      // Laptop a works, is copied (a backup), works on, and is put back to the copy: its next
      // changes reuse sequence numbers the server holds.
      for (let i = 0; i < 3; i++) create(a, `unit-${seed}-a${i}`, `中卫市宏达商贸${i}号店`);
      await syncUntilDone(a);
      const copy = a.copyStore();
      for (let i = 3; i < 5; i++) create(a, `unit-${seed}-a${i}`, `中卫市宏达商贸${i}号店`);
      await syncUntilDone(a);
      a.restoreStore(copy);
      for (let i = 5; i < 7; i++) create(a, `unit-${seed}-a${i}`, `中卫市宏达商贸${i}号店`);
      editItem(a.core.db, `unit-${seed}-a0`, '611', 'employees', 50 + seed);

      // Laptop b creates while its area is taken away (the scope flap), then gets it back.
      await syncUntilDone(b);
      await unassign(w.server.store, 'enum02', ['640502100001']);
      for (let i = 0; i < 3; i++) create(b, `unit-${seed}-b${i}`, `中卫市黄河建材${i}号店`);
      editItem(b.core.db, `unit-${seed}-b0`, '611', 'employees', 7);
      await syncUntilDone(b);
      editItem(b.core.db, `unit-${seed}-b1`, '611', 'legalRep', '赵六');
      await assign(w.server.store, 'enum02', ['640502100001']);

      // Recovery. a: the fork is found, a branch asked for, approved, and the work goes up.
      await untilDone('fork found', async () => ((await a.core.sync.engine.sync('retry')) === null && a.core.sync.status().fork ? true : null));
      const request = await untilDone('branch asked', async () => (await a.core.sync.engine.requestBranch()).fork?.request ?? null);
      await decideFork(w.server.store, request.id, 'approved', 'bureau01');
      await syncUntilDone(a);
      expect(a.core.sync.engine.deviceId).toBe(request.newDeviceId);
      // b: once its area is back, every refused creation is retried.
      await untilDone('area back', async () => {
        await b.core.sync.engine.sync('retry');
        const open = b.core.sync.status().rejected.filter((r) => r.state === 'open');
        return open.length > 0 && open.every((r) => r.canRetryNow) ? open : null;
      });
      for (const r of b.core.sync.status().rejected.filter((x) => x.state === 'open')) b.core.sync.retryRefused({ id: r.id });
      await syncUntilDone(b);

      const s = await w.client('s', 'super01');
      for (const c of [a, b, s, a, b]) await syncUntilDone(c);
      // Zero lost: every unit any laptop created is on the server and on every laptop in scope.
      const onServer = (await w.server.store.entityStates('unit', { isAll: true })).map((e) => e.entityId).sort();
      expect(onServer).toEqual([...created].sort());
      for (const c of [a, b, s]) expect(Object.keys(visibleUnits(c.core)), c.name).toEqual([...created].sort());
      expect(visibleUnits(b.core)).toEqual(visibleUnits(a.core));
      expect(visibleUnits(s.core)).toEqual(visibleUnits(a.core));
      expect(clientChecksum(s.core)).toBe(clientChecksum(a.core));
      // Zero stranded: nothing forked, pending, held back or refused without a retry.
      for (const c of [a, b, s]) expect(strandedOn(c), c.name).toEqual([]);
      // The work made around the fork and the flap arrived with its units.
      const data = (id: string) => (visibleUnits(s.core)[id] as { data: Record<string, Record<string, unknown>> }).data['611'];
      expect(data(`unit-${seed}-a0`)?.employees).toBe(50 + seed);
      expect(data(`unit-${seed}-b0`)?.employees).toBe(7);
      expect(data(`unit-${seed}-b1`)?.legalRep).toBe('赵六');
    });
  }
});
