import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { ConflictNote, SyncLogEntry } from '@shared/sync/client-status';
import { syncConflicts, syncLog, syncOutbox } from '@db/schema';
import type { Db } from '@db/open';

// What the sync page lists: open conflicts and the run log (refused ops: sync-refused.ts).

export function replaceConflicts(db: Db, rows: readonly (typeof syncConflicts.$inferInsert)[]): void {
  db.delete(syncConflicts).run();
  for (let i = 0; i < rows.length; i += 200) db.insert(syncConflicts).values(rows.slice(i, i + 200)).run();
}

/**
 * Takes off the list the conflicts that settled ops (acked '$resolve's, `seqs`) resolved: the
 * server closed them, and a list refresh that fails after the pull must not show them open
 * again (a second decision would be refused as already resolved).
 */
export function dropSettledResolutions(db: Db, seqs: readonly number[]): void {
  if (seqs.length === 0) return;
  const resolved: string[] = [];
  for (let i = 0; i < seqs.length; i += 500) {
    const rows = db
      .select({ op: syncOutbox.op })
      .from(syncOutbox)
      .where(and(eq(syncOutbox.field, '$resolve'), inArray(syncOutbox.seq, seqs.slice(i, i + 500))))
      .all();
    for (const r of rows) {
      const value = (JSON.parse(r.op) as { value?: { conflictId?: unknown } }).value;
      if (typeof value?.conflictId === 'string') resolved.push(value.conflictId);
    }
  }
  if (resolved.length > 0) db.delete(syncConflicts).where(inArray(syncConflicts.conflictId, resolved)).run();
}

interface ConflictSideJson {
  value?: unknown;
  userName?: string;
  userId?: string;
}

/** The open conflicts, named by `names` (the registry's names of the entities held here). */
export function listConflicts(db: Db, names: (ids: readonly string[]) => ReadonlyMap<string, string>): ConflictNote[] {
  const rows = db
    .select({ conflictId: syncConflicts.conflictId, entityId: syncConflicts.entityId, field: syncConflicts.field, record: syncConflicts.record })
    .from(syncConflicts)
    .orderBy(asc(syncConflicts.conflictId))
    .all();
  const named = names([...new Set(rows.map((r) => r.entityId))]);
  return rows
    .map((r) => {
      const record = JSON.parse(r.record) as {
        entity?: string;
        winner?: 'current' | 'incoming';
        current?: ConflictSideJson;
        incoming?: ConflictSideJson;
        createdAt?: string;
      };
      const [kept, other] = record.winner === 'incoming' ? [record.incoming, record.current] : [record.current, record.incoming];
      return {
        conflictId: r.conflictId,
        // Every record the server sends names its kind (ConflictRecord).
        entity: record.entity ?? '',
        entityId: r.entityId,
        unitName: named.get(r.entityId) ?? '',
        field: r.field,
        keptValue: JSON.stringify(kept?.value ?? null),
        keptBy: kept?.userName || kept?.userId || '',
        otherValue: JSON.stringify(other?.value ?? null),
        otherBy: other?.userName || other?.userId || '',
        reportedAt: record.createdAt ?? '',
      };
    });
}

export function insertLog(db: Db, entry: Omit<typeof syncLog.$inferInsert, 'id'>): void {
  db.insert(syncLog).values(entry).run();
  // The page shows the recent runs; a laptop syncing every 15 minutes for a census season
  // would otherwise keep tens of thousands of rows.
  const old = db.select({ id: syncLog.id }).from(syncLog).orderBy(desc(syncLog.id)).limit(1000).offset(500).all();
  if (old.length > 0) db.delete(syncLog).where(inArray(syncLog.id, old.map((r) => r.id))).run();
}

export function recentLog(db: Db, limit = 50): SyncLogEntry[] {
  return db
    .select()
    .from(syncLog)
    .orderBy(desc(syncLog.id))
    .limit(limit)
    .all()
    .map((r) => ({
      id: r.id,
      startedAt: r.startedAt,
      finishedAt: r.finishedAt,
      trigger: r.trigger,
      outcome: r.outcome === 'ok' ? 'ok' : 'error',
      errorCode: r.errorCode,
      pushed: r.pushed,
      pulled: r.pulled,
      rejected: r.rejected,
      conflicts: r.conflicts,
      bytesUp: r.bytesUp,
      bytesDown: r.bytesDown,
      message: r.message,
    }));
}
