/**
 * One benchmark. `run()` does its own setup and teardown and returns one number per timed
 * sample (in `unit`); the runner reports median and p95 against `target`.
 */
export interface Benchmark {
  /** Stable dotted id, e.g. 'store.open-10k'; later issues compare runs by it. */
  name: string;
  /** What is measured, for the people reading the table. */
  description: string;
  /** '×': a ratio of two timings (e.g. slowed down by a flood). */
  unit: 'ms' | 'ops/s' | 'MB' | 'KB' | 'B' | '×';
  target: number;
  better: 'lower' | 'higher';
  /** Only with `npm run bench -- --scale` (city-size data: minutes a run). */
  scale?: boolean;
  run(): Promise<number[]>;
}

/** One line of `npm run bench -- --json`. */
export interface BenchResult {
  name: string;
  unit: Benchmark['unit'];
  median: number;
  p95: number;
  target: number;
  better: Benchmark['better'];
}
