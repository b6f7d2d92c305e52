import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, coverageReport, type CoverageEnterprise, type CoverageVisit } from '@shared/liaison/coverage';

// The coverage arithmetic: the 90-day window's two edges, never visited against not visited in
// the window, per official and per department, and totals that always add up.

const e = (id: string, official: string, department = ''): CoverageEnterprise => ({ id, official, department });
const AS_OF = '2024-06-15';

describe('coverage of 包保 officials', () => {
  it('counts a visit on the window’s first day (asOf − 89) and on asOf, not the day before the window nor after asOf', () => {
    expect(addDays(AS_OF, -89)).toBe('2024-03-18');
    const enterprises = [e('a', '李娜', '经济发展办'), e('b', '李娜', '经济发展办'), e('c', '李娜', '经济发展办'), e('d', '李娜', '经济发展办')];
    const visits: CoverageVisit[] = [
      { enterpriseId: 'a', date: '2024-03-18' }, // first day of the window: in
      { enterpriseId: 'b', date: '2024-03-17' }, // the day before: visited, not in the window
      { enterpriseId: 'c', date: AS_OF }, // the report's day: in
      { enterpriseId: 'c', date: AS_OF },
      { enterpriseId: 'd', date: '2024-06-16' }, // after the report's day: counts nowhere
    ];
    const r = coverageReport(enterprises, visits, AS_OF);
    expect(r.windowStart).toBe('2024-03-18');
    expect(r.officials).toEqual([
      {
        official: '李娜',
        departments: ['经济发展办'],
        enterprises: 4,
        visitsInWindow: 3,
        visitedInWindow: 2,
        notVisitedInWindow: 2,
        neverVisited: 1,
        lastVisit: AS_OF,
        notVisitedIds: ['b', 'd'],
      },
    ]);
  });

  it('keeps the unassigned apart, groups by department, and crosses a leap day and a year end', () => {
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2025-01-01', -89)).toBe('2024-10-04');
    const r = coverageReport(
      [e('a', '李娜', '经济发展办'), e('b', '张伟', '经济发展办'), e('c', '王敏', '统计站'), e('d', ''), e('e', '王敏', '')],
      [
        { enterpriseId: 'a', date: '2024-12-31' },
        { enterpriseId: 'd', date: '2024-12-01' },
        { enterpriseId: 'x', date: '2024-12-01' }, // not an enterprise of the report (another township)
      ],
      '2025-01-01',
    );
    expect(r.unassigned).toMatchObject({ enterprises: 1, visitsInWindow: 1, neverVisited: 0 });
    expect(r.departments.map((d) => [d.department, d.officials, d.enterprises, d.visitedInWindow])).toEqual([
      ['经济发展办', 2, 2, 1],
      ['统计站', 1, 1, 0],
      ['', 1, 1, 0],
    ]);
    expect(r.officials.find((o) => o.official === '王敏')).toMatchObject({ departments: ['统计站'], enterprises: 2, neverVisited: 2 });
    expect(r.total).toMatchObject({ enterprises: 5, visitsInWindow: 2, visitedInWindow: 2, neverVisited: 3, notVisitedInWindow: 3 });
  });

  it('always adds up: officials and the unassigned make the total, and a window holds what a longer one holds', () => {
    const day = fc.integer({ min: 0, max: 400 }).map((n) => addDays('2024-01-01', n));
    fc.assert(
      fc.property(
        fc.array(fc.record({ official: fc.constantFrom('', '李娜', '张伟', '王敏'), department: fc.constantFrom('', '甲', '乙') }), { maxLength: 30 }),
        fc.array(fc.record({ i: fc.nat(40), date: day }), { maxLength: 80 }),
        day,
        (es, vs, asOf) => {
          const enterprises = es.map((x, i) => ({ id: `e${i}`, ...x }));
          const visits = vs.map((v) => ({ enterpriseId: `e${v.i}`, date: v.date }));
          const r = coverageReport(enterprises, visits, asOf);
          const sum = (k: 'enterprises' | 'visitsInWindow' | 'neverVisited' | 'notVisitedInWindow') => r.officials.reduce((s, o) => s + o[k], 0) + r.unassigned[k];
          for (const k of ['enterprises', 'visitsInWindow', 'neverVisited', 'notVisitedInWindow'] as const) expect(sum(k)).toBe(r.total[k]);
          expect(r.departments.reduce((s, d) => s + d.enterprises, 0)).toBe(r.total.enterprises - r.unassigned.enterprises);
          const inWindow = visits.filter((v) => v.date >= r.windowStart && v.date <= asOf && enterprises.some((x) => x.id === v.enterpriseId)).length;
          expect(r.total.visitsInWindow).toBe(inWindow);
          const longer = coverageReport(enterprises, visits, asOf, 180);
          expect(longer.total.visitsInWindow).toBeGreaterThanOrEqual(r.total.visitsInWindow);
          expect(longer.total.neverVisited).toBe(r.total.neverVisited);
          for (const o of r.officials) expect(o.neverVisited).toBeLessThanOrEqual(o.notVisitedInWindow);
        },
      ),
      { numRuns: 200 },
    );
  });
});
