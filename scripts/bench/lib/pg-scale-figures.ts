import type { Benchmark } from '../types';
import { percentile } from './stats';
import { OPS_PER_UNIT, runScaleScenario, type ScaleRun, SCOPE_UNITS, type SizeFigures } from './pg-scale-run';

// The `--scale` figures of the PostgreSQL bench (pg-scale-run.ts): a 500-unit scope's reads on a
// database of 1,000,000 units and 20 million ops, and their ratio to the same at 10,000 units
// (target: within 2×, the cost following the scope, not the server). One run.

let cache: Promise<ScaleRun> | null = null;
const scale = () => (cache ??= runScaleScenario());

const BIG = 1_000_000;
const SMALL = 10_000;

const figure = (name: string, description: string, unit: Benchmark['unit'], target: number, better: Benchmark['better'], pick: (r: ScaleRun) => number[]): Benchmark => ({
  name,
  description,
  unit,
  target,
  better,
  scale: true,
  run: async () => pick(await scale()),
});

/** Ratio at 1M over 10k of one statistic of a sample list. */
const ratio = (pick: (f: SizeFigures) => number) => (r: ScaleRun) => [pick(r[BIG]) / pick(r[SMALL])];

const at1m = `with 1M units and ${OPS_PER_UNIT * BIG / 1e6}M ops held (2 processes)`;

export const pgScaleBenchmarks: readonly Benchmark[] = [
  figure('pg.scale-seed', `seeding 1M units and ${(OPS_PER_UNIT * BIG) / 1e6}M ops straight in SQL (generate_series)`, 'ms', 600_000, 'lower', (r) => [r[BIG].seeded.ms]),
  figure('pg.scale-pull-page-1m', `one page of a ${SCOPE_UNITS}-unit scope's fresh pull (snapshot and pull pages) ${at1m}`, 'ms', 500, 'lower', (r) => r[BIG].pageMs),
  figure('pg.scale-pull-page-p99-1m', 'the same: 99th percentile', 'ms', 1_000, 'lower', (r) => [percentile(r[BIG].pageMs, 99)]),
  figure('pg.scale-pull-page-ratio', 'pull page median at 1M units over 10k units', '×', 2, 'lower', ratio((f) => percentile(f.pageMs, 50))),
  figure('pg.scale-pull-page-p99-ratio', 'pull page 99th percentile at 1M units over 10k units', '×', 2, 'lower', ratio((f) => percentile(f.pageMs, 99))),
  figure('pg.scale-verify-1m', `the scope's first verify on a process (its checksum computed from nothing) ${at1m}`, 'ms', 1_000, 'lower', (r) => r[BIG].verifyColdMs),
  figure('pg.scale-verify-ratio', 'that verify at 1M units over 10k units (medians)', '×', 2, 'lower', ratio((f) => percentile(f.verifyColdMs, 50))),
  figure('pg.scale-noop-1m', `a no-op sync (pull at the newest cursor, verify with the laptop's total) ${at1m}`, 'ms', 200, 'lower', (r) => r[BIG].noopMs),
  figure('pg.scale-noop-ratio', 'no-op sync at 1M units over 10k units (medians)', '×', 2, 'lower', ratio((f) => percentile(f.noopMs, 50))),
  figure('pg.scale-pull-behind-1m', `a pull page 20,000 changes (of everyone's) behind the newest ${at1m}`, 'ms', 500, 'lower', (r) => r[BIG].behindMs),
  figure('pg.scale-pull-behind-ratio', 'that pull page at 1M units over 10k units (medians)', '×', 2, 'lower', ratio((f) => percentile(f.behindMs, 50))),
  figure('pg.scale-server-rss-1m', `the largest peak resident memory of a server process ${at1m}`, 'MB', 500, 'lower', (r) => [Math.max(...r[BIG].peakRssMiB)]),
];
