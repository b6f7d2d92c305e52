import { and, asc, count, desc, eq, inArray, max, sql } from 'drizzle-orm';
import type { AppDatabase, Db } from '@db/open';
import { enterprises, followUpMaterials, followUpNotes, followUps, followUpTransitions } from '@db/schema';

// 入规纳统 follow-up rows. Callers own the transaction.

export type FollowUpRecord = typeof followUps.$inferSelect;
export type NoteRecord = typeof followUpNotes.$inferSelect;
export type TransitionRecord = typeof followUpTransitions.$inferSelect;
export type MaterialRecord = typeof followUpMaterials.$inferSelect;

export function getFollowUp(db: Pick<AppDatabase, 'select'>, enterpriseId: string): FollowUpRecord | undefined {
  return db.select().from(followUps).where(eq(followUps.enterpriseId, enterpriseId)).get();
}

export function followUpParts(db: Pick<AppDatabase, 'select'>, enterpriseId: string) {
  return {
    notes: db.select().from(followUpNotes).where(eq(followUpNotes.enterpriseId, enterpriseId)).orderBy(desc(followUpNotes.date), desc(followUpNotes.createdAt), desc(sql`rowid`)).all(),
    transitions: db
      .select()
      .from(followUpTransitions)
      .where(eq(followUpTransitions.enterpriseId, enterpriseId))
      .orderBy(asc(followUpTransitions.at), asc(sql`rowid`))
      .all(),
    materials: db.select().from(followUpMaterials).where(eq(followUpMaterials.enterpriseId, enterpriseId)).all(),
  };
}

/** Writes the follow-up row and mirrors its stage on the enterprise (for list filters). */
export function writeFollowUp(db: Db, row: Omit<FollowUpRecord, 'version'> & { version?: number }): void {
  const { enterpriseId, ...rest } = row;
  db.insert(followUps)
    .values({ ...row, version: row.version ?? 1 })
    .onConflictDoUpdate({ target: followUps.enterpriseId, set: { ...rest, version: sql`${followUps.version} + 1` } })
    .run();
  db.update(enterprises).set({ stage: row.stage }).where(eq(enterprises.id, enterpriseId)).run();
}

export function insertTransition(db: Db, row: TransitionRecord): void {
  db.insert(followUpTransitions).values(row).onConflictDoNothing().run();
}

export function insertNote(db: Db, row: NoteRecord): void {
  db.insert(followUpNotes).values(row).onConflictDoNothing().run();
}

export function writeMaterial(db: Db, row: MaterialRecord): void {
  const { enterpriseId: _e, key: _k, ...rest } = row;
  db.insert(followUpMaterials).values(row).onConflictDoUpdate({ target: [followUpMaterials.enterpriseId, followUpMaterials.key], set: rest }).run();
}

/** Latest contact note date and the provided materials' keys per enterprise, for candidate rows. */
export function followUpSummaries(db: Pick<AppDatabase, 'select'>, ids: readonly string[]) {
  const lastNote = new Map<string, string>();
  const provided = new Map<string, Set<string>>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    for (const r of db.select({ id: followUpNotes.enterpriseId, at: max(followUpNotes.date) }).from(followUpNotes).where(inArray(followUpNotes.enterpriseId, chunk)).groupBy(followUpNotes.enterpriseId).all()) {
      if (r.at !== null) lastNote.set(r.id, r.at);
    }
    for (const r of db
      .select({ id: followUpMaterials.enterpriseId, key: followUpMaterials.key })
      .from(followUpMaterials)
      .where(and(inArray(followUpMaterials.enterpriseId, chunk), eq(followUpMaterials.isProvided, true)))
      .all()) {
      const keys = provided.get(r.id);
      if (keys) keys.add(r.key);
      else provided.set(r.id, new Set([r.key]));
    }
  }
  return { lastNote, provided };
}

/** Count of enterprises per stage among those matching `where` (null stage = 'none'). */
export function stageCounts(db: Pick<AppDatabase, 'select'>, where: ReturnType<typeof and>): Map<string | null, number> {
  const rows = db.select({ stage: enterprises.stage, n: count() }).from(enterprises).where(where).groupBy(enterprises.stage).all();
  return new Map(rows.map((r) => [r.stage, r.n]));
}
