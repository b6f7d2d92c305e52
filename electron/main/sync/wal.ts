import type { SqliteDatabase } from '@db/open';

// A fresh pull writes ~10,000 units in one transaction; with automatic checkpoints on, the
// commit that ends it also copies the whole WAL into the store file, and the cipher layer
// re-encrypts every page (~400 ms of a ~2 s pull). The WAL is durable at commit, so copying
// it can wait: automatic checkpoints are paused while a sync runs and one passive checkpoint
// runs just after the result is returned. They are restored in `finally`, so the WAL cannot
// keep growing past a sync, failed or not.

export class DeferredCheckpoint {
  private pending: Promise<void> = Promise.resolve();

  constructor(private readonly sqlite: SqliteDatabase) {}

  /** Runs `work` with automatic checkpoints off, then checkpoints once, after the caller resumes. */
  async around<T>(work: () => Promise<T>): Promise<T> {
    const previous = Number(this.sqlite.pragma('wal_autocheckpoint', { simple: true }));
    if (!(previous > 0)) return work();
    this.sqlite.pragma('wal_autocheckpoint = 0');
    try {
      return await work();
    } finally {
      // The store may have been closed mid-sync (app quit); closing checkpoints on its own.
      if (this.sqlite.open) {
        this.sqlite.pragma(`wal_autocheckpoint = ${previous}`);
        this.pending = this.schedule();
      }
    }
  }

  /** Resolves once the checkpoint after the last sync has run. */
  settled(): Promise<void> {
    return this.pending;
  }

  private schedule(): Promise<void> {
    return new Promise((resolve) => {
      // setImmediate: the sync's result is delivered (microtasks) before this runs.
      setImmediate(() => {
        try {
          // PASSIVE: copies what it can without waiting on readers; automatic ones continue.
          if (this.sqlite.open) this.sqlite.pragma('wal_checkpoint(PASSIVE)');
        } catch (e) {
          // Nothing is lost: the WAL still holds every commit and the next checkpoint copies it.
          console.error('[sync] checkpoint after sync failed:', e);
        }
        resolve();
      });
    });
  }
}
