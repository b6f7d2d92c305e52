import { and, asc, count, desc, eq, gte, inArray, isNotNull, isNull, lt, ne, sql, type SQL } from 'drizzle-orm';
import { pinyinInitials } from '@shared/codes/initials';
import type { UnitChange, UnitList, UnitRow, UnitSort } from '@shared/registration/registration';
import { UnitKind, UnitStatus, unitStatuses } from '@shared/registration/units';
import type { Db } from '@db/open';
import { normaliseSearch } from '@shared/text/normalise';
import { orderFor } from './units-order';
import { countyFindingsOf, hasCountyFinding } from './county-cache';
import { syncBase, unitChanges, units } from '@db/schema';

// Reading census units and their change trace: the list, the detail, duplicates by USCC and the
// history. The writes a registration action makes are in ./unit-writes.ts.

export type UnitRecord = typeof units.$inferSelect;

export interface ItemChange {
  path: string;
  from: unknown;
  to: unknown;
}

export interface ListQuery {
  areaPrefix?: string;
  statuses?: readonly UnitStatus[];
  query?: string;
  sort?: UnitSort;
  limit: number;
  offset: number;
}

export const notDeleted = isNull(units.deletedAt);

/**
 * name, USCC, address and the name's pinyin initials, lower-cased and half-width
 * (shared/text/normalise.ts, as search boxes normalise what is typed): what instant search matches.
 */
export function buildSearchText(name: string, uscc: string, address: string): string {
  return normaliseSearch([name, uscc, address, pinyinInitials(name)].filter((s) => s !== '').join(' ')).toLowerCase();
}

/** A search box's text as terms: normalised like the search text, split on white space. */
export const searchTermsOf = (query: string | undefined): string[] =>
  normaliseSearch(query ?? '')
    .toLowerCase()
    .split(/\s+/)
    .filter((t) => t !== '');

// Codes are digits, and ':' sorts right after '9': [prefix, prefix + ':') is exactly the codes
// that start with prefix, as a range the area indexes can serve.
function areaWithin(prefix: string | undefined): SQL | undefined {
  return prefix ? and(gte(units.areaCode, prefix), lt(units.areaCode, `${prefix}:`)) : undefined;
}

/** Search terms split on white space; every term must occur (instr, so % and _ are plain text). */
function searchTerms(query: string | undefined): SQL | undefined {
  const terms = searchTermsOf(query);
  return terms.length === 0 ? undefined : and(...terms.map((t) => sql`instr(${units.searchText}, ${t}) > 0`));
}

// Another live unit in the same 普查区 (first 12 digits of the area code) with the same USCC.
// Served entirely by units_uscc_area_idx. The outer columns are written out qualified: drizzle
// renders a column of a single-table select unqualified, which inside this subquery would bind
// to `dup` instead.
const duplicateUscc = sql<number>`CASE WHEN "units"."uscc" = '' THEN 0 ELSE EXISTS (
  SELECT 1 FROM units AS dup
  WHERE dup.uscc = "units"."uscc" AND dup.uscc <> '' AND dup.deleted_at IS NULL
    AND dup.area_code >= substr("units"."area_code", 1, 12) AND dup.area_code < substr("units"."area_code", 1, 12) || ':'
    AND dup.id <> "units"."id"
) END`;

const listColumns = {
  id: units.id,
  areaCode: units.areaCode,
  kind: units.kind,
  status: units.status,
  name: units.name,
  uscc: units.uscc,
  address: units.address,
  industryCode: units.industryCode,
  updatedAt: units.updatedAt,
  findingsMandatory: units.findingsMandatory,
  findingsVerify: units.findingsVerify,
  findingsHint: units.findingsHint,
};

type ListColumns = { [K in keyof typeof listColumns]: (typeof listColumns)[K]['_']['data'] };

export function toUnitRow(r: ListColumns, isDuplicateUscc: boolean): UnitRow {
  return {
    id: r.id,
    areaCode: r.areaCode,
    kind: UnitKind.parse(r.kind),
    status: UnitStatus.parse(r.status),
    name: r.name,
    uscc: r.uscc,
    address: r.address,
    industryCode: r.industryCode,
    updatedAt: r.updatedAt,
    findings: { mandatory: r.findingsMandatory, verify: r.findingsVerify, hint: r.findingsHint },
    isDuplicateUscc,
  };
}

const emptyByStatus = (): Record<UnitStatus, number> =>
  Object.fromEntries(unitStatuses.map((s) => [s, 0])) as Record<UnitStatus, number>;

/**
 * One page of the unit list, ordered by area then name unless told otherwise, with the total that matches the filters
 * and the sidebar's per-area counts by status (every live area, whatever the filters).
 */
export function listUnits(db: Db, q: ListQuery): UnitList {
  const where = and(
    notDeleted,
    areaWithin(q.areaPrefix),
    q.statuses && q.statuses.length > 0 ? inArray(units.status, [...q.statuses]) : undefined,
    searchTerms(q.query),
  );
  const rows = db
    .select({ ...listColumns, isDuplicateUscc: duplicateUscc, hasCountyFinding })
    .from(units)
    .where(where)
    .orderBy(...orderFor(q.sort))
    .limit(q.limit)
    .offset(q.offset)
    .all();
  const total = db.select({ n: count() }).from(units).where(where).get()?.n ?? 0;

  const areaRows = db
    .select({ areaCode: units.areaCode, status: units.status, n: count() })
    .from(units)
    .where(notDeleted)
    .groupBy(units.areaCode, units.status)
    .orderBy(asc(units.areaCode))
    .all();
  const areas: UnitList['areas'] = [];
  for (const r of areaRows) {
    let area = areas.at(-1);
    if (area?.areaCode !== r.areaCode) {
      area = { areaCode: r.areaCode, total: 0, byStatus: emptyByStatus() };
      areas.push(area);
    }
    area.total += r.n;
    const status = UnitStatus.safeParse(r.status);
    // A status from a newer build still counts in the total.
    if (status.success) area.byStatus[status.data] = r.n;
  }
  // A flagged row is confirmed against its 611-1 (county-cache.ts): a few rows a page at most.
  const withCounty = (r: (typeof rows)[number]) => r.hasCountyFinding === 1 && countyFindingsOf(db, r.id) !== null;
  return { rows: rows.map((r) => ({ ...toUnitRow(r, r.isDuplicateUscc === 1), hasCountyFinding: withCounty(r) })), total, areas };
}

// Opening a unit is the hot path of the form screen: the statement is built once per handle.
const prepareGet = (db: Db) =>
  db
    .select()
    .from(units)
    .where(and(eq(units.id, sql.placeholder('id')), notDeleted))
    .prepare();
const preparedGet = new WeakMap<Db, ReturnType<typeof prepareGet>>();

/** A live (not deleted) unit, or undefined. */
export function getUnit(db: Db, id: string): UnitRecord | undefined {
  let statement = preparedGet.get(db);
  if (!statement) {
    statement = prepareGet(db);
    preparedGet.set(db, statement);
  }
  return statement.get({ id });
}

/** Other live units in the same 普查区 with the same USCC (none for an empty USCC). */
export function duplicateIds(db: Db, unit: Pick<UnitRecord, 'id' | 'areaCode' | 'uscc'>): string[] {
  if (unit.uscc === '') return [];
  const district = unit.areaCode.slice(0, 12);
  return db
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.uscc, unit.uscc), notDeleted, ne(units.uscc, ''), areaWithin(district), ne(units.id, unit.id)))
    .orderBy(asc(units.id))
    .all()
    .map((r) => r.id);
}

function parseChanges(text: string): ItemChange[] {
  const parsed: unknown = JSON.parse(text);
  return Array.isArray(parsed) ? (parsed as ItemChange[]) : [];
}

/** A unit's change trace, oldest first. */
export function unitHistory(db: Db, unitId: string): UnitChange[] {
  return db
    .select()
    .from(unitChanges)
    .where(eq(unitChanges.unitId, unitId))
    .orderBy(asc(unitChanges.id))
    .all()
    .map((r) => ({
      id: r.id,
      at: r.at,
      userName: r.userName,
      deviceName: r.deviceName,
      action: r.action,
      changes: parseChanges(r.changes),
      reason: r.reason,
    }));
}

/** Form documents (as stored JSON) of live census units with this USCC; callers pass a non-empty USCC. */
export function liveFormsByUscc(db: Db, uscc: string): string[] {
  return (
    db
      .select({ data: units.data })
      .from(units)
      // `uscc <> ''` restates the partial index's condition so SQLite may use units_uscc_area_idx;
      // without it the lookup scanned units_list_idx for every ledger checked.
      .where(and(eq(units.uscc, uscc), ne(units.uscc, ''), notDeleted))
      .all()
      .map((r) => r.data)
  );
}

/**
 * Withdrawn units, newest first, with the reason from the server's copy of the tombstone when
 * this store holds one (a unit withdrawn elsewhere, received in a snapshot).
 */
export function withdrawnRows(db: Db) {
  return db
    .select({
      id: units.id,
      areaCode: units.areaCode,
      name: units.name,
      uscc: units.uscc,
      kind: units.kind,
      deletedAt: units.deletedAt,
      baseReason: sql<string | null>`(SELECT json_extract(${syncBase.fields}, '$."$delete"[1].reason') FROM ${syncBase} WHERE ${syncBase.entity} = 'unit' AND ${syncBase.entityId} = ${units.id})`,
    })
    .from(units)
    .where(isNotNull(units.deletedAt))
    .orderBy(desc(units.deletedAt))
    .all();
}

/** The newest trace row that withdrew the unit (here, or a tombstone brought by sync). */
export function lastWithdrawTrace(db: Db, unitId: string) {
  return db
    .select({ at: unitChanges.at, userName: unitChanges.userName, changes: unitChanges.changes, reason: unitChanges.reason })
    .from(unitChanges)
    .where(and(eq(unitChanges.unitId, unitId), sql`(${unitChanges.action} = 'withdraw' OR instr(${unitChanges.changes}, '"$delete"') > 0)`))
    .orderBy(desc(unitChanges.id))
    .get();
}
