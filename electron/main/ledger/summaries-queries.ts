import { and, inArray, isNull, sql } from 'drizzle-orm';
import { indicatorKeys, type IndicatorKey } from '@shared/ledger/indicators';
import type { AppDatabase, Db } from '@db/open';
import { evidence, ledgerMonths, ledgerSummaries, ledgerSummaryDirty } from '@db/schema';
import { figuresOf } from '../evidence/queries';

// Per enterprise and year: ledger figures entered, those backed by live evidence, and the
// months with any value (db/schema/directory.ts ledgerSummaries). Rebuilt for the enterprises
// listed in ledger_summary_dirty by triggers (migration 0012). Callers own the transaction.


export interface LedgerSummary {
  enterpriseId: string;
  year: number;
  filled: number;
  backed: number;
  /** Bit m-1 set: month m has at least one value. */
  monthMask: number;
}

const cells = indicatorKeys.map((k) => sql`(${ledgerMonths[k]} IS NOT NULL)`);
const filledExpr = sql.join(cells, sql` + `);

/** Up to `limit` enterprises waiting for their summaries to be recomputed. */
export function dirtySummaryIds(db: Pick<AppDatabase, 'select'>, limit: number): string[] {
  return db
    .select({ id: ledgerSummaryDirty.enterpriseId })
    .from(ledgerSummaryDirty)
    .limit(limit)
    .all()
    .map((r) => r.id);
}

/** Figures of `ids` named by live evidence, as 'year.month.indicator' per enterprise. */
function evidencedCells(db: Pick<AppDatabase, 'select'>, ids: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const rows = db
    .select({ enterpriseId: evidence.enterpriseId, figures: evidence.figures })
    .from(evidence)
    .where(and(isNull(evidence.removedAt), sql`${evidence.enterpriseId} IN (SELECT value FROM json_each(${ids}))`))
    .all();
  for (const r of rows) {
    let set = out.get(r.enterpriseId);
    if (!set) out.set(r.enterpriseId, (set = new Set()));
    // A file naming the same figure twice, or two files naming it, back it once.
    for (const f of figuresOf(r)) set.add(`${f.year}.${f.month}.${f.indicator}`);
  }
  return out;
}

/** Entered figures of `enterpriseIds` that some live evidence names, per year. */
function backedCounts(db: Pick<AppDatabase, 'select'>, evidenced: Map<string, Set<string>>): Map<string, number> {
  const counts = new Map<string, number>();
  const ids = [...evidenced.keys()];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = db
      .select()
      .from(ledgerMonths)
      .where(inArray(ledgerMonths.enterpriseId, ids.slice(i, i + 500)))
      .all();
    for (const r of rows) {
      const named = evidenced.get(r.enterpriseId);
      if (!named) continue;
      for (const key of indicatorKeys as readonly IndicatorKey[]) {
        if (r[key] === null || !named.has(`${r.year}.${r.month}.${key}`)) continue;
        const k = `${r.enterpriseId}\u0000${r.year}`;
        counts.set(k, (counts.get(k) ?? 0) + 1);
      }
    }
  }
  return counts;
}

/**
 * Recomputes the summaries of `ids` from their ledger rows and evidence, takes them off the
 * dirty list, and returns their new rows (years without a ledger row have none).
 */
export function rebuildSummaries(db: Db, ids: readonly string[]): LedgerSummary[] {
  if (ids.length === 0) return [];
  const json = JSON.stringify(ids);
  const inIds = sql`IN (SELECT value FROM json_each(${json}))`;
  db.run(sql`DELETE FROM ${ledgerSummaries} WHERE ${ledgerSummaries.enterpriseId} ${inIds}`);
  // Month m adds bit m-1 once: (enterprise, year, month) is the ledger's primary key, so a sum
  // of distinct bits is their OR.
  db.run(sql`
    INSERT INTO ${ledgerSummaries} (enterprise_id, year, filled, backed, month_mask)
    SELECT ${ledgerMonths.enterpriseId}, ${ledgerMonths.year}, SUM(${filledExpr}), 0,
      SUM(CASE WHEN (${filledExpr}) > 0 THEN 1 << (${ledgerMonths.month} - 1) ELSE 0 END)
    FROM ${ledgerMonths} WHERE ${ledgerMonths.enterpriseId} ${inIds}
    GROUP BY ${ledgerMonths.enterpriseId}, ${ledgerMonths.year}`);
  const evidenced = evidencedCells(db, json);
  for (const [key, backed] of backedCounts(db, evidenced)) {
    const [enterpriseId = '', year = '0'] = key.split('\u0000');
    db.run(sql`UPDATE ${ledgerSummaries} SET backed = ${backed} WHERE enterprise_id = ${enterpriseId} AND year = ${Number(year)}`);
  }
  db.run(sql`DELETE FROM ${ledgerSummaryDirty} WHERE ${ledgerSummaryDirty.enterpriseId} ${inIds}`);
  return db
    .select()
    .from(ledgerSummaries)
    .where(sql`${ledgerSummaries.enterpriseId} ${inIds}`)
    .all();
}

/** Every enterprise's summary of one year as [enterpriseId, filled, backed, monthMask] (from the covering year index, no row objects). */
export function yearSummaries(db: Pick<AppDatabase, 'values'>, year: number): [string, number, number, number][] {
  return db.values<[string, number, number, number]>(
    sql`SELECT ${ledgerSummaries.enterpriseId}, ${ledgerSummaries.filled}, ${ledgerSummaries.backed}, ${ledgerSummaries.monthMask} FROM ${ledgerSummaries} WHERE ${ledgerSummaries.year} = ${year}`,
  );
}
