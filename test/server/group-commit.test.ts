import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Op } from '@shared/sync/protocol';
import { openServerDatabase } from '@server/db/open';
import { createGroupCommit } from '@server/store/sqlite/group-commit';
import { createPusher } from '@server/store/sqlite/push';
import { openSqliteStore } from '@server/store/sqlite/store';
import { AREA_A, Device, pushContextOf } from './helpers';

// Pushes that arrive together are stored in one transaction (group commit), each device's
// batch in a savepoint of its own: the answers and the stored state are those of pushing the
// batches one at a time in arrival order, and a batch that fails leaves the others stored.

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'census-group-commit-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
let opened = 0;
const nextFile = (): string => path.join(root, `server-${++opened}.db`);


function device(i: number): Device {
  const d = new Device('', `group-device-${i}`, 1_700_000_000_000 + (i % 2) * 1000);
  d.offlineUserId = `u-${i}`;
  return d;
}

describe('createGroupCommit', () => {
  it('stores items that arrive together in one transaction, and one that throws fails alone', async () => {
    const file = nextFile();
    const sqlite = new Database(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.exec('CREATE TABLE t (item TEXT NOT NULL)');
    const reader = new Database(file, { readonly: true });
    const seenFromOutside: number[] = [];
    try {
      const group = createGroupCommit(sqlite, (item: string) => {
        // Another connection sees nothing of the group until it commits.
        seenFromOutside.push(reader.prepare('SELECT count(*) FROM t').pluck().get() as number);
        sqlite.prepare('INSERT INTO t (item) VALUES (?), (?)').run(item, item);
        if (item === 'bad') throw new Error('this item fails');
        return item.toUpperCase();
      });
      const results = await Promise.allSettled(['a', 'bad', 'c'].map((item) => group.submit(item)));
      expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual(['A', 'this item fails', 'C']);
      expect(seenFromOutside).toEqual([0, 0, 0]);
      expect(sqlite.prepare('SELECT item FROM t ORDER BY rowid').pluck().all()).toEqual(['a', 'a', 'c', 'c']);
      // A later item is a group of its own.
      expect(await group.submit('d')).toBe('D');
      expect(seenFromOutside.at(-1)).toBe(4);
    } finally {
      reader.close();
      sqlite.close();
    }
  });
});

describe('createGroupCommit weights', () => {
  it('closes a group before the item that would take it past maxWeight', async () => {
    const file = nextFile();
    const sqlite = new Database(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.exec('CREATE TABLE t (item TEXT NOT NULL)');
    const reader = new Database(file, { readonly: true });
    try {
      const committedBefore: Record<string, number> = {};
      const group = createGroupCommit(
        sqlite,
        (item: string) => {
          committedBefore[item] = reader.prepare('SELECT count(*) FROM t').pluck().get() as number;
          sqlite.prepare('INSERT INTO t (item) VALUES (?)').run(item);
          return item;
        },
        { maxWeight: 4, weight: (item) => item.length },
      );
      // 'aaa' + 'bb' would weigh 5: 'bb' starts the next group with 'c'; 'dddddd' alone is over
      // the limit and still gets a group of its own.
      await Promise.all(['aaa', 'bb', 'c', 'dddddd'].map((item) => group.submit(item)));
      expect(committedBefore).toEqual({ aaa: 0, bb: 1, c: 1, dddddd: 3 });
    } finally {
      reader.close();
      sqlite.close();
    }
  });
});

/** Every row the pushes wrote, in a stable order: what "the same state" means below. */
function dump(sqlite: Database.Database) {
  return {
    ops: sqlite.prepare('SELECT * FROM ops ORDER BY device_id, seq').all(),
    entities: sqlite.prepare('SELECT * FROM entities ORDER BY entity, entity_id').all(),
    fields: sqlite.prepare('SELECT * FROM field_state ORDER BY entity, entity_id, field').all(),
    conflicts: sqlite.prepare('SELECT * FROM conflicts ORDER BY id').all(),
  };
}

describe('group commit of pushes', () => {
  it('leaves the other devices’ batches stored when one device’s batch fails', async () => {
    const { sqlite } = openServerDatabase(nextFile());
    try {
      const pusher = createPusher(sqlite);
      // A storage failure in the middle of one device's batch, after its entity was written.
      sqlite.exec(`CREATE TEMP TRIGGER fail_one BEFORE INSERT ON main.ops WHEN NEW.device_id = 'group-device-1'
        BEGIN SELECT RAISE(ABORT, 'disk trouble for this batch'); END`);
      const devices = [0, 1, 2].map(device);
      const batches = devices.map((d, i) => d.createUnit(`unit-group-${i}000`, AREA_A));
      const results = await Promise.allSettled(devices.map((d, i) => pusher.push(pushContextOf(d), batches[i]!)));
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(results[0]).toMatchObject({ value: { ackedSeq: 2, halted: null, rejected: [] } });
      expect(results[2]).toMatchObject({ value: { ackedSeq: 2, halted: null, rejected: [] } });
      const state = dump(sqlite);
      expect(state.entities.map((e) => (e as { entity_id: string }).entity_id)).toEqual(['unit-group-0000', 'unit-group-2000']);
      expect(state.ops.map((o) => (o as { device_id: string }).device_id)).toEqual(['group-device-0', 'group-device-0', 'group-device-2', 'group-device-2']);
      // Gseqs stay dense: the failed batch took none.
      expect(state.ops.map((o) => (o as { gseq: number }).gseq)).toEqual([1, 2, 3, 4]);
    } finally {
      sqlite.close();
    }
  });

  // Property: rounds of batches from three devices (creates and racing edits of shared units,
  // some tampered, some with gaps, some replayed), each round's batches arriving together, give
  // the same answers and the same stored rows as the same batches pushed one at a time.
  const opSpec = fc.record({
    unit: fc.nat(3),
    kind: fc.constantFrom('create', 'edit', 'edit'),
    value: fc.nat(4),
    base: fc.nat(6),
  });
  const batchSpec = fc.record({
    device: fc.nat(2),
    ops: fc.array(opSpec, { minLength: 1, maxLength: 4 }),
    fault: fc.constantFrom('none', 'none', 'none', 'tamper', 'gap', 'replay'),
  });
  const planSpec = fc.array(fc.array(batchSpec, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 });

  it('answers and stores as pushing the same batches one at a time', async () => {
    await fc.assert(
      fc.asyncProperty(planSpec, async (plan) => {
        // The batches, built once: both servers get exactly the same ops.
        const devices = [0, 1, 2].map(device);
        const sent = new Map<number, Op[]>();
        const rounds = plan.map((round) =>
          round.map((b) => {
            const d = devices[b.device]!;
            let ops = b.ops.map((o) =>
              o.kind === 'create'
                ? d.op(`unit-shared-${o.unit}`, '$create', { areaCode: AREA_A, kind: 'legal' })
                : d.op(`unit-shared-${o.unit}`, '611.revenue', o.value, o.base),
            );
            if (b.fault === 'tamper') ops = ops.map((op, i) => (i === ops.length - 1 ? { ...op, value: 'tampered' } : op));
            if (b.fault === 'gap' && ops.length > 1) ops = ops.slice(1);
            if (b.fault === 'replay') ops = [...(sent.get(b.device) ?? []).slice(-2), ...ops];
            sent.set(b.device, [...(sent.get(b.device) ?? []), ...ops]);
            return { d, ops };
          }),
        );
        const together = openServerDatabase(nextFile()).sqlite;
        const oneByOne = openServerDatabase(nextFile()).sqlite;
        try {
          const grouped = createPusher(together);
          const single = createPusher(oneByOne);
          const answersTogether: unknown[] = [];
          const answersOneByOne: unknown[] = [];
          for (const round of rounds) {
            answersTogether.push(...(await Promise.all(round.map((b) => grouped.push(pushContextOf(b.d), b.ops)))));
            for (const b of round) answersOneByOne.push(await single.push(pushContextOf(b.d), b.ops));
          }
          expect(answersTogether).toEqual(answersOneByOne);
          expect(dump(together)).toEqual(dump(oneByOne));
        } finally {
          together.close();
          oneByOne.close();
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('closing the store', () => {
  it('stores the pushes still waiting for their group before it closes', async () => {
    const file = nextFile();
    const store = openSqliteStore(file);
    const d = device(7);
    const pushed = store.push(pushContextOf(d), d.createUnit('unit-closing-0001', AREA_A));
    await store.close();
    expect(await pushed).toMatchObject({ ackedSeq: 2, halted: null });
    const reopened = openSqliteStore(file);
    try {
      expect((await reopened.lastOp(d.deviceId)).seq).toBe(2);
    } finally {
      await reopened.close();
    }
  });
});
