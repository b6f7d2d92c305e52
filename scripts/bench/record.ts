import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createCore, type Core } from '@main/core';
import { recordNewUnits } from '@main/registration/unit-ops';
import { writeState } from '@main/sync/queries/state';
import { stateKeys } from '@main/sync/state-keys';
import { withTempDir } from './lib/temp-dir';
import { generateUnits, seedRegistration } from './registration-seed';
import type { Benchmark } from './types';

// Recording the '$create' ops of a frame import (sync.record-10k times it beside the push) set
// against its floor in the same run: what any recording of these units must do in the store —
// read the 10,000 rows it records, insert the same outbox rows (their text already made) in one
// transaction, commit; the WAL's copy into the store file deferred for both, as a frame import
// defers it — so the ratio shows the work recording adds, whatever the machine's speed.

const UNITS = 10_000;
const RUNS = Math.max(1, Number(process.env.CENSUS_BENCH_RECORD_RUNS ?? 3) || 3);

interface Figures {
  recordMs: number;
  floorMs: number;
}

function store(dir: string, name: string, list: ReturnType<typeof generateUnits>): Core {
  const core = createCore({ dbPath: path.join(dir, `${name}.db`), key: randomBytes(32).toString('hex'), shell: 'web', appVersion: 'bench' });
  core.sync.stop();
  // Signed ops, as after a login (recording before one leaves them unsigned).
  writeState(core.db, stateKeys.userId, 'u-bench');
  seedRegistration(core.db, list);
  return core;
}

function measure(): Promise<Figures> {
  return withTempDir('record', async (dir) => {
    const list = generateUnits(UNITS);
    const ids = list.map((u) => u.id);
    const recording = store(dir, 'record', list);
    const floor = store(dir, 'floor', list);
    try {
      const started = performance.now();
      // As frame-import.ts writes them: the WAL's copy into the store file waits (sync/wal.ts).
      recording.sync.engine.bulkWrite(() => recording.db.transaction((tx) => recordNewUnits(tx, ids)));
      const recordMs = performance.now() - started;
      const rows = recording.sqlite.prepare('SELECT seq, entity, entity_id, field, area_code, status, op FROM sync_outbox ORDER BY seq').raw().all() as unknown[][];
      if (rows.length !== UNITS) throw new Error(`expected ${UNITS} ops, found ${rows.length}`);
      const read = floor.sqlite.prepare('SELECT id, area_code, kind, source, status, name, uscc, address, industry_code, data, explanations, not_found_reason, out_of_scope_reason, form_pack, frame_row, deleted_at FROM units WHERE id = ?').raw();
      const insert = floor.sqlite.prepare('INSERT INTO sync_outbox (seq, entity, entity_id, field, area_code, status, op) VALUES (?, ?, ?, ?, ?, ?, ?)');
      const floorStarted = performance.now();
      // The same deferral, so the floor is the store work a recording cannot do without.
      floor.sync.engine.bulkWrite(() =>
        floor.sqlite.transaction(() => {
          for (const id of ids) read.get(id);
          for (const row of rows) insert.run(row);
        })(),
      );
      const floorMs = performance.now() - floorStarted;
      await Promise.all([recording.sync.engine.settled(), floor.sync.engine.settled()]);
      return { recordMs, floorMs };
    } finally {
      recording.close();
      floor.close();
    }
  });
}

let cached: Promise<Figures[]> | null = null;
const figures = () =>
  (cached ??= (async () => {
    const runs: Figures[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await measure());
    return runs;
  })());

export const recordBenchmarks: readonly Benchmark[] = [
  {
    name: 'record.floor-10k',
    description: `the store's share of recording ${UNITS} creates: read their rows, insert the same outbox rows (text made) in one transaction, commit`,
    unit: 'ms',
    target: 1_000,
    better: 'lower',
    run: async () => (await figures()).map((f) => f.floorMs),
  },
  {
    name: 'record.ratio-to-floor-10k',
    description: `recording the ${UNITS} '$create' ops (recordNewUnits, one transaction) as a multiple of that floor in the same run`,
    unit: '×',
    target: 2,
    better: 'lower',
    run: async () => (await figures()).map((f) => f.recordMs / f.floorMs),
  },
];
