import { eq, inArray, sql } from 'drizzle-orm';
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

const prepareUpdate = (db: AppDatabase) =>
  db
    .update(units)
    .set({
      findingsMandatory: sql`${sql.placeholder('findingsMandatory')}`,
      findingsVerify: sql`${sql.placeholder('findingsVerify')}`,
      findingsHint: sql`${sql.placeholder('findingsHint')}`,
    })
    .where(eq(units.id, sql.placeholder('id')))
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

export function refreshFindings(db: AppDatabase, unitIds: readonly string[], now: Date = new Date()): void {
  if (unitIds.length === 0) return;
  let update = preparedUpdates.get(db);
  if (!update) {
    update = prepareUpdate(db);
    preparedUpdates.set(db, update);
  }
  const shared = unitRuleContext(db, now, null);
  const context = shared.divisionExists ? { ...shared, divisionExists: memoised(shared.divisionExists) } : shared;
  for (let i = 0; i < unitIds.length; i += 500) {
    const records = db
      .select()
      .from(units)
      .where(inArray(units.id, unitIds.slice(i, i + 500)))
      .all();
    for (const record of records) {
      if (record.deletedAt !== null) continue;
      let columns;
      try {
        const unit = loadUnit(record);
        columns = findingColumns(evaluateUnit(packForUnit(db, unit.formPack).pack, unit.kind, unit.forms, unit.lastYear ? { ...context, lastYear: unit.lastYear } : context));
      } catch (e) {
        // Answers from a newer build the rules here cannot read: keep the old counts, say why.
        console.warn(`[sync] findings of unit ${record.id} not recomputed:`, e instanceof Error ? e.message : e);
        continue;
      }
      update.run({ ...columns, id: record.id });
    }
  }
}
