import type { AppDatabase } from '@db/open';
import type { GroupCells } from '@shared/analysis/report';
import { dirtyCount, dirtyGroups, rebuildYear, recomputeGroup, rollupGroups } from './rollup-queries';

// The analysis rollup kept current the way the ledger summaries are (ledger/summaries.ts):
// triggers list the groups a write touched in analysis_rollup_dirty (migration
// analysis_rollup_triggers), and before each read those groups are recomputed from the ledger
// — usually one or two after an edit; every group once after the migration or a bulk import.
// Each step is its own transaction, so a store upgraded with 100,000 enterprises is not
// rewritten in one.

/** Groups recomputed per step (a group is a township's enterprises of one division and scale). */
const STEP = 50;
/**
 * Past this many dirty groups a year is recomputed in one pass over its ledger: each group
 * looks its enterprises up by township, and a few hundred such lookups cost more than reading
 * the year once (measured: scripts/bench/analysis.ts).
 */
const WHOLE_YEAR = 200;

/** Recomputes up to `limit` dirty groups (or a whole year); false once none is left. */
export function rollupStep(db: AppDatabase, limit = STEP, wholeYear = WHOLE_YEAR): boolean {
  return db.transaction((tx) => {
    const groups = dirtyGroups(tx, limit);
    const rebuilt = new Set<number>();
    for (const g of groups) {
      if (rebuilt.has(g.year)) continue;
      if (groups.length === limit && dirtyCount(tx, g.year) > wholeYear) {
        rebuildYear(tx, g.year);
        rebuilt.add(g.year);
      } else recomputeGroup(tx, g);
    }
    return groups.length === limit || rebuilt.size > 0;
  });
}

export function refreshRollup(db: AppDatabase): void {
  while (rollupStep(db)) {
    // One step per transaction (above).
  }
}

/** The rollup's groups for `years`, of one township or all, after bringing it up to date. */
export function readRollup(db: AppDatabase, years: readonly number[], township: string | null): GroupCells[] {
  refreshRollup(db);
  return rollupGroups(db, years, township);
}
