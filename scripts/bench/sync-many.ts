import fs from 'node:fs';
import path from 'node:path';
import { createOpTexts, laptopArea, laptopUnits, newChain, pushBodies } from './lib/laptop-ops';
import { HintedPush, sendHinted } from './lib/hinted-push';
import { HttpLaptop, type LaptopSession, okBody } from './lib/http-laptop';
import { type ServerProcess, startServerProcess } from './lib/server-process';
import { median, percentile } from './lib/stats';
import { withTempDir } from './lib/temp-dir';
import type { Benchmark } from './types';

// Many laptops at one bureau server (its own process, as deployed): 20 and 50 laptops, each its
// own user, device and 普查小区, push 500 real-shaped units ('$create' ops signed as a laptop
// signs them, gzipped, each request sized as the laptop sizes it: FIRST_PUSH_OPS, then what the
// server's answer asks for, lib/hinted-push.ts) all at once through the real routes, then all
// make a no-op sync (pull at their cursor, verify with their total). Bodies are made
// and signed before timing and sent by a plain keep-alive HTTP client per laptop, so the bench
// process only waits on the server. And the verify of one laptop's scope (500 units) on a server
// holding 10,000 and 100,000 units: its cost must follow the scope, not the server.

const UNITS_PER_LAPTOP = 500;
const PASSWORD = 'bench-password-1';
const RUNS = Math.max(1, Number(process.env.CENSUS_BENCH_SYNC_MANY_RUNS ?? 2) || 2);

interface ManyFigures {
  opsPerS: number;
  /** Every push request's round trip (ms). */
  pushLatencies: number[];
  /** Each laptop's whole push, its first request to its last answer (ms): what its user waits for. */
  laptopPushMs: number[];
  /** Every laptop's no-op sync (pull + verify) round trip (ms). */
  noopLatencies: number[];
  peakRssMiB: number;
  /** Server CPU time (all its threads) per op stored during the pushes, µs. */
  serverCpuUsPerOp: number;
}

interface Laptop {
  http: HttpLaptop;
  session: LaptopSession;
  push: HintedPush | null;
  ops: number;
  cursor: number;
  total: string;
}

async function signIn(server: ServerProcess, index: number, prefix: string): Promise<{ http: HttpLaptop; session: LaptopSession }> {
  const username = `${prefix}-${index}`;
  await server.addUser({ username, name: `普查员${index}`, role: 'enumerator', password: PASSWORD });
  await server.assign(username, [laptopArea(index)]);
  const http = new HttpLaptop(server.url);
  const session = await http.login(username, PASSWORD, `${prefix}-device-${String(index).padStart(4, '0')}`);
  return { http, session };
}

/** Pushes `batches` in order (made beforehand, laptop-sized), checking every op was stored and applied. */
async function pushAll(l: Pick<Laptop, 'http' | 'session'>, batches: readonly Buffer[]): Promise<void> {
  for (const body of batches) {
    const answer = okBody('bench push', await l.http.post('/sync/push', body, l.session.token, true));
    if (answer.halted !== null || answer.resendFrom !== null || (answer.rejected as unknown[]).length > 0) {
      throw new Error(`bench push of ${l.session.deviceId} not stored whole: ${JSON.stringify(answer).slice(0, 400)}`);
    }
  }
}

/** Pulls to the newest change and asks the server's checksum, as a laptop's sync ends. */
async function catchUp(l: Laptop): Promise<void> {
  for (;;) {
    const page = okBody('bench pull', await l.http.post('/sync/pull', JSON.stringify({ protocol: 1, cursor: l.cursor, limit: 2_000, scope: l.session.scope }), l.session.token));
    l.cursor = page.cursor as number;
    if (page.hasMore !== true) break;
  }
  l.total = okBody('bench verify', await l.http.post('/sync/verify', JSON.stringify({ protocol: 1 }), l.session.token)).total as string;
}

async function noopSync(l: Laptop): Promise<number> {
  const start = performance.now();
  const page = okBody('bench no-op pull', await l.http.post('/sync/pull', JSON.stringify({ protocol: 1, cursor: l.cursor, limit: 2_000, scope: l.session.scope }), l.session.token));
  const verify = okBody('bench no-op verify', await l.http.post('/sync/verify', JSON.stringify({ protocol: 1, total: l.total }), l.session.token));
  const ms = performance.now() - start;
  if ((page.changes as unknown[]).length !== 0 || verify.isMatch !== true) throw new Error(`bench no-op sync of ${l.session.deviceId} was not a no-op`);
  return ms;
}

async function manyScenario(count: number): Promise<ManyFigures> {
  return withTempDir('sync-many', async (dir) => {
    const serverDir = path.join(dir, 'server');
    fs.mkdirSync(serverDir);
    const server = await startServerProcess(serverDir);
    const laptops: Laptop[] = [];
    try {
      for (let i = 0; i < count; i++) {
        const { http, session } = await signIn(server, i, 'many');
        const texts = createOpTexts(newChain(session.deviceId, session.userId), laptopUnits(i, UNITS_PER_LAPTOP));
        laptops.push({ http, session, push: new HintedPush(session.deviceId, texts), ops: texts.length, cursor: 0, total: '' });
      }
      const pushLatencies: number[] = [];
      const cpuBefore = await server.cpuTimeMs();
      const start = performance.now();
      const laptopPushMs: number[] = [];
      await Promise.all(
        laptops.map(async (l) => {
          if (!l.push) return;
          const started = performance.now();
          await sendHinted(l.http, l.session, l.push, pushLatencies);
          laptopPushMs.push(performance.now() - started);
        }),
      );
      const pushMs = performance.now() - start;
      const ops = laptops.reduce((n, l) => n + l.ops, 0);
      const serverCpuUsPerOp = (((await server.cpuTimeMs()) - cpuBefore) * 1000) / ops;
      for (const l of laptops) await catchUp(l);
      const noopLatencies = await Promise.all(laptops.map((l) => noopSync(l)));
      return { opsPerS: ops / (pushMs / 1000), pushLatencies, laptopPushMs, noopLatencies, peakRssMiB: await server.peakRssMiB(), serverCpuUsPerOp };
    } finally {
      for (const l of laptops) l.http.close();
      await server.close();
    }
  });
}

const VERIFY_SAMPLES = 25;
/** Areas the rest of the server's units are spread over (none of them the caller's). */
const OTHER_AREAS = 10;

/**
 * Median time inside the server's checksum for one laptop's verify (500 units in its scope,
 * `serverUnits` on the server), each right after a push inside its scope (5 new units) and one
 * outside it (200 units of another laptop), as when many laptops sync at once.
 */
async function verifyScenario(serverUnits: number): Promise<number> {
  return withTempDir('sync-verify', async (dir) => {
    const serverDir = path.join(dir, 'server');
    fs.mkdirSync(serverDir);
    const server = await startServerProcess(serverDir);
    const opened: HttpLaptop[] = [];
    try {
      for (let a = 0; a < OTHER_AREAS; a++) await server.seedUnits(Math.ceil(serverUnits / OTHER_AREAS), laptopArea(10 + a), `far${a}`);
      const mine = await signIn(server, 0, 'scope');
      const other = await signIn(server, 1, 'scope');
      opened.push(mine.http, other.http);
      const mineChain = newChain(mine.session.deviceId, mine.session.userId);
      const otherChain = newChain(other.session.deviceId, other.session.userId);
      const mineUnits = laptopUnits(0, UNITS_PER_LAPTOP + VERIFY_SAMPLES * 5, 'mine');
      const otherUnits = laptopUnits(1, VERIFY_SAMPLES * 200, 'other');
      await pushAll(mine, pushBodies(mine.session.deviceId, createOpTexts(mineChain, mineUnits.slice(0, UNITS_PER_LAPTOP))));
      const laptop: Laptop = { ...mine, push: null, ops: 0, cursor: 0, total: '' };
      await catchUp(laptop);
      const samples: number[] = [];
      for (let i = 0; i < VERIFY_SAMPLES; i++) {
        await pushAll(other, pushBodies(other.session.deviceId, createOpTexts(otherChain, otherUnits.slice(i * 200, (i + 1) * 200))));
        const from = UNITS_PER_LAPTOP + i * 5;
        await pushAll(mine, pushBodies(mine.session.deviceId, createOpTexts(mineChain, mineUnits.slice(from, from + 5))));
        const before = await server.checksumTimeMs();
        okBody('bench verify', await mine.http.post('/sync/verify', JSON.stringify({ protocol: 1 }), mine.session.token));
        samples.push((await server.checksumTimeMs()) - before);
      }
      return median(samples);
    } finally {
      for (const h of opened) h.close();
      await server.close();
    }
  });
}

let manyCache: Promise<{ n20: ManyFigures; n50: ManyFigures }[]> | null = null;
const manyFigures = () =>
  (manyCache ??= (async () => {
    const runs: { n20: ManyFigures; n50: ManyFigures }[] = [];
    for (let i = 0; i < RUNS; i++) runs.push({ n20: await manyScenario(20), n50: await manyScenario(50) });
    return runs;
  })());

let verifyCache: Promise<{ small: number; large: number }[]> | null = null;
const verifyFigures = () =>
  (verifyCache ??= (async () => {
    const runs: { small: number; large: number }[] = [];
    for (let i = 0; i < RUNS; i++) runs.push({ small: await verifyScenario(10_000), large: await verifyScenario(100_000) });
    return runs;
  })());

const manyFigure = (
  name: string,
  description: string,
  unit: Benchmark['unit'],
  target: number,
  better: Benchmark['better'],
  pick: (f: { n20: ManyFigures; n50: ManyFigures }) => number,
): Benchmark => ({ name, description, unit, target, better, run: async () => (await manyFigures()).map(pick) });

export const syncManyBenchmarks: readonly Benchmark[] = [
  manyFigure(
    'sync.many-20-ops-per-s',
    `20 laptops push ${UNITS_PER_LAPTOP} units each at once (server in its own process): ops stored per second of wall time`,
    'ops/s',
    10_000,
    'higher',
    (f) => f.n20.opsPerS,
  ),
  manyFigure('sync.many-50-ops-per-s', `the same with 50 laptops`, 'ops/s', 10_000, 'higher', (f) => f.n50.opsPerS),
  manyFigure('sync.many-50-push-p50', '50 laptops at once: median push request (one batch) round trip', 'ms', 500, 'lower', (f) => percentile(f.n50.pushLatencies, 50)),
  manyFigure(
    'sync.many-50-laptop-push-p99',
    '50 laptops at once: 99th percentile of one laptop’s whole push (its 500 units, every request): the wait its user sees, which the server’s throughput bounds',
    'ms',
    2_500,
    'lower',
    (f) => percentile(f.n50.laptopPushMs, 99),
  ),
  manyFigure('sync.many-50-push-p99', '50 laptops at once: 99th percentile push request round trip', 'ms', 1_000, 'lower', (f) => percentile(f.n50.pushLatencies, 99)),
  manyFigure(
    'sync.many-50-server-cpu-per-op',
    '50 laptops at once: server CPU time (all its threads) per op stored, the figure a busy machine disturbs least',
    'ms',
    0.1,
    'lower',
    (f) => f.n50.serverCpuUsPerOp / 1000,
  ),
  manyFigure('sync.many-50-server-rss', '50 laptops: the server process’s peak resident memory', 'MB', 500, 'lower', (f) => f.n50.peakRssMiB),
  manyFigure(
    'sync.many-50-noop-p99',
    'then all 50 make a no-op sync at once (pull at their cursor, verify with their total): 99th percentile',
    'ms',
    1_000,
    'lower',
    (f) => percentile(f.n50.noopLatencies, 99),
  ),
  {
    name: 'sync.verify-scope-ratio',
    description: `verify of a ${UNITS_PER_LAPTOP}-unit scope after pushes in and outside it: server time at 100k units held over 10k held (ratio of medians)`,
    unit: '×',
    target: 1.3,
    better: 'lower',
    run: async () => (await verifyFigures()).map((f) => f.large / f.small),
  },
  {
    name: 'sync.verify-scope-100k',
    description: `that verify's server time with 100k units held (median)`,
    unit: 'ms',
    // Before checksums followed the scope: 31.6 ms (every other laptop's push dirtied every bucket).
    target: 5,
    better: 'lower',
    run: async () => (await verifyFigures()).map((f) => f.large),
  },
];
