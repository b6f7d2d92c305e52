import { eq, inArray } from 'drizzle-orm';
import type { AppDatabase } from '@db/open';
import { verificationTasks } from '@db/schema';
import { taskOf } from '@shared/verification/task';
import type { EntityAdapter } from '../sync/registry';
import { writeTask } from './queries';

// The 'verification' sync entity made local (shared/verification/sync-fields.ts): a task from any
// laptop of the area becomes the same row the laptop that made it wrote, from the same fields by
// the same function (queries.ts writeTask); its history comes as its 'step.<id>' fields, so a
// laptop that first sees a task late still sees every step. A row already equal is left alone.

export function createVerificationAdapter(db: AppDatabase): EntityAdapter {
  return {
    rebuild(id, visible, { at }) {
      if (!taskOf(visible)) {
        // Both sides check the same schema before a task travels: this one is from a newer build.
        console.warn(`[verification] unreadable task ${id}`);
        return false;
      }
      return writeTask(db, id, visible, at);
    },
    drop(id) {
      db.delete(verificationTasks).where(eq(verificationTasks.id, id)).run();
    },
    existing: (ids) => new Set(db.select({ id: verificationTasks.id }).from(verificationTasks).where(inArray(verificationTasks.id, [...ids])).all().map((r) => r.id)),
    names: (ids) => new Map(db.select({ id: verificationTasks.id, name: verificationTasks.name }).from(verificationTasks).where(inArray(verificationTasks.id, [...ids])).all().map((r) => [r.id, `核查：${r.name}`])),
  };
}
