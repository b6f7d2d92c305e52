import { and, count, gte, isNull, lt } from 'drizzle-orm';
import type { AppDatabase } from '../open';
import { units } from '../schema';

// Progress counts (issue 6): live units per 普查小区, status and source, from this laptop's
// store. One grouped scan; the service folds the groups into districts, sub-districts and
// enumerators.

export interface AreaStatusCount {
  areaCode: string;
  status: string;
  /** 'frame' (listing frame) or 'field' (added on site). */
  source: string;
  n: number;
}

export function areaStatusCounts(db: AppDatabase, areaPrefix: string): AreaStatusCount[] {
  return db
    .select({ areaCode: units.areaCode, status: units.status, source: units.source, n: count() })
    .from(units)
    .where(
      and(
        isNull(units.deletedAt),
        // Codes are digits; ':' sorts right after '9', so [p, p + ':') is exactly the codes starting with p.
        areaPrefix === '' ? undefined : and(gte(units.areaCode, areaPrefix), lt(units.areaCode, `${areaPrefix}:`)),
      ),
    )
    .groupBy(units.areaCode, units.status, units.source)
    .orderBy(units.areaCode)
    .all();
}
