import type { AppDatabase, SqliteDatabase } from '@db/open';

// Derived columns (finding counts) of units a sync rebuilt are recomputed in small batches
// after the sync, off its critical path: they are list badges; the answers are already there.

const BATCH = 200;

export class UnitRefresher {
  private readonly stale = new Set<string>();
  private running: Promise<void> | null = null;

  constructor(
    private readonly db: AppDatabase,
    private readonly sqlite: SqliteDatabase,
    private readonly refresh: ((unitIds: readonly string[]) => void) | undefined,
  ) {}

  add(ids: readonly string[]): void {
    if (this.refresh) for (const id of ids) this.stale.add(id);
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
    const refresh = this.refresh;
    while (refresh && this.stale.size > 0) {
      // Yield between batches so IPC calls are answered while 10,000 units are re-evaluated.
      await new Promise((resolve) => setImmediate(resolve));
      const batch = [...this.stale].slice(0, BATCH);
      for (const id of batch) this.stale.delete(id);
      try {
        this.db.transaction(() => refresh(batch));
      } catch (e) {
        // The store may have been closed with batches left; only counts are stale, no data.
        if (this.sqlite.open) console.error('[sync] refreshing units failed:', e);
        this.stale.clear();
      }
    }
  }
}
