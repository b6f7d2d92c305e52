import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@db/open';
import { analysisDirty, analysisMeta, analysisParts, analysisRollup, enterprises, ledgerMonths } from '@db/schema';
import { ProfessionId } from '@shared/analysis/analysis';
import { industrySection } from '@shared/codes/industry';
import { addCells, addEnterprise, emptyCells, isEmptyCells, type Cells } from '@shared/analysis/figures';
import { headlineIndicatorsOf, headlineTable } from '@shared/analysis/headlines';
import type { GroupCells } from '@shared/analysis/report';
import { IndicatorKey, indicatorDef } from '@shared/ledger/indicators';
import { professionOf, type ProfessionId as Profession } from '@shared/ledger/indicator-sets';

// The analysis rollup's reads and writes (db/schema/analysis.ts). An enterprise's "part" is one
// year of one headline indicator of its 专业 with the group it belongs to (township, division,
// 专业, scale); a group's cells are the sum of its parts (shared/analysis/figures.ts). The parts
// as last added are kept, so a changed enterprise's old part is taken out of the group it was in
// and its new part added to the group it is in now: a ledger edit costs one enterprise's rows.

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

export interface Part {
  enterpriseId: string;
  year: number;
  indicator: IndicatorKey;
  township: string;
  division: string;
  profession: Profession;
  scale: string;
  series: (number | null)[];
}

const headlineKeys = [...new Set(headlineTable.lines.map((l) => l.indicator))];

/** Parts from ledger rows ordered by enterprise and year (one enterprise-year never split between calls). */
export function partsFrom(rows: Iterable<LedgerRowOfGroup>): Part[] {
  const parts: Part[] = [];
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
      if (series) parts.push({ enterpriseId: row.enterpriseId, year: row.year, indicator, township: row.township, division: row.division, profession, scale: row.scale, series });
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
  return parts;
}

const groupKey = (p: Pick<Part, 'year' | 'township' | 'division' | 'profession' | 'scale' | 'indicator'>): string =>
  `${p.year}|${p.township}|${p.division}|${p.profession}|${p.scale}|${p.indicator}`;

/** Adds (or with −1 takes out) a part to its group in `groups`. */
export function addPart(groups: Map<string, GroupCells>, p: Part, sign: 1 | -1 = 1): void {
  const key = groupKey(p);
  let g = groups.get(key);
  if (!g) groups.set(key, (g = { year: p.year, township: p.township, division: p.division, profession: p.profession, scale: p.scale, indicator: p.indicator, cells: emptyCells() }));
  addEnterprise(g.cells, indicatorDef(p.indicator).kind, p.series, sign);
}

interface EnterpriseOfGroup {
  id: string;
  divisionCode: string;
  industryCode: string;
  scale: string;
}

const enterpriseColumns = { id: enterprises.id, divisionCode: enterprises.divisionCode, industryCode: enterprises.industryCode, scale: enterprises.scale };
const valueColumns = Object.fromEntries(headlineKeys.map((k) => [k, ledgerMonths[k]])) as Record<IndicatorKey, typeof ledgerMonths.revenue>;
const idList = (ids: readonly string[]) => sql`(SELECT value FROM json_each(${JSON.stringify(ids)}))`;

/** The ledger rows of `list` (live enterprises), ordered by enterprise, year and month, looked up by the ledger's key. */
function ledgerRowsOf(db: Db, list: readonly EnterpriseOfGroup[], years: readonly number[] | null): LedgerRowOfGroup[] {
  if (list.length === 0) return [];
  const byId = new Map(list.map((e) => [e.id, e]));
  const rows = db
    .select({ enterpriseId: ledgerMonths.enterpriseId, year: ledgerMonths.year, month: ledgerMonths.month, ...valueColumns })
    .from(ledgerMonths)
    .where(and(sql`${ledgerMonths.enterpriseId} IN ${idList(list.map((e) => e.id))}`, years === null ? undefined : inArray(ledgerMonths.year, [...years])))
    .orderBy(asc(ledgerMonths.enterpriseId), asc(ledgerMonths.year), asc(ledgerMonths.month))
    .all();
  return rows.map((r) => {
    const e = byId.get(r.enterpriseId);
    if (!e) throw new Error(`ledger row of an enterprise not asked for (${r.enterpriseId})`);
    return { enterpriseId: r.enterpriseId, year: r.year, month: r.month, township: e.divisionCode.slice(0, 9), division: e.industryCode.slice(0, 2), industryCode: e.industryCode, scale: e.scale, values: r };
  });
}

const liveEnterprises = (db: Db, ids: readonly string[]): EnterpriseOfGroup[] =>
  db.select(enterpriseColumns).from(enterprises).where(and(sql`${enterprises.id} IN ${idList(ids)}`, isNull(enterprises.deletedAt))).all();

/** Enterprises read per chunk when the whole store is grouped. */
const CHUNK = 5_000;

/** Every live enterprise's parts, a chunk of enterprises at a time. */
function forEachChunkOfParts(db: Db, visit: (parts: Part[]) => void): void {
  let after = '';
  for (;;) {
    const chunk = db.select(enterpriseColumns).from(enterprises).where(and(isNull(enterprises.deletedAt), sql`${enterprises.id} > ${after}`)).orderBy(asc(enterprises.id)).limit(CHUNK).all();
    if (chunk.length === 0) break;
    visit(partsFrom(ledgerRowsOf(db, chunk, null)));
    after = chunk[chunk.length - 1]?.id ?? after;
  }
}

/** Every group computed straight from ledger_months (no rollup, no parts): the reference the rollup must equal. */
export function straightGroups(db: Db): GroupCells[] {
  const groups = new Map<string, GroupCells>();
  forEachChunkOfParts(db, (parts) => {
    for (const p of parts) addPart(groups, p);
  });
  return [...groups.values()];
}

export const dirtyIds = (db: Db, limit: number): string[] =>
  db.select({ id: analysisDirty.enterpriseId }).from(analysisDirty).limit(limit).all().map((r) => r.id);

export const dirtyTotal = (db: Db): number => db.select({ n: sql<number>`count(*)` }).from(analysisDirty).get()?.n ?? 0;

const CellsJson = z.object({
  monthSum: z.array(z.number()).length(12),
  monthCount: z.array(z.number()).length(12),
  ytdSum: z.array(z.number()).length(12),
  ytdCount: z.array(z.number()).length(12),
  incomplete: z.array(z.number()).length(12),
  reporters: z.number(),
});
const SeriesJson = z.array(z.number().nullable()).length(12);

const partKey = (p: Part): string => `${groupKey(p)}|${p.enterpriseId}|${JSON.stringify(p.series)}`;

function writeGroups(db: Db, groups: Iterable<GroupCells>): void {
  for (const g of groups) {
    const where = and(eq(analysisRollup.year, g.year), eq(analysisRollup.township, g.township), eq(analysisRollup.division, g.division), eq(analysisRollup.profession, g.profession), eq(analysisRollup.scale, g.scale), eq(analysisRollup.indicator, g.indicator));
    if (isEmptyCells(g.cells)) db.delete(analysisRollup).where(where).run();
    else
      db.insert(analysisRollup)
        .values({ year: g.year, township: g.township, division: g.division, profession: g.profession, scale: g.scale, indicator: g.indicator, cells: JSON.stringify(g.cells) })
        .onConflictDoUpdate({ target: [analysisRollup.year, analysisRollup.township, analysisRollup.division, analysisRollup.profession, analysisRollup.scale, analysisRollup.indicator], set: { cells: JSON.stringify(g.cells) } })
        .run();
  }
}

function insertParts(db: Db, parts: readonly Part[]): void {
  const rows = parts.map((p) => ({ ...p, series: JSON.stringify(p.series) }));
  for (let i = 0; i < rows.length; i += 500) db.insert(analysisParts).values(rows.slice(i, i + 500)).run();
}

/**
 * Recomputes the parts of `ids`: each old part out of its group, each new part into its group,
 * and the marks taken off. A part unchanged (same group, same months) is left alone.
 */
export function applyDirty(db: Db, ids: readonly string[]): void {
  if (ids.length === 0) return;
  const old: Part[] = db
    .select()
    .from(analysisParts)
    .where(sql`${analysisParts.enterpriseId} IN ${idList(ids)}`)
    .all()
    .map((r) => ({ ...r, indicator: IndicatorKey.parse(r.indicator), profession: ProfessionId.parse(r.profession), series: SeriesJson.parse(JSON.parse(r.series)) }));
  const fresh = partsFrom(ledgerRowsOf(db, liveEnterprises(db, ids), null));
  const kept = new Set(old.map(partKey));
  const now = new Set(fresh.map(partKey));
  const deltas = new Map<string, GroupCells>();
  for (const p of old) if (!now.has(partKey(p))) addPart(deltas, p, -1);
  for (const p of fresh) if (!kept.has(partKey(p))) addPart(deltas, p, 1);
  if (deltas.size > 0) {
    const current = new Map(rollupRows(db, [...deltas.values()]).map((g) => [groupKey(g), g]));
    for (const [key, d] of deltas) {
      const cells = current.get(key)?.cells ?? emptyCells();
      addCells(cells, d.cells);
      d.cells = cells;
    }
    writeGroups(db, deltas.values());
  }
  db.delete(analysisParts).where(sql`${analysisParts.enterpriseId} IN ${idList(ids)}`).run();
  insertParts(db, fresh);
  db.delete(analysisDirty).where(sql`${analysisDirty.enterpriseId} IN ${idList(ids)}`).run();
}

/** The rollup rows of the groups named (any may be absent). */
function rollupRows(db: Db, groups: readonly Pick<GroupCells, 'year' | 'township' | 'division' | 'profession' | 'scale' | 'indicator'>[]): GroupCells[] {
  const keys = JSON.stringify(groups.map((g) => [g.year, g.township, g.division, g.profession, g.scale, g.indicator]));
  return readGroups(
    db.select().from(analysisRollup).where(sql`(${analysisRollup.year}, ${analysisRollup.township}, ${analysisRollup.division}, ${analysisRollup.profession}, ${analysisRollup.scale}, ${analysisRollup.indicator}) IN
      (SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5 FROM json_each(${keys}))`).all(),
  );
}

/**
 * Recomputes everything in one pass over the ledger (after the migration or a bulk import marked
 * most enterprises): cheaper than taking each enterprise's part out and in again.
 */
export function rebuildAll(db: Db): void {
  db.delete(analysisRollup).run();
  db.delete(analysisParts).run();
  const groups = new Map<string, GroupCells>();
  forEachChunkOfParts(db, (parts) => {
    for (const p of parts) addPart(groups, p);
    insertParts(db, parts);
  });
  writeGroups(db, groups.values());
  db.delete(analysisDirty).run();
}

type RollupRow = typeof analysisRollup.$inferSelect;

function readGroups(rows: readonly RollupRow[]): GroupCells[] {
  return rows.map((r) => ({ year: r.year, township: r.township, division: r.division, profession: ProfessionId.parse(r.profession), scale: r.scale, indicator: IndicatorKey.parse(r.indicator), cells: CellsJson.parse(JSON.parse(r.cells)) satisfies Cells }));
}

/** The rollup's groups for `years`, of one township or all. */
export function rollupGroups(db: Db, years: readonly number[], townshipCode: string | null): GroupCells[] {
  return readGroups(
    db
      .select()
      .from(analysisRollup)
      .where(and(inArray(analysisRollup.year, [...years]), townshipCode === null ? undefined : eq(analysisRollup.township, townshipCode)))
      .all(),
  );
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

/**
 * When the headline table's version differs from the one the parts were made with, every
 * enterprise with a ledger or a part is marked: its old lines come out, its new lines go in.
 */
export function markAllOnNewHeadlines(db: Db, version: string): void {
  const stored = db.select({ value: analysisMeta.value }).from(analysisMeta).where(eq(analysisMeta.key, 'headlines')).get()?.value;
  if (stored === version) return;
  db.run(sql`INSERT OR IGNORE INTO analysis_dirty (enterprise_id) SELECT DISTINCT enterprise_id FROM ledger_months`);
  db.run(sql`INSERT OR IGNORE INTO analysis_dirty (enterprise_id) SELECT DISTINCT enterprise_id FROM analysis_parts`);
  db.insert(analysisMeta).values({ key: 'headlines', value: version }).onConflictDoUpdate({ target: analysisMeta.key, set: { value: version } }).run();
}
