import { describe, expect, it } from 'vitest';
import { usccOrgCode } from '@shared/census/identifiers';
import type { FormsDoc } from '@shared/registration/registration';
import { GAP_HEADER, GAP_SHEET } from '@main/reconcile/exports';
import { measureTexts } from '@shared/reconcile/table-cells';
import { annualWorkbook, readWorkbook, reconcileWorld, sheetRows, type ReconcileWorld, type UnitLine } from './helpers';

// The review hook: a census unit found in the imported 2023 快报 is checked by the forms' own
// cross-period rules against the 快报's figures, so a difference beyond tolerance is a 核实性
// finding on the unit — counted in the supervisor's queue, listed in review with both figures and
// the %, and the same units the page lists as beyond tolerance. The gap table's explanations are
// kept with who and when, and the export reads back equal to the page.

interface Registered {
  id: string;
  uscc: string;
  name: string;
  revenue: number;
  employees: number;
  division: string;
  industry: string;
}

function registered(w: ReconcileWorld, n: number): Registered {
  const u = w.register(n);
  const f = (u.forms as FormsDoc)['611'] ?? {};
  const detail = w.registration.get(u.id);
  return { id: u.id, uscc: detail.uscc, name: detail.name, revenue: Number(f.revenue), employees: Number(f.employees), division: String(f.divisionCode), industry: String(f.industryCode) };
}

const line = (u: Registered, revenue: number, employees: number, by: 'uscc' | 'org' = 'uscc'): UnitLine => [
  by === 'uscc' ? u.uscc : '',
  by === 'org' ? usccOrgCode(u.uscc) : '',
  u.name,
  '',
  u.industry,
  u.division,
  revenue,
  employees,
];

async function world() {
  const w = reconcileWorld();
  w.signIn('enumerator', '马晓梅');
  const units = [0, 1, 2, 3].map((n) => registered(w, n));
  w.signIn('admin', '马海燕');
  return { w, units };
}

const verifyCounts = async (w: ReconcileWorld) => new Map((await w.ok('review:queue', { stage: 'submitted' })).rows.map((r) => [r.id, r.findings.verify]));

describe('units beyond tolerance become findings in review', () => {
  it('counts them in the queue and lists them on the unit with both figures and the %', async () => {
    const { w, units } = await world();
    const [u0, u1, u2, u3] = units as [Registered, Registered, Registered, Registered];
    expect([...(await verifyCounts(w)).values()]).toEqual([0, 0, 0, 0]);
    const content = await annualWorkbook([
      // Revenue exactly +50 % (census 1.5 × 快报): on the edge, no finding; staff −29 %: within.
      line(u0, (u0.revenue * 2) / 3, Math.round(u0.employees / 0.7)),
      // Revenue far above the 快报.
      line(u1, 20_000, u1.employees),
      // Matched by its org code alone; staff far below the 快报.
      line(u2, u2.revenue, 200, 'org'),
    ]);
    expect(Number.isInteger((u0.revenue * 2) / 3)).toBe(true);
    await w.ok('reconcile:import', { year: 2023, fileName: '2023快报.xlsx', contentBase64: content, replace: false });

    const counts = await verifyCounts(w);
    expect([counts.get(u0.id), counts.get(u1.id), counts.get(u2.id), counts.get(u3.id)]).toEqual([0, 1, 1, 0]);

    const one = w.registration.get(u1.id).findingList.filter((f) => f.ruleId.endsWith('CROSS-PERIOD'));
    expect(one).toEqual([expect.objectContaining({ ruleId: 'R611-REVENUE-CROSS-PERIOD', severity: 'verify' })]);
    const change = Math.round(((u1.revenue - 20_000) / 20_000) * 1000) / 10;
    expect(one[0]?.messageZh).toContain('与上年年报（20000千元）相比变化+' + String(change) + '%');
    expect(one[0]?.messageZh).toContain(String(u1.revenue));
    const two = w.registration.get(u2.id).findingList.filter((f) => f.ruleId.endsWith('CROSS-PERIOD'));
    expect(two.map((f) => f.ruleId)).toEqual(['R611-EMPLOYEES-CROSS-PERIOD']);
    expect(two[0]?.messageZh).toContain('（200人）');

    // The page lists the same units, and the units on one side only.
    const view = await w.ok('reconcile:view', { year: 2023 });
    expect(view.beyond.map((b) => b.unit.id).sort()).toEqual([u1.id, u2.id].sort());
    expect(view.beyond.find((b) => b.unit.id === u2.id)?.matchedBy).toBe('orgCode');
    expect(view.censusOnly.map((u) => u.id)).toEqual([u3.id]);
    expect(view.matchedCount).toBe(3);
    // Bulk approval leaves them for one-by-one review.
    const bulk = await w.ok('review:bulkApprove', { decision: 'approve', units: units.map((u) => ({ unitId: u.id, version: w.registration.get(u.id).version })) });
    expect(bulk.skipped.map((s) => [s.unitId, s.reason]).sort()).toEqual([[u1.id, 'NOT_CLEAN'], [u2.id, 'NOT_CLEAN']].sort());
  });

  it('goes when a corrected 快报 replaces the first', async () => {
    const { w, units } = await world();
    const u1 = units[1] as Registered;
    await w.ok('reconcile:import', { year: 2023, fileName: 'a.xlsx', contentBase64: await annualWorkbook([line(u1, 20_000, u1.employees)]), replace: false });
    expect((await verifyCounts(w)).get(u1.id)).toBe(1);
    await w.ok('reconcile:import', { year: 2023, fileName: 'b.xlsx', contentBase64: await annualWorkbook([line(u1, u1.revenue, u1.employees)]), replace: true });
    expect((await verifyCounts(w)).get(u1.id)).toBe(0);
  });

  it('leaves the census units alone for another year’s figures', async () => {
    const { w, units } = await world();
    const u1 = units[1] as Registered;
    await w.ok('reconcile:import', { year: 2022, fileName: '2022.xlsx', contentBase64: await annualWorkbook([line(u1, 20_000, u1.employees)]), replace: false });
    expect((await verifyCounts(w)).get(u1.id)).toBe(0);
    expect((await w.ok('reconcile:view', { year: 2022 })).beyond.map((b) => b.unit.id)).toEqual([u1.id]);
  });
});

describe('explanations and the export', () => {
  it('keeps each explanation with who and when, and exports the page’s rows', async () => {
    const { w, units } = await world();
    const [u0, u1] = units as [Registered, Registered];
    await w.ok('reconcile:import', { year: 2023, fileName: '2023快报.xlsx', contentBase64: await annualWorkbook([line(u0, u0.revenue, u0.employees), line(u1, 20_000, u1.employees)]), replace: false });
    const first = await w.ok('reconcile:view', { year: 2023 });
    const row = first.rows.find((r) => r.dimension === 'township');
    if (!row) throw new Error('no township row');
    await w.ok('reconcile:note', { year: 2023, dimension: 'township', code: row.code, text: '两家单位快报后新开业' });
    w.clock.now = new Date('2024-03-16T02:00:00.000Z');
    w.signIn('admin', '李建国');
    const saved = await w.ok('reconcile:note', { year: 2023, dimension: 'township', code: row.code, text: '两家单位2023年12月新开业，未进快报' });
    expect(saved).toEqual({ text: '两家单位2023年12月新开业，未进快报', by: '李建国', at: '2024-03-16T02:00:00.000Z' });
    expect(await w.call('reconcile:note', { year: 2023, dimension: 'township', code: row.code, text: 'x'.repeat(1001) })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    // The earlier wording stays in the store.
    const previous = w.store.sqlite.prepare('SELECT previous FROM reconcile_notes').pluck().get() as string;
    expect(JSON.parse(previous)).toEqual([{ text: '两家单位快报后新开业', by: '马海燕', at: '2024-03-15T02:00:00.000Z' }]);

    const view = await w.ok('reconcile:view', { year: 2023 });
    expect(view.rows.find((r) => r.code === row.code)?.note?.text).toBe('两家单位2023年12月新开业，未进快报');
    const wb = await readWorkbook(await w.ok('reconcile:exportXlsx', { year: 2023 }));
    const rows = sheetRows(wb, GAP_SHEET);
    expect(rows[2]).toEqual(GAP_HEADER);
    const names = { profession: '专业', industry: '行业', township: '乡镇' } as const;
    const cell = (v: number | null) => v ?? '—';
    const expected = view.rows.map((r) => {
      const m = [r.units, r.revenue, r.employees].flatMap((x) => [x.census, cell(x.annual), cell(x.diff), cell(x.pct)]);
      return [names[r.dimension], r.code, r.name.zh, ...m, r.note?.text ?? '', r.note?.by ?? '', r.note?.at.slice(0, 16).replace('T', ' ') ?? ''];
    });
    // Trailing blank cells are not written.
    const trim = (cells: (string | number)[]) => {
      const out = [...cells];
      while (out.length > 0 && out[out.length - 1] === '') out.pop();
      return out;
    };
    expect(rows.slice(3, 3 + view.rows.length).map(trim)).toEqual(expected.map(trim));
    // The page's texts of the same numbers (shared/reconcile/table-cells.ts).
    expect(measureTexts(view.total.revenue)[0]).toBe((u0.revenue + u1.revenue + (units[2] as Registered).revenue + (units[3] as Registered).revenue).toLocaleString('en-US'));
    expect(sheetRows(wb, '超出容差的单位').slice(2).map((r) => r[0])).toEqual([u1.name]);
  });
});
