import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { averageYtd, ytd } from '@shared/ledger/arithmetic';
import { industrySection } from '@shared/codes/industry';
import { indicatorSet, indicatorSetTable, legacyIndicators, professionOf } from '@shared/ledger/indicator-sets';
import { formatIndicatorValue, parseIndicatorValue } from '@shared/ledger/indicator-values';
import { indicatorDef, indicatorKeys, indicators } from '@shared/ledger/indicators';

const months = (...values: (number | null)[]): (number | null)[] => [...values, ...Array<null>(12 - values.length).fill(null)];

describe('the 专业 of an industry', () => {
  it.each([
    ['1310', 'industry'],
    ['0610', 'industry'],
    ['4411', 'industry'],
    ['5212', 'trade'],
    ['5111', 'trade'],
    ['6110', 'hospitality'],
    ['6210', 'hospitality'],
    ['4710', 'construction'],
    ['7010', 'realEstate'],
    ['7020', 'services'],
    ['6510', 'services'],
    ['', 'services'],
    ['99', 'services'],
  ])('%s keeps the %s set', (code, id) => {
    expect(professionOf(code, industrySection)).toBe(id);
  });

  it('keeps 零售额 for a retailer, 建筑业总产值 for a builder, 用电量 for a factory', () => {
    expect(indicatorSet('trade').indicators).toContain('retailSales');
    expect(indicatorSet('construction').indicators).toContain('constructionOutput');
    expect(indicatorSet('industry').indicators).toContain('electricity');
  });

  it('names only known indicators, each once per set', () => {
    for (const set of indicatorSetTable.sets) {
      expect(new Set(set.indicators).size).toBe(set.indicators.length);
      for (const key of set.indicators) expect(indicatorKeys).toContain(key);
    }
  });

  it('shows every entered indicator the set does not keep, once', () => {
    expect(legacyIndicators(indicatorSet('trade'), ['retailSales', 'revenue', 'totalAssets', 'revenue'])).toEqual(['revenue', 'totalAssets']);
    expect(legacyIndicators(indicatorSet('services'), ['revenue'])).toEqual([]);
  });

  it('has a "其中" only inside the indicators, never itself', () => {
    for (const d of indicators) if (d.partOf) expect(d.partOf).not.toBe(d.key);
  });
});

describe('values in the form unit', () => {
  const kwh = indicatorDef('electricity');
  const money = indicatorDef('revenue');
  const tonnes = indicatorDef('coalPurchased');

  it('reads 用电量 in 万千瓦时 from the stored 千瓦时 unchanged', () => {
    expect(formatIndicatorValue(kwh, 1_234_567)).toBe('123.4567');
    expect(formatIndicatorValue(kwh, 5)).toBe('0.0005');
    expect(parseIndicatorValue(kwh, '123.4567')).toEqual({ ok: true, value: 1_234_567 });
    expect(parseIndicatorValue(kwh, '0.5')).toEqual({ ok: true, value: 5_000 });
  });

  it('refuses more decimals than the form has, and text that is no number', () => {
    expect(parseIndicatorValue(money, '12.5')).toEqual({ ok: false, reason: 'TOO_MANY_DECIMALS' });
    expect(parseIndicatorValue(money, '12.0')).toEqual({ ok: true, value: 12 });
    expect(parseIndicatorValue(tonnes, '1.2345')).toEqual({ ok: false, reason: 'TOO_MANY_DECIMALS' });
    for (const bad of ['', 'abc', '1.2.3', '1e5', '--1', '.']) expect(parseIndicatorValue(money, bad).ok).toBe(false);
  });

  it('takes thousands separators and a sign as typed', () => {
    expect(parseIndicatorValue(money, ' 1,234，567 ')).toEqual({ ok: true, value: 1_234_567 });
    expect(parseIndicatorValue(indicatorDef('totalProfit'), '-20')).toEqual({ ok: true, value: -20 });
    expect(parseIndicatorValue(money, '-0')).toEqual({ ok: true, value: 0 });
  });

  it('reads back what it shows, for every scale', () => {
    fc.assert(
      fc.property(fc.constantFrom(...indicators), fc.integer({ min: -1e13, max: 1e13 }), (def, stored) => {
        expect(parseIndicatorValue(def, formatIndicatorValue(def, stored))).toEqual({ ok: true, value: stored });
      }),
    );
  });
});

describe('year-to-date of a monthly average (平均用工人数)', () => {
  it('is the mean of the months, rounded half up', () => {
    expect(averageYtd(months(100, 101), 2)).toEqual({ value: 101, missingMonths: [] });
    expect(averageYtd(months(100, 102, 103), 3)).toEqual({ value: 102, missingMonths: [] });
    expect(averageYtd(months(7), 1)).toEqual({ value: 7, missingMonths: [] });
  });

  it('names the months it leaves out and averages the rest', () => {
    expect(averageYtd(months(100, null, 110), 3)).toEqual({ value: 105, missingMonths: [2] });
    expect(averageYtd(months(null, null), 2)).toEqual({ value: null, missingMonths: [1, 2] });
  });

  it('is what ytd() gives for the average kind', () => {
    expect(ytd(indicatorDef('avgEmployees'), months(10, 20, 30), 3)).toEqual({ value: 20, missingMonths: [] });
  });

  it('stays between the smallest and largest month', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.integer({ min: 0, max: 1e9 }), { nil: null }), { minLength: 12, maxLength: 12 }), fc.integer({ min: 1, max: 12 }), (series, m) => {
        const entered = series.slice(0, m).filter((v): v is number => v !== null);
        const r = averageYtd(series, m);
        if (entered.length === 0) expect(r.value).toBeNull();
        else {
          expect(r.value).toBeGreaterThanOrEqual(Math.min(...entered));
          expect(r.value).toBeLessThanOrEqual(Math.max(...entered));
        }
      }),
    );
  });
});
