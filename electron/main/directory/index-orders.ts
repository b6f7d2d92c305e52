import type { DirectoryColumns } from './index-columns';
import { SteppedSort } from './index-sort';

// The directory index's sort orders (index-store.ts): each a permutation of live slots, built
// on first use and kept sorted through changes (an entry whose sort key moved is taken out and
// put back at its place). Every order ends on the id, so no two entries ever tie.

export type SortKey = 'name' | 'uscc' | 'divisionCode' | 'industryCode' | 'ytdRevenue' | 'updatedAt' | 'candidate';

// Code-unit order for codes and stamps, as SQLite's BINARY collation orders them.
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
// Names in pinyin order (ICU's zh collation), as people look them up: 阿… before 张…, not by
// code point. About 0.3 s for 100,000 varied names, paid once per order.
const byName = new Intl.Collator('zh-CN').compare;

export class IndexOrders {
  private orders = new Map<SortKey, Int32Array>();
  /** The name order being sorted in warm-up steps. */
  private pendingName: SteppedSort | null = null;

  constructor(private readonly c: DirectoryColumns) {}

  /** The comparison of an order; reads the columns at each call (they grow by replacement). */
  compare(key: SortKey): (a: number, b: number) => number {
    const c = this.c;
    const tie = (a: number, b: number) => byText(c.ids[a] ?? '', c.ids[b] ?? '');
    if (key === 'candidate') {
      // Open follow-ups (候选, 培育中, 已申报) first, then the largest revenue, then by name.
      const isOpen = (s: number) => ((c.stage[s] as number) >= 1 && (c.stage[s] as number) <= 3 ? 1 : 0);
      const v = (s: number) => (Number.isNaN(c.ytd[s] ?? Number.NaN) ? -Infinity : (c.ytd[s] as number));
      return (a, b) => isOpen(b) - isOpen(a) || v(b) - v(a) || byName(c.names[a] ?? '', c.names[b] ?? '') || tie(a, b);
    }
    if (key === 'ytdRevenue') {
      // Nulls first, as SQLite sorts them ascending.
      const v = (s: number) => (Number.isNaN(c.ytd[s] ?? Number.NaN) ? -Infinity : (c.ytd[s] as number));
      return (a, b) => v(a) - v(b) || tie(a, b);
    }
    if (key === 'name') return (a, b) => byName(c.names[a] ?? '', c.names[b] ?? '') || tie(a, b);
    const col = { uscc: c.usccs, divisionCode: c.divisions, industryCode: c.industries, updatedAt: c.updated }[key];
    return (a, b) => byText(col[a] ?? '', col[b] ?? '') || tie(a, b);
  }

  /** The keys each order is sorted by, for a slot: an order moves the slot when its key changed. */
  sortKeysOf(slot: number): Record<SortKey, unknown> {
    const c = this.c;
    return {
      name: c.names[slot],
      uscc: c.usccs[slot],
      divisionCode: c.divisions[slot],
      industryCode: c.industries[slot],
      ytdRevenue: c.ytd[slot],
      updatedAt: c.updated[slot],
      candidate: `${c.stage[slot]}|${c.ytd[slot]}|${c.names[slot]}`,
    };
  }

  /** The orders built so far. */
  keys(): SortKey[] {
    return [...this.orders.keys()];
  }

  /** Drops orders, to be sorted again on next use (after many changes, or revenue moved). */
  drop(keys?: readonly SortKey[]): void {
    if (keys === undefined) this.orders.clear();
    else for (const key of keys) this.orders.delete(key);
  }

  /** Forgets a name order half sorted in warm-up steps: its slots may change now. */
  stopPending(): void {
    this.pendingName = null;
  }

  remove(slot: number, keys: Iterable<SortKey>): void {
    for (const key of keys) {
      const order = this.orders.get(key);
      if (!order) continue;
      const at = order.indexOf(slot);
      if (at < 0) continue;
      const next = new Int32Array(order.length - 1);
      next.set(order.subarray(0, at));
      next.set(order.subarray(at + 1), at);
      this.orders.set(key, next);
    }
  }

  insert(slot: number, keys: Iterable<SortKey>): void {
    for (const key of keys) {
      const order = this.orders.get(key);
      if (!order) continue;
      const cmp = this.compare(key);
      let lo = 0;
      let hi = order.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cmp(order[mid] as number, slot) < 0) lo = mid + 1;
        else hi = mid;
      }
      const next = new Int32Array(order.length + 1);
      next.set(order.subarray(0, lo));
      next[lo] = slot;
      next.set(order.subarray(lo), lo + 1);
      this.orders.set(key, next);
    }
  }

  /** One warm-up step of the name order; true once it is built. */
  warmNameStep(): boolean {
    if (this.orders.has('name')) return true;
    this.pendingName ??= new SteppedSort(this.c.liveSlots(), this.compare('name'));
    const order = this.pendingName.step();
    if (order) {
      this.orders.set('name', order);
      this.pendingName = null;
    }
    return false;
  }

  /** The order by `key`, sorted now if it was not built yet. */
  get(key: SortKey): Int32Array {
    let order = this.orders.get(key);
    if (!order) {
      order = this.c.liveSlots().sort(this.compare(key));
      this.orders.set(key, order);
      if (key === 'name') this.pendingName = null;
    }
    return order;
  }
}
