import { desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '@db/open';
import { trainingSessions } from '@db/schema';
import { TrainingAttendee, TrainingAudience, trainingAttributes, type TrainingSession } from '@shared/training/training';

// Training sessions as stored (db/schema/liaison.ts training_sessions).

export type TrainingRow = typeof trainingSessions.$inferSelect;
export type NewTrainingRow = typeof trainingSessions.$inferInsert;

export function toSession(r: TrainingRow): TrainingSession {
  const attendees = TrainingAttendee.array().safeParse(JSON.parse(r.attendees));
  // Written from checked values only; a row that does not read back is shown as not cancelled rather than not at all.
  const cancelled = trainingAttributes.cancelled.catch(null).parse(r.cancelled === null ? null : JSON.parse(r.cancelled));
  return {
    id: r.id,
    areaCode: r.areaCode,
    date: r.date,
    topic: r.topic,
    audience: TrainingAudience.catch('enumerator').parse(r.audience),
    trainer: r.trainer,
    attendeeCount: r.attendeeCount,
    attendees: attendees.success ? attendees.data : [],
    hours: r.hours,
    notes: r.notes,
    cancelled,
    createdBy: r.createdBy,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

export const getTraining = (db: Db, id: string): TrainingRow | undefined => db.select().from(trainingSessions).where(eq(trainingSessions.id, id)).get();

export const allTraining = (db: Db): TrainingRow[] => db.select().from(trainingSessions).orderBy(desc(trainingSessions.date), desc(trainingSessions.createdAt)).all();

/** Inserts or rewrites a session; true when the row changed. */
export function putTraining(db: Db, row: NewTrainingRow & { id: string }): boolean {
  const existing = getTraining(db, row.id);
  if (!existing) {
    db.insert(trainingSessions).values(row).run();
    return true;
  }
  const { updatedAt: _u, ...next } = row;
  const { updatedAt: _e, ...current } = existing;
  if (JSON.stringify(Object.entries(current).sort()) === JSON.stringify(Object.entries({ ...current, ...next }).sort())) return false;
  db.update(trainingSessions).set(row).where(eq(trainingSessions.id, row.id)).run();
  return true;
}

export const deleteTraining = (db: Db, id: string): void => {
  db.delete(trainingSessions).where(eq(trainingSessions.id, id)).run();
};

export const existingTraining = (db: Db, ids: readonly string[]): Set<string> =>
  new Set(db.select({ id: trainingSessions.id }).from(trainingSessions).where(inArray(trainingSessions.id, [...ids])).all().map((r) => r.id));
