import type { AppDatabase } from '@db/open';
import type { GroupCells } from '@shared/analysis/report';
import { headlineTable } from '@shared/analysis/headlines';
import { applyDirty, dirtyIds, dirtyTotal, markAllOnNewHeadlines, rebuildAll, rollupGroups } from './rollup-queries';

// The analysis rollup kept current the way the ledger summaries are (ledger/summaries.ts):
// triggers list the enterprises a write touched in analysis_dirty (migration
// analysis_triggers), and before each read their parts are taken out of the rollup and put
// back as they are now — usually one enterprise after an edit. Each step is its own transaction.

/** Enterprises recomputed per step. */
const STEP = 2_000;
/**
 * Past this many marked enterprises (the migration on a full store, a directory import) the
 * whole rollup is recomputed in one pass over the ledger: cheaper than moving each part.
 */
const REBUILD = 20_000;

/** Recomputes up to `limit` marked enterprises (or everything); false once none is left. */
export function rollupStep(db: AppDatabase, limit = STEP, rebuildOver = REBUILD): boolean {
  return db.transaction((tx) => {
    const ids = dirtyIds(tx, limit);
    if (ids.length === 0) return false;
    if (ids.length === limit && dirtyTotal(tx) > rebuildOver) {
      rebuildAll(tx);
      return false;
    }
    applyDirty(tx, ids);
    return ids.length === limit;
  });
}

export function refreshRollup(db: AppDatabase): void {
  db.transaction((tx) => markAllOnNewHeadlines(tx, headlineTable.version));
  while (rollupStep(db)) {
    // One step per transaction (above).
  }
}

/** The rollup's groups for `years`, of one township or all, after bringing it up to date. */
export function readRollup(db: AppDatabase, years: readonly number[], township: string | null): GroupCells[] {
  refreshRollup(db);
  return rollupGroups(db, years, township);
}
