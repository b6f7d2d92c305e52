import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { OpenedDatabase } from '@db/open';
import { units } from '@db/schema';
import { recountFindings, storeFindings } from '@main/registration/findings';
import { createUnitAdapter } from '@main/registration/sync-adapter';
import { findingColumns, evaluateLoaded, loadUnit } from '@main/registration/unit';
import { EntityRefresher } from '@main/sync/refresh';
import { EntityRegistry } from '@main/sync/registry';
import { createEntityRegistry } from '@main/entities';
import { generateUnits, seedRegistration } from '../../scripts/bench/registration-seed';
import { createTempStore, openMemoryStore } from '../helpers/store';

// After a pull, the finding counts of every pulled unit are recounted in the background while
// the user works (electron/main/sync/refresh.ts). The UI's calls are answered on the same event
// loop, so the recount must hand it back often — in slices of a few ms, not 200 units at a
// time (~90 ms) — and still end with the counts a save would have written. Time here is a fake
// clock on which each unit's rule run takes 1 ms: nothing depends on this machine's speed.

const UNIT_COUNT = 120;
const SLICE_MS = 10;

let store: OpenedDatabase;
let ids: string[];

beforeEach(() => {
  store = openMemoryStore();
  const list = generateUnits(UNIT_COUNT, { seed: 5 });
  seedRegistration(store.db, list);
  ids = list.map((u) => u.id);
});

afterEach(() => store.sqlite.close());

/** The counts a save writes: the rules run on the unit as stored. */
function expectedCounts(): Map<string, ReturnType<typeof findingColumns>> {
  const now = new Date();
  const out = new Map<string, ReturnType<typeof findingColumns>>();
  for (const record of store.db.select().from(units).all()) {
    const unit = loadUnit(store.db, record);
    out.set(record.id, findingColumns(evaluateLoaded(store.db, unit, unit.forms, now)));
  }
  return out;
}

function storedCounts(): Map<string, ReturnType<typeof findingColumns>> {
  const rows = store.db
    .select({ id: units.id, findingsMandatory: units.findingsMandatory, findingsVerify: units.findingsVerify, findingsHint: units.findingsHint })
    .from(units)
    .all();
  return new Map(rows.map(({ id, ...counts }) => [id, counts]));
}

describe('the finding recount after a pull', () => {
  it('hands the event loop back every few units and ends with the counts a save writes', async () => {
    const expected = expectedCounts();
    // Counts no rule run gives: every unit must be recounted.
    store.sqlite.prepare('UPDATE units SET findings_mandatory = -1, findings_verify = -1, findings_hint = -1').run();

    let clockMs = 0;
    let recounted = 0;
    const adapter = createUnitAdapter(store.db, store.sqlite);
    const registry = new EntityRegistry().register('unit', {
      ...adapter,
      refresh: (batch) => {
        clockMs += batch.length;
        recounted += batch.length;
        const refresh = adapter.refresh;
        if (!refresh) throw new Error('the unit adapter recounts findings');
        return refresh(batch);
      },
    });
    const refresher = new EntityRefresher(store.db, store.sqlite, registry, { sliceMs: SLICE_MS, clock: () => clockMs });
    refresher.add('unit', ids);

    // A call from the UI at every turn of the event loop: how far the recount got when it was answered.
    const answeredAt: number[] = [];
    let isDone = false;
    const ping = (): void => {
      answeredAt.push(recounted);
      if (!isDone) setImmediate(ping);
    };
    refresher.start();
    setImmediate(ping);
    await refresher.settled();
    isDone = true;

    expect(recounted).toBe(UNIT_COUNT);
    // Answered while the recount ran, not only after it.
    expect(answeredAt.some((n) => n > 0 && n < UNIT_COUNT)).toBe(true);
    // Between two answers at most a slice of work: 10 ms, plus the one call that overran it.
    const gaps = answeredAt.slice(1).map((n, i) => n - (answeredAt[i] as number));
    expect(Math.max(...gaps)).toBeLessThanOrEqual(SLICE_MS + SLICE_MS / 2);
    expect(storedCounts()).toEqual(expected);
  });

  it('does not store a recount over counts written by a save made since it read the unit', () => {
    const [first, second] = ids as [string, string];
    const recounted = recountFindings(store.db, [first, second]);
    expect(recounted.map((r) => r.id).sort()).toEqual([first, second].sort());
    // A save of `first` in between: its own counts, a new version.
    const before = store.db.select({ version: units.version }).from(units).where(eq(units.id, first)).get();
    store.db
      .update(units)
      .set({ findingsMandatory: 7, findingsVerify: 7, findingsHint: 7, version: (before?.version ?? 0) + 1 })
      .where(eq(units.id, first))
      .run();
    store.sqlite.prepare('UPDATE units SET findings_hint = -1 WHERE id = ?').run(second);
    storeFindings(store.db, recounted);
    const stored = storedCounts();
    expect(stored.get(first)).toEqual({ findingsMandatory: 7, findingsVerify: 7, findingsHint: 7 });
    expect(stored.get(second)).toEqual(expectedCounts().get(second));
  });

  it('copies its writes out of the WAL as it goes, but not while a sync holds checkpoints back', async () => {
    const temp = createTempStore();
    try {
      for (const autocheckpoint of [1000, 0]) {
        const opened = temp.open();
        seedRegistration(opened.db, generateUnits(30, { seed: autocheckpoint + 1 }).map((u) => ({ ...u, id: `${u.id}-${autocheckpoint}` })));
        opened.sqlite.pragma(`wal_autocheckpoint = ${autocheckpoint}`);
        const pragmas: string[] = [];
        const pragma = opened.sqlite.pragma.bind(opened.sqlite);
        opened.sqlite.pragma = ((source: string, options?: { simple?: boolean }) => {
          pragmas.push(source);
          return pragma(source, options);
        }) as typeof opened.sqlite.pragma;
        // A clock on which each call takes 6 of a 10 ms slice: one unit a call and a slice, so the
        // 30 results are written in three batches of 10 whatever the machine's speed (on a fast
        // one the calls grew and two writes held all 30).
        let now = 0;
        const clock = () => (now += 6);
        const refresher = new EntityRefresher(opened.db, opened.sqlite, createEntityRegistry(opened.db, opened.sqlite), { writeBatch: 10, sliceMs: 10, clock });
        refresher.add('unit', opened.sqlite.prepare('SELECT id FROM units').pluck().all() as string[]);
        refresher.start();
        await refresher.settled();
        const checkpoints = pragmas.filter((p) => p.startsWith('wal_checkpoint')).length;
        if (autocheckpoint > 0) expect(checkpoints).toBeGreaterThanOrEqual(3);
        else expect(checkpoints).toBe(0);
        opened.sqlite.close();
      }
    } finally {
      temp.dispose();
    }
  });
});
