import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '@db/open';
import { enterprises, liaisonAssignments, liaisonVisits } from '@db/schema';
import type { AssignmentValue, VisitValue } from '@shared/liaison/sync-fields';

// The 包保 tables (db/schema/liaison.ts): written by the service and by the enterprise's sync
// adapter from the same field values, so a laptop's rows are the same whichever wrote them.

export type AssignmentRow = typeof liaisonAssignments.$inferSelect;
export type VisitRow = typeof liaisonVisits.$inferSelect;

export function writeAssignment(db: Db, id: string, enterpriseId: string, a: AssignmentValue): void {
  // Never edited: an assignment arriving again (its own op coming back) changes nothing.
  db.insert(liaisonAssignments).values({ id, enterpriseId, ...a }).onConflictDoNothing().run();
}

/** Writes a visit as its newest value says; true when the row changed. */
export function writeVisit(db: Db, id: string, enterpriseId: string, v: VisitValue): boolean {
  const row = { enterpriseId, date: v.date, form: v.form, discussed: v.discussed, nextStep: v.nextStep, nextDue: v.nextDue, by: v.by, byUserId: v.byUserId, at: v.at, previous: JSON.stringify(v.previous) };
  const existing = db.select().from(liaisonVisits).where(eq(liaisonVisits.id, id)).get();
  if (existing) {
    const { id: _id, ...current } = existing;
    if (JSON.stringify(current) === JSON.stringify(row)) return false;
    db.update(liaisonVisits).set(row).where(eq(liaisonVisits.id, id)).run();
    return true;
  }
  db.insert(liaisonVisits).values({ id, ...row }).run();
  return true;
}

/** Newest start first (ties: newest recorded first): the first is the current assignment. */
export function assignmentsOf(db: Db, enterpriseId: string): AssignmentRow[] {
  return db
    .select()
    .from(liaisonAssignments)
    .where(eq(liaisonAssignments.enterpriseId, enterpriseId))
    .orderBy(desc(liaisonAssignments.since), desc(liaisonAssignments.at), desc(liaisonAssignments.id))
    .all();
}

export function visitsOf(db: Db, enterpriseId: string): VisitRow[] {
  return db.select().from(liaisonVisits).where(eq(liaisonVisits.enterpriseId, enterpriseId)).orderBy(desc(liaisonVisits.date), desc(liaisonVisits.at)).all();
}

export function getVisit(db: Db, id: string): VisitRow | undefined {
  return db.select().from(liaisonVisits).where(eq(liaisonVisits.id, id)).get();
}

/** The current assignment of every enterprise that has one: the newest by start day, then by when it was recorded. */
export function currentAssignments(db: Pick<Db, 'select'>): Map<string, { official: string; department: string; since: string }> {
  const rows = db
    .select({ enterpriseId: liaisonAssignments.enterpriseId, official: liaisonAssignments.official, department: liaisonAssignments.department, since: liaisonAssignments.since })
    .from(liaisonAssignments)
    .orderBy(liaisonAssignments.enterpriseId, liaisonAssignments.since, liaisonAssignments.at, liaisonAssignments.id)
    .all();
  // Ordered oldest first within each enterprise: the last one written for an id is its current one.
  return new Map(rows.map((r) => [r.enterpriseId, r]));
}

/**
 * Statuses of enterprises still followed: in operation or suspended (停业). One closed,
 * deregistered, revoked, bankrupt, moved away or merged has left the directory's work (退库) and
 * would only show as a visit owed.
 */
const followedStatuses = ['active', 'suspended'];

/** Live enterprises still followed (optionally of one township) with their current 包保责任人. */
export function liveEnterprises(db: Db, township?: string): { id: string; name: string; uscc: string; divisionCode: string; liaison: string }[] {
  const live = and(isNull(enterprises.deletedAt), inArray(enterprises.status, followedStatuses));
  const where = township ? and(live, sql`substr(${enterprises.divisionCode}, 1, 9) = ${township}`) : live;
  return db
    .select({ id: enterprises.id, name: enterprises.name, uscc: enterprises.uscc, divisionCode: enterprises.divisionCode, liaison: enterprises.liaison })
    .from(enterprises)
    .where(where)
    .orderBy(enterprises.divisionCode, enterprises.name)
    .all();
}

/** Every visit's enterprise and date (the coverage needs nothing else). */
export function visitDates(db: Db): { enterpriseId: string; date: string }[] {
  return db.select({ enterpriseId: liaisonVisits.enterpriseId, date: liaisonVisits.date }).from(liaisonVisits).all();
}

export function deleteLiaisonRows(db: Db, enterpriseId: string): void {
  db.delete(liaisonVisits).where(eq(liaisonVisits.enterpriseId, enterpriseId)).run();
  db.delete(liaisonAssignments).where(eq(liaisonAssignments.enterpriseId, enterpriseId)).run();
}

export function enterprisesByIdList(db: Db, ids: readonly string[]) {
  return ids.length === 0 ? [] : db.select().from(enterprises).where(inArray(enterprises.id, [...ids])).all();
}
