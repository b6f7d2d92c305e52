import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MIN_PUSH_HINT, nextMaxOps, PUSHING_WINDOW_MS, PushersSeen } from '@server/sync/batch-hint';
import { MAX_PUSH_OPS } from '@shared/sync/protocol';

// The size the server asks for next (sync/batch-hint.ts): each pushing device's share of the
// budget of ops in flight, at most twice the request it answers, within [MIN_PUSH_HINT, MAX_PUSH_OPS].

const ops = fc.integer({ min: 1, max: MAX_PUSH_OPS });
const budget = fc.integer({ min: 1, max: 100_000 });
const pushers = fc.integer({ min: 0, max: 10_000 });

describe('nextMaxOps', () => {
  it('stays within the protocol and above the overhead floor', () => {
    fc.assert(
      fc.property(ops, budget, pushers, (n, b, p) => {
        const hint = nextMaxOps(n, b, p);
        return Number.isInteger(hint) && hint >= MIN_PUSH_HINT && hint <= MAX_PUSH_OPS;
      }),
    );
  });

  it('keeps the ops in flight within the budget once every device has its share', () => {
    fc.assert(
      fc.property(ops, budget, fc.integer({ min: 1, max: 10_000 }), (n, b, p) => {
        const hint = nextMaxOps(n, b, p);
        // Only the floor may take the sum over the budget: a request is never smaller than it.
        return hint * p <= Math.max(b, MIN_PUSH_HINT * p);
      }),
    );
  });

  it('at most doubles the request it answers, unless that was below the floor', () => {
    fc.assert(fc.property(ops, budget, pushers, (n, b, p) => nextMaxOps(n, b, p) <= Math.max(2 * n, MIN_PUSH_HINT)));
  });

  it('asks each of more devices for no more', () => {
    fc.assert(
      fc.property(ops, budget, pushers, pushers, (n, b, p, q) => {
        const [few, many] = p <= q ? [p, q] : [q, p];
        return nextMaxOps(n, b, few) >= nextMaxOps(n, b, many);
      }),
    );
  });

  it('shares 4,000 ops among fifty laptops as 80 each, and lets one laptop double its way up', () => {
    expect(nextMaxOps(100, 4_000, 50)).toBe(80);
    expect(nextMaxOps(100, 4_000, 1)).toBe(200);
    expect(nextMaxOps(800, 4_000, 1)).toBe(MAX_PUSH_OPS);
    expect(nextMaxOps(100, 4_000, 1_000)).toBe(MIN_PUSH_HINT);
  });
});

describe('the devices pushing now', () => {
  it('counts each device once while it pushes, and forgets it a window after its last request', () => {
    let now = 0;
    const seen = new PushersSeen(() => now);
    seen.touch('d1');
    seen.touch('d2');
    seen.touch('d1');
    expect(seen.count()).toBe(2);
    now = PUSHING_WINDOW_MS - 1;
    seen.touch('d2');
    now = PUSHING_WINDOW_MS + 1;
    expect(seen.count()).toBe(1);
    now = 2 * PUSHING_WINDOW_MS + 1;
    expect(seen.count()).toBe(0);
  });
});
