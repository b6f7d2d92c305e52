import { describe, expect, it } from 'vitest';
import {
  annualise,
  computeIndicator,
  flowYtd,
  gapMonths,
  grewBy,
  growthRate,
  latestMonth,
  reachesShare,
  stockYtd,
} from '@shared/ledger/arithmetic';
import { indicatorDef, indicators, MAX_LEDGER_VALUE } from '@shared/ledger/indicators';

const months = (...values: (number | null)[]): (number | null)[] => [...values, ...Array<null>(12 - values.length).fill(null)];

describe('year-to-date of a flow indicator', () => {
  it('sums January through the month', () => {
    expect(flowYtd(months(100, 200, 300), 3)).toEqual({ value: 600, missingMonths: [] });
    expect(flowYtd(months(100, 200, 300), 2)).toEqual({ value: 300, missingMonths: [] });
  });

  it('in January is January itself', () => {
    expect(flowYtd(months(123), 1)).toEqual({ value: 123, missingMonths: [] });
  });

  it('names the months it leaves out instead of treating them as zero', () => {
    expect(flowYtd(months(100, null, 300), 3)).toEqual({ value: 400, missingMonths: [2] });
    expect(flowYtd(months(null, null, 300), 3)).toEqual({ value: 300, missingMonths: [1, 2] });
  });

  it('is null when no month up to it was entered, and zero when zero was entered', () => {
    expect(flowYtd(months(), 5)).toEqual({ value: null, missingMonths: [1, 2, 3, 4, 5] });
    expect(flowYtd(months(0), 1)).toEqual({ value: 0, missingMonths: [] });
  });

  it('keeps losses negative (利润总额)', () => {
    expect(flowYtd(months(-50, 20), 2).value).toBe(-30);
  });
});

describe('year-to-date of a stock indicator', () => {
  it('is the month-end value, not a sum', () => {
    expect(stockYtd(months(10, 12, 11), 3)).toEqual({ value: 11, missingMonths: [] });
    expect(stockYtd(months(10, 12, null), 3)).toEqual({ value: null, missingMonths: [3] });
  });

  it('applies to balances and head counts at month end', () => {
    expect(indicators.filter((d) => d.kind === 'stock').map((d) => d.key)).toEqual([
      'totalAssets',
      'totalLiabilities',
      'employees',
      'accountsReceivable',
      'finishedGoods',
      'endInventory',
      'floorUnderConstruction',
    ]);
  });
});

describe('growth over the same period last year', () => {
  it('is ytd / last − 1', () => {
    expect(growthRate({ value: 120, missingMonths: [] }, { value: 100, missingMonths: [] })).toBeCloseTo(0.2, 12);
    expect(growthRate({ value: 80, missingMonths: [] }, { value: 100, missingMonths: [] })).toBeCloseTo(-0.2, 12);
  });

  it('is not a rate over a zero or negative base, or without one', () => {
    expect(growthRate({ value: 120, missingMonths: [] }, { value: 0, missingMonths: [] })).toBeNull();
    expect(growthRate({ value: 120, missingMonths: [] }, { value: -10, missingMonths: [] })).toBeNull();
    expect(growthRate({ value: 120, missingMonths: [] }, { value: null, missingMonths: [1] })).toBeNull();
  });

  it('is withheld when either side has months missing', () => {
    expect(growthRate({ value: 120, missingMonths: [2] }, { value: 100, missingMonths: [] })).toBeNull();
    expect(growthRate({ value: 120, missingMonths: [] }, { value: 100, missingMonths: [2] })).toBeNull();
  });
});

describe('computeIndicator', () => {
  const revenue = indicatorDef('revenue');

  it('gives every month its YTD, last year YTD and growth', () => {
    const cur = months(110, 220, 330);
    const last = months(100, 200, 300, 400);
    const c = computeIndicator(revenue, cur, last);
    expect(c).toHaveLength(12);
    expect(c[2]).toMatchObject({ month: 330, ytd: 660, lastYtd: 600, lastMonth: 300, missingMonths: [], lastYearMissingMonths: [] });
    expect(c[2]?.growth).toBeCloseTo(0.1, 12);
    expect(c[2]?.monthGrowth).toBeCloseTo(0.1, 12);
    // April: not entered this year; the YTD stays at the sum so far but says April is missing.
    expect(c[3]).toMatchObject({ month: null, ytd: 660, missingMonths: [4], lastYtd: 1000, growth: null });
  });

  it('in January compares with last January only', () => {
    const c = computeIndicator(revenue, months(150), months(100, 900));
    expect(c[0]).toMatchObject({ ytd: 150, lastYtd: 100 });
    expect(c[0]?.growth).toBeCloseTo(0.5, 12);
  });

  it('has no base when last year is empty', () => {
    const c = computeIndicator(revenue, months(150, 160), months());
    expect(c[1]).toMatchObject({ ytd: 310, lastYtd: null, growth: null, lastYearMissingMonths: [1, 2] });
  });

  it('stays exact for the largest values the ledger admits', () => {
    const big = MAX_LEDGER_VALUE;
    const c = computeIndicator(revenue, months(big, big, big), months());
    expect(c[2]?.ytd).toBe(3 * big);
    expect(Number.isSafeInteger(c[2]?.ytd)).toBe(true);
  });
});

describe('months and gaps', () => {
  it('finds the latest month entered and the empty months before it', () => {
    expect(latestMonth(months(1, null, 3))).toBe(3);
    expect(latestMonth(months())).toBe(0);
    expect(gapMonths([months(1, null, null, 4), months(null, null, 3)])).toEqual([2]);
    expect(gapMonths([months()])).toEqual([]);
  });
});

describe('exact comparisons', () => {
  it('annualises YTD revenue, rounding down to whole 千元', () => {
    expect(annualise(600, 3)).toBe(2400);
    expect(annualise(1000, 7)).toBe(1714);
    expect(annualise(1000, 12)).toBe(1000);
    expect(() => annualise(1, 0)).toThrow(RangeError);
    // 3e15 × 12 passes 2^53; the BigInt path keeps it exact.
    expect(annualise(3_000_000_000_000_000, 12)).toBe(3_000_000_000_000_000);
  });

  it('compares shares and growth without floating point', () => {
    expect(reachesShare(16_000, 20_000, 80)).toBe(true);
    expect(reachesShare(15_999, 20_000, 80)).toBe(false);
    expect(grewBy(120, 100, 20)).toBe(true);
    expect(grewBy(119, 100, 20)).toBe(false);
    expect(grewBy(120, 0, 20)).toBe(false);
    // 0.1 + 0.2 style traps: 1.2 × 3 is 3.5999… in doubles; integers say yes.
    expect(grewBy(36, 30, 20)).toBe(true);
  });
});
