import { inArray, sql } from 'drizzle-orm';
import type { AppDatabase } from '@db/open';
import { ledgerMonths } from '@db/schema';
import type { ThresholdMeasure } from '@shared/followup/thresholds';

// The ledger figures 入规纳统 is judged on: 主营业务收入 (main_revenue) for 工业 and 批零住餐,
// 营业收入 (revenue) for services (shared/followup/thresholds-data.ts `measure`). Both are read,
// so a unit that entered only the one its rule does not use can be told apart from one that
// entered nothing (the flags say 主营业务收入未填 rather than judging it on 营业收入).

export interface MeasureCell {
  year: number;
  month: number;
  mainRevenue: number | null;
  revenue: number | null;
}

/** Both measures of each enterprise by (year, month). */
export function measureCells(db: Pick<AppDatabase, 'select'>, enterpriseIds: readonly string[]): Map<string, MeasureCell[]> {
  const out = new Map<string, MeasureCell[]>();
  for (let i = 0; i < enterpriseIds.length; i += 500) {
    const rows = db
      .select({ id: ledgerMonths.enterpriseId, year: ledgerMonths.year, month: ledgerMonths.month, mainRevenue: ledgerMonths.mainRevenue, revenue: ledgerMonths.revenue })
      .from(ledgerMonths)
      .where(inArray(ledgerMonths.enterpriseId, enterpriseIds.slice(i, i + 500)))
      .all();
    for (const r of rows) {
      const list = out.get(r.id);
      const cell = { year: r.year, month: r.month, mainRevenue: r.mainRevenue, revenue: r.revenue };
      if (list) list.push(cell);
      else out.set(r.id, [cell]);
    }
  }
  return out;
}

export interface MeasureAggregate {
  id: string;
  ym: number;
  ytd: number | null;
  n: number;
  lastYtd: number | null;
  lastN: number;
}

const columnOf: Record<ThresholdMeasure, string> = { mainRevenue: 'main_revenue', revenue: 'revenue' };

/**
 * For every enterprise with the measure: its latest month (year × 100 + month), the YTD to it and
 * the same months of the year before, with how many months each side has. One grouped pass.
 */
export function measureAggregates(db: Pick<AppDatabase, 'all'>, measure: ThresholdMeasure): MeasureAggregate[] {
  const col = sql.raw(columnOf[measure]);
  return db.all<MeasureAggregate>(sql`
    WITH latest AS (
      SELECT enterprise_id AS id, MAX(year * 100 + month) AS ym
      FROM ledger_months WHERE ${col} IS NOT NULL GROUP BY enterprise_id
    )
    SELECT l.id AS id, l.ym AS ym,
      SUM(CASE WHEN m.year = l.ym / 100 THEN m.${col} END) AS ytd,
      COUNT(CASE WHEN m.year = l.ym / 100 THEN m.${col} END) AS n,
      SUM(CASE WHEN m.year = l.ym / 100 - 1 THEN m.${col} END) AS lastYtd,
      COUNT(CASE WHEN m.year = l.ym / 100 - 1 THEN m.${col} END) AS lastN
    FROM latest l
    JOIN ledger_months m ON m.enterprise_id = l.id AND m.year BETWEEN l.ym / 100 - 1 AND l.ym / 100 AND m.month <= l.ym % 100
    GROUP BY l.id`);
}
