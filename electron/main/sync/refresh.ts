import type { AppDatabase, SqliteDatabase } from '@db/open';
import type { EntityRegistry } from './registry';

// Derived columns (e.g. finding counts) of entities a sync rebuilt are recomputed by their
// adapter's `refresh` after the sync, off its critical path: they are list badges; the answers
// are already there. The main process answers the UI between slices of this work, so a slice is
// kept short by time, not by count (10,000 units take seconds of rule runs); the results are
// written many at once, since every transaction ends with a sync of the WAL to disk.

export interface RefresherOptions {
  /** Longest run of recounting before the event loop gets a turn, in ms. */
  sliceMs?: number;
  /** Results held before they are written in one transaction. */
  writeBatch?: number;
  /** The clock slices are measured with (tests pass their own). */
  clock?: () => number;
}

/** A slice leaves the loop well within a frame of the UI: an IPC call waits at most about this long. */
const SLICE_MS = 10;
/** ~200 rows are written in ~10 ms, one commit (and one fsync) for all of them. */
const WRITE_BATCH = 200;
/** Ids per refresh call at most; the call's own overheads (context, one query) are shared by them. */
const MAX_STEP = 200;

export class EntityRefresher {
  /** Stale entity ids by kind, for kinds whose adapter refreshes. */
  private readonly stale = new Map<string, Set<string>>();
  private running: Promise<void> | null = null;
  private readonly sliceMs: number;
  private readonly writeBatch: number;
  private readonly clock: () => number;

  constructor(
    private readonly db: AppDatabase,
    private readonly sqlite: SqliteDatabase,
    private readonly registry: EntityRegistry,
    options: RefresherOptions = {},
  ) {
    this.sliceMs = options.sliceMs ?? SLICE_MS;
    this.writeBatch = options.writeBatch ?? WRITE_BATCH;
    this.clock = options.clock ?? (() => performance.now());
  }

  add(entity: string, ids: readonly string[]): void {
    if (!this.registry.get(entity)?.refresh) return;
    let set = this.stale.get(entity);
    if (!set) this.stale.set(entity, (set = new Set()));
    for (const id of ids) set.add(id);
  }

  start(): void {
    this.running ??= this.drain().finally(() => {
      this.running = null;
    });
  }

  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    const writes: (() => void)[] = [];
    let held = 0;
    // Ids per refresh call, fitted to the slice from the time the last call took per id.
    let step = 1;
    let hasWritten = false;
    try {
      for (;;) {
        // A turn of the event loop between slices: IPC calls, timers and I/O are answered here.
        await new Promise((resolve) => setImmediate(resolve));
        if (hasWritten) {
          this.checkpoint();
          hasWritten = false;
          continue;
        }
        const isDrained = !this.hasStale();
        if (held >= this.writeBatch || (isDrained && held > 0)) {
          // Written in a slice of their own: one transaction, one commit for all of them.
          this.db.transaction(() => {
            for (const write of writes) write();
          });
          writes.length = 0;
          held = 0;
          hasWritten = true;
          continue;
        }
        if (isDrained) return;
        const started = this.clock();
        while (held < this.writeBatch && this.clock() - started < this.sliceMs) {
          const next = this.take(step);
          if (!next) break;
          const callStarted = this.clock();
          writes.push(next.refresh(next.ids));
          held += next.ids.length;
          const perId = (this.clock() - callStarted) / next.ids.length;
          // Half a slice per call: the slice's last call overruns it by at most about that, and a
          // call still shares its overheads (a query, division lookups) among ~10-20 units.
          step = Math.max(1, Math.min(MAX_STEP, perId > 0 ? Math.floor(this.sliceMs / 2 / perId) : MAX_STEP));
        }
      }
    } catch (e) {
      // The store may have been closed with work left; only derived columns are stale, no data.
      if (this.sqlite.open) console.error('[sync] refreshing derived columns failed:', e);
      this.stale.clear();
    }
  }

  /**
   * Copies what the last write added to the WAL into the store, in a slice of its own. Left to
   * SQLite, a commit that takes the WAL past 1,000 pages copies all of them at once (~30 ms, up
   * to ~100 ms on a busy machine); after each write it is that write's pages only. Not while a
   * sync holds checkpoints back (wal.ts): its pages wait for the one checkpoint after it.
   */
  private checkpoint(): void {
    if (Number(this.sqlite.pragma('wal_autocheckpoint', { simple: true })) > 0) this.sqlite.pragma('wal_checkpoint(PASSIVE)');
  }

  private hasStale(): boolean {
    for (const set of this.stale.values()) if (set.size > 0) return true;
    return false;
  }

  /** Up to `count` stale ids of one kind, taken off the stale set, with its refresh; null when none are left. */
  private take(count: number): { refresh: (ids: readonly string[]) => () => void; ids: string[] } | null {
    for (const [entity, set] of this.stale) {
      const refresh = this.registry.get(entity)?.refresh;
      if (set.size === 0 || !refresh) continue;
      const ids: string[] = [];
      for (const id of set) {
        if (ids.length >= count) break;
        ids.push(id);
      }
      for (const id of ids) set.delete(id);
      return { refresh, ids };
    }
    return null;
  }
}
