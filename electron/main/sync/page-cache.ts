import type { SqliteDatabase } from '@db/open';

// SQLite's page cache is 2 MB by default (cache_size -2000), right for a laptop that reads a
// form at a time. A pull that writes 100,000 units into seven indexes of `units` and the base
// touches index pages all over the file: with 2 MB each insert reads back (and decrypts) pages
// it wrote a moment ago, and the cost per unit grows with the store. During a pull (and a frame
// import's transaction) the cache is raised to hold the working set, and handed back after.

/**
 * Page cache during a pull, MiB. Snapshot pages come area by area (server/store/sqlite/read.ts),
 * so a page's inserts touch a stretch of each area-keyed index; 32 MiB holds those stretches
 * and the id-keyed indexes' upper levels (bench sync.pull-*: 64 MiB was no faster at 100,000
 * units and cost its 32 MiB more of the peak).
 */
export const PULL_PAGE_CACHE_MIB = 32;

/**
 * Page cache while a frame import writes its units and their '$create' ops in one transaction,
 * MiB: with 2 MB the ops' pages (a 10,000-unit import writes ~10,000 of them) are spilled to the
 * WAL before the commit; 32 MiB, as for a pull, cut the recording's CPU by ~8 % (scripts/bench
 * record.ts), 64 MiB no further.
 */
export const IMPORT_PAGE_CACHE_MIB = 32;

/** Runs `work` with the page cache at `mib`, then restores the setting and frees what it held. */
export async function withPageCache<T>(sqlite: SqliteDatabase, mib: number, work: () => Promise<T>): Promise<T> {
  const before = raise(sqlite, mib);
  try {
    return await work();
  } finally {
    restore(sqlite, before);
  }
}

/** withPageCache for synchronous work (one transaction). */
export function withPageCacheSync<T>(sqlite: SqliteDatabase, mib: number, work: () => T): T {
  const before = raise(sqlite, mib);
  try {
    return work();
  } finally {
    restore(sqlite, before);
  }
}

/** Raises the cache to `mib`; the setting to restore, or null when it was already as large. */
function raise(sqlite: SqliteDatabase, mib: number): number | null {
  const before = Number(sqlite.pragma('cache_size', { simple: true }));
  // Negative: KiB; positive: pages. Never lower a setting someone raised further.
  const beforeKiB = before < 0 ? -before : (before * Number(sqlite.pragma('page_size', { simple: true }))) / 1024;
  if (mib * 1024 <= beforeKiB) return null;
  sqlite.pragma(`cache_size = ${-mib * 1024}`);
  return before;
}

function restore(sqlite: SqliteDatabase, before: number | null): void {
  if (before === null || !sqlite.open) return;
  sqlite.pragma(`cache_size = ${before}`);
  sqlite.pragma('shrink_memory');
}
