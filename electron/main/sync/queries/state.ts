import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@db/open';
import { syncState } from '@db/schema';

// The sync engine's own bookkeeping (device id, op chain head, HLC, pull cursor, tokens,
// scope), one JSON value per key. Read and written inside the caller's transaction, so a
// rolled-back change rolls its sequence number and hash back with it.

/** The database or a transaction on it. */

export function readState(db: Db, key: string): unknown {
  const row = db.select({ value: syncState.value }).from(syncState).where(eq(syncState.key, key)).get();
  return row === undefined ? undefined : (JSON.parse(row.value) as unknown);
}

export function readStates(db: Db, keys: readonly string[]): Map<string, unknown> {
  const rows = db.select().from(syncState).where(inArray(syncState.key, [...keys])).all();
  return new Map(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
}

export function writeState(db: Db, key: string, value: unknown): void {
  const text = JSON.stringify(value);
  db.insert(syncState)
    .values({ key, value: text })
    .onConflictDoUpdate({ target: syncState.key, set: { value: text } })
    .run();
}

/** Several keys in one statement. */
export function writeStates(db: Db, entries: readonly [string, unknown][]): void {
  if (entries.length === 0) return;
  db.insert(syncState)
    .values(entries.map(([key, value]) => ({ key, value: JSON.stringify(value) })))
    .onConflictDoUpdate({ target: syncState.key, set: { value: sql`excluded.value` } })
    .run();
}

export function deleteState(db: Db, keys: readonly string[]): void {
  db.delete(syncState).where(inArray(syncState.key, [...keys])).run();
}
