import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { ServerStore } from '@server/store/types';
import { dropDatabaseOf, isPostgresRun, openTestStore } from '../helpers/test-database';
import { AREA_A, Device, pushContextOf } from './helpers';

// Property: for k edits of one field made without seeing each other (all on base version 0),
// whatever order they arrive in and however their clocks tie, the server ends with the value of
// the highest HLC and exactly k − 1 conflicts, each holding both values and naming the HLC
// winner. Checked on the store directly; fast-check prints the seed and the shrunk case.


/** k devices, each with a clock second (0–4: ties happen), a distinct value, and an arrival order. */
const race = fc.integer({ min: 2, max: 5 }).chain((k) =>
  fc.record({
    clocks: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: k, maxLength: k }),
    values: fc.uniqueArray(fc.integer({ min: -1_000_000, max: 1_000_000 }), { minLength: k, maxLength: k }),
    order: fc.shuffledSubarray([...Array(k).keys()], { minLength: k, maxLength: k }),
  }),
);

/** Like `race`, but values drawn from three, so several devices often write the same one. */
const raceWithEqualValues = fc.integer({ min: 2, max: 5 }).chain((k) =>
  fc.record({
    clocks: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: k, maxLength: k }),
    values: fc.array(fc.constantFrom(1, 2, 3), { minLength: k, maxLength: k }),
    order: fc.shuffledSubarray([...Array(k).keys()], { minLength: k, maxLength: k }),
  }),
);

type Store = ServerStore;

/**
 * One unit made by a creator, then k devices' edits of its revenue (all on base version 0),
 * pushed in `order`. Returns the store (caller closes it) and the edit with the highest HLC.
 */
async function pushRace(store: Store, clocks: readonly number[], values: readonly number[], order: readonly number[]) {
  const creator = new Device('', 'creator-dev');
  creator.offlineUserId = 'u-creator';
  await store.push(pushContextOf(creator), [creator.op('unit-0001', '$create', { areaCode: AREA_A, kind: 'legal' })]);
  const edits = clocks.map((second, i) => {
    const d = new Device('', `device-${String(i).padStart(4, '0')}`, 1_700_000_000_000 + second * 1000);
    d.offlineUserId = `u-${i}`;
    return { d, op: d.op('unit-0001', '611.revenue', values[i] ?? 0) };
  });
  for (const i of order) {
    const { d, op } = edits[i]!;
    expect((await store.push(pushContextOf(d), [op])).halted).toBeNull();
  }
  const winner = [...edits].sort((x, y) => (x.op.hlc < y.op.hlc ? 1 : -1))[0]!;
  const { changes } = await store.pull({ isAll: true }, 0, 100);
  const revenue = changes.find((c) => c.field === '611.revenue');
  const conflicts = await store.listConflicts({ scope: { isAll: true }, onlyUserId: null }, { status: 'all', after: 0, limit: 100 });
  return { edits, winner, revenue: revenue && (JSON.parse(revenue.valueJson) as unknown), conflicts };
}

describe('apply is order-independent for concurrent same-field edits', { timeout: 120_000 }, () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'census-prop-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('ends with the highest HLC and k − 1 conflicts for every arrival order', async () => {
    await fc.assert(
      fc.asyncProperty(race, async ({ clocks, values, order }) => {
        const dir = fs.mkdtempSync(path.join(root, 'server-'));
        const store = await openTestStore(dir);
        try {
          const { edits, winner, revenue, conflicts } = await pushRace(store, clocks, values, order);
          expect(revenue).toBe(winner.op.value);
          expect(conflicts).toHaveLength(edits.length - 1);
          for (const c of conflicts) {
            expect(c.field).toBe('611.revenue');
            expect(c.current.value).not.toEqual(c.incoming.value);
            // The side the conflict names as winner is the one with the higher HLC.
            const kept = c.winner === 'incoming' ? c.incoming : c.current;
            const other = c.winner === 'incoming' ? c.current : c.incoming;
            expect(kept.hlc > other.hlc).toBe(true);
          }
          // Every edit is kept once: the winner as the value, every other one in exactly one conflict.
          const losers = conflicts.map((c) => (c.winner === 'incoming' ? c.current.value : c.incoming.value));
          expect(losers.sort()).toEqual(values.filter((v) => v !== winner.op.value).sort());
        } finally {
          await store.close();
          await dropDatabaseOf(dir);
        }
      }),
      { numRuns: isPostgresRun() ? 25 : 200 },
    );
  });
  it('ends with the highest HLC\'s value when some edits write the same value', async () => {
    await fc.assert(
      fc.asyncProperty(raceWithEqualValues, async ({ clocks, values, order }) => {
        const dir = fs.mkdtempSync(path.join(root, 'server-'));
        const store = await openTestStore(dir);
        try {
          const { winner, revenue, conflicts } = await pushRace(store, clocks, values, order);
          expect(revenue).toBe(winner.op.value);
          // Equal values never conflict with each other.
          for (const c of conflicts) expect(c.current.value).not.toEqual(c.incoming.value);
        } finally {
          await store.close();
          await dropDatabaseOf(dir);
        }
      }),
      { numRuns: isPostgresRun() ? 25 : 200 },
    );
  });
});
