import type { Timers } from '@main/sync/scheduler';

// One clock for a simulated day: the bureau server's `now`, the laptops' sync clocks and their
// schedulers' timers all read it, and the test moves it forward. Timers that come due while it
// moves fire in order, at their own time.

export class FakeClock {
  private readonly timers = new Map<number, { at: number; fn: () => void }>();
  private nextId = 1;

  constructor(public ms: number) {}

  readonly now = (): number => this.ms;
  readonly date = (): Date => new Date(this.ms);

  /** The scheduler's timers on this clock (random is fixed: backoff without jitter). */
  readonly schedulerTimers: Timers = {
    setTimeout: (fn, ms) => {
      const id = this.nextId++;
      this.timers.set(id, { at: this.ms + ms, fn });
      return id;
    },
    clearTimeout: (handle) => {
      if (typeof handle === 'number') this.timers.delete(handle);
    },
    now: () => this.ms,
    random: () => 0.5,
  };

  /** Moves forward by `ms`, firing the timers that come due on the way; returns how many fired. */
  advance(ms: number): number {
    const end = this.ms + ms;
    let fired = 0;
    for (;;) {
      let next: [number, { at: number; fn: () => void }] | null = null;
      for (const entry of this.timers) if (entry[1].at <= end && (next === null || entry[1].at < next[1].at)) next = entry;
      if (next === null) break;
      this.timers.delete(next[0]);
      this.ms = Math.max(this.ms, next[1].at);
      next[1].fn();
      fired += 1;
    }
    this.ms = end;
    return fired;
  }
}
