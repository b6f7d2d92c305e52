import type { SqliteDatabase } from '@db/open';

// A fresh pull writes ~10,000 units in one transaction, a frame import ~10,000 units and their
// '$create' ops in another; with automatic checkpoints on, the commit that ends either also
// copies the whole WAL into the store file, and the cipher layer re-encrypts every page
// (~400 ms of a ~2 s pull, ~500 ms of a 10,000-unit import's ops). The WAL is durable at commit,
// so copying it can wait: automatic checkpoints are paused while the work runs and one passive
// checkpoint runs just after the result is returned. They are restored in `finally`, so the WAL
// cannot keep growing past the work, failed or not.

export class DeferredCheckpoint {
  private pending: Promise<void> = Promise.resolve();

  constructor(private readonly sqlite: SqliteDatabase) {}

  /** Runs `work` with automatic checkpoints off, then checkpoints once, after the caller resumes. */
  async around<T>(work: () => Promise<T>): Promise<T> {
    const previous = this.pause();
    if (previous === null) return work();
    try {
      return await work();
    } finally {
      this.resume(previous);
    }
  }

  /**
   * `around` for synchronous work (one transaction): its commit writes the WAL and copies none of
   * it; the copy runs once the caller's turn of the event loop is over.
   */
  aroundSync<T>(work: () => T): T {
    const previous = this.pause();
    if (previous === null) return work();
    try {
      return work();
    } finally {
      this.resume(previous);
    }
  }

  /** Resolves once the checkpoint after the last deferred work has run. */
  settled(): Promise<void> {
    return this.pending;
  }

  /**
   * Turns automatic checkpoints off; the setting to restore, or null when they already are off
   * (a sync's pause is in force: its own checkpoint after it copies this work's pages too).
   */
  private pause(): number | null {
    const previous = Number(this.sqlite.pragma('wal_autocheckpoint', { simple: true }));
    if (!(previous > 0)) return null;
    this.sqlite.pragma('wal_autocheckpoint = 0');
    return previous;
  }

  private resume(previous: number): void {
    // The store may have been closed mid-work (app quit); closing checkpoints on its own.
    if (!this.sqlite.open) return;
    this.sqlite.pragma(`wal_autocheckpoint = ${previous}`);
    this.pending = this.schedule();
  }

  private schedule(): Promise<void> {
    return new Promise((resolve) => {
      // setImmediate: the work's result is delivered (microtasks) before this runs.
      setImmediate(() => {
        try {
          // PASSIVE: copies what it can without waiting on readers; automatic ones continue.
          if (this.sqlite.open) this.sqlite.pragma('wal_checkpoint(PASSIVE)');
        } catch (e) {
          // Nothing is lost: the WAL still holds every commit and the next checkpoint copies it.
          console.error('[store] checkpoint after deferred work failed:', e);
        }
        resolve();
      });
    });
  }
}
