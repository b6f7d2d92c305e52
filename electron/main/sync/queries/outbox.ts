import { and, asc, count, eq, gt, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { JsonValue } from '@shared/sync/protocol';
import { syncBase, syncOutbox } from '@db/schema';
import type { Db } from '@db/open';

// The outbox and the base (server) state it sits on. Callers own the transaction.

export type OutboxRow = typeof syncOutbox.$inferSelect;
/** field → [server version, server value] */
export type BaseFields = Record<string, [number, JsonValue]>;

// A frame import records 10,000 ops in one transaction: the insert is built and prepared once
// per database or transaction object (a transaction is a state of the same connection).
const prepareInsert = (db: Db) =>
  db
    .insert(syncOutbox)
    .values({
      seq: sql.placeholder('seq'),
      entity: sql.placeholder('entity'),
      entityId: sql.placeholder('entityId'),
      field: sql.placeholder('field'),
      areaCode: sql.placeholder('areaCode'),
      status: sql.placeholder('status'),
      op: sql.placeholder('op'),
    })
    .prepare();
const preparedInserts = new WeakMap<Db, ReturnType<typeof prepareInsert>>();

export function insertOutbox(db: Db, row: Required<Pick<typeof syncOutbox.$inferInsert, 'seq' | 'entity' | 'entityId' | 'field' | 'areaCode' | 'status' | 'op'>>): void {
  let statement = preparedInserts.get(db);
  if (!statement) {
    statement = prepareInsert(db);
    preparedInserts.set(db, statement);
  }
  statement.run(row);
}

/** Ops not yet acknowledged, from `fromSeq` on, in seq order. */
export function pendingOps(db: Db, fromSeq: number, limit: number): OutboxRow[] {
  return db
    .select()
    .from(syncOutbox)
    .where(and(eq(syncOutbox.status, 'pending'), gt(syncOutbox.seq, fromSeq - 1)))
    .orderBy(asc(syncOutbox.seq))
    .limit(limit)
    .all();
}

/** Ops waiting to go up: signed and pending, or written before the first login (unsealed). */
export function countPending(db: Db): number {
  return (
    db
      .select({ n: count() })
      .from(syncOutbox)
      .where(inArray(syncOutbox.status, ['pending', 'unsealed']))
      .get()?.n ?? 0
  );
}

export function unsealedOps(db: Db): OutboxRow[] {
  return db.select().from(syncOutbox).where(eq(syncOutbox.status, 'unsealed')).orderBy(asc(syncOutbox.seq)).all();
}

export function markSealed(db: Db, seq: number, op: string): void {
  db.update(syncOutbox).set({ status: 'pending', op }).where(eq(syncOutbox.seq, seq)).run();
}

/**
 * Marks every pending op from `fromSeq` to `seq` acknowledged. Pass the lowest seq that can
 * still be pending (push.ts: the batch's first): without a lower bound every batch of a first
 * push would walk every op acked before it.
 */
export function ackThrough(db: Db, seq: number, at: string, fromSeq = 1): void {
  db.update(syncOutbox)
    .set({ status: 'acked', ackedAt: at })
    .where(and(eq(syncOutbox.status, 'pending'), gte(syncOutbox.seq, fromSeq), lte(syncOutbox.seq, seq)))
    .run();
}

export function opsBySeq(db: Db, seqs: readonly number[]): OutboxRow[] {
  if (seqs.length === 0) return [];
  return db.select().from(syncOutbox).where(inArray(syncOutbox.seq, [...seqs])).all();
}

export function deleteOps(db: Db, seqs: readonly number[]): void {
  for (let i = 0; i < seqs.length; i += 500) {
    db.delete(syncOutbox).where(inArray(syncOutbox.seq, seqs.slice(i, i + 500))).run();
  }
}

/**
 * Seqs of the ops acked by `before` (ISO time; an ack with no time counts as before anything):
 * a complete pull that began after them has shown their result, so they no longer sit on top.
 */
export function ackedSeqsBefore(db: Db, before: string): number[] {
  return db
    .select({ seq: syncOutbox.seq })
    .from(syncOutbox)
    .where(and(eq(syncOutbox.status, 'acked'), or(isNull(syncOutbox.ackedAt), lte(syncOutbox.ackedAt, before))))
    .orderBy(asc(syncOutbox.seq))
    .all()
    .map((r) => r.seq);
}

/** Every op still on top of the base for one entity (pending or acked-but-unseen), in seq order. */
export function opsOnTop(db: Db, entity: string, entityId: string): OutboxRow[] {
  return db
    .select()
    .from(syncOutbox)
    .where(and(eq(syncOutbox.entity, entity), eq(syncOutbox.entityId, entityId)))
    .orderBy(asc(syncOutbox.seq))
    .all();
}

/** Areas with ops still waiting (or acked but not yet seen in a pull). */
export function areasWithOps(db: Db): Set<string> {
  const rows = db.selectDistinct({ areaCode: syncOutbox.areaCode }).from(syncOutbox).all();
  return new Set(rows.map((r) => r.areaCode));
}

export function readBase(db: Db, entity: string, entityId: string): { areaCode: string; fields: BaseFields } | undefined {
  const row = db
    .select({ areaCode: syncBase.areaCode, fields: sql<string>`json(${syncBase.fields})` })
    .from(syncBase)
    .where(and(eq(syncBase.entity, entity), eq(syncBase.entityId, entityId)))
    .get();
  return row && { areaCode: row.areaCode, fields: JSON.parse(row.fields) as BaseFields };
}

export function writeBase(db: Db, entity: string, entityId: string, areaCode: string, fields: BaseFields): void {
  // Stored as jsonb (migration 0013); read back through json().
  const stored = sql`jsonb(${JSON.stringify(fields)})`;
  db.insert(syncBase)
    .values({ entity, entityId, areaCode, fields: stored })
    .onConflictDoUpdate({ target: [syncBase.entity, syncBase.entityId], set: { areaCode, fields: stored } })
    .run();
}
