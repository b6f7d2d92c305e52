import { and, count, gte, isNull, lt, sql } from 'drizzle-orm';
import type { AppDatabase } from '../open';
import { reviewEvents, unitChanges, units } from '../schema';

// Progress counts (issue 6): live units per 普查小区, status and source, from this laptop's
// store. One grouped scan; the service folds the groups into districts, sub-districts and
// enumerators. Units whose 普查小区 no single enumerator is assigned to are read one by one
// with who last worked them (electron/main/services/progress-owners.ts decides who they belong to).

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
  const names = JSON.stringify(who);
  // ISO times compare as text; the trace id breaks ties between rows of the same instant.
  return db.all<WorkedUnit>(sql`
    SELECT u.id AS id, u.area_code AS areaCode, u.status AS status, u.source AS source,
      (SELECT w.who FROM (
          SELECT c.user_name AS who, c.at AS at, c.id AS n FROM ${unitChanges} c
           WHERE c.unit_id = u.id AND c.user_name IN (SELECT value FROM json_each(${names}))
          UNION ALL
          SELECT e.by_name, e.at, 0 FROM ${reviewEvents} e
           WHERE e.unit_id = u.id AND e.by_role = 'enumerator' AND e.by_name IN (SELECT value FROM json_each(${names}))
        ) w ORDER BY w.at DESC, w.n DESC LIMIT 1) AS lastWorker
    FROM ${units} u
    WHERE u.deleted_at IS NULL AND u.area_code IN (SELECT value FROM json_each(${JSON.stringify(areaCodes)}))
    ORDER BY u.area_code, u.id`);
}
