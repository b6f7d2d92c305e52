import { describe, expect, it } from 'vitest';
import { addEnterprise, emptyCells, flagsOf, groupPeriod, groupYtd, pullPoints, rankDescending, type Cells } from '@shared/analysis/figures';
import { headlineTable } from '@shared/analysis/headlines';
import { indicatorSet } from '@shared/ledger/indicator-sets';
import type { IndicatorKind } from '@shared/ledger/indicators';

// The analysis' arithmetic over groups of enterprises, on hand-computed examples: each
// enterprise through the ledger's arithmetic, the group's total naming the months and
// enterprises it leaves out, 拉动百分点, 位次 with ties, and the target flags.

const pad = (s: (number | null)[]): (number | null)[] => [...s, ...Array<null>(12 - s.length).fill(null)];

function group(kind: IndicatorKind, ...series: (number | null)[][]): Cells {
  const c = emptyCells();
  for (const s of series) addEnterprise(c, kind, pad(s));
  return c;
}

describe('a group’s figures', () => {
  it('sums a flow’s months into the YTD and names a missing month and the enterprises behind it', () => {
    const c = group('flow', [100, 200, null, 400], [50, 50, 50, 50], [null, null, null, null, 9]);
    // January: the month itself; the third enterprise entered only May, so it is missing from January on.
    expect(groupYtd('flow', c, 1)).toEqual({ value: 150, missingMonths: [1], missingEnterprises: 1 });
    expect(groupYtd('flow', c, 4)).toEqual({ value: 900, missingMonths: [1, 2, 3, 4], missingEnterprises: 2 });
    const two = group('flow', [100, 200, null, 400], [50, 50, 50, 50]);
    expect(groupYtd('flow', two, 2)).toEqual({ value: 400, missingMonths: [], missingEnterprises: 0 });
    expect(groupYtd('flow', two, 4)).toEqual({ value: 900, missingMonths: [3], missingEnterprises: 1 });
    expect(groupPeriod('flow', two, 3, 3)).toEqual({ value: 50, missingMonths: [3], missingEnterprises: 1 });
    expect(groupPeriod('flow', two, 1, 3)).toEqual({ value: 450, missingMonths: [3], missingEnterprises: null });
    // An enterprise that entered nothing in the year adds nothing and is not "missing".
    expect(group('flow', [], [1]).reporters).toBe(1);
  });

  it('takes a stock at the month’s end', () => {
    const c = group('stock', [10, 12, null, 15], [5, 5, 5, 5]);
    expect(groupYtd('stock', c, 4)).toEqual({ value: 20, missingMonths: [], missingEnterprises: 0 });
    expect(groupYtd('stock', c, 3)).toEqual({ value: 5, missingMonths: [3], missingEnterprises: 1 });
    expect(groupPeriod('stock', c, 4, 6)).toEqual({ value: null, missingMonths: [6], missingEnterprises: 2 });
    expect(groupPeriod('stock', c, 1, 3)).toEqual({ value: 5, missingMonths: [3], missingEnterprises: 1 });
  });

  it('averages an average indicator per enterprise (half up), then adds them', () => {
    const c = group('average', [10, 11, 12], [7, 8]);
    // 11 and 7.5 → 8: 19, March missing from the second.
    expect(groupYtd('average', c, 3)).toEqual({ value: 19, missingMonths: [3], missingEnterprises: 1 });
    expect(groupYtd('average', c, 2)).toEqual({ value: 10 + 1 + 8, missingMonths: [], missingEnterprises: 0 }); // (10+11)/2 = 10.5 → 11; 7.5 → 8
    // A quarter: the mean of the group's month totals 17, 19, 12.
    expect(groupPeriod('average', c, 1, 3)).toEqual({ value: 16, missingMonths: [3], missingEnterprises: null });
  });
});

describe('拉动, 位次 and flags', () => {
  const full = (value: number | null) => ({ value, missingMonths: [] });
  it('拉动百分点 = (current part − base part) / base whole × 100; none over a gap or a base ≤ 0', () => {
    expect(pullPoints(full(120), full(100), full(400))).toBe(5);
    expect(pullPoints(full(80), full(100), full(400))).toBe(-5);
    expect(pullPoints(full(120), full(100), full(0))).toBeNull();
    expect(pullPoints({ value: 120, missingMonths: [2] }, full(100), full(400))).toBeNull();
    expect(pullPoints(full(null), full(100), full(400))).toBeNull();
  });

  it('ranks from the highest, ties sharing a rank and marked, unknowns unranked', () => {
    expect(rankDescending([0.1, 0.2, 0.1, null, 0.05])).toEqual([{ rank: 2, isTied: true }, { rank: 1, isTied: false }, { rank: 2, isTied: true }, null, { rank: 4, isTied: false }]);
  });

  it('flags growth below target (exactly, in tenths of a percent) and negative growth; nothing where growth is unknown', () => {
    expect(flagsOf(full(95), full(100), 50)).toEqual(['negative', 'belowTarget']);
    expect(flagsOf(full(105), full(100), 50)).toEqual([]);
    expect(flagsOf(full(105), full(100), 51)).toEqual(['belowTarget']);
    expect(flagsOf(full(95), full(100), null)).toEqual(['negative']);
    expect(flagsOf({ value: 95, missingMonths: [1] }, full(100), 50)).toEqual([]);
    expect(flagsOf(full(95), full(0), 50)).toEqual([]);
  });
});

describe('the headline table', () => {
  it('names only indicators its 专业’s ledger keeps, once each', () => {
    for (const l of headlineTable.lines) expect(indicatorSet(l.profession).indicators).toContain(l.indicator);
    expect(new Set(headlineTable.lines.map((l) => `${l.profession}.${l.indicator}`)).size).toBe(headlineTable.lines.length);
  });
});
