import type { AppDatabase } from '@db/open';
import { searchTermsOf } from './queries';
import { clearDirtyEnterprises, dirtyEnterpriseIds, enterpriseChunk, enterprisesByIds, flagsByIds, flagsChunk } from './index-queries';
import { followUpStages, type EnterpriseFilter, type EnterpriseRow } from '@shared/directory/directory';
import { compileFilter, type WorkList } from './index-filters';
import { derivedOf, DirectoryColumns, noFlags, type Derived, type FlagSubject, type StatsEntry } from './index-columns';
import { IndexOrders, type SortKey } from './index-orders';

export type { WorkList } from './index-filters';
export type { Derived, FlagSubject, StatsEntry } from './index-columns';
export type { SortKey } from './index-orders';

// The directory's lists, filters, search and statistics, answered from memory. At 100,000
// enterprises every SQL formulation we measured spent 25–150 ms per query decrypting and
// decoding rows or index entries; the same filter over compact typed arrays takes a few
// milliseconds, and the list rows themselves come from here too (no SQL per page). Entries live
// in slots of columns (index-columns.ts); each sort order is a permutation of slots
// (index-orders.ts); a filter is compiled to a test over the columns (index-filters.ts). Before
// each query the index re-reads only the rows that triggers listed in enterprise_dirty
// (db/migrations/0006_directory_dirty.sql), so no write path — services, import, sync, flag
// recomputation — can leave it stale. The first load runs in steps at start (warmStep,
// warmup.ts) so the first user query rarely waits for it. One index per store (indexFor): it
// consumes that list.

/** Rows read per load step: ~50 ms of decrypting and decoding on a 2-core machine. */
const LOAD_STEP = 5_000;

export class DirectoryIndex {
  private columns = new DirectoryColumns();
  private orders = new IndexOrders(this.columns);
  private isLoaded = false;
  /** Bumped whenever a slot changes hands (taken, freed): arrays aligned with slots are then rebuilt. */
  slotGeneration = 0;
  /** The load in progress: which table, and the last rowid read. */
  private loading: { phase: 'enterprises' | 'flags'; after: number } | null = null;

  constructor(private readonly db: AppDatabase) {}

  /** The id of each slot (arrays aligned with slots read it; dead slots keep their last id). */
  get ids(): readonly string[] {
    return this.columns.ids;
  }

  /**
   * Forgets everything and loads again from the store. For a write that refreshed the index
   * inside its transaction and then failed: the rollback took back the rows and their dirty
   * marks, so the index alone would still show them.
   */
  reload(): void {
    Object.assign(this, new DirectoryIndex(this.db));
  }

  /** Every live enterprise as the flag recomputation reads it (after a refresh). */
  flagSubjects(): FlagSubject[] {
    this.refresh();
    const c = this.columns;
    const out: FlagSubject[] = [];
    for (let s = 0; s < c.ids.length; s += 1) if (c.alive[s] === 1) out.push(c.flagSubjectOf(s));
    return out;
  }

  /** Whether any live enterprise's industry and stored flag measure pass `test` (stops at the first). */
  someMeasure(test: (industryCode: string, measure: FlagSubject['measure']) => boolean): boolean {
    this.refresh();
    return this.columns.someMeasure(test);
  }

  /**
   * Records derived columns the caller has just written for `ids` in the current transaction,
   * and takes those ids off the dirty list: the rows were clean before (flagSubjects
   * refreshed) and nothing but these columns changed, so re-reading them would only cost time.
   */
  patchDerived(changes: readonly { id: string; derived: Derived }[]): void {
    const c = this.columns;
    const ytdMoved = changes.some(({ id, derived }) => {
      const slot = c.slotOf.get(id);
      return slot !== undefined && !Object.is(c.ytd[slot], derived.ytdRevenue ?? Number.NaN);
    });
    for (const { id, derived } of changes) {
      const slot = c.slotOf.get(id);
      if (slot !== undefined) c.writeDerived(slot, derived);
    }
    if (ytdMoved) this.orders.drop(['ytdRevenue', 'candidate']);
    clearDirtyEnterprises(this.db, changes.map((x) => x.id));
  }

  /**
   * One step of the first load: `limit` enterprise rows, then `limit` flag rows at a time.
   * The dirty list is cleared when the load starts: anything written while it runs (between
   * steps) is listed again by the triggers and re-read by the refresh after it.
   */
  private loadStep(limit: number): void {
    if (!this.loading) {
      clearDirtyEnterprises(this.db);
      this.loading = { phase: 'enterprises', after: 0 };
    }
    const l = this.loading;
    const c = this.columns;
    if (l.phase === 'enterprises') {
      const rows = enterpriseChunk(this.db, l.after, limit);
      for (const r of rows) {
        l.after = r[0];
        if (r[15] !== null) continue;
        const slot = c.ids.length;
        c.write(slot, r, noFlags);
        c.slotOf.set(r[1], slot);
        this.slotGeneration += 1;
      }
      if (rows.length < limit) this.loading = { phase: 'flags', after: 0 };
      return;
    }
    const rows = flagsChunk(this.db, l.after, limit);
    for (const f of rows) {
      l.after = f[0];
      const slot = c.slotOf.get(f[1]);
      if (slot !== undefined) c.writeDerived(slot, derivedOf(f));
    }
    if (rows.length < limit) {
      this.loading = null;
      this.isLoaded = true;
      c.search.invalidate();
    }
  }

  /**
   * One step of getting ready (load, the name order, the search text) for the start-up
   * warm-up; true once nothing is left to do. Each step is short enough not to hold up IPC.
   */
  warmStep(): boolean {
    if (!this.isLoaded) {
      this.loadStep(LOAD_STEP);
      return false;
    }
    if (!this.orders.warmNameStep()) return false;
    const c = this.columns;
    if (!c.search.isBuilt) {
      c.search.build(c.ids.length, (slot) => c.texts[slot] ?? '');
      return false;
    }
    return true;
  }

  /** Brings the entries up to date with the store (finishing the load first if needed). */
  refresh(): void {
    while (!this.isLoaded) this.loadStep(50_000);
    const dirty = dirtyEnterpriseIds(this.db);
    if (dirty.length === 0) return;
    const c = this.columns;
    const orders = this.orders;
    orders.stopPending();
    // Many changes at once (an import, a flag recomputation): re-sorting later beats moving
    // thousands of entries one by one.
    if (dirty.length > 1_000) orders.drop();
    const allKeys = orders.keys();
    for (let i = 0; i < dirty.length; i += 5_000) {
      const chunk = dirty.slice(i, i + 5_000);
      const rows = new Map(enterprisesByIds(this.db, chunk).map((r) => [r[1], r]));
      const flags = new Map(flagsByIds(this.db, chunk).map((f) => [f[1], f]));
      for (const id of chunk) {
        const row = rows.get(id);
        const slot = c.slotOf.get(id);
        if (!row || row[15] !== null) {
          if (slot === undefined) continue;
          orders.remove(slot, allKeys);
          c.alive[slot] = 0;
          c.slotOf.delete(id);
          c.free.push(slot);
          this.slotGeneration += 1;
          continue;
        }
        const derived = derivedOf(flags.get(id));
        if (slot === undefined) {
          const fresh = c.free.pop() ?? c.ids.length;
          c.write(fresh, row, derived);
          c.slotOf.set(id, fresh);
          this.slotGeneration += 1;
          orders.insert(fresh, allKeys);
          c.search.invalidate();
          continue;
        }
        const before = orders.sortKeysOf(slot);
        const textBefore = c.texts[slot];
        c.write(slot, row, derived);
        const after = orders.sortKeysOf(slot);
        const moved = allKeys.filter((k) => !Object.is(before[k], after[k]));
        // Out, then back in at its new place: each order stays sorted.
        orders.remove(slot, moved);
        orders.insert(slot, moved);
        if (textBefore !== row[5]) c.search.invalidate();
      }
    }
    clearDirtyEnterprises(this.db, dirty);
  }

  private matchingSlots(filter: EnterpriseFilter, sort: SortKey, direction: 'asc' | 'desc', offset: number, limit: number, work?: WorkList): { slots: number[]; total: number } {
    this.refresh();
    const test = compileFilter(this.columns, filter, searchTermsOf(filter.query), work);
    const order = this.orders.get(sort);
    const slots: number[] = [];
    let total = 0;
    const n = order.length;
    for (let i = 0; i < n; i += 1) {
      const slot = order[direction === 'asc' ? i : n - 1 - i] as number;
      if (!test(slot)) continue;
      if (total >= offset && slots.length < limit) slots.push(slot);
      total += 1;
    }
    return { slots, total };
  }

  /** One page of ids in the given order, and how many entries match in all. */
  page(filter: EnterpriseFilter, sort: SortKey, direction: 'asc' | 'desc', offset: number, limit: number, work?: WorkList): { ids: string[]; total: number } {
    const { slots, total } = this.matchingSlots(filter, sort, direction, offset, limit, work);
    return { ids: slots.map((s) => this.columns.ids[s] as string), total };
  }

  /** page() with the list rows themselves, straight from memory. */
  pageRows(filter: EnterpriseFilter, sort: SortKey, direction: 'asc' | 'desc', offset: number, limit: number): { rows: EnterpriseRow[]; total: number } {
    const { slots, total } = this.matchingSlots(filter, sort, direction, offset, limit);
    return { rows: slots.map((s) => this.columns.rowOf(s)), total };
  }

  /** The slot of a live enterprise (no refresh: for callers that just refreshed). */
  slotIndexOf(id: string): number | undefined {
    return this.columns.slotOf.get(id);
  }

  /** Every matching id, in name order. */
  matching(filter: EnterpriseFilter, work?: WorkList): string[] {
    return this.page(filter, 'name', 'asc', 0, Number.MAX_SAFE_INTEGER, work).ids;
  }

  /** Calls `visit` for every live enterprise matching `filter` (one StatsEntry object, refilled). */
  forEachMatching(filter: EnterpriseFilter, visit: (e: Readonly<StatsEntry>) => void): void {
    this.refresh();
    const c = this.columns;
    const test = compileFilter(c, filter, searchTermsOf(filter.query));
    const e: StatsEntry = { id: '', slot: 0, division: Number.NaN, divisionCode: '', industry: -1, industryCode: '', isAbove: false, isActive: false, isNearThreshold: false, isReached: false, isGrowth: false, stage: null };
    for (let s = 0; s < c.ids.length; s += 1) {
      if (c.alive[s] !== 1 || !test(s)) continue;
      c.fillStatsEntry(e, s);
      visit(e);
    }
  }

  /** Matching enterprises per follow-up stage ('none' for no follow-up). */
  stageCounts(filter: EnterpriseFilter, work?: WorkList): Map<string, number> {
    this.refresh();
    const c = this.columns;
    const test = compileFilter(c, filter, searchTermsOf(filter.query), work);
    const counts = new Map<string, number>();
    for (let s = 0; s < c.ids.length; s += 1) {
      if (c.alive[s] !== 1 || !test(s)) continue;
      const code = c.stage[s] as number;
      const key = code === 0 ? 'none' : (followUpStages[code - 1] ?? 'none');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
  }
}

const indexes = new WeakMap<AppDatabase, DirectoryIndex>();

/** The one index of a store. */
export function indexFor(db: AppDatabase): DirectoryIndex {
  let index = indexes.get(db);
  if (!index) indexes.set(db, (index = new DirectoryIndex(db)));
  return index;
}
