import { percentile } from './lib/stats';
import { CONFIGS, type ConfigKey, DEVICE_COUNTS, PULL_UNITS, type PushRun, runPushScenario, UNITS_PER_DEVICE } from './lib/pg-push-run';
import type { WaitReport } from './lib/pg-waits';
import { pgScaleBenchmarks } from './lib/pg-scale-figures';
import type { Benchmark } from './types';

// The bureau server on PostgreSQL with several processes, against SQLite, measured in one run
// (lib/pg-push-run.ts; ratios of the same moment, this machine being shared and noisy): 1, 8 and
// 32 devices pushing at once — ops/s and p99 push round trip — on SQLite (1 process) and on
// PostgreSQL with 1, 2 and 4 processes; each server process's peak memory; a fresh pull of
// 10,000 units. One sample per run (CENSUS_BENCH_PG_RUNS for more). With `--scale`, the same
// reads on a database of 1,000,000 units and 20 million ops against 10,000 (lib/pg-scale-run.ts).

const RUNS = Math.max(1, Number(process.env.CENSUS_BENCH_PG_RUNS ?? 1) || 1);

let cache: Promise<PushRun[]> | null = null;
const runs = () =>
  (cache ??= (async () => {
    const all: PushRun[] = [];
    for (let i = 0; i < RUNS; i++) {
      const run = await runPushScenario();
      for (const c of CONFIGS) if (run[c.key].waits32) printWaits(c.label, run[c.key].waits32!);
      all.push(run);
    }
    return all;
  })());

/** Where the 32-device push spent the database's time: read by people, not judged. */
function printWaits(label: string, w: WaitReport): void {
  const active = w.waits.reduce((n, [, c]) => n + c, 0);
  const top = w.waits
    .slice(0, 6)
    .map(([name, c]) => `${name} ${((100 * c) / Math.max(1, active)).toFixed(0)}%`)
    .join(', ');
  process.stderr.write(
    `  ${label}, 32 devices: ${(active / Math.max(1, w.samples)).toFixed(2)} sessions active on average; ${top}; ` +
      `${w.commits} commits, ${w.wal.syncs} WAL flushes (${w.wal.syncMs.toFixed(0)} ms), ${(w.wal.bytes / 1048576).toFixed(1)} MiB WAL; ` +
      `database CPU ${w.databaseCpuMs.toFixed(0)} ms\n`,
  );
}

const figure = (name: string, description: string, unit: Benchmark['unit'], target: number, better: Benchmark['better'], pick: (r: PushRun) => number): Benchmark => ({
  name,
  description,
  unit,
  target,
  better,
  run: async () => (await runs()).map(pick),
});

const ratio32 = (r: PushRun, key: ConfigKey): number => r[key].pushes[32].opsPerS / r.pg1.pushes[32].opsPerS;

export const pgBenchmarks: readonly Benchmark[] = [
  ...CONFIGS.flatMap((c) =>
    DEVICE_COUNTS.flatMap((n) => [
      figure(
        `pg.push-${c.key}-${n}-ops-per-s`,
        `${n} device${n > 1 ? 's' : ''} push ${UNITS_PER_DEVICE} units each at once, ${c.label} (durable): ops stored per second`,
        'ops/s',
        1_000,
        'higher',
        (r) => r[c.key].pushes[n].opsPerS,
      ),
      figure(`pg.push-${c.key}-${n}-p99`, `the same: 99th percentile push round trip`, 'ms', 2_000, 'lower', (r) => percentile(r[c.key].pushes[n].pushLatencies, 99)),
    ]),
  ),
  ...CONFIGS.map((c) =>
    figure(
      `pg.push-${c.key}-32-server-cpu-per-op`,
      `${c.label}, 32 devices: server CPU time (all processes, all threads; not the database's) per op stored`,
      'ms',
      0.5,
      'lower',
      (r) => r[c.key].pushes[32].serverCpuUsPerOp / 1000,
    ),
  ),
  figure('pg.push-2p-over-1p-32', 'PostgreSQL, 32 devices: ops/s with 2 processes over 1 process (same run)', '×', 1.4, 'higher', (r) => ratio32(r, 'pg2')),
  figure('pg.push-4p-over-1p-32', 'PostgreSQL, 32 devices: ops/s with 4 processes over 1 process (same run; 2 cores)', '×', 1.4, 'higher', (r) => ratio32(r, 'pg4')),
  ...CONFIGS.map((c) =>
    figure(`pg.server-rss-${c.key}`, `${c.label}: the largest peak resident memory of a server process`, 'MB', 500, 'lower', (r) => Math.max(...r[c.key].peakRssMiB)),
  ),
  figure(
    'pg.fresh-pull-10k',
    `a laptop-shaped client's fresh pull (snapshot + pull) of ${PULL_UNITS.toLocaleString('en')} units from PostgreSQL (1 process; median of 3)`,
    'ms',
    5_000,
    'lower',
    (r) => percentile(r.pg1.freshPullMs, 50),
  ),
  figure(
    'pg.fresh-pull-10k-over-sqlite',
    'that fresh pull on PostgreSQL over the same on SQLite (same run, medians)',
    '×',
    1.5,
    'lower',
    (r) => percentile(r.pg1.freshPullMs, 50) / percentile(r.sqlite.freshPullMs, 50),
  ),
  ...pgScaleBenchmarks,
];
