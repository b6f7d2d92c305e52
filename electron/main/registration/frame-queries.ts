import { and, inArray, isNull, ne } from 'drizzle-orm';
import type { AppDatabase } from '@db/open';
import { units } from '@db/schema';
import { frameKey } from '@shared/registration/frame-rows';

// Listing-frame (底册) import: which rows are already in the store. A unit is "the same" as a
// frame row when it is in the same 普查小区 and has the same USCC, or — for a row without a
// USCC — the same name. Keys are built by frameKey (shared/registration/frame-rows.ts) so the
// import, the server's import-frame and this lookup agree.

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

export interface UnitWithUscc {
  id: string;
  areaCode: string;
  name: string;
  uscc: string;
  kind: string;
  status: string;
}

/** Live units holding any of the given USCCs, by USCC (served by units_uscc_area_idx). */
export function liveUnitsByUscc(db: Pick<AppDatabase, 'select'>, usccs: Iterable<string>): Map<string, UnitWithUscc[]> {
  const out = new Map<string, UnitWithUscc[]>();
  const wanted = [...new Set(usccs)].filter((u) => u !== '');
  for (let i = 0; i < wanted.length; i += 500) {
    const rows = db
      .select({ id: units.id, areaCode: units.areaCode, name: units.name, uscc: units.uscc, kind: units.kind, status: units.status })
      .from(units)
      .where(and(isNull(units.deletedAt), ne(units.uscc, ''), inArray(units.uscc, wanted.slice(i, i + 500))))
      .all();
    for (const r of rows) out.set(r.uscc, [...(out.get(r.uscc) ?? []), r]);
  }
  return out;
}
