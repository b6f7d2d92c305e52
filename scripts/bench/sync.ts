import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { updateSettings } from '@main/session/settings-queries';
import { createCore, type Core } from '@main/core';
import { recordNewUnits, recordUnitWrite } from '@main/registration/unit-ops';
import type { RunResult } from '@main/sync/run-record';
import { BENCH_COUNTY, generateUnits, seedRegistration } from './registration-seed';
import { startLaptopProcess } from './lib/laptop-process';
import { type ServerProcess, startServerProcess } from './lib/server-process';
import { withTempDir } from './lib/temp-dir';
import type { Benchmark } from './types';

// Sync on loopback with 10,000 units of realistic size (complete 611 forms; see
// registration-seed.ts): one scenario reported as several figures, since its set-up (seeding,
// recording every op) dominates. It runs three times per `npm run bench` (one sample of each
// figure per run: on a noisy machine a single sample is not a median); set
// CENSUS_BENCH_SYNC_RUNS for more or fewer.
// The incremental sync is also measured with 1,000 units: the two should be about equal.
// The bureau server runs in its own Node process on loopback, as deployed (lib/server-process.ts):
// its query, JSON and gzip work and its garbage stay off the laptops' timed event loop.

const UNITS = 10_000;
const SMALL = 1_000;
const PASSWORD = 'bench-password-1';

interface Figures {
  recordMs: number;
  pushMs: number;
  /** The pushing laptop's whole sync: the push, then its pull (its own units come back) and settling. */
  firstSyncMs: number;
  /** Time inside the server's store.push (checks, hashing, storage), summed over the batches. */
  serverPushMs: number;
  opsPushed: number;
  pushBytesPerUnit: number;
  freshPullMs: number;
  freshPullBytesPerUnit: number;
  /** The same rows inserted into a new store of the same kind, JSON parsing included (laptop-child.ts floor()). */
  floorMs: number;
  /** Peak resident memory of the pulling laptop's process (it held nothing before). */
  pullPeakRssMiB: number;
  noopMs: number;
  noopBytes: number;
  incrementalMs: number;
  incrementalBytes: number;
  refreshMs: number;
}

async function client(dir: string, name: string, server: ServerProcess, username: string): Promise<Core> {
  const core = createCore({ dbPath: path.join(dir, `${name}.db`), key: randomBytes(32).toString('hex'), shell: 'web', appVersion: 'bench' });
  core.sync.stop();
  updateSettings(core.db, { serverUrl: server.url, userName: name, deviceName: name });
  const status = await core.sync.engine.login(username, PASSWORD);
  if (!status.isLoggedIn) throw new Error(`bench login failed: ${JSON.stringify(status.lastError)}`);
  return core;
}

async function sync(core: Core): Promise<RunResult> {
  const result = await core.sync.engine.sync('manual');
  if (!result) throw new Error(`bench sync failed: ${JSON.stringify(core.sync.status().lastError)}`);
  return result;
}

/** Edits one form item of each of `ids` through the outbox, as a registration save would. */
function editUnits(core: Core, ids: readonly string[], round: number): void {
  core.db.transaction((tx) => {
    for (const id of ids) {
      const before = core.sqlite.prepare('SELECT * FROM units WHERE id = ?').get(id) as Record<string, unknown> | undefined;
      if (!before) throw new Error(`no unit ${id}`);
      const forms = JSON.parse(String(before.data)) as Record<string, Record<string, unknown>>;
      const basic = forms['611'] ?? forms.individual ?? {};
      basic.phoneMobile = `1390000${String(round).padStart(4, '0')}`;
      core.sqlite.prepare('UPDATE units SET data = ?, version = version + 1 WHERE id = ?').run(JSON.stringify(forms), id);
      recordUnitWrite(
        tx,
        id,
        {
          areaCode: String(before.area_code),
          kind: String(before.kind),
          source: String(before.source),
          status: String(before.status),
          name: String(before.name),
          uscc: String(before.uscc),
          address: String(before.address),
          industryCode: String(before.industry_code),
          data: String(before.data),
          explanations: String(before.explanations),
          notFoundReason: before.not_found_reason === null ? null : String(before.not_found_reason),
          outOfScopeReason: null,
          formPack: (before.form_pack as string | null) ?? null,
          frameRow: before.frame_row === null ? null : String(before.frame_row),
          deletedAt: null,
        },
      );
    }
  });
}

async function scenario(count: number): Promise<Figures> {
  return withTempDir('sync', async (dir) => {
    const serverDir = path.join(dir, 'server');
    const laptopDir = path.join(dir, 'b');
    fs.mkdirSync(serverDir);
    fs.mkdirSync(laptopDir);
    const server = await startServerProcess(serverDir);
    try {
      await server.addUser({ username: 'bench-a', name: '普查员甲', role: 'supervisor', password: PASSWORD });
      await server.addUser({ username: 'bench-b', name: '普查员乙', role: 'supervisor', password: PASSWORD });
      await server.assign('bench-a', [BENCH_COUNTY]);
      await server.assign('bench-b', [BENCH_COUNTY]);
      const a = await client(dir, 'a', server, 'bench-a');
      const list = generateUnits(count);
      seedRegistration(a.db, list);
      // What recording adds to a frame import of `count` units (one '$create' op each).
      // As frame-import.ts writes them: the WAL's copy into the store file waits until after.
      const recordStart = performance.now();
      a.sync.engine.bulkWrite(() => a.db.transaction((tx) => recordNewUnits(tx, list.map((u) => u.id))));
      const recordMs = performance.now() - recordStart;
      // That copy runs before the push is timed, as it would while the user looks at the result.
      await a.sync.engine.settled();
      const pushed = await sync(a);
      // The server's own share of the push, timed in its process around store.push.
      const initialServerPushMs = await server.pushTimeMs();
      await a.sync.engine.settled();
      // b is a laptop of its own process: its peak memory is the pull's, and a's garbage and
      // background work do not share its event loop.
      // CENSUS_BENCH_LAPTOP_PROF=<folder>: a CPU profile of the pulling laptop (node --cpu-prof).
      const prof = process.env.CENSUS_BENCH_LAPTOP_PROF;
      const b = await startLaptopProcess(
        { dataDir: laptopDir, serverUrl: server.url, username: 'bench-b', password: PASSWORD },
        prof ? ['--cpu-prof', '--cpu-prof-dir', prof] : [],
      );
      try {
        const fresh = await b.request('sync');
        // Finding counts of the pulled units are recomputed after the sync; timed on its own.
        const refresh = await b.request('settle');
        const floor = await b.request('floor');
        const noop = await b.request('sync');
        editUnits(
          a,
          list.slice(0, 10).map((u) => u.id),
          1,
        );
        await sync(a);
        await a.sync.engine.settled();
        const incremental = await b.request('sync');
        const n = (figures: Record<string, number>, key: string): number => figures[key] ?? Number.NaN;
        return {
          recordMs,
          pushMs: pushed.pushMs,
          firstSyncMs: pushed.pushMs + pushed.pullMs,
          serverPushMs: initialServerPushMs,
          opsPushed: pushed.pushed,
          pushBytesPerUnit: pushed.bytesUp / count,
          freshPullMs: n(fresh, 'ms'),
          freshPullBytesPerUnit: n(fresh, 'bytesDown') / count,
          floorMs: n(floor, 'ms'),
          pullPeakRssMiB: n(fresh, 'peakRssMiB'),
          noopMs: n(noop, 'ms'),
          noopBytes: n(noop, 'bytesUp') + n(noop, 'bytesDown'),
          incrementalMs: n(incremental, 'ms'),
          incrementalBytes: n(incremental, 'bytesUp') + n(incremental, 'bytesDown'),
          refreshMs: n(refresh, 'ms'),
        };
      } finally {
        await b.close();
        a.close();
      }
    } finally {
      await server.close();
    }
  });
}

const RUNS = Math.max(1, Number(process.env.CENSUS_BENCH_SYNC_RUNS ?? 3) || 3);

let cached: Promise<{ large: Figures; small: Figures }[]> | null = null;
/** Both scenarios, RUNS times, for all the figures below (one sample per run). */
const figures = () =>
  (cached ??= (async () => {
    const runs: { large: Figures; small: Figures }[] = [];
    for (let i = 0; i < RUNS; i++) runs.push({ large: await scenario(UNITS), small: await scenario(SMALL) });
    return runs;
  })());

const figure = (
  name: string,
  description: string,
  unit: Benchmark['unit'],
  target: number,
  better: Benchmark['better'],
  pick: (f: { large: Figures; small: Figures }) => number,
): Benchmark => ({ name, description, unit, target, better, run: async () => (await figures()).map(pick) });

export const syncBenchmarks: readonly Benchmark[] = [
  figure(
    'sync.record-10k',
    `recording the ops of ${UNITS} new units (one '$create' each, with its answers) in one transaction, as a frame import does`,
    'ms',
    2_000,
    'lower',
    (f) => f.large.recordMs,
  ),
  figure('sync.push-10k', `initial push of ${UNITS} units (one '$create' op each carrying ~60 answers), gzip batches`, 'ms', 3_000, 'lower', (f) => f.large.pushMs),
  figure(
    'sync.first-sync-10k',
    `the whole sync that makes that push: push, then the pull that brings the ${UNITS} units back with their server versions, and settling (budget: push + fresh pull targets)`,
    'ms',
    4_000,
    'lower',
    (f) => f.large.firstSyncMs,
  ),
  figure(
    'sync.server-ops-per-s',
    'ops the server checked, hashed, stored and applied per second of its own time (push body read and checked, store.push) in the initial push',
    'ops/s',
    10_000,
    'higher',
    (f) => f.large.opsPushed / (f.large.serverPushMs / 1000),
  ),
  figure(
    'sync.push-ops-per-s',
    'ops per second of the whole initial push as the laptop sees it (read, gzip, send, server, ack)',
    'ops/s',
    3_334,
    'higher',
    (f) => f.large.opsPushed / (f.large.pushMs / 1000),
  ),
  figure(
    'sync.pull-fresh-10k',
    `fresh pull of ${UNITS} units into an empty client incl. SQLite apply and verify (server in its own process)`,
    'ms',
    1_000,
    'lower',
    (f) => f.large.freshPullMs,
  ),
  figure(
    'sync.refresh-findings-10k',
    'after a fresh pull: finding counts of 10k units recomputed in the background (rule engine)',
    'ms',
    10_000,
    'lower',
    (f) => f.large.refreshMs,
  ),
  figure(
    'sync.pull-floor-10k',
    `the floor under that pull: the same rows (units and base) as JSON text, parsed and inserted in one transaction into a new store of the same kind`,
    'ms',
    1_000,
    'lower',
    (f) => f.large.floorMs,
  ),
  figure(
    'sync.pull-fresh-10k-vs-floor',
    'fresh pull of 10k units as a multiple of its floor measured in the same run (the figure a noisy machine does not move)',
    '×',
    1.8,
    'lower',
    (f) => f.large.freshPullMs / f.large.floorMs,
  ),
  figure('sync.pull-fresh-10k-peak-rss', 'peak resident memory of the pulling laptop process (fresh pull of 10k units)', 'MB', 300, 'lower', (f) => f.large.pullPeakRssMiB),
  figure(
    'sync.record-vs-push-10k',
    'recording the 10k creates as a share of pushing the same units in the same run',
    '×',
    1 / 3,
    'lower',
    (f) => f.large.recordMs / f.large.pushMs,
  ),
  figure('sync.noop-10k', 'sync with nothing to do (10k units held)', 'ms', 50, 'lower', (f) => f.large.noopMs),
  figure('sync.noop-bytes', 'bytes on the wire for a no-op sync', 'KB', 2, 'lower', (f) => f.large.noopBytes / 1024),
  figure('sync.incremental-10-of-10k', 'sync pulling 10 changed units, 10k held', 'ms', 100, 'lower', (f) => f.large.incrementalMs),
  figure('sync.incremental-10-of-1k', 'the same with 1k held: should match the 10k figure', 'ms', 100, 'lower', (f) => f.small.incrementalMs),
  figure('sync.push-bytes-per-unit', 'bytes on the wire per unit, initial push (gzip)', 'B', 2_000, 'lower', (f) => f.large.pushBytesPerUnit),
  figure('sync.pull-bytes-per-unit', 'bytes on the wire per unit, fresh pull', 'B', 2_000, 'lower', (f) => f.large.freshPullBytesPerUnit),
];

// The same scenario at 100,000 units (`npm run bench -- --scale`: about five minutes a run, so
// only on request). Each run does 10k and 100k back to back, so their per-unit ratio is of the
// same moment of a noisy machine.
const BIG = 100_000;
let cachedScale: Promise<{ large: Figures; big: Figures }[]> | null = null;
const scaleFigures = () =>
  (cachedScale ??= (async () => {
    const runs: { large: Figures; big: Figures }[] = [];
    const n = Math.max(1, Number(process.env.CENSUS_BENCH_SCALE_RUNS ?? 1) || 1);
    for (let i = 0; i < n; i++) runs.push({ large: await scenario(UNITS), big: await scenario(BIG) });
    return runs;
  })());
const scaleFigure = (
  name: string,
  description: string,
  unit: Benchmark['unit'],
  target: number,
  pick: (f: { large: Figures; big: Figures }) => number,
): Benchmark => ({ name, description, unit, target, better: 'lower', scale: true, run: async () => (await scaleFigures()).map(pick) });

export const syncScaleBenchmarks: readonly Benchmark[] = [
  scaleFigure('sync.pull-fresh-100k', `fresh pull of ${BIG} units into an empty laptop`, 'ms', 20_000, (f) => f.big.freshPullMs),
  scaleFigure('sync.pull-floor-100k', 'its floor: the same rows parsed and inserted in one transaction', 'ms', 10_000, (f) => f.big.floorMs),
  scaleFigure('sync.pull-fresh-100k-vs-floor', 'fresh pull of 100k as a multiple of its floor (same run)', '×', 2, (f) => f.big.freshPullMs / f.big.floorMs),
  scaleFigure(
    'sync.pull-per-unit-100k-vs-10k',
    'cost per unit of a fresh pull at 100k over the same at 10k, measured one right after the other (1 = linear)',
    '×',
    1.15,
    (f) => f.big.freshPullMs / BIG / (f.large.freshPullMs / UNITS),
  ),
  scaleFigure('sync.pull-fresh-100k-peak-rss', 'peak resident memory of the pulling laptop process, fresh pull of 100k units', 'MB', 300, (f) => f.big.pullPeakRssMiB),
  scaleFigure('sync.record-100k', `recording the ops of ${BIG} new units in one transaction`, 'ms', 10_000, (f) => f.big.recordMs),
  scaleFigure('sync.push-100k', `initial push of ${BIG} units`, 'ms', 30_000, (f) => f.big.pushMs),
];
