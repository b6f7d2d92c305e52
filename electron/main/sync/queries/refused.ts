import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import { syncHeld, syncOutbox, syncRefused } from '@db/schema';
import type { Db } from '@db/open';
import { REFUSED_LIST_LIMIT } from '@shared/sync/client-status';

// Ops the server refused (kept for the user, recorded again only by a retry), and changes held
// back from the op chain while their entity's creation stands refused. Callers own the
// transaction (electron/main/sync/refused.ts).

export type RefusedRow = typeof syncRefused.$inferSelect;
export type HeldRow = typeof syncHeld.$inferSelect;
export type RefusedState = 'open' | 'retried' | 'covered';
/** Reads need only select (the unit read path passes its narrower handle). */
type ReadDb = Pick<Db, 'select'>;

export interface Refusal {
  seq: number;
  code: string;
  message: string;
}

/**
 * Moves refused ops from the outbox to the refused list, in seq order. An edit refused
 * UNKNOWN_ENTITY because its entity's own creation was refused is 'covered': the creation's
 * retry carries it. Returns the entities whose visible state must be rebuilt.
 */
export function rejectOps(db: Db, rejected: readonly Refusal[], at: string): { entity: string; entityId: string }[] {
  const touched: { entity: string; entityId: string }[] = [];
  for (const r of [...rejected].sort((a, b) => a.seq - b.seq)) {
    const row = db.select().from(syncOutbox).where(eq(syncOutbox.seq, r.seq)).get();
    if (!row) continue;
    const op = JSON.parse(row.op) as { value: unknown; deviceId?: unknown };
    const isCovered = r.code === 'UNKNOWN_ENTITY' && refusedCreate(db, row.entity, row.entityId) !== undefined;
    db.insert(syncRefused)
      .values({
        deviceId: typeof op.deviceId === 'string' ? op.deviceId : '',
        seq: row.seq,
        entity: row.entity,
        entityId: row.entityId,
        field: row.field,
        value: JSON.stringify(op.value),
        code: r.code,
        message: r.message,
        rejectedAt: at,
        op: row.op,
        areaCode: row.areaCode,
        state: isCovered ? 'covered' : 'open',
        settledAt: isCovered ? at : null,
      })
      .onConflictDoNothing()
      .run();
    db.delete(syncOutbox).where(eq(syncOutbox.seq, r.seq)).run();
    touched.push({ entity: row.entity, entityId: row.entityId });
  }
  return touched;
}

/** The newest refusals first. */
export function listRefused(db: Db, limit = REFUSED_LIST_LIMIT): RefusedRow[] {
  return db.select().from(syncRefused).orderBy(desc(syncRefused.id)).limit(limit).all();
}

export function refusalById(db: Db, id: number): RefusedRow | undefined {
  return db.select().from(syncRefused).where(eq(syncRefused.id, id)).get();
}

/** The entity's creation as refused and not yet retried, if it is. */
export function refusedCreate(db: ReadDb, entity: string, entityId: string): RefusedRow | undefined {
  return db
    .select()
    .from(syncRefused)
    .where(and(eq(syncRefused.entity, entity), eq(syncRefused.entityId, entityId), eq(syncRefused.field, '$create'), eq(syncRefused.state, 'open')))
    .orderBy(desc(syncRefused.id))
    .get();
}

/** Whether any creation stands refused (most stores: none, and recording an edit looks no further). */
export function hasRefusedCreates(db: ReadDb): boolean {
  return (
    db
      .select({ id: syncRefused.id })
      .from(syncRefused)
      .where(and(eq(syncRefused.field, '$create'), eq(syncRefused.state, 'open')))
      .limit(1)
      .get() !== undefined
  );
}

/** Ids of `entity`s whose creation stands refused (the unit list marks them). */
export function refusedCreateIds(db: ReadDb, entity: string, ids?: readonly string[]): Set<string> {
  const where = and(eq(syncRefused.entity, entity), eq(syncRefused.field, '$create'), eq(syncRefused.state, 'open'));
  const rows = db
    .select({ id: syncRefused.entityId })
    .from(syncRefused)
    .where(ids ? and(where, inArray(syncRefused.entityId, [...ids])) : where)
    .all();
  return new Set(rows.map((r) => r.id));
}

/** Refused edits of an entity carried by its creation's retry, oldest first. */
export function coveredRefusals(db: Db, entity: string, entityId: string): RefusedRow[] {
  return db
    .select()
    .from(syncRefused)
    .where(and(eq(syncRefused.entity, entity), eq(syncRefused.entityId, entityId), eq(syncRefused.state, 'covered'), ne(syncRefused.field, '$create')))
    .orderBy(asc(syncRefused.id))
    .all();
}

export function settleRefusal(db: Db, id: number, state: RefusedState, at: string): void {
  db.update(syncRefused).set({ state, settledAt: at }).where(eq(syncRefused.id, id)).run();
}

export function countOpenRefused(db: Db): number {
  return db.select({ n: sql<number>`count(*)` }).from(syncRefused).where(eq(syncRefused.state, 'open')).get()?.n ?? 0;
}

export function insertHeld(db: Db, row: Omit<HeldRow, 'id'>): void {
  db.insert(syncHeld).values(row).run();
}

export function heldChanges(db: Db, entity: string, entityId: string): HeldRow[] {
  return db
    .select()
    .from(syncHeld)
    .where(and(eq(syncHeld.entity, entity), eq(syncHeld.entityId, entityId)))
    .orderBy(asc(syncHeld.id))
    .all();
}

export function countHeld(db: Db): number {
  return db.select({ n: sql<number>`count(*)` }).from(syncHeld).get()?.n ?? 0;
}

export function deleteHeld(db: Db, entity: string, entityId: string): void {
  db.delete(syncHeld).where(and(eq(syncHeld.entity, entity), eq(syncHeld.entityId, entityId))).run();
}
