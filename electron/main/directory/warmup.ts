import type { AppDatabase } from '@db/open';
import { indexFor } from './index-store';
import { summariesFor } from '../ledger/summaries';
import { hasStaleMeasures, recomputeAllFlags } from '../followup/thresholds';

// The directory's in-memory index and ledger summaries are made ready right after start, in
// short steps between which main answers IPC, so the first list or statistics a user opens does
// not pay for loading 100,000 enterprises (~1 s on a 2-core machine). A query that arrives
// before the warm-up is done finishes the remaining work itself, synchronously: the answer is
// never stale, only sometimes slower.

export interface WarmUp {
  /** Resolves when everything is ready (or the store closed first). */
  done: Promise<void>;
}

/**
 * Starts warming the directory of `db`; `isOpen` stops it once the store is closed. `year` is
 * the ledger year whose summaries are read ahead (the statistics page opens on this year).
 */
export function warmDirectory(db: AppDatabase, isOpen: () => boolean, year = new Date().getFullYear()): WarmUp {
  const index = indexFor(db);
  const summaries = summariesFor(db);
  // Each returns true while it has more to do. The index first (lists are the first screen),
  // then the summaries the statistics read, then the year the statistics page opens on.
  const stages: (() => boolean)[] = [
    () => !index.warmStep(),
    // Flags whose stored figures are of another measure than their rule's (stored before the
    // measure existed, migration 0032): re-read from the ledger once. Afterwards there are none,
    // and every start skips the pass (a second-long pause at 100,000 enterprises).
    () => {
      if (hasStaleMeasures(db)) recomputeAllFlags(db);
      return false;
    },
    () => summaries.step(),
    () => {
      summaries.yearBySlot(year);
      return false;
    },
  ];
  let stage = 0;
  const done = new Promise<void>((resolve) => {
    const tick = () => {
      if (!isOpen()) return resolve();
      try {
        const more = stages[stage]?.() ?? false;
        if (!more) stage += 1;
        if (stage < stages.length) {
          setImmediate(tick);
          return;
        }
      } catch (e) {
        // Not fatal: the next query does the same work and reports a failure through its Result.
        console.warn('[directory] warm-up stopped:', e);
      }
      resolve();
    };
    setImmediate(tick);
  });
  return { done };
}
