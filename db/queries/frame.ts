import { and, inArray, isNull } from 'drizzle-orm';
import type { AppDatabase } from '../open';
import { units } from '../schema';

// Listing-frame (底册) import: which rows are already in the store. A unit is "the same" as a
// frame row when it is in the same 普查小区 and has the same USCC, or — for a row without a
// USCC — the same name. Keys are built by frameKey so the import and this lookup agree.

export const frameKey = (areaCode: string, uscc: string, name: string): string =>
  uscc !== '' ? `u\u0000${areaCode}\u0000${uscc}` : `n\u0000${areaCode}\u0000${name}`;

/** Keys (USCC and name forms) of every live unit in the given areas. */
export function existingFrameKeys(db: Pick<AppDatabase, 'select'>, areaCodes: Iterable<string>): Set<string> {
  const keys = new Set<string>();
  const areas = [...new Set(areaCodes)];
  // Bounded IN lists: SQLite caps bound parameters per statement.
  for (let i = 0; i < areas.length; i += 500) {
    const rows = db
      .select({ areaCode: units.areaCode, uscc: units.uscc, name: units.name })
      .from(units)
      .where(and(isNull(units.deletedAt), inArray(units.areaCode, areas.slice(i, i + 500))))
      .all();
    for (const r of rows) {
      if (r.uscc !== '') keys.add(frameKey(r.areaCode, r.uscc, r.name));
      keys.add(frameKey(r.areaCode, '', r.name));
    }
  }
  return keys;
}
