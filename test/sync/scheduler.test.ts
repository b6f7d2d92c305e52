import { describe, expect, it } from 'vitest';
import { backoffDelay, BACKOFF_BASE_MS, BACKOFF_MAX_MS, SyncScheduler, type Timers } from '@main/sync/scheduler';
import type { SyncTrigger } from '@shared/sync/client-status';

function fakeTimers(): Timers & { fire(): void; pending(): number | null; t: number } {
  let task: { fn: () => void; at: number } | null = null;
  const timers = {
    t: 0,
    setTimeout(fn: () => void, ms: number) {
      task = { fn, at: timers.t + ms };
      return task;
    },
    clearTimeout(h: unknown) {
      if (h === task) task = null;
    },
    now: () => timers.t,
    random: () => 1,
    fire() {
      const current = task;
      if (!current) throw new Error('no timer');
      timers.t = current.at;
      task = null;
      current.fn();
    },
    pending: () => (task ? task.at - timers.t : null),
  };
  return timers;
}

const flush = () => new Promise((r) => setImmediate(r));

describe('sync scheduler', () => {
  it('backs off exponentially with jitter, capped', () => {
    expect(backoffDelay(1, () => 1)).toBe(BACKOFF_BASE_MS);
    expect(backoffDelay(3, () => 1)).toBe(BACKOFF_BASE_MS * 4);
    expect(backoffDelay(3, () => 0)).toBe(BACKOFF_BASE_MS * 2);
    expect(backoffDelay(50, () => 1)).toBe(BACKOFF_MAX_MS);
  });

  it('runs every N minutes, retries sooner after a failure, and returns to the interval on success', async () => {
    const timers = fakeTimers();
    const outcomes = [false, false, true];
    const runs: SyncTrigger[] = [];
    const s = new SyncScheduler({ run: async (t) => (runs.push(t), outcomes.shift() ?? true) }, 15, timers);
    s.start();
    expect(timers.pending()).toBe(15 * 60_000);
    timers.fire();
    await flush();
    expect(timers.pending()).toBe(BACKOFF_BASE_MS);
    timers.fire();
    await flush();
    expect(timers.pending()).toBe(BACKOFF_BASE_MS * 2);
    timers.fire();
    await flush();
    expect(timers.pending()).toBe(15 * 60_000);
    expect(runs).toEqual(['interval', 'retry', 'retry']);
  });

  it('syncs when the network comes back, and not while offline', async () => {
    const timers = fakeTimers();
    const runs: SyncTrigger[] = [];
    const s = new SyncScheduler({ run: async (t) => (runs.push(t), true) }, 1, timers);
    s.start();
    s.notifyOffline();
    timers.fire();
    await flush();
    expect(runs).toEqual([]);
    s.notifyOnline();
    await flush();
    expect(runs).toEqual(['online']);
  });
});
