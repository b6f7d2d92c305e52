import type { AppErrorShape, Result } from '@shared/result';

// Server-side windowing for the directory table: 100,000 enterprises never cross IPC at once.
// The table asks for the rows it is about to draw; we fetch the pages that cover them (a few
// hundred rows each) and keep them until the query changes. The previous query's pages stay
// on screen until the new query's first page arrives, so typing in the search box never
// blanks the table.

export interface WindowPage<T> {
  rows: T[];
  total: number;
}

export type FetchPage<T> = (offset: number, limit: number) => Promise<Result<WindowPage<T>>>;

export interface CacheSnapshot {
  /** Rows matching the current query; null before its first page arrives. */
  total: number | null;
  error: AppErrorShape | null;
  isLoading: boolean;
  /** Bumped on every change so React re-reads rows. */
  version: number;
}

export class PageCache<T> {
  private pages = new Map<number, T[]>();
  private pending = new Set<number>();
  private key = '';
  private fetchPage: FetchPage<T> | null = null;
  private generation = 0;
  private snapshot: CacheSnapshot = { total: null, error: null, isLoading: false, version: 0 };
  private listeners = new Set<() => void>();

  constructor(readonly pageSize: number) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): CacheSnapshot => this.snapshot;

  private publish(patch: Partial<Omit<CacheSnapshot, 'version'>>): void {
    this.snapshot = { ...this.snapshot, ...patch, version: this.snapshot.version + 1 };
    for (const l of this.listeners) l();
  }

  /**
   * Points the cache at a query. The same key keeps what is cached (coming back to the list);
   * a new key (or `force`, after an import) starts over from the first page.
   */
  setQuery(key: string, fetchPage: FetchPage<T>, force = false): void {
    this.fetchPage = fetchPage;
    if (key === this.key && !force && (this.pages.size > 0 || this.pending.size > 0)) return;
    this.key = key;
    this.generation += 1;
    this.pending.clear();
    // Old pages are dropped only when page 0 of the new query lands (see load()).
    void this.load(0, true);
  }

  /** The row at an absolute index, or undefined while its page is loading. */
  rowAt(index: number): T | undefined {
    return this.pages.get(Math.floor(index / this.pageSize))?.[index % this.pageSize];
  }

  /** Makes sure the pages covering rows [first, last] are cached or on their way. */
  ensureRange(first: number, last: number): void {
    const total = this.snapshot.total;
    if (total === null || total === 0) return;
    const from = Math.max(0, Math.floor(first / this.pageSize));
    const to = Math.min(Math.floor((total - 1) / this.pageSize), Math.floor(last / this.pageSize));
    for (let p = from; p <= to; p += 1) {
      if (!this.pages.has(p) && !this.pending.has(p)) void this.load(p, false);
    }
  }

  /** Re-reads every cached page of the current query (after an edit elsewhere). */
  refresh(): void {
    if (this.fetchPage) this.setQuery(this.key, this.fetchPage, true);
  }

  private async load(page: number, isFirstOfQuery: boolean): Promise<void> {
    const fetchPage = this.fetchPage;
    if (!fetchPage) return;
    const generation = this.generation;
    this.pending.add(page);
    this.publish({ isLoading: true });
    const result = await fetchPage(page * this.pageSize, this.pageSize);
    // A newer query has started: this answer belongs to a list no longer shown.
    if (generation !== this.generation) return;
    this.pending.delete(page);
    if (!result.ok) {
      this.publish({ error: result.error, isLoading: this.pending.size > 0 });
      return;
    }
    if (isFirstOfQuery) this.pages = new Map();
    this.pages.set(page, result.value.rows);
    this.publish({ total: result.value.total, error: null, isLoading: this.pending.size > 0 });
  }
}
