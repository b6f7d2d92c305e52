import { and, asc, count, gte, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { AppDatabase } from '@db/open';
import { units } from '@db/schema';
import { searchTermsOf } from '../registration/units-queries';

// The review queue's reads: units in a stage, filtered by area, by the units an enumerator is
// responsible for, by search text and by "clean" (no 强制性, no 核实性 findings), paged in
// area-then-name order.

export interface QueueFilter {
  /** A 普查区 / 普查小区 code or prefix ('' = all). */
  areaPrefix: string;
  /**
   * The units one enumerator is responsible for (electron/main/progress/owners.ts):
   * whole 普查小区 and single units of shared areas; null = anyone's.
   */
  owned: { areaCodes: readonly string[]; unitIds: readonly string[] } | null;
  query: string;
  isCleanOnly: boolean;
}

/** Which units a stage holds: by status, or (reopened) by id. */
export type StageSelector = { statuses: readonly string[] } | { ids: readonly string[] };

// Codes are digits and ':' sorts right after '9': [p, p + ':') is exactly the codes starting with p.
const within = (prefix: string): SQL | undefined =>
  prefix === '' ? undefined : and(gte(units.areaCode, prefix), lt(units.areaCode, `${prefix}:`));

// Lists travel as one JSON parameter: an enumerator may own thousands of units one by one.
const inJson = (column: SQLiteColumn, values: readonly string[]): SQL | undefined =>
  values.length === 0 ? undefined : sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(values)}))`;

function ownedWhere(owned: QueueFilter['owned']): SQL | undefined {
  if (owned === null) return undefined;
  return or(inJson(units.areaCode, owned.areaCodes), inJson(units.id, owned.unitIds)) ?? sql`0`;
}

function filterWhere(f: QueueFilter): SQL | undefined {
  const terms = searchTermsOf(f.query);
  return and(
    isNull(units.deletedAt),
    within(f.areaPrefix),
    ownedWhere(f.owned),
    terms.length === 0 ? undefined : and(...terms.map((t) => sql`instr(${units.searchText}, ${t}) > 0`)),
    f.isCleanOnly ? sql`${units.findingsMandatory} = 0 AND ${units.findingsVerify} = 0` : undefined,
  );
}

const stageWhere = (s: StageSelector): SQL =>
  'statuses' in s ? inArray(units.status, [...s.statuses]) : s.ids.length === 0 ? sql`0` : inArray(units.id, [...s.ids]);

const queueColumns = {
  id: units.id,
  version: units.version,
  areaCode: units.areaCode,
  kind: units.kind,
  status: units.status,
  name: units.name,
  uscc: units.uscc,
  industryCode: units.industryCode,
  updatedAt: units.updatedAt,
  findingsMandatory: units.findingsMandatory,
  findingsVerify: units.findingsVerify,
  findingsHint: units.findingsHint,
};
export type QueueUnit = { [K in keyof typeof queueColumns]: (typeof queueColumns)[K]['_']['data'] };

export function queuePage(
  db: AppDatabase,
  stage: StageSelector,
  f: QueueFilter,
  page: { limit: number; offset: number },
): { rows: QueueUnit[]; total: number } {
  const where = and(filterWhere(f), stageWhere(stage));
  const rows = db
    .select(queueColumns)
    .from(units)
    .where(where)
    .orderBy(asc(units.areaCode), asc(units.name), asc(units.id))
    .limit(page.limit)
    .offset(page.offset)
    .all();
  const total = db.select({ n: count() }).from(units).where(where).get()?.n ?? 0;
  return { rows, total };
}

/**
 * Units per status under the filter (for the stage tabs). Grouped by area and status so the
 * covering units_progress_idx answers it without reading the unit rows.
 */
export function statusCounts(db: AppDatabase, f: QueueFilter): Map<string, number> {
  const rows = db
    .select({ status: units.status, n: count() })
    .from(units)
    .where(filterWhere(f))
    .groupBy(units.areaCode, units.status)
    .all();
  const out = new Map<string, number>();
  for (const r of rows) out.set(r.status, (out.get(r.status) ?? 0) + r.n);
  return out;
}

/** How many of `ids` pass the filter. */
export function countIds(db: AppDatabase, ids: readonly string[], f: QueueFilter): number {
  if (ids.length === 0) return 0;
  return db.select({ n: count() }).from(units).where(and(filterWhere(f), stageWhere({ ids }))).get()?.n ?? 0;
}

/** Units of the stage per 普查小区, whoever they belong to (to count them per enumerator). */
export function stageAreaCounts(db: AppDatabase, stage: StageSelector, f: QueueFilter): { areaCode: string; n: number }[] {
  return db
    .select({ areaCode: units.areaCode, n: count() })
    .from(units)
    .where(and(filterWhere({ ...f, owned: null }), stageWhere(stage)))
    .groupBy(units.areaCode)
    .all();
}

/** Ids of the stage's units in the given 普查小区, whoever they belong to. */
export function stageUnitIdsIn(db: AppDatabase, stage: StageSelector, f: QueueFilter, areaCodes: readonly string[]): string[] {
  if (areaCodes.length === 0) return [];
  return db
    .select({ id: units.id })
    .from(units)
    .where(and(filterWhere({ ...f, owned: null }), stageWhere(stage), inJson(units.areaCode, areaCodes)))
    .all()
    .map((r) => r.id);
}
