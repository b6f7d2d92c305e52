import { eq } from 'drizzle-orm';
import type { AppDatabase } from '../../../db/open';
import { units } from '../../../db/schema';
import { evaluateLoaded, findingColumns, loadUnit } from '../services/registration-unit';

// Units rebuilt from the server get their finding counts (the list's badges) from the same
// rule run a save does; the counts are this laptop's, so they are never synced themselves.

export function refreshFindings(db: AppDatabase, unitIds: readonly string[], now: Date = new Date()): void {
  for (const id of unitIds) {
    const record = db.select().from(units).where(eq(units.id, id)).get();
    if (!record || record.deletedAt !== null) continue;
    let columns;
    try {
      const unit = loadUnit(record);
      columns = findingColumns(evaluateLoaded(db, unit.kind, unit.forms, unit.lastYear, now));
    } catch (e) {
      // Answers from a newer build the rules here cannot read: keep the old counts, say why.
      console.warn(`[sync] findings of unit ${id} not recomputed:`, e instanceof Error ? e.message : e);
      continue;
    }
    db.update(units).set(columns).where(eq(units.id, id)).run();
  }
}
