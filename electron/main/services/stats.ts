import { inArray, sql, type SQL } from 'drizzle-orm';
import type { AppDatabase } from '../../../db/open';
import { indexFor } from './directory-index';
import { divisions } from '../../../db/schema';
import { industryByCode } from '../../../shared/codes/industry';
import { followUpStages } from '../../../shared/directory';
import type { DirectoryStats, StatsGroup } from '../../../shared/directory-stats';
import type { ParsedInput } from '../../../shared/ipc/contract';
import { indicatorKeys } from '../../../shared/ledger/indicators';

// Township and bureau views (issue 5): per township, industry section or division — the
// enterprises by scale, 准规模/成长型, follow-up stage, ledger figures entered and backed by
// evidence (数出有据), and enterprises with any ledger value per month. Grouped in SQLite.

const snake = (k: string): string => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
// Column names come from the fixed indicator list, never from input.
const cols = indicatorKeys.map((k) => sql.raw(`lm.${snake(k)}`));
const filledCount = sql.join(cols.map((c) => sql`(${c} IS NOT NULL)`), sql` + `);
const anyFilled = sql.join(cols.map((c) => sql`${c} IS NOT NULL`), sql` OR `);
const cellOf = sql.raw(`CASE b.ind ${indicatorKeys.map((k) => `WHEN '${k}' THEN lm.${snake(k)}`).join(' ')} END`);

const emptyGroup = (key: string, name: string): StatsGroup => ({
  key,
  name,
  total: 0,
  above: 0,
  below: 0,
  active: 0,
  nearThreshold: 0,
  growth: 0,
  byStage: Object.fromEntries(followUpStages.map((s) => [s, 0])) as StatsGroup['byStage'],
  filledFigures: 0,
  backedFigures: 0,
  ledgerMonths: Array<number>(12).fill(0),
});

export function directoryStats(db: AppDatabase, q: ParsedInput<'stats:directory'>): DirectoryStats {
  const keyExpr: SQL =
    q.groupBy === 'township' ? sql`substr(e.division_code, 1, 9)` : sql`substr(e.industry_code, 1, 2)`;
  // The filter is the directory index's (the same meaning as on every list); without one, all
  // live enterprises count.
  const isFiltered = Object.values(q.filter).some((v) => v !== undefined);
  const inScope = isFiltered
    ? sql`e.id IN (SELECT value FROM json_each(${JSON.stringify(indexFor(db).matching(q.filter))}))`
    : sql`e.deleted_at IS NULL`;

  const base = db.all<{ key: string; total: number; above: number; below: number; active: number; near: number; growth: number }>(sql`
    SELECT ${keyExpr} AS key, COUNT(*) AS total,
      SUM(e.scale = 'above') AS above, SUM(e.scale = 'below') AS below, SUM(e.status = 'active') AS active,
      SUM(coalesce(f.is_near_threshold, 0)) AS near, SUM(coalesce(f.is_growth, 0)) AS growth
    FROM enterprises e LEFT JOIN enterprise_flags f ON f.enterprise_id = e.id WHERE ${inScope} GROUP BY key`);
  const stages = db.all<{ key: string; stage: string; n: number }>(sql`
    SELECT ${keyExpr} AS key, e.stage AS stage, COUNT(*) AS n FROM enterprises e
    WHERE ${inScope} AND e.stage IS NOT NULL GROUP BY key, e.stage`);
  const filled = db.all<{ key: string; n: number }>(sql`
    SELECT ${keyExpr} AS key, SUM(${filledCount}) AS n FROM ledger_months lm JOIN enterprises e ON e.id = lm.enterprise_id
    WHERE lm.year = ${q.year} AND ${inScope} GROUP BY key`);
  const months = db.all<{ key: string; month: number; n: number }>(sql`
    SELECT ${keyExpr} AS key, lm.month AS month, COUNT(*) AS n FROM ledger_months lm JOIN enterprises e ON e.id = lm.enterprise_id
    WHERE lm.year = ${q.year} AND (${anyFilled}) AND ${inScope} GROUP BY key, lm.month`);
  const backed = db.all<{ key: string; n: number }>(sql`
    SELECT ${keyExpr} AS key, COUNT(*) AS n FROM (
      SELECT DISTINCT ev.enterprise_id AS id, json_extract(j.value, '$.month') AS month, json_extract(j.value, '$.indicator') AS ind
      FROM evidence ev, json_each(ev.figures) j
      WHERE ev.removed_at IS NULL AND json_extract(j.value, '$.year') = ${q.year}
    ) b
    JOIN ledger_months lm ON lm.enterprise_id = b.id AND lm.year = ${q.year} AND lm.month = b.month
    JOIN enterprises e ON e.id = b.id
    WHERE ${cellOf} IS NOT NULL AND ${inScope} GROUP BY key`);

  // Industry sections fold their divisions; townships and divisions are their own key.
  const fold = (key: string): string => (q.groupBy === 'industrySection' ? (industryByCode(key)?.section ?? '') : key);
  const groups = new Map<string, StatsGroup>();
  const group = (raw: string): StatsGroup => {
    const key = fold(raw ?? '');
    let g = groups.get(key);
    if (!g) groups.set(key, (g = emptyGroup(key, '')));
    return g;
  };
  for (const r of base) {
    const g = group(r.key);
    g.total += r.total;
    g.above += r.above;
    g.below += r.below;
    g.active += r.active;
    g.nearThreshold += r.near;
    g.growth += r.growth;
  }
  for (const r of stages) {
    const g = group(r.key);
    if (Object.hasOwn(g.byStage, r.stage)) g.byStage[r.stage as keyof StatsGroup['byStage']] += r.n;
  }
  for (const r of filled) group(r.key).filledFigures += r.n;
  for (const r of backed) group(r.key).backedFigures += r.n;
  for (const r of months) {
    const g = group(r.key);
    if (r.month >= 1 && r.month <= 12) g.ledgerMonths[r.month - 1] = (g.ledgerMonths[r.month - 1] ?? 0) + r.n;
  }

  const list = [...groups.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const townshipNames =
    q.groupBy === 'township' && list.length > 0
      ? new Map(db.select({ code: divisions.code, name: divisions.name }).from(divisions).where(inArray(divisions.code, list.map((g) => g.key))).all().map((d) => [d.code, d.name]))
      : new Map<string, string>();
  for (const g of list) g.name = q.groupBy === 'township' ? (townshipNames.get(g.key) ?? '') : (industryByCode(g.key)?.name ?? '');

  const totals = emptyGroup('', '合计');
  for (const g of list) {
    for (const k of ['total', 'above', 'below', 'active', 'nearThreshold', 'growth', 'filledFigures', 'backedFigures'] as const) totals[k] += g[k];
    for (const s of followUpStages) totals.byStage[s] += g.byStage[s];
    g.ledgerMonths.forEach((n, i) => (totals.ledgerMonths[i] = (totals.ledgerMonths[i] ?? 0) + n));
  }
  return { year: q.year, groups: list, totals };
}
