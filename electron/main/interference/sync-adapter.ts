import { eq, inArray } from 'drizzle-orm';
import type { AppDatabase } from '@db/open';
import { interferenceEntries } from '@db/schema';
import { InterferenceCreateValue } from '@shared/interference/entry';
import type { EntityAdapter } from '../sync/registry';

// The 'interference' sync entity made local (shared/interference/sync-fields.ts): an entry
// recorded on any leadership laptop becomes the same row here. Only the leadership's laptops
// ever receive one (the server hides the kind from every other role). An entry is written once
// and never rewritten: the store refuses UPDATE and DELETE (migration 0026), so a row already
// held is left as it is, and `drop` keeps it (the engine drops entities whose area or role was
// taken away; the register's rows stay in the encrypted store, unreadable without the role).

export function createInterferenceAdapter(db: AppDatabase): EntityAdapter {
  return {
    rebuild(id, visible) {
      const created = InterferenceCreateValue.safeParse(visible.get('$create'));
      if (!created.success) {
        // Both sides check the same schema before an entry travels: this one is from a newer build.
        console.warn(`[interference] unreadable entry ${id}: ${created.error.issues[0]?.message ?? ''}`);
        return false;
      }
      if (db.select({ id: interferenceEntries.id }).from(interferenceEntries).where(eq(interferenceEntries.id, id)).get()) return false;
      db.insert(interferenceEntries).values({ id, ...created.data }).run();
      return true;
    },
    drop() {
      // Append-only: nothing is removed (see above).
    },
    existing: (ids) =>
      new Set(db.select({ id: interferenceEntries.id }).from(interferenceEntries).where(inArray(interferenceEntries.id, [...ids])).all().map((r) => r.id)),
    names: (ids) =>
      new Map(
        db
          .select({ id: interferenceEntries.id, name: interferenceEntries.actorName, indicator: interferenceEntries.indicator })
          .from(interferenceEntries)
          .where(inArray(interferenceEntries.id, [...ids]))
          .all()
          .map((r) => [r.id, `${r.name} · ${r.indicator}`]),
      ),
  };
}
