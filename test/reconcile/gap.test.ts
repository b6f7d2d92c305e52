import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { censusKeys, gapPercent, gapTable, matchUnits, measure, type AnnualUnitFacts, type CensusUnitFacts, type GapRow } from '@shared/reconcile/gap';
import { isBeyondTolerance } from '@shared/rules/cross-period';
import { measureTexts } from '@shared/reconcile/table-cells';

// The gap table's numbers on a small data set computed by hand, the % definition (one decimal,
// "—" on a zero base), the unit matching (USCC, then org code) and the tolerance at its edges.

const UA = '91640502MA76X1Y23B';
const UB = '91640502MA76X1Y24B';
const UD = '91640502MA76X1Y26B';
const UE = '91640502MA76X1Y27B';

const census: CensusUnitFacts[] = [
  { id: 'a', name: 'A', areaCode: '640502100002001', uscc: UA, orgCode: 'MA76X1Y23', industryCode: '3432', revenue: 1000, employees: 50 },
  { id: 'b', name: 'B', areaCode: '640502100002002', uscc: UB, orgCode: 'MA76X1Y24', industryCode: '5212', revenue: 300, employees: 10 },
  { id: 'c', name: 'C', areaCode: '640502101003001', uscc: '', orgCode: 'OC0000001', industryCode: '3432', revenue: 200, employees: 20 },
  { id: 'd', name: 'D', areaCode: '640502101003002', uscc: UD, orgCode: 'MA76X1Y26', industryCode: '', revenue: null, employees: 5 },
];
const annual: AnnualUnitFacts[] = [
  { uscc: UA, orgCode: 'MA76X1Y23', name: 'A', profession: 'industry', industryCode: '3432', township: '640502100', revenue: 800, employees: 60 },
  { uscc: '', orgCode: 'OC0000001', name: 'C', profession: 'industry', industryCode: '3432', township: '640502101', revenue: 0, employees: 20 },
  { uscc: UE, orgCode: 'MA76X1Y27', name: 'E', profession: 'trade', industryCode: '5212', township: '640502101', revenue: 500, employees: 8 },
];

const censusKeysOf = (industryCode: string) => censusKeys({ industryCode, areaCode: '' }).profession;
const texts = (r: GapRow | undefined) => (r ? [...measureTexts(r.units), ...measureTexts(r.revenue), ...measureTexts(r.employees)] : null);

describe('the gap table', () => {
  const table = gapTable(census, annual, []);
  const row = (dimension: GapRow['dimension'], code: string) => table.rows.find((r) => r.dimension === dimension && r.code === code);

  it.each([
    // dimension, code, [units census, 快报, diff, %], [revenue …], [staff …] — worked out by hand
    ['profession', 'industry', ['2', '2', '0', '0.0', '1,200', '800', '+400', '+50.0', '70', '80', '-10', '-12.5']],
    ['profession', 'trade', ['1', '1', '0', '0.0', '300', '500', '-200', '-40.0', '10', '8', '+2', '+25.0']],
    ['profession', '', ['1', '—', '—', '—', '0', '—', '—', '—', '5', '—', '—', '—']],
    ['industry', '34', ['2', '2', '0', '0.0', '1,200', '800', '+400', '+50.0', '70', '80', '-10', '-12.5']],
    ['industry', '52', ['1', '1', '0', '0.0', '300', '500', '-200', '-40.0', '10', '8', '+2', '+25.0']],
    ['township', '640502100', ['2', '1', '+1', '+100.0', '1,300', '800', '+500', '+62.5', '60', '60', '0', '0.0']],
    // 3 ÷ 28 = 10.714…%
    ['township', '640502101', ['2', '2', '0', '0.0', '200', '500', '-300', '-60.0', '25', '28', '-3', '-10.7']],
  ] as const)('%s %s', (dimension, code, expected) => {
    expect(texts(row(dimension, code))).toEqual(expected);
  });

  it('has no other rows, orders 专业 as the sets do, and puts the uncoded group last', () => {
    expect(table.rows.map((r) => `${r.dimension}:${r.code}`)).toEqual([
      'profession:industry',
      'profession:trade',
      'profession:',
      'industry:34',
      'industry:52',
      'industry:',
      'township:640502100',
      'township:640502101',
    ]);
    expect(table.annualSource).toEqual({ profession: 'summed', industry: 'summed', township: 'summed' });
  });

  it('totals the county: 200 ÷ 1300 = 15.38…%, 3 ÷ 88 = 3.40…%', () => {
    expect([...measureTexts(table.total.units), ...measureTexts(table.total.revenue), ...measureTexts(table.total.employees)]).toEqual([
      '4', '3', '+1', '+33.3', '1,500', '1,300', '+200', '+15.4', '85', '88', '-3', '-3.4',
    ]);
  });

  it('takes the totals the file states over the sums of its rows, per dimension', () => {
    const stated = gapTable(census, annual, [
      { dimension: 'profession', code: 'industry', name: '', units: 3, revenue: 1000, employees: 100 },
      { dimension: 'profession', code: 'services', name: '', units: 4, revenue: 400, employees: 40 },
    ]);
    expect(stated.annualSource).toEqual({ profession: 'stated', industry: 'summed', township: 'summed' });
    const prof = (code: string) => stated.rows.find((r) => r.dimension === 'profession' && r.code === code);
    expect(texts(prof('industry'))).toEqual(['2', '3', '-1', '-33.3', '1,200', '1,000', '+200', '+20.0', '70', '100', '-30', '-30.0']);
    // A group the file states but the census lacks, and one the census has but the file does not state.
    expect(texts(prof('services'))).toEqual(['0', '4', '-4', '-100.0', '0', '400', '-400', '-100.0', '0', '40', '-40', '-100.0']);
    expect(prof('trade')?.revenue).toEqual({ census: 300, annual: null, diff: null, pct: null });
    // Stated totals leaving out a 专业 the units fall in (trade): the county total is the rows' sum.
    expect(stated.total.revenue).toEqual(measure(1500, 1300));
    // Stated totals covering every unit's 专业: the county total is theirs.
    const covering = gapTable(census, annual, [
      { dimension: 'profession', code: 'industry', name: '', units: 3, revenue: 1000, employees: 100 },
      { dimension: 'profession', code: 'trade', name: '', units: 2, revenue: 600, employees: 9 },
    ]);
    expect(covering.total.revenue).toEqual(measure(1500, 1600));
    expect(covering.total.units).toEqual(measure(4, 5));
  });
});

describe('the gap table’s sums (fast-check)', () => {
  const industries = ['3432', '5212', '6210', '4710', '7010', '5431', '', '9999'];
  const censusUnit = fc.record({
    industryCode: fc.constantFrom(...industries),
    areaCode: fc.constantFrom('640502100002001', '640502101003001', '640502001001001'),
    revenue: fc.option(fc.integer({ min: 0, max: 1e9 }), { nil: null }),
    employees: fc.option(fc.integer({ min: 0, max: 1e5 }), { nil: null }),
  });
  const annualUnit = fc.record({
    industryCode: fc.constantFrom('3432', '5212', '6210', '4710', '7010', '5431'),
    township: fc.constantFrom('640502100', '640502101', '640502200'),
    revenue: fc.integer({ min: 0, max: 1e9 }),
    employees: fc.integer({ min: 0, max: 1e5 }),
  });

  it('every dimension splits the same county total, on both sides', () => {
    fc.assert(
      fc.property(fc.array(censusUnit, { maxLength: 30 }), fc.array(annualUnit, { maxLength: 30 }), (cs, as) => {
        const census = cs.map((c, i) => ({ ...c, id: `c${i}`, name: '', uscc: '', orgCode: '' }));
        const annual = as.map((a) => ({ ...a, uscc: '', orgCode: '', name: '', profession: censusKeysOf(a.industryCode) }));
        const table = gapTable(census, annual, []);
        for (const d of ['profession', 'industry', 'township'] as const) {
          const rows = table.rows.filter((r) => r.dimension === d);
          for (const m of ['units', 'revenue', 'employees'] as const) {
            expect(rows.reduce((t, r) => t + r[m].census, 0)).toBe(table.total[m].census);
            expect(rows.reduce((t, r) => t + (r[m].annual ?? 0), 0)).toBe(table.total[m].annual);
          }
        }
      }),
    );
  });
});

describe('the gap %', () => {
  it.each([
    [1, 3, 33.3],
    [2, 3, 66.7],
    [-2, 3, -66.7],
    // Half a tenth rounds away from zero.
    [1, 2000, 0.1],
    [-1, 2000, -0.1],
    [1, 2001, 0],
    [0, 5, 0],
    [5, 0, null],
    [0, 0, null],
    [4_000_000_000_000, 3, 133_333_333_333_333.3],
  ])('%d over %d is %s', (diff, base, pct) => {
    expect(gapPercent(diff, base)).toBe(pct);
  });

  it('is the exact rational rounded half away from zero (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 1, max: 1e9 }), (diff, base) => {
        const a = BigInt(Math.abs(diff)) * 1000n;
        const b = BigInt(base);
        const tenths = (2n * a + b) / (2n * b);
        expect(gapPercent(diff, base)).toBe((Math.sign(diff) * Number(tenths)) / 10 || 0);
      }),
    );
  });
});

describe('matching units', () => {
  it('matches by USCC, then by org code, and lists the units on one side only', () => {
    const m = matchUnits(census, annual, { revenue: 0.5, employees: 0.3 });
    expect(m.compared.map((c) => [c.census.id, c.matchedBy])).toEqual([
      ['a', 'uscc'],
      ['c', 'orgCode'],
    ]);
    expect(m.censusOnly.map((u) => u.id)).toEqual(['b', 'd']);
    expect(m.annualOnly.map((u) => u.name)).toEqual(['E']);
    // A: +25 % revenue, −16.7 % staff: within. C: a 快报 revenue of 0 has no %, and is no finding.
    expect(m.compared.map((c) => [c.revenue.pct, c.revenue.isBeyond, c.employees.pct, c.employees.isBeyond])).toEqual([
      [25, false, -16.7, false],
      [null, false, 0, false],
    ]);
  });

  it('marks a unit without a census figure as having no difference', () => {
    const m = matchUnits([{ ...census[0]!, revenue: null }], annual, { revenue: 0.5, employees: 0.3 });
    expect(m.compared[0]?.revenue).toEqual({ census: 0, annual: 800, diff: null, pct: null, isBeyond: false });
  });
});

describe('the tolerance at its edges', () => {
  it.each([
    // now, last, tolerance, beyond
    [150, 100, 0.5, false],
    [151, 100, 0.5, true],
    [50, 100, 0.5, false],
    [49, 100, 0.5, true],
    [130, 100, 0.3, false],
    [131, 100, 0.3, true],
    [70, 100, 0.3, false],
    [69, 100, 0.3, true],
    [13, 10, 0.3, false],
    [7, 10, 0.3, false],
    [3, 2, 0.5, false],
    [0, 2, 0.5, true],
    [9408, 6272, 0.5, false],
    [9409, 6272, 0.5, true],
    [15_000_000_000, 10_000_000_000, 0.5, false],
    [15_000_000_001, 10_000_000_000, 0.5, true],
    [4_000_000_000_000_000, 2_000_000_000_000_000, 0.5, true],
    [5, 0, 0.5, false],
    [5, -3, 0.5, false],
  ])('%d against %d at ±%d: beyond = %s', (now, last, tolerance, beyond) => {
    expect(isBeyondTolerance(now, last, tolerance)).toBe(beyond);
  });

  it('agrees with exact rational arithmetic on whole figures (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 1, max: 1e12 }), fc.integer({ min: 0, max: 20_000 }), (now, last, bp) => {
        const exact = BigInt(Math.abs(now - last)) * 10_000n > BigInt(bp) * BigInt(last);
        expect(isBeyondTolerance(now, last, bp / 10_000)).toBe(exact);
      }),
    );
  });
});
