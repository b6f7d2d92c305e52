import type { SyncTrigger } from '@shared/sync/client-status';

// When to sync: on demand, when the network comes back, every N minutes, and after a failure
// with exponential backoff and jitter (so a hundred laptops coming back online together do
// not hit the bureau server in the same second). The engine itself never runs two at once.

export interface SchedulerTarget {
  /** Resolves true when the run succeeded. */
  run(trigger: SyncTrigger): Promise<boolean>;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
  random(): number;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    // A pending sync must never keep the process (tests, the harness) alive.
    t.unref();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
  random: Math.random,
};

export const BACKOFF_BASE_MS = 30_000;
export const BACKOFF_MAX_MS = 30 * 60_000;

/** Delay before retry `attempt` (1, 2, …): base·2^(attempt-1), capped, times a random 0.5–1. */
export function backoffDelay(attempt: number, random: () => number): number {
  const exp = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp * (0.5 + random() / 2));
}

export class SyncScheduler {
  private timer: unknown = null;
  private dueAt: number | null = null;
  private failures = 0;
  private isOnline = true;
  private isStopped = false;

  constructor(
    private readonly target: SchedulerTarget,
    private intervalMinutes: number,
    private readonly timers: Timers = realTimers,
  ) {}

  start(): void {
    this.isStopped = false;
    this.planNext();
  }

  stop(): void {
    this.isStopped = true;
    this.clear();
  }

  setInterval(minutes: number): void {
    this.intervalMinutes = minutes;
    if (this.failures === 0) this.planNext();
  }

  get interval(): number {
    return this.intervalMinutes;
  }

  /** When the next automatic attempt is due (ISO), or null. */
  nextAttemptAt(): string | null {
    return this.dueAt === null ? null : new Date(this.dueAt).toISOString();
  }

  /** The user asked (立即同步): run now, whatever the backoff says. */
  async requestNow(trigger: SyncTrigger = 'manual'): Promise<boolean> {
    return this.runAndPlan(trigger);
  }

  /** The network came back (main's net events or the renderer's online event). */
  notifyOnline(): void {
    const wasOffline = !this.isOnline;
    this.isOnline = true;
    if (wasOffline && !this.isStopped) void this.runAndPlan('online');
  }

  notifyOffline(): void {
    this.isOnline = false;
  }

  private async runAndPlan(trigger: SyncTrigger): Promise<boolean> {
    this.clear();
    let isOk = false;
    try {
      isOk = await this.target.run(trigger);
    } finally {
      this.failures = isOk ? 0 : this.failures + 1;
      if (!this.isStopped) this.planNext();
    }
    return isOk;
  }

  private planNext(): void {
    this.clear();
    if (this.isStopped) return;
    let delay: number | null;
    if (this.failures > 0) delay = backoffDelay(this.failures, this.timers.random);
    else delay = this.intervalMinutes > 0 ? this.intervalMinutes * 60_000 : null;
    if (delay === null) return;
    this.dueAt = this.timers.now() + delay;
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      this.dueAt = null;
      // Offline: wait for notifyOnline rather than burn a backoff step on a certain failure.
      if (!this.isOnline) return;
      void this.runAndPlan(this.failures > 0 ? 'retry' : 'interval');
    }, delay);
  }

  private clear(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.dueAt = null;
  }
}
