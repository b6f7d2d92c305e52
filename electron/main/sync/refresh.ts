import type { AppDatabase, SqliteDatabase } from '@db/open';
import type { EntityRegistry } from './registry';

// Derived columns (e.g. finding counts) of entities a sync rebuilt are recomputed by their
// adapter's `refresh` in small batches after the sync, off its critical path: they are list
// badges; the answers are already there.

const BATCH = 200;

export class EntityRefresher {
  /** Stale entity ids by kind, for kinds whose adapter refreshes. */
  private readonly stale = new Map<string, Set<string>>();
  private running: Promise<void> | null = null;

  constructor(
    private readonly db: AppDatabase,
    private readonly sqlite: SqliteDatabase,
    private readonly registry: EntityRegistry,
  ) {}

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
    for (;;) {
      const next = [...this.stale].find(([, ids]) => ids.size > 0);
      const refresh = next && this.registry.get(next[0])?.refresh;
      if (!next || !refresh) return;
      // Yield between batches so IPC calls are answered while 10,000 units are re-evaluated.
      await new Promise((resolve) => setImmediate(resolve));
      const batch = [...next[1]].slice(0, BATCH);
      for (const id of batch) next[1].delete(id);
      try {
        this.db.transaction(() => refresh(batch));
      } catch (e) {
        // The store may have been closed with batches left; only derived columns are stale, no data.
        if (this.sqlite.open) console.error(`[sync] refreshing ${next[0]} rows failed:`, e);
        this.stale.clear();
      }
    }
  }
}
