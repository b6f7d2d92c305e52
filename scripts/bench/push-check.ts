import { gunzipSync } from 'node:zlib';
import { createPushBodyReader, type PushBodyReader } from '@server/sync/push-body-pool';
import { createOpTexts, laptopUnits, newChain, pushBodies } from './lib/laptop-ops';
import type { Benchmark } from './types';

// Checking push bodies on a worker thread (server/sync/push-body-pool.ts) against checking them
// inline, on a first sync's full batch (real-shaped creates, as a laptop cuts and signs them):
// how much of the request thread's time the worker takes away, and what it costs in CPU in all.
// Both are ratios of the same batch read the two ways in one run, alternating, so they survive a
// busy machine; sync.many-* shows what the server does with them end to end.

const ROUNDS = 5;
const READS = 20;

interface Sample {
  /** Request-thread busy time (event loop utilisation), worker over inline. */
  mainThread: number;
  /** Process CPU time (all threads), worker over inline. */
  cpu: number;
}

async function timeReads(reader: PushBodyReader, body: Buffer): Promise<{ busyMs: number; cpuMs: number }> {
  const by = { userId: 'bench-user', role: 'enumerator' as const };
  const elu = performance.eventLoopUtilization();
  const cpu = process.cpuUsage();
  for (let i = 0; i < READS; i++) {
    const answer = await reader.read(Buffer.from(body), by);
    if (!answer.ok || answer.checks.some((c) => c.valueJson === null || c.alone !== null)) throw new Error('bench push body not read whole');
  }
  const used = process.cpuUsage(cpu);
  return { busyMs: performance.eventLoopUtilization(elu).active, cpuMs: (used.user + used.system) / 1000 };
}

async function measure(): Promise<Sample[]> {
  const device = 'bench-device-0001';
  const body = gunzipSync(pushBodies(device, createOpTexts(newChain(device, 'bench-user'), laptopUnits(0, 500)))[0] ?? Buffer.alloc(0));
  const inline = createPushBodyReader({ threads: 0 });
  const worker = createPushBodyReader({ threads: 1, inlineBelowBytes: 0 });
  try {
    // Warm both (the worker's start and each path's compiled code are not what is measured).
    await timeReads(inline, body);
    await timeReads(worker, body);
    const samples: Sample[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const a = await timeReads(inline, body);
      const b = await timeReads(worker, body);
      samples.push({ mainThread: b.busyMs / a.busyMs, cpu: b.cpuMs / a.cpuMs });
    }
    return samples;
  } finally {
    await worker.close();
  }
}

let cache: Promise<Sample[]> | null = null;
const samples = () => (cache ??= measure());

export const pushCheckBenchmarks: readonly Benchmark[] = [
  {
    name: 'sync.push-check-main-thread-ratio',
    description: 'a first sync’s 480-op push batch checked on a worker: the request thread’s busy time over checking it inline',
    unit: '×',
    // Worth a thread: at least two fifths of the checking off the store's thread.
    target: 0.6,
    better: 'lower',
    run: async () => (await samples()).map((s) => s.mainThread),
  },
  {
    name: 'sync.push-check-cpu-ratio',
    description: 'the same: CPU time of all threads over checking inline (the price: the body is parsed on both threads)',
    unit: '×',
    // The price in CPU, which is why two-core servers check inline (push-body-pool.ts).
    target: 1.75,
    better: 'lower',
    run: async () => (await samples()).map((s) => s.cpu),
  },
];
