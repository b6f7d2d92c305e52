import { and, asc, count, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { UnitStatus } from '@shared/registration/units';
import type { AppDatabase } from '@db/open';
import { reviewEvents, unitChanges, units } from '@db/schema';

// Progress counts: live units per 普查小区, status and source, from this laptop's
// store. One grouped scan; the service folds the groups into districts, sub-districts and
// enumerators. Units whose 普查小区 no single enumerator is assigned to are read one by one
// with who last worked them (electron/main/progress/owners.ts decides who they belong to).

export interface AreaStatusCount {
  areaCode: string;
  status: string;
  /** 'frame' (listing frame) or 'field' (added on site). */
  source: string;
  n: number;
}

// Codes are digits; ':' sorts right after '9', so [p, p + ':') is exactly the codes starting with p.
const under = (prefix: string) => (prefix === '' ? undefined : and(gte(units.areaCode, prefix), lt(units.areaCode, `${prefix}:`)));

export function areaStatusCounts(db: AppDatabase, areaPrefix: string): AreaStatusCount[] {
  return db
    .select({ areaCode: units.areaCode, status: units.status, source: units.source, n: count() })
    .from(units)
    .where(and(isNull(units.deletedAt), under(areaPrefix)))
    .groupBy(units.areaCode, units.status, units.source)
    .orderBy(units.areaCode)
    .all();
}

/** The 普查小区 codes holding live units under the prefix (from units_progress_idx alone). */
export function liveAreaCodes(db: AppDatabase, areaPrefix: string): string[] {
  return db
    .selectDistinct({ areaCode: units.areaCode })
    .from(units)
    .where(and(isNull(units.deletedAt), under(areaPrefix)))
    .orderBy(units.areaCode)
    .all()
    .map((r) => r.areaCode);
}

export interface WorkedUnit {
  id: string;
  areaCode: string;
  status: string;
  source: string;
  /**
   * The newest author among `who` of the unit's trace (unit_changes: a name for this laptop's
   * edits, the server user id for synced ones) or of its review events by an enumerator; null
   * when none of them ever touched it.
   */
  lastWorker: string | null;
}

/** Live units of the given 普查小区 with the last of `who` to work on each. */
export function unitsWithLastWorker(db: AppDatabase, areaCodes: readonly string[], who: readonly string[]): WorkedUnit[] {
  if (areaCodes.length === 0) return [];
  const areas = JSON.stringify(areaCodes);
  const names = JSON.stringify(who);
  // One pass over the traces and review events of these units (each unit's newest row by time,
  // the trace id breaking ties within an instant) rather than a lookup per unit: ISO times
  // compare as text.
  return db.all<WorkedUnit>(sql`
    WITH here AS (
      SELECT id, area_code, status, source FROM ${units}
      WHERE deleted_at IS NULL AND area_code IN (SELECT value FROM json_each(${areas}))
    ),
    work AS (
      SELECT c.unit_id AS id, c.user_name AS who, c.at AS at, c.id AS n FROM ${unitChanges} c
       WHERE c.unit_id IN (SELECT id FROM here) AND c.user_name IN (SELECT value FROM json_each(${names}))
      UNION ALL
      SELECT e.unit_id, e.by_name, e.at, 0 FROM ${reviewEvents} e
       WHERE e.unit_id IN (SELECT id FROM here) AND e.by_role = 'enumerator' AND e.by_name IN (SELECT value FROM json_each(${names}))
    ),
    latest AS (
      SELECT id, who FROM (SELECT id, who, row_number() OVER (PARTITION BY id ORDER BY at DESC, n DESC) AS rank FROM work) WHERE rank = 1
    )
    SELECT h.id AS id, h.area_code AS areaCode, h.status AS status, h.source AS source, l.who AS lastWorker
    FROM here h LEFT JOIN latest l ON l.id = h.id
    ORDER BY h.area_code, h.id`);
}

/** Live units in these statuses within `prefix` ('' = all), by area, name and id: the approved-units export. */
export function unitsForExport(db: AppDatabase, statuses: readonly UnitStatus[], prefix: string) {
  return db
    .select({
      id: units.id,
      areaCode: units.areaCode,
      name: units.name,
      uscc: units.uscc,
      kind: units.kind,
      industryCode: units.industryCode,
      address: units.address,
      status: units.status,
    })
    .from(units)
    .where(
      and(
        isNull(units.deletedAt),
        inArray(units.status, [...statuses]),
        prefix === '' ? undefined : and(gte(units.areaCode, prefix), lt(units.areaCode, `${prefix}:`)),
      ),
    )
    .orderBy(asc(units.areaCode), asc(units.name), asc(units.id))
    .all();
}
