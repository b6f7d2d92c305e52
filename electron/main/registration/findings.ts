import { and, eq, inArray, sql } from 'drizzle-orm';
import type { AppDatabase } from '@db/open';
import { units } from '@db/schema';
import { evaluateUnit } from '@shared/rules/unit-findings';
import { unitRuleContext } from './rules';
import { packForUnit } from '../forms/packs';
import { findingColumns, loadUnit } from './unit';

// Units rebuilt from the server get their finding counts (the list's badges) from the same
// rule run a save does; the counts are this laptop's, so they are never synced themselves.
// A batch shares one rule context (settings, loaded counties, division lookups), as a frame
// import does: after a fresh pull of 10,000 units, per-unit context queries were most of the cost.
// Recounting (reads and rules) and storing are two steps, so the refresher can slice the first
// thin between user actions (electron/main/sync/refresh.ts).

const prepareUpdate = (db: AppDatabase) =>
  db
    .update(units)
    .set({
      findingsMandatory: sql`${sql.placeholder('findingsMandatory')}`,
      findingsVerify: sql`${sql.placeholder('findingsVerify')}`,
      findingsHint: sql`${sql.placeholder('findingsHint')}`,
    })
    .where(and(eq(units.id, sql.placeholder('id')), eq(units.version, sql.placeholder('version'))))
    .prepare();
const preparedUpdates = new WeakMap<AppDatabase, ReturnType<typeof prepareUpdate>>();

/** Division codes looked up once per batch: units of one village share them. */
function memoised<T>(lookup: (code: string) => T): (code: string) => T {
  const seen = new Map<string, T>();
  return (code) => {
    if (seen.has(code)) return seen.get(code) as T;
    const found = lookup(code);
    seen.set(code, found);
    return found;
  };
}

/** A unit's finding counts as recounted from the row at `version`. */
export type RecountedUnit = ReturnType<typeof findingColumns> & { id: string; version: number };

/**
 * The finding counts of `unitIds` from their rows as they are now: reads only, so the sync's
 * refresher can recount a few units between two user actions and store many at once later.
 * Deleted units and units whose answers the rules here cannot read are left out.
 */
export function recountFindings(db: AppDatabase, unitIds: readonly string[], now: Date = new Date()): RecountedUnit[] {
  if (unitIds.length === 0) return [];
  const shared = unitRuleContext(db, now, null);
  const context = shared.divisionExists ? { ...shared, divisionExists: memoised(shared.divisionExists) } : shared;
  const recounted: RecountedUnit[] = [];
  for (let i = 0; i < unitIds.length; i += 500) {
    const records = db
      .select()
      .from(units)
      .where(inArray(units.id, unitIds.slice(i, i + 500)))
      .all();
    for (const record of records) {
      if (record.deletedAt !== null) continue;
      try {
        const unit = loadUnit(db, record);
        const evaluation = evaluateUnit(packForUnit(db, unit.formPack).pack, unit.kind, unit.forms, unit.lastYear ? { ...context, lastYear: unit.lastYear } : context);
        recounted.push({ id: record.id, version: record.version, ...findingColumns(evaluation) });
      } catch (e) {
        // Answers from a newer build the rules here cannot read: keep the old counts, say why.
        console.warn(`[sync] findings of unit ${record.id} not recomputed:`, e instanceof Error ? e.message : e);
      }
    }
  }
  return recounted;
}

/**
 * Stores recounted counts, each only where the unit is still at the version it was recounted
 * from: a save or a pull since then has written (or will recount) counts of its own.
 */
export function storeFindings(db: AppDatabase, recounted: readonly RecountedUnit[]): void {
  let update = preparedUpdates.get(db);
  if (!update) {
    update = prepareUpdate(db);
    preparedUpdates.set(db, update);
  }
  for (const unit of recounted) update.run(unit);
}
