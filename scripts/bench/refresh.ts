import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createCore } from '@main/core';
import { createEntityRegistry } from '@main/entities';
import { EntityRefresher } from '@main/sync/refresh';
import { percentile } from './lib/stats';
import { withTempDir } from './lib/temp-dir';
import { generateUnits, seedRegistration } from './registration-seed';
import type { Benchmark } from './types';

// After a fresh pull the finding counts of every pulled unit are recounted in the background
// (electron/main/sync/refresh.ts) while the user works: what matters is how long a call from the
// UI waits behind the recount, not only how long the recount takes. An IPC call is answered on
// the main process's event loop, so it is stood in for by a timer every 5 ms: its lateness is how
// long a call made at that moment would have waited. Runs RUNS times, one sample per figure each.

const UNITS = 10_000;
const PING_MS = 5;
const RUNS = Math.max(1, Number(process.env.CENSUS_BENCH_REFRESH_RUNS ?? 3) || 3);

interface Figures {
  totalMs: number;
  /** The longest the event loop was held: the worst lateness of a ping. */
  longestBlockMs: number;
  p99LatenessMs: number;
}

/** Pings every PING_MS until stopped; returns each ping's lateness in ms. */
function pinger(): { stop: () => number[] } {
  const lateness: number[] = [];
  let expected = performance.now() + PING_MS;
  let timer = setTimeout(function ping() {
    const now = performance.now();
    lateness.push(Math.max(0, now - expected));
    expected = now + PING_MS;
    timer = setTimeout(ping, PING_MS);
  }, PING_MS);
  return {
    stop: () => {
      clearTimeout(timer);
      return lateness;
    },
  };
}

async function recount(): Promise<Figures> {
  return withTempDir('refresh', async (dir) => {
    const core = createCore({ dbPath: path.join(dir, 'a.db'), key: randomBytes(32).toString('hex'), shell: 'web', appVersion: 'bench' });
    try {
      core.sync.stop();
      const list = generateUnits(UNITS);
      seedRegistration(core.db, list);
      // Counts no recount gives, to prove below that every unit was recounted.
      core.sqlite.prepare('UPDATE units SET findings_hint = -1').run();
      const refresher = new EntityRefresher(core.db, core.sqlite, createEntityRegistry(core.db, core.sqlite));
      refresher.add(
        'unit',
        list.map((u) => u.id),
      );
      const ping = pinger();
      const started = performance.now();
      refresher.start();
      await refresher.settled();
      const totalMs = performance.now() - started;
      const lateness = ping.stop();
      const left = core.sqlite.prepare('SELECT count(*) AS n FROM units WHERE findings_hint < 0').get() as { n: number };
      if (left.n > 0) throw new Error(`the recount left ${left.n} units uncounted`);
      return { totalMs, longestBlockMs: Math.max(0, ...lateness), p99LatenessMs: percentile(lateness, 99) };
    } finally {
      core.close();
    }
  });
}

let cached: Promise<Figures[]> | null = null;
const figures = () =>
  (cached ??= (async () => {
    const runs: Figures[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await recount());
    return runs;
  })());

const figure = (name: string, description: string, target: number, pick: (f: Figures) => number): Benchmark => ({
  name,
  description,
  unit: 'ms',
  target,
  better: 'lower',
  run: async () => (await figures()).map(pick),
});

export const refreshBenchmarks: readonly Benchmark[] = [
  figure('refresh.recount-10k', `finding counts of ${UNITS} units recounted in the background after a fresh pull, start to end`, 10_000, (f) => f.totalMs),
  figure(
    'refresh.longest-block-10k',
    `the longest the main process's event loop was held during that recount (an IPC call made then waits this long)`,
    50,
    (f) => f.longestBlockMs,
  ),
  figure('refresh.ping-p99-10k', `p99 lateness of a timer every ${PING_MS} ms during that recount (an IPC call's wait)`, 20, (f) => f.p99LatenessMs),
];
