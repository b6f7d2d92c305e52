import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '@db/open';
import { analysisRollup, analysisRollupDirty, enterprises, ledgerMonths } from '@db/schema';
import { industrySection } from '@shared/codes/industry';
import { addEnterprise, emptyCells, type Cells } from '@shared/analysis/figures';
import { headlineIndicatorsOf, headlineTable } from '@shared/analysis/headlines';
import type { GroupCells } from '@shared/analysis/report';
import { indicatorDef, type IndicatorKey } from '@shared/ledger/indicators';
import { professionOf, type ProfessionId } from '@shared/ledger/indicator-sets';

// The analysis rollup's reads and writes (db/schema/analysis.ts). A group is (year, township,
// division, scale); its rows hold every (专业, headline indicator) of its enterprises. The
// grouping itself — each enterprise's ledger year through the ledger arithmetic, added up —
// is groupsFrom(), the one computation both the rollup and a straight pass over ledger_months use.

export interface DirtyGroup {
  year: number;
  township: string;
  division: string;
  scale: string;
}

const headlineKeys = [...new Set(headlineTable.lines.map((l) => l.indicator))];

export interface LedgerRowOfGroup {
  enterpriseId: string;
  year: number;
  month: number;
  township: string;
  division: string;
  industryCode: string;
  scale: string;
  values: Partial<Record<IndicatorKey, number | null>>;
}

/**
 * Adds ledger rows, ordered by enterprise and year, to `groups`: for each enterprise its 专业
 * (its industry code), and for each headline indicator of that 专业 its twelve months added to
 * its group. Rows of one enterprise-year must not be split between calls.
 */
export function addToGroups(groups: Map<string, GroupCells>, rows: Iterable<LedgerRowOfGroup>): void {
  interface Open {
    key: string;
    row: LedgerRowOfGroup;
    months: Map<IndicatorKey, (number | null)[]>;
  }
  let current = null as Open | null;
  const flush = (open: Open | null) => {
    if (!open) return;
    const { row } = open;
    const profession = professionOf(row.industryCode, industrySection);
    for (const indicator of headlineIndicatorsOf(profession)) {
      const series = open.months.get(indicator);
      if (!series) continue;
      const key = `${row.year}|${row.township}|${row.division}|${profession}|${row.scale}|${indicator}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { year: row.year, township: row.township, division: row.division, profession, scale: row.scale, indicator, cells: emptyCells() }));
      addEnterprise(g.cells, indicatorDef(indicator).kind, series);
    }
  };
  for (const row of rows) {
    const key = `${row.enterpriseId}|${row.year}`;
    if (current?.key !== key) {
      flush(current);
      current = { key, row, months: new Map() };
    }
    for (const k of headlineKeys) {
      const v = row.values[k];
      if (v === null || v === undefined) continue;
      let s = current.months.get(k);
      if (!s) current.months.set(k, (s = Array<number | null>(12).fill(null)));
      s[row.month - 1] = v;
    }
  }
  flush(current);
}

export function groupsFrom(rows: Iterable<LedgerRowOfGroup>): GroupCells[] {
  const groups = new Map<string, GroupCells>();
  addToGroups(groups, rows);
  return [...groups.values()];
}

interface EnterpriseOfGroup {
  id: string;
  divisionCode: string;
  industryCode: string;
  scale: string;
}

const enterpriseColumns = { id: enterprises.id, divisionCode: enterprises.divisionCode, industryCode: enterprises.industryCode, scale: enterprises.scale };
const valueColumns = Object.fromEntries(headlineKeys.map((k) => [k, ledgerMonths[k]])) as Record<IndicatorKey, typeof ledgerMonths.revenue>;

/**
 * The ledger rows of `list` (live enterprises) in `years`, ordered by enterprise, year and
 * month: looked up by the ledger's primary key, one enterprise after another.
 */
function ledgerRowsOf(db: Db, list: readonly EnterpriseOfGroup[], years: readonly number[] | null): LedgerRowOfGroup[] {
  if (list.length === 0) return [];
  const byId = new Map(list.map((e) => [e.id, e]));
  const rows = db
    .select({ enterpriseId: ledgerMonths.enterpriseId, year: ledgerMonths.year, month: ledgerMonths.month, ...valueColumns })
    .from(ledgerMonths)
    .where(and(sql`${ledgerMonths.enterpriseId} IN (SELECT value FROM json_each(${JSON.stringify(list.map((e) => e.id))}))`, years === null ? undefined : inArray(ledgerMonths.year, [...years])))
    .orderBy(asc(ledgerMonths.enterpriseId), asc(ledgerMonths.year), asc(ledgerMonths.month))
    .all();
  return rows.map((r) => {
    const e = byId.get(r.enterpriseId);
    if (!e) throw new Error(`ledger row of an enterprise not asked for (${r.enterpriseId})`);
    return { enterpriseId: r.enterpriseId, year: r.year, month: r.month, township: e.divisionCode.slice(0, 9), division: e.industryCode.slice(0, 2), industryCode: e.industryCode, scale: e.scale, values: r };
  });
}

/** Enterprises read per chunk when a whole year or store is grouped. */
const CHUNK = 5_000;

/** Every live enterprise's ledger in `years` (null: all) grouped, reading a chunk of enterprises at a time. */
function groupAll(db: Db, years: readonly number[] | null): GroupCells[] {
  const groups = new Map<string, GroupCells>();
  let after = '';
  for (;;) {
    const chunk = db.select(enterpriseColumns).from(enterprises).where(and(isNull(enterprises.deletedAt), sql`${enterprises.id} > ${after}`)).orderBy(asc(enterprises.id)).limit(CHUNK).all();
    if (chunk.length === 0) break;
    addToGroups(groups, ledgerRowsOf(db, chunk, years));
    after = chunk[chunk.length - 1]?.id ?? after;
  }
  return [...groups.values()];
}

/** Every group computed straight from ledger_months (no rollup): the reference the rollup must equal. */
export const straightGroups = (db: Db): GroupCells[] => groupAll(db, null);

export function dirtyGroups(db: Db, limit: number): DirtyGroup[] {
  return db.select().from(analysisRollupDirty).limit(limit).all();
}

export const dirtyCount = (db: Db, year: number): number =>
  db.select({ n: sql<number>`count(*)` }).from(analysisRollupDirty).where(eq(analysisRollupDirty.year, year)).get()?.n ?? 0;

function rowsOfGroups(groups: readonly GroupCells[]) {
  return groups.flatMap((c) =>
    Array.from({ length: 12 }, (_, i) => ({
      year: c.year,
      township: c.township,
      division: c.division,
      profession: c.profession,
      scale: c.scale,
      indicator: c.indicator,
      month: i + 1,
      monthSum: c.cells.monthSum[i] ?? 0,
      monthCount: c.cells.monthCount[i] ?? 0,
      ytdSum: c.cells.ytdSum[i] ?? 0,
      ytdCount: c.cells.ytdCount[i] ?? 0,
      incomplete: c.cells.incomplete[i] ?? 0,
      reporters: c.cells.reporters,
    })),
  );
}

function insertGroups(db: Db, groups: readonly GroupCells[]): void {
  const out = rowsOfGroups(groups);
  for (let i = 0; i < out.length; i += 500) db.insert(analysisRollup).values(out.slice(i, i + 500)).run();
}

/** Recomputes one group's rows and takes it off the dirty list. */
export function recomputeGroup(db: Db, g: DirtyGroup): void {
  // The township's codes are a range of division_code (enterprises_division_idx); the exact
  // prefix test follows, for codes shorter than nine digits.
  const members = db
    .select(enterpriseColumns)
    .from(enterprises)
    .where(
      and(
        sql`${enterprises.divisionCode} >= ${g.township} AND ${enterprises.divisionCode} < ${`${g.township}\u{10FFFF}`}`,
        sql`substr(${enterprises.divisionCode}, 1, 9) = ${g.township}`,
        sql`substr(${enterprises.industryCode}, 1, 2) = ${g.division}`,
        eq(enterprises.scale, g.scale),
        isNull(enterprises.deletedAt),
      ),
    )
    .all();
  db.delete(analysisRollup)
    .where(and(eq(analysisRollup.year, g.year), eq(analysisRollup.township, g.township), eq(analysisRollup.division, g.division), eq(analysisRollup.scale, g.scale)))
    .run();
  insertGroups(db, groupsFrom(ledgerRowsOf(db, members, [g.year])));
  db.delete(analysisRollupDirty)
    .where(and(eq(analysisRollupDirty.year, g.year), eq(analysisRollupDirty.township, g.township), eq(analysisRollupDirty.division, g.division), eq(analysisRollupDirty.scale, g.scale)))
    .run();
}

/**
 * Recomputes a whole year in one pass over the ledger (after the migration or a bulk import
 * marked most of its groups): cheaper than looking up each group's enterprises in turn.
 */
export function rebuildYear(db: Db, year: number): void {
  db.delete(analysisRollup).where(eq(analysisRollup.year, year)).run();
  insertGroups(db, groupAll(db, [year]));
  db.delete(analysisRollupDirty).where(eq(analysisRollupDirty.year, year)).run();
}

/** Marks every group that has rows or a ledger: after a new headline table version. */
export function markAllDirty(db: Db): void {
  db.run(sql`INSERT OR IGNORE INTO analysis_rollup_dirty (year, township, division, scale)
    SELECT DISTINCT year, township, division, scale FROM analysis_rollup`);
  db.run(sql`INSERT OR IGNORE INTO analysis_rollup_dirty (year, township, division, scale)
    SELECT DISTINCT l.year, substr(e.division_code, 1, 9), substr(e.industry_code, 1, 2), e.scale
    FROM ledger_months l JOIN enterprises e ON e.id = l.enterprise_id`);
}

/**
 * The rollup's groups for years `years`, of one township or all: its rows put back together as
 * twelve-month cells. Read raw (arrays, no objects per row): the district's year is tens of
 * thousands of rows.
 */
export function rollupGroups(db: Db, years: readonly number[], townshipCode: string | null): GroupCells[] {
  const where = and(inArray(analysisRollup.year, [...years]), townshipCode === null ? undefined : eq(analysisRollup.township, townshipCode));
  const rows = db
    .select({
      year: analysisRollup.year,
      township: analysisRollup.township,
      division: analysisRollup.division,
      profession: analysisRollup.profession,
      scale: analysisRollup.scale,
      indicator: analysisRollup.indicator,
      month: analysisRollup.month,
      monthSum: analysisRollup.monthSum,
      monthCount: analysisRollup.monthCount,
      ytdSum: analysisRollup.ytdSum,
      ytdCount: analysisRollup.ytdCount,
      incomplete: analysisRollup.incomplete,
      reporters: analysisRollup.reporters,
    })
    .from(analysisRollup)
    .where(where)
    .all();
  const groups = new Map<string, GroupCells>();
  for (const r of rows) {
    const key = `${r.year}|${r.township}|${r.division}|${r.profession}|${r.scale}|${r.indicator}`;
    let g = groups.get(key);
    if (!g) {
      const cells: Cells = emptyCells();
      cells.reporters = r.reporters;
      groups.set(key, (g = { year: r.year, township: r.township, division: r.division, profession: r.profession as ProfessionId, scale: r.scale, indicator: r.indicator as IndicatorKey, cells }));
    }
    const i = r.month - 1;
    g.cells.monthSum[i] = r.monthSum;
    g.cells.monthCount[i] = r.monthCount;
    g.cells.ytdSum[i] = r.ytdSum;
    g.cells.ytdCount[i] = r.ytdCount;
    g.cells.incomplete[i] = r.incomplete;
  }
  return [...groups.values()];
}

/** The townships with any rollup row in `years`. */
export function rollupTownships(db: Db, years: readonly number[]): string[] {
  return db
    .selectDistinct({ township: analysisRollup.township })
    .from(analysisRollup)
    .where(inArray(analysisRollup.year, [...years]))
    .orderBy(asc(analysisRollup.township))
    .all()
    .map((r) => r.township);
}
