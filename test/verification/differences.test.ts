import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { figureDifference, hasDifference } from '@shared/verification/differences';

// The one definition of a 核查 difference: found − reported in the figure's unit (千元 or 人), and
// its share of the reported figure in percent to one decimal.

describe('figureDifference', () => {
  it.each([
    [1_000, 1_000, 0, 0],
    [1_000, 1_200, 200, 20],
    [1_200, 1_000, -200, -16.7],
    [3, 2, -1, -33.3],
    [8, 9, 1, 12.5],
    [400, 409, 9, 2.3], // 2.25 % rounds half away from zero
    [400, 391, -9, -2.3],
    [-500, -400, 100, 20], // a loss that shrank: the share is of the size of what was reported
    [100_000, 100_001, 1, 0],
    [-100_000, -100_001, -1, 0], // never −0
  ])('reported %d, found %d: %d, %d %%', (reported, found, diff, pct) => {
    const d = figureDifference(reported, found);
    expect(d).toEqual({ diff, pct });
    expect(Object.is(d.pct, -0)).toBe(false);
  });

  it('has no share when nothing was reported and something was found, and 0 % when both are 0', () => {
    expect(figureDifference(0, 350)).toEqual({ diff: 350, pct: null });
    expect(figureDifference(0, -20)).toEqual({ diff: -20, pct: null });
    expect(figureDifference(0, 0)).toEqual({ diff: 0, pct: 0 });
  });

  it('has nothing while a side is missing', () => {
    expect(figureDifference(null, 10)).toEqual({ diff: null, pct: null });
    expect(figureDifference(10, null)).toEqual({ diff: null, pct: null });
  });

  it('is exact and within half a tenth of the true share, for any integers', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: -1e9, max: 1e9 }), (reported, found) => {
        const { diff, pct } = figureDifference(reported, found);
        if (diff !== found - reported) return false;
        if (reported === 0) return pct === (diff === 0 ? 0 : null);
        const exact = ((found - reported) / Math.abs(reported)) * 100;
        return pct !== null && Math.abs(pct - exact) <= 0.05 + 1e-9 * Math.max(1, Math.abs(exact)) && pct === Number(pct.toFixed(1)) && (pct === 0 || Math.sign(pct) === Math.sign(diff));
      }),
      { numRuns: 2_000 },
    );
  });

  it('hasDifference: some figure with both sides and a nonzero difference', () => {
    expect(hasDifference([])).toBe(false);
    expect(hasDifference([{ reported: 10, found: 10 }, { reported: null, found: 3 }])).toBe(false);
    expect(hasDifference([{ reported: 10, found: 10 }, { reported: 0, found: 3 }])).toBe(true);
  });
});
