import type { AppDatabase } from '@db/open';
import { dirtySummaryIds, rebuildSummaries, yearSummaries } from './summaries-queries';
import { indexFor, type DirectoryIndex } from '../directory/index-store';

// Ledger summaries per enterprise and year (figures entered, backed by evidence, months with a
// value) for the township and bureau views, kept current the way the directory index is:
// before each use the enterprises that triggers listed in ledger_summary_dirty are recomputed
// (a few, usually; every enterprise once after the migration that introduced them), and a
// year read once stays in memory. The statistics read a year as an array aligned with the
// directory index's slots: 100,000 lookups by id in a Map cost ~50 ms, by slot ~1 ms.
// One per store (summariesFor): it consumes that list.

/**
 * filled | backed << 10 | monthMask << 20 in 32 bits; 0 = none. A year holds at most
 * 12 × 46 = 552 figures (every indicator any 专业 set keeps, shared/ledger/indicators.ts), so
 * ten bits each; December's bit is the sign bit of an Int32, hence the unsigned shift.
 */
export type PackedSummary = number;

const FIGURE_BITS = 10;
const FIGURE_MASK = (1 << FIGURE_BITS) - 1;
const pack = (filled: number, backed: number, monthMask: number): PackedSummary =>
  Math.min(filled, FIGURE_MASK) | (Math.min(backed, FIGURE_MASK) << FIGURE_BITS) | (monthMask << (2 * FIGURE_BITS));
export const filledOf = (p: PackedSummary): number => p & FIGURE_MASK;
export const backedOf = (p: PackedSummary): number => (p >>> FIGURE_BITS) & FIGURE_MASK;
export const monthMaskOf = (p: PackedSummary): number => (p >>> (2 * FIGURE_BITS)) & 0xfff;

/** Enterprises recomputed per step: a step of the start-up warm-up stays near 100 ms. */
const STEP = 2_000;

interface YearCache {
  byId: Map<string, PackedSummary>;
  /** The same by slot of the directory index, while its slots have not changed hands. */
  bySlot: { generation: number; packed: Int32Array } | null;
}

export class LedgerSummaries {
  private years = new Map<number, YearCache>();

  constructor(
    private readonly db: AppDatabase,
    private readonly index: DirectoryIndex,
  ) {}

  /** Recomputes up to `limit` dirty enterprises; false once none is left. */
  step(limit = STEP): boolean {
    return this.db.transaction((tx) => {
      const ids = dirtySummaryIds(tx, limit);
      if (ids.length === 0) return false;
      const rows = rebuildSummaries(tx, ids);
      for (const cache of this.years.values()) for (const id of ids) cache.byId.delete(id);
      for (const r of rows) this.years.get(r.year)?.byId.set(r.enterpriseId, pack(r.filled, r.backed, r.monthMask));
      for (const cache of this.years.values()) {
        if (!cache.bySlot || cache.bySlot.generation !== this.index.slotGeneration) continue;
        for (const id of ids) {
          const slot = this.index.slotIndexOf(id);
          if (slot !== undefined && slot < cache.bySlot.packed.length) cache.bySlot.packed[slot] = cache.byId.get(id) ?? 0;
        }
      }
      return ids.length === limit;
    });
  }

  /** Brings every summary up to date with the ledger and evidence. */
  refresh(): void {
    while (this.step()) {
      // Each step is its own transaction: a store upgraded with 100,000 enterprises is not
      // rewritten in one.
    }
  }

  private cacheOf(year: number): YearCache {
    this.refresh();
    let cache = this.years.get(year);
    if (!cache) {
      const byId = new Map<string, PackedSummary>();
      for (const [id, filled, backed, monthMask] of yearSummaries(this.db, year)) byId.set(id, pack(filled, backed, monthMask));
      cache = { byId, bySlot: null };
      this.years.set(year, cache);
    }
    return cache;
  }

  /** The year's summaries by enterprise id (enterprises without a ledger row that year are absent). */
  year(year: number): ReadonlyMap<string, PackedSummary> {
    return this.cacheOf(year).byId;
  }

  /** The year's summaries by slot of the directory index (0 where none), after refreshing both. */
  yearBySlot(year: number): Int32Array {
    this.index.refresh();
    const cache = this.cacheOf(year);
    if (!cache.bySlot || cache.bySlot.generation !== this.index.slotGeneration) {
      // From the summaries' side: enterprises without a ledger that year need no lookup.
      const packed = new Int32Array(this.index.ids.length);
      for (const [id, p] of cache.byId) {
        const slot = this.index.slotIndexOf(id);
        if (slot !== undefined) packed[slot] = p;
      }
      cache.bySlot = { generation: this.index.slotGeneration, packed };
    }
    return cache.bySlot.packed;
  }
}

const stores = new WeakMap<AppDatabase, LedgerSummaries>();

/** The one summary cache of a store. */
export function summariesFor(db: AppDatabase): LedgerSummaries {
  let s = stores.get(db);
  if (!s) stores.set(db, (s = new LedgerSummaries(db, indexFor(db))));
  return s;
}
