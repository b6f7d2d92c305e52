import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase, type SqliteDatabase } from '@db/open';
import { createCore, type Core } from '@main/core';
import { dispatch } from '@main/ipc/dispatch';
import { refreshRollup } from '@main/analysis/rollup';
import { defaultDivisionDataDir, loadRegionFromData } from '@main/divisions/queries';
import { updateSettings } from '@main/session/settings-queries';
import { writeState } from '@main/sync/queries/state';
import type { Input } from '@shared/ipc/contract';
import { benchVillages, prng } from './registration-seed';
import { timeSamples } from './lib/stats';
import type { Benchmark } from './types';

// The monthly economic analysis at district size: 100,000 enterprises across 沙坡头区's
// townships in every 专业, twelve months of this year and twelve of last year each (2.4 M
// ledger rows, one enterprise in 200 with a month left out), written straight into an encrypted
// store as the other directory benchmarks do. The rollup those writes marked is computed once
// (untimed, as after an upgrade); each case then asks analysis:report through dispatch() as the
// renderer does (input and output checked against the contract, the Result serialised).
// Synthetic: never shown as real data.

const COUNT = 100_000;
const YEAR = 2024;

/** 4-digit classes by 专业, the headline columns each fills, and a monthly size in 千元 (or persons). */
const trades: { industry: string; columns: Record<string, number> }[] = [
  ...['1371', '1391', '3011', '2614', '4411'].map((industry) => ({ industry, columns: { industrial_output: 2_000, main_revenue: 1_800, revenue: 1_900, avg_employees: 40 } })),
  ...['5165', '5212', '5261', '5133'].map((industry) => ({ industry, columns: { goods_sales: 900, retail_sales: 500, main_revenue: 880 } })),
  ...['6110', '6210', '6220'].map((industry) => ({ industry, columns: { turnover: 300, retail_sales: 60, main_revenue: 290 } })),
  ...['4710', '4811', '4991'].map((industry) => ({ industry, columns: { construction_output: 3_000 } })),
  { industry: '7010', columns: { investment_completed: 8_000, housing_sales: 6_000 } },
  ...['7020', '5431', '6513', '8111', '7212', '8621'].map((industry) => ({ industry, columns: { revenue: 400, employees: 25 } })),
];
const allColumns = [...new Set(trades.flatMap((t) => Object.keys(t.columns)))];

export function seedAnalysis(sqlite: SqliteDatabase): { townships: string[] } {
  const rand = prng(19);
  const villages = benchVillages();
  const insertEnterprise = sqlite.prepare(
    `INSERT INTO enterprises (id, uscc, name, division_code, industry_code, scale, created_at, updated_at) VALUES (?, '', ?, ?, ?, ?, ?, ?)`,
  );
  const insertMonth = sqlite.prepare(
    `INSERT INTO ledger_months (enterprise_id, year, month, ${allColumns.join(', ')}, updated_at) VALUES (?, ?, ?, ${allColumns.map(() => '?').join(', ')}, ?)`,
  );
  const at = '2024-12-20T08:00:00.000Z';
  sqlite.transaction(() => {
    for (let i = 0; i < COUNT; i += 1) {
      const village = villages[Math.floor(rand() * villages.length)];
      const trade = trades[Math.floor(rand() * trades.length)];
      if (!village || !trade) throw new Error('seed lists are empty');
      const id = `ana-${i.toString(36).padStart(8, '0')}`;
      const scale = rand() < 0.12 ? 'above' : 'below';
      insertEnterprise.run(id, `中卫市分析基准企业${i}`, village.code, trade.industry, scale, at, at);
      const size = (0.2 + rand() * 2.5) * (scale === 'above' ? 8 : 1);
      const gap = i % 200 === 0 ? 1 + Math.floor(rand() * 12) : 0;
      for (const year of [YEAR - 1, YEAR]) {
        const trend = year === YEAR ? 1.06 : 1;
        for (let m = 1; m <= 12; m += 1) {
          if (year === YEAR && m === gap) continue;
          const values = allColumns.map((c) => {
            const base = trade.columns[c];
            return base === undefined ? null : Math.round(base * size * trend * (0.7 + rand() * 0.6));
          });
          insertMonth.run(id, year, m, ...values, at);
        }
      }
    }
  })();
  return { townships: [...new Set(villages.map((v) => v.code.slice(0, 9)))].sort() };
}

interface Shared {
  file: string;
  key: string;
  townships: string[];
}
let shared: Shared | null = null;

function seededFile(): Shared {
  if (shared) return shared;
  const dir = mkdtempSync(path.join(tmpdir(), 'census-bench-analysis-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'census.db');
  const key = randomBytes(32).toString('hex');
  const store = openDatabase(file, { key });
  const seeded = seedAnalysis(store.sqlite);
  updateSettings(store.db, { userName: '区统计局', deviceName: '区统计局-工作站', regionCode: '640502' });
  loadRegionFromData(store.db, defaultDivisionDataDir(), '640502');
  writeState(store.db, 'userRole', 'admin');
  writeState(store.db, 'userId', 'u-bureau');
  writeState(store.db, 'scope', ['']);
  const started = performance.now();
  refreshRollup(store.db);
  process.stderr.write(`  analysis rollup of ${COUNT} enterprises × 24 months computed in ${Math.round(performance.now() - started)} ms (once, untimed)\n`);
  store.sqlite.exec('ANALYZE');
  store.sqlite.close();
  shared = { file, key, townships: seeded.townships };
  return shared;
}

async function withCore(fn: (core: Core, s: Shared) => Promise<number[]>): Promise<number[]> {
  const s = seededFile();
  const core = createCore({ dbPath: s.file, key: s.key, shell: 'web', appVersion: 'bench' });
  try {
    return await fn(core, s);
  } finally {
    core.close();
  }
}

async function report(core: Core, input: Input<'analysis:report'>): Promise<void> {
  const r = await dispatch(core.handlers, 'analysis:report', input, { shell: 'web' });
  if (!r.ok) throw new Error(`analysis:report: ${r.error.code} ${r.error.message}`);
  JSON.stringify(r);
}

/** Months and quarters in turn, so no answer is the previous one again. */
const periods: Input<'analysis:report'>['period'][] = [
  ...Array.from({ length: 12 }, (_, i) => ({ kind: 'month' as const, month: i + 1 })),
  ...Array.from({ length: 4 }, (_, i) => ({ kind: 'quarter' as const, quarter: i + 1 })),
];

export const analysisDistrict100k: Benchmark = {
  name: 'analysis.district-100k',
  description: `analysis:report through dispatch for the whole district: ${COUNT} enterprises × 12 months this year and last, every headline line by township and division (months and quarters)`,
  unit: 'ms',
  target: 500,
  better: 'lower',
  run: () =>
    withCore(async (core) => {
      let i = 0;
      return timeSamples(32, () => report(core, { year: YEAR, period: periods[i++ % periods.length] ?? { kind: 'month', month: 12 } }));
    }),
};

export const analysisTownship100k: Benchmark = {
  name: 'analysis.township-100k',
  description: `analysis:report through dispatch for one township of the ${COUNT}-enterprise district (each township in turn)`,
  unit: 'ms',
  target: 50,
  better: 'lower',
  run: () =>
    withCore(async (core, s) => {
      let i = 0;
      return timeSamples(64, () => {
        const township = s.townships[i % s.townships.length] ?? '';
        return report(core, { year: YEAR, period: periods[i++ % periods.length] ?? { kind: 'month', month: 12 }, township });
      });
    }),
};

export const analysisAfterEdit100k: Benchmark = {
  name: 'analysis.district-after-edit-100k',
  description: `a ledger cell edited, then analysis:report for the whole district: the edited enterprise's part moved in the rollup before the answer (${COUNT} enterprises)`,
  unit: 'ms',
  target: 500,
  better: 'lower',
  run: () =>
    withCore(async (core) => {
      const rand = prng(23);
      const edit = core.sqlite.prepare(`UPDATE ledger_months SET revenue = coalesce(revenue, 0) + 1 WHERE enterprise_id = ? AND year = ? AND month = ?`);
      return timeSamples(24, () => {
        edit.run(`ana-${Math.floor(rand() * COUNT).toString(36).padStart(8, '0')}`, YEAR, 1 + Math.floor(rand() * 11));
        return report(core, { year: YEAR, period: { kind: 'month', month: 12 } });
      });
    }),
};

export const analysisBenchmarks: readonly Benchmark[] = [analysisDistrict100k, analysisTownship100k, analysisAfterEdit100k];
