import { MAX_PUSH_OPS } from '@shared/sync/protocol';

// How many ops the server asks a laptop to send in its next push (PushResponse.nextMaxOps).
// A push's answer waits for its ops to be stored, and a request arriving behind others waits for
// theirs: with fifty laptops sending 500 ops each at once, the last answer comes after all 25,000
// are stored, seconds later, while logins and pulls queue behind them. So the server keeps a
// budget of ops in flight and asks each laptop pushing now for its share: the queue, and with it
// every request's wait, stays about the budget's worth of work whatever the number of laptops.
//
// A budget, not a latency target: sizing requests to a target time (tried first) shrinks them
// whenever the time does not follow the size — a busy machine, the fixed cost of a request — until
// every request is the smallest and throughput collapses. A share never falls below what the
// budget allows, so requests stay large enough to carry their overhead.

/**
 * Ops in flight the server aims at: about half a second of storing on a two-core machine, and
 * FIRST_PUSH_OPS (a laptop's first request) for each of fifty laptops (npm run bench:
 * sync.many-50-*). A bigger machine stores it sooner; `npm run server -- --push-budget N`.
 */
export const DEFAULT_PUSH_BUDGET_OPS = 5_000;

/** Below this a request is mostly overhead (authentication, the answer): never ask for fewer. */
export const MIN_PUSH_HINT = 25;

/** A device counts as pushing from its request's start until this long after its last. */
export const PUSHING_WINDOW_MS = 2_000;

/**
 * The next request's size for a device that just sent `ops` while `pushers` devices push: its
 * share of the budget, and at most twice what it sent — a device that just began may not yet see
 * the others that began with it, and asking it for the most at once would queue them behind it.
 */
export function nextMaxOps(ops: number, budgetOps: number, pushers: number): number {
  const share = Math.floor(budgetOps / Math.max(1, pushers));
  return Math.min(MAX_PUSH_OPS, Math.max(MIN_PUSH_HINT, Math.min(2 * ops, share)));
}

/** The devices pushing now (this process's view: each server process keeps its own budget). */
export class PushersSeen {
  private readonly lastSeen = new Map<string, number>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** A device's push request began (or ended: it stays counted a window after its last). */
  touch(deviceId: string): void {
    this.lastSeen.set(deviceId, this.now());
  }

  /** Devices whose last push request was within the window. */
  count(): number {
    const since = this.now() - PUSHING_WINDOW_MS;
    for (const [device, at] of this.lastSeen) if (at < since) this.lastSeen.delete(device);
    return this.lastSeen.size;
  }
}
