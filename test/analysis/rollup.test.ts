import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { refreshRollup, rollupStep } from '@main/analysis/rollup';
import { rollupGroups, straightGroups } from '@main/analysis/rollup-queries';
import type { GroupCells } from '@shared/analysis/report';
import type { IndicatorKey } from '@shared/ledger/indicators';
import { analysisStore, putEnterprise, T_BINHE, T_DONGYUAN, T_WENCHANG } from './helpers';

// The analysis rollup is derived and kept current by triggers (migration
// analysis_rollup_triggers) and recomputation of the groups they mark (rollup.ts). Whatever
// happens — ledger cells written, cleared and deleted, enterprises moving township, industry or
// scale, deleted and restored, with the rollup read at random moments in between — it must equal
// the same groups computed straight from ledger_months.

const snake = (k: string): string => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const ids = ['a1', 'a2', 'a3', 'a4', 'a5'];
const townships = [T_BINHE, T_WENCHANG, T_DONGYUAN, ''];
const industries = ['1371', '3011', '5211', '6210', '7020', '7010', '4710', ''];
const keys: IndicatorKey[] = ['industrialOutput', 'mainRevenue', 'avgEmployees', 'retailSales', 'goodsSales', 'turnover', 'revenue', 'employees', 'constructionOutput', 'investmentCompleted'];

type Step =
  | { kind: 'set'; id: string; year: number; month: number; key: IndicatorKey; value: number | null }
  | { kind: 'deleteRow'; id: string; year: number; month: number }
  | { kind: 'move'; id: string; township: string }
  | { kind: 'industry'; id: string; code: string }
  | { kind: 'scale'; id: string; scale: 'above' | 'below' }
  | { kind: 'delete'; id: string; isDeleted: boolean }
  | { kind: 'read' }
  | { kind: 'readRebuilt' };

const id = fc.constantFrom(...ids);
const year = fc.constantFrom(2023, 2024);
const month = fc.integer({ min: 1, max: 12 });
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('set' as const), id, year, month, key: fc.constantFrom(...keys), value: fc.option(fc.integer({ min: -50, max: 1_000 }), { freq: 5 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('deleteRow' as const), id, year, month: fc.constantFrom(1, 2, 3, 12) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('move' as const), id, township: fc.constantFrom(...townships) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('industry' as const), id, code: fc.constantFrom(...industries) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('scale' as const), id, scale: fc.constantFrom('above' as const, 'below' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), id, isDeleted: fc.boolean() }) },
  { weight: 3, arbitrary: fc.constant({ kind: 'read' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'readRebuilt' as const }) },
);

const keyOf = (g: GroupCells) => `${g.year}|${g.township}|${g.division}|${g.profession}|${g.scale}|${g.indicator}`;
const normal = (groups: GroupCells[]) => new Map(groups.map((g) => [keyOf(g), g.cells]));

describe('the analysis rollup', () => {
  it('equals a straight computation from ledger_months after any writes and moves', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 40 }), (steps) => {
        const s = analysisStore();
        const q = s.sqlite;
        ids.forEach((e, i) => putEnterprise(q, e, townships[i % 3] ?? T_BINHE, industries[i] ?? '1371', i % 2 === 0 ? 'above' : 'below'));
        // A ledger already there and already rolled up: the steps then change, clear and delete existing rows.
        const seedRow = q.prepare(`INSERT INTO ledger_months (enterprise_id, year, month, industrial_output, retail_sales, revenue, employees, avg_employees, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'x')`);
        for (const e of ids) for (const y of [2023, 2024]) for (const m of [1, 2, 3, 12]) seedRow.run(e, y, m, 100 + m, 50 + m, 70 + m, 5 + m, 4 + m);
        refreshRollup(s.db);
        for (const st of steps) {
          switch (st.kind) {
            case 'set': {
              const col = snake(st.key);
              q.prepare(
                `INSERT INTO ledger_months (enterprise_id, year, month, ${col}, updated_at) VALUES (?, ?, ?, ?, 'x')
                 ON CONFLICT (enterprise_id, year, month) DO UPDATE SET ${col} = excluded.${col}`,
              ).run(st.id, st.year, st.month, st.value);
              break;
            }
            case 'deleteRow':
              q.prepare('DELETE FROM ledger_months WHERE enterprise_id = ? AND year = ? AND month = ?').run(st.id, st.year, st.month);
              break;
            case 'move':
              q.prepare('UPDATE enterprises SET division_code = ? WHERE id = ?').run(st.township === '' ? '' : `${st.township}201`, st.id);
              break;
            case 'industry':
              q.prepare('UPDATE enterprises SET industry_code = ? WHERE id = ?').run(st.code, st.id);
              break;
            case 'scale':
              q.prepare('UPDATE enterprises SET scale = ? WHERE id = ?').run(st.scale, st.id);
              break;
            case 'delete':
              q.prepare('UPDATE enterprises SET deleted_at = ? WHERE id = ?').run(st.isDeleted ? '2024-05-01' : null, st.id);
              break;
            case 'read':
              refreshRollup(s.db);
              break;
            case 'readRebuilt':
              // The path a bulk import takes: everything recomputed in one pass.
              while (rollupStep(s.db, 2, 0)) {
                // until nothing is dirty
              }
              break;
          }
        }
        refreshRollup(s.db);
        expect(normal(rollupGroups(s.db, [2023, 2024], null))).toEqual(normal(straightGroups(s.db)));
        expect(q.prepare('SELECT count(*) FROM analysis_dirty').pluck().get()).toBe(0);
        s.sqlite.close();
      }),
      { numRuns: 40 },
    );
  });

  it('recomputes every part when the headline table has a new version', () => {
    const s = analysisStore();
    putEnterprise(s.sqlite, 'h1', T_BINHE, '1371', 'above');
    s.sqlite.prepare(`INSERT INTO ledger_months (enterprise_id, year, month, industrial_output, updated_at) VALUES ('h1', 2024, 1, 100, 'x')`).run();
    refreshRollup(s.db);
    // A part of a line the table no longer has, as an older version would have left it.
    s.sqlite.prepare(`INSERT INTO analysis_parts VALUES ('h1', 2024, 'payroll', ?, '13', 'industry', 'above', ?)`).run(T_BINHE, JSON.stringify([5, ...Array<null>(11).fill(null)]));
    s.sqlite.prepare(`INSERT INTO analysis_rollup VALUES (2024, ?, '13', 'industry', 'above', 'payroll', ?)`).run(T_BINHE, JSON.stringify({ monthSum: [5, ...Array<number>(11).fill(0)], monthCount: [1, ...Array<number>(11).fill(0)], ytdSum: Array<number>(12).fill(5), ytdCount: Array<number>(12).fill(1), incomplete: [0, ...Array<number>(11).fill(1)], reporters: 1 }));
    s.sqlite.prepare(`UPDATE analysis_meta SET value = '2023.9' WHERE key = 'headlines'`).run();
    refreshRollup(s.db);
    expect(normal(rollupGroups(s.db, [2023, 2024], null))).toEqual(normal(straightGroups(s.db)));
    expect(s.sqlite.prepare(`SELECT count(*) FROM analysis_rollup WHERE indicator = 'payroll'`).pluck().get()).toBe(0);
  });

  it('moves an enterprise’s figures, this year’s and last year’s, when it changes township', async () => {
    const s = analysisStore();
    putEnterprise(s.sqlite, 'm1', T_BINHE, '1371', 'above');
    s.sqlite.prepare(`INSERT INTO ledger_months (enterprise_id, year, month, industrial_output, updated_at) VALUES ('m1', 2024, 1, 100, 'x'), ('m1', 2023, 1, 80, 'x')`).run();
    const before = await s.ok('analysis:report', { year: 2024, period: { kind: 'month', month: 1 } });
    expect(before.lines.find((l) => l.key === 'industry.industrialOutput')?.townships.map((t) => [t.key, t.all.ytd.value, t.all.ytdLast.value])).toEqual([[T_BINHE, 100, 80]]);
    s.sqlite.prepare(`UPDATE enterprises SET division_code = '640502101201', scale = 'below' WHERE id = 'm1'`).run();
    const after = await s.ok('analysis:report', { year: 2024, period: { kind: 'month', month: 1 } });
    const io = after.lines.find((l) => l.key === 'industry.industrialOutput');
    expect(io?.townships.map((t) => [t.key, t.all.ytd.value, t.all.ytdLast.value])).toEqual([[T_WENCHANG, 100, 80]]);
    expect(io?.total.above.ytd.value).toBeNull();
  });
});
