import type { AppDatabase } from '@db/open';
import type { SyncErrorInfo, SyncTrigger } from '@shared/sync/client-status';
import type { TaskReporter } from '@shared/tasks/tasks';
import { stateKeys } from './state-keys';
import type { ServerClient } from './client';
import { isSyncFailure } from './errors';
import type { PullContext } from './pull';
import { insertLog } from './queries/records';
import { writeState } from './queries/state';

// What one sync run did, as the engine counts it, the sync log keeps it and the screens show it.

export interface RunResult {
  pushed: number;
  pulled: number;
  rejected: number;
  conflicts: number;
  bytesUp: number;
  bytesDown: number;
  requests: number;
  /** Milliseconds spent pushing (ops and attachments) and pulling (incl. verification). */
  pushMs: number;
  pullMs: number;
}

export const emptyRunResult = (): RunResult => ({
  pushed: 0,
  pulled: 0,
  rejected: 0,
  conflicts: 0,
  bytesUp: 0,
  bytesDown: 0,
  requests: 0,
  pushMs: 0,
  pullMs: 0,
});

/** Stores how far this laptop's clock is from the server's, as the last request measured it. */
export function noteSkew(db: AppDatabase, client: ServerClient): void {
  const skew = client.traffic.skewMs;
  if (skew !== null) writeState(db, stateKeys.clockSkewMs, Math.round(skew));
}

/** Stores a run's failure as the error the sync page shows; a failure not of sync's own kinds is logged too. */
export function recordError(db: AppDatabase, now: Date, e: unknown): SyncErrorInfo {
  const info: SyncErrorInfo = isSyncFailure(e)
    ? { code: e.code, detail: e.message, at: now.toISOString() }
    : { code: 'LOCAL_ERROR', detail: e instanceof Error ? e.message : String(e), at: now.toISOString() };
  if (!isSyncFailure(e)) console.error('[sync] run failed:', e);
  writeState(db, stateKeys.lastError, info);
  return info;
}

/** Writes the run's log line and, when it succeeded, its time (the error is already recorded). */
export function recordRun(
  db: AppDatabase,
  run: { startedAt: string; finishedAt: string; trigger: SyncTrigger; error: SyncErrorInfo | null; result: RunResult },
): void {
  const { startedAt, finishedAt, trigger, error, result } = run;
  db.transaction((tx) => {
    if (!error) {
      writeState(tx, stateKeys.lastSyncAt, finishedAt);
      writeState(tx, stateKeys.lastError, null);
    }
    insertLog(tx, {
      startedAt,
      finishedAt,
      trigger,
      outcome: error ? 'error' : 'ok',
      errorCode: error?.code ?? null,
      message: error?.detail ?? null,
      pushed: result.pushed,
      pulled: result.pulled,
      rejected: result.rejected,
      conflicts: result.conflicts,
      bytesUp: result.bytesUp,
      bytesDown: result.bytesDown,
    });
  });
}

/**
 * Counts the entities (units, enterprises, …) pages bring, against the snapshot's total when a
 * snapshot says how many it covers: "received 3,200 of 10,000" on a first sync.
 */
export function receivedCounter(task: TaskReporter): NonNullable<PullContext['onPage']> {
  // Ids by kind, not `entity\0id` keys: the sets keep the changes' own id strings (which the
  // pull's other bookkeeping keeps too) instead of a new string per entity, 100,000 on a city's first pull.
  const seen = new Map<string, Set<string>>();
  let count = 0;
  let total: number | null = null;
  return (changes, snapshotTotal) => {
    for (const c of changes) {
      let ids = seen.get(c.entity);
      if (!ids) seen.set(c.entity, (ids = new Set()));
      if (!ids.has(c.entityId)) {
        ids.add(c.entityId);
        count += 1;
      }
    }
    if (snapshotTotal !== null) total = (total ?? 0) + snapshotTotal;
    task.step('receive', total === null ? count : Math.min(count, total), total);
  };
}
