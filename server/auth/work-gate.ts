// At most `concurrency` runs of some costly work at once, at most `queue` more waiting; beyond
// that, callers are refused at once (GateFull) instead of piling up. Password checks go through
// one: scrypt runs on libuv's thread pool (4 threads by default), the pool that also gunzips
// pushes, answers gzip and does file I/O, so a login flood must not take every thread.

export class GateFull extends Error {
  constructor() {
    super('too many waiting');
    this.name = 'GateFull';
  }
}

export interface GateLimits {
  concurrency: number;
  queue: number;
}

export class WorkGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  /** Most runs seen at once (for tests and the benchmark). */
  peak = 0;

  constructor(private readonly limits: GateLimits) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.limits.concurrency) {
      if (this.waiting.length >= this.limits.queue) throw new GateFull();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    this.peak = Math.max(this.peak, this.running);
    try {
      return await work();
    } finally {
      // Hand the place straight to the next waiter (running stays the same), or free it.
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}
