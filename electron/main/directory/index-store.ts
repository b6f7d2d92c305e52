import type { AppDatabase } from '@db/open';
import { displayGrowth, searchTermsOf } from './queries';
import {
  clearDirtyEnterprises,
  dirtyEnterpriseIds,
  enterpriseChunk,
  enterprisesByIds,
  flagsByIds,
  flagsChunk,
  type FlagsRow,
  type IndexRow,
} from './index-queries';
import { enterpriseStatuses, followUpStages, type EnterpriseFilter, type EnterpriseRow, type FollowUpStage } from '@shared/directory/directory';
import { compileFilter, FLAG, type IndexColumns, type WorkList } from './index-filter';
import { SteppedSort } from './index-sort';
import { SearchText } from './index-text';

export type { WorkList } from './index-filter';

// The directory's lists, filters, search and statistics, answered from memory (issue 5). At
// 100,000 enterprises every SQL formulation we measured spent 25–150 ms per query decrypting and
// decoding rows or index entries; the same filter over compact typed arrays takes a few
// milliseconds, and the list rows themselves come from here too (no SQL per page). Entries live
// in slots (column arrays, one element per enterprise); each sort order is a permutation of
// slots, built on first use and kept sorted through changes. Before each query the index
// re-reads only the rows that triggers listed in enterprise_dirty (migration 0006), so no write
// path — services, import, sync, flag recomputation — can leave it stale. The first load runs
// in steps at start (warmStep, directory-warmup.ts) so the first user query rarely waits for it.
// One index per store (indexFor): it consumes that list.

export type SortKey = 'name' | 'uscc' | 'divisionCode' | 'industryCode' | 'ytdRevenue' | 'updatedAt' | 'candidate';

/** What the flag recomputation reads of an enterprise, and the derived columns it has now. */
export interface FlagSubject {
  id: string;
  industryCode: string;
  scale: string;
  status: string;
  hasQualification: boolean;
  isNearThreshold: boolean;
  isGrowth: boolean;
  isBelowThreshold: boolean;
  flagsAsOf: string | null;
  ytdRevenue: number | null;
  lastYtdRevenue: number | null;
  ytdMonths: number;
  lastYtdMonths: number;
}
export type Derived = Pick<FlagSubject, 'isNearThreshold' | 'isGrowth' | 'isBelowThreshold' | 'flagsAsOf' | 'ytdRevenue' | 'lastYtdRevenue' | 'ytdMonths' | 'lastYtdMonths'>;

/** One matching enterprise as the statistics read it (the same object, refilled per entry). */
export interface StatsEntry {
  id: string;
  /** Its slot: per-enterprise arrays aligned with the index (ledger summaries) are read by it. */
  slot: number;
  /** The division code as a number (NaN unless 12 digits) and as stored. */
  division: number;
  divisionCode: string;
  /** The 4-digit industry class as a number (-1 unless 4 digits) and as stored. */
  industry: number;
  industryCode: string;
  isAbove: boolean;
  isActive: boolean;
  isNearThreshold: boolean;
  isGrowth: boolean;
  stage: FollowUpStage | null;
}

const noFlags: Derived = { isNearThreshold: false, isGrowth: false, isBelowThreshold: false, flagsAsOf: null, ytdRevenue: null, lastYtdRevenue: null, ytdMonths: 0, lastYtdMonths: 0 };
const derivedOf = (f: FlagsRow | undefined): Derived =>
  f
    ? { isNearThreshold: f[2] === 1, isGrowth: f[3] === 1, isBelowThreshold: f[4] === 1, flagsAsOf: f[5], ytdRevenue: f[6], lastYtdRevenue: f[7], ytdMonths: f[8], lastYtdMonths: f[9] }
    : noFlags;

const stageCode = (s: string | null): number => (s === null ? 0 : followUpStages.indexOf(s as FollowUpStage) + 1 || 255);
const statusCode = (s: string): number => {
  const i = enterpriseStatuses.indexOf(s as (typeof enterpriseStatuses)[number]);
  return i < 0 ? 255 : i;
};
const ACTIVE = statusCode('active');
const numeric = (s: string, digits: number): number => (s.length === digits && /^\d+$/.test(s) ? Number(s) : Number.NaN);
const nullable = (v: number): number | null => (Number.isNaN(v) ? null : v);
// Code-unit order for codes and stamps, as SQLite's BINARY collation orders them.
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
// Names in pinyin order (ICU's zh collation), as people look them up: 阿… before 张…, not by
// code point. About 0.3 s for 100,000 varied names, paid once per order.
const byName = new Intl.Collator('zh-CN').compare;

/** Rows read per load step: ~50 ms of decrypting and decoding on a 2-core machine. */
const LOAD_STEP = 5_000;

function grow<T extends Float64Array | Int32Array | Uint8Array>(a: T, size: number): T {
  if (a.length >= size) return a;
  const next = new (a.constructor as new (n: number) => T)(Math.max(size, a.length * 2, 1024));
  next.set(a);
  return next;
}

export class DirectoryIndex implements IndexColumns {
  private slotOf = new Map<string, number>();
  ids: string[] = [];
  private names: string[] = [];
  private usccs: string[] = [];
  private addresses: string[] = [];
  private updated: string[] = [];
  private divisions: string[] = [];
  private industries: string[] = [];
  private liaisonNames: string[] = [];
  texts: string[] = [];
  alive = new Uint8Array(0);
  division = new Float64Array(0);
  industry = new Int32Array(0);
  scale = new Uint8Array(0);
  status = new Uint8Array(0);
  stage = new Uint8Array(0);
  flags = new Uint8Array(0);
  liaison = new Int32Array(0);
  private ytd = new Float64Array(0);
  private lastYtd = new Float64Array(0);
  private months = new Uint8Array(0);
  private lastMonths = new Uint8Array(0);
  private statuses: string[] = [];
  private asOf: (string | null)[] = [];
  liaisonIds = new Map<string, number>();
  private free: number[] = [];
  private orders = new Map<SortKey, Int32Array>();
  readonly search = new SearchText();
  private isLoaded = false;
  /** The name order being sorted in warm-up steps. */
  private pendingName: SteppedSort | null = null;
  /** Bumped whenever a slot changes hands (taken, freed): arrays aligned with slots are then rebuilt. */
  slotGeneration = 0;
  /** The load in progress: which table, and the last rowid read. */
  private loading: { phase: 'enterprises' | 'flags'; after: number } | null = null;

  constructor(private readonly db: AppDatabase) {}

  /**
   * Forgets everything and loads again from the store. For a write that refreshed the index
   * inside its transaction and then failed: the rollback took back the rows and their dirty
   * marks, so the index alone would still show them.
   */
  reload(): void {
    Object.assign(this, new DirectoryIndex(this.db));
  }

  private compare(key: SortKey): (a: number, b: number) => number {
    const tie = (a: number, b: number) => byText(this.ids[a] ?? '', this.ids[b] ?? '');
    if (key === 'candidate') {
      // Open follow-ups (候选, 培育中, 已申报) first, then the largest revenue, then by name.
      const isOpen = (s: number) => ((this.stage[s] as number) >= 1 && (this.stage[s] as number) <= 3 ? 1 : 0);
      const v = (s: number) => (Number.isNaN(this.ytd[s] ?? Number.NaN) ? -Infinity : (this.ytd[s] as number));
      return (a, b) => isOpen(b) - isOpen(a) || v(b) - v(a) || byName(this.names[a] ?? '', this.names[b] ?? '') || tie(a, b);
    }
    if (key === 'ytdRevenue') {
      // Nulls first, as SQLite sorts them ascending.
      const v = (s: number) => (Number.isNaN(this.ytd[s] ?? Number.NaN) ? -Infinity : (this.ytd[s] as number));
      return (a, b) => v(a) - v(b) || tie(a, b);
    }
    if (key === 'name') return (a, b) => byName(this.names[a] ?? '', this.names[b] ?? '') || tie(a, b);
    const col = { uscc: this.usccs, divisionCode: this.divisions, industryCode: this.industries, updatedAt: this.updated }[key];
    return (a, b) => byText(col[a] ?? '', col[b] ?? '') || tie(a, b);
  }

  private liaisonId(name: string): number {
    let id = this.liaisonIds.get(name);
    if (id === undefined) this.liaisonIds.set(name, (id = this.liaisonIds.size));
    return id;
  }

  private write(slot: number, r: IndexRow, d: Derived): void {
    const size = slot + 1;
    this.alive = grow(this.alive, size);
    this.division = grow(this.division, size);
    this.industry = grow(this.industry, size);
    this.scale = grow(this.scale, size);
    this.status = grow(this.status, size);
    this.stage = grow(this.stage, size);
    this.flags = grow(this.flags, size);
    this.liaison = grow(this.liaison, size);
    this.ytd = grow(this.ytd, size);
    this.lastYtd = grow(this.lastYtd, size);
    this.months = grow(this.months, size);
    this.lastMonths = grow(this.lastMonths, size);
    const [, id, name, uscc, address, searchText, divisionCode, industryCode, scale, status, liaison, stage, isOnline, updatedAt, isQualified] = r;
    this.ids[slot] = id;
    this.names[slot] = name;
    this.usccs[slot] = uscc;
    this.addresses[slot] = address;
    this.texts[slot] = searchText;
    this.divisions[slot] = divisionCode;
    this.industries[slot] = industryCode;
    this.statuses[slot] = status;
    this.liaisonNames[slot] = liaison;
    this.updated[slot] = updatedAt;
    this.alive[slot] = 1;
    this.division[slot] = numeric(divisionCode, 12);
    const ind = numeric(industryCode, 4);
    this.industry[slot] = Number.isNaN(ind) ? -1 : ind;
    this.scale[slot] = scale === 'above' ? 1 : 0;
    this.status[slot] = statusCode(status);
    this.stage[slot] = stageCode(stage);
    this.flags[slot] = (isOnline === 1 ? FLAG.ONLINE : 0) | (isQualified === 1 ? FLAG.QUALIFIED : 0);
    this.liaison[slot] = this.liaisonId(liaison);
    this.writeDerived(slot, d);
  }

  private writeDerived(slot: number, d: Derived): void {
    const keep = (this.flags[slot] as number) & (FLAG.ONLINE | FLAG.QUALIFIED);
    this.flags[slot] = keep | (d.isNearThreshold ? FLAG.NEAR : 0) | (d.isGrowth ? FLAG.GROWTH : 0) | (d.isBelowThreshold ? FLAG.BELOW : 0);
    this.ytd[slot] = d.ytdRevenue ?? Number.NaN;
    this.lastYtd[slot] = d.lastYtdRevenue ?? Number.NaN;
    this.months[slot] = d.ytdMonths;
    this.lastMonths[slot] = d.lastYtdMonths;
    this.asOf[slot] = d.flagsAsOf;
  }

  /** Every live enterprise as the flag recomputation reads it (after a refresh). */
  flagSubjects(): FlagSubject[] {
    this.refresh();
    const out: FlagSubject[] = [];
    for (let s = 0; s < this.ids.length; s += 1) {
      if (this.alive[s] !== 1) continue;
      const f = this.flags[s] as number;
      out.push({
        id: this.ids[s] as string,
        industryCode: this.industries[s] as string,
        scale: this.scale[s] === 1 ? 'above' : 'below',
        status: this.statuses[s] as string,
        hasQualification: (f & FLAG.QUALIFIED) !== 0,
        isNearThreshold: (f & FLAG.NEAR) !== 0,
        isGrowth: (f & FLAG.GROWTH) !== 0,
        isBelowThreshold: (f & FLAG.BELOW) !== 0,
        flagsAsOf: this.asOf[s] ?? null,
        ytdRevenue: nullable(this.ytd[s] as number),
        lastYtdRevenue: nullable(this.lastYtd[s] as number),
        ytdMonths: this.months[s] as number,
        lastYtdMonths: this.lastMonths[s] as number,
      });
    }
    return out;
  }

  /**
   * Records derived columns the caller has just written for `ids` in the current transaction,
   * and takes those ids off the dirty list: the rows were clean before (flagSubjects
   * refreshed) and nothing but these columns changed, so re-reading them would only cost time.
   */
  patchDerived(changes: readonly { id: string; derived: Derived }[]): void {
    const ytdMoved = changes.some(({ id, derived }) => {
      const slot = this.slotOf.get(id);
      return slot !== undefined && !Object.is(this.ytd[slot], derived.ytdRevenue ?? Number.NaN);
    });
    for (const { id, derived } of changes) {
      const slot = this.slotOf.get(id);
      if (slot !== undefined) this.writeDerived(slot, derived);
    }
    if (ytdMoved) {
      this.orders.delete('ytdRevenue');
      this.orders.delete('candidate');
    }
    clearDirtyEnterprises(this.db, changes.map((c) => c.id));
  }

  private sortKeysOf(slot: number): Record<SortKey, unknown> {
    return {
      name: this.names[slot],
      uscc: this.usccs[slot],
      divisionCode: this.divisions[slot],
      industryCode: this.industries[slot],
      ytdRevenue: this.ytd[slot],
      updatedAt: this.updated[slot],
      candidate: `${this.stage[slot]}|${this.ytd[slot]}|${this.names[slot]}`,
    };
  }

  private removeFromOrders(slot: number, keys: Iterable<SortKey>): void {
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

  private insertIntoOrders(slot: number, keys: Iterable<SortKey>): void {
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
    if (l.phase === 'enterprises') {
      const rows = enterpriseChunk(this.db, l.after, limit);
      for (const r of rows) {
        l.after = r[0];
        if (r[15] !== null) continue;
        const slot = this.ids.length;
        this.write(slot, r, noFlags);
        this.slotOf.set(r[1], slot);
        this.slotGeneration += 1;
      }
      if (rows.length < limit) this.loading = { phase: 'flags', after: 0 };
      return;
    }
    const rows = flagsChunk(this.db, l.after, limit);
    for (const f of rows) {
      l.after = f[0];
      const slot = this.slotOf.get(f[1]);
      if (slot !== undefined) this.writeDerived(slot, derivedOf(f));
    }
    if (rows.length < limit) {
      this.loading = null;
      this.isLoaded = true;
      this.search.invalidate();
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
    if (!this.orders.has('name')) {
      this.pendingName ??= new SteppedSort(this.liveSlots(), this.compare('name'));
      const order = this.pendingName.step();
      if (order) {
        this.orders.set('name', order);
        this.pendingName = null;
      }
      return false;
    }
    if (!this.search.isBuilt) {
      this.search.build(this.ids.length, (slot) => this.texts[slot] ?? '');
      return false;
    }
    return true;
  }

  /** Brings the entries up to date with the store (finishing the load first if needed). */
  refresh(): void {
    while (!this.isLoaded) this.loadStep(50_000);
    const dirty = dirtyEnterpriseIds(this.db);
    if (dirty.length === 0) return;
    // A name order half sorted in warm-up steps is over slots that may change now: start over.
    this.pendingName = null;
    // Many changes at once (an import, a flag recomputation): re-sorting later beats moving
    // thousands of entries one by one.
    if (dirty.length > 1_000) this.orders.clear();
    const allKeys = [...this.orders.keys()];
    for (let i = 0; i < dirty.length; i += 5_000) {
      const chunk = dirty.slice(i, i + 5_000);
      const rows = new Map(enterprisesByIds(this.db, chunk).map((r) => [r[1], r]));
      const flags = new Map(flagsByIds(this.db, chunk).map((f) => [f[1], f]));
      for (const id of chunk) {
        const row = rows.get(id);
        const slot = this.slotOf.get(id);
        if (!row || row[15] !== null) {
          if (slot === undefined) continue;
          this.removeFromOrders(slot, allKeys);
          this.alive[slot] = 0;
          this.slotOf.delete(id);
          this.free.push(slot);
          this.slotGeneration += 1;
          continue;
        }
        const derived = derivedOf(flags.get(id));
        if (slot === undefined) {
          const fresh = this.free.pop() ?? this.ids.length;
          this.write(fresh, row, derived);
          this.slotOf.set(id, fresh);
          this.slotGeneration += 1;
          this.insertIntoOrders(fresh, allKeys);
          this.search.invalidate();
          continue;
        }
        const before = this.sortKeysOf(slot);
        const textBefore = this.texts[slot];
        this.write(slot, row, derived);
        const after = this.sortKeysOf(slot);
        const moved = allKeys.filter((k) => !Object.is(before[k], after[k]));
        // Out, then back in at its new place: each order stays sorted.
        this.removeFromOrders(slot, moved);
        this.insertIntoOrders(slot, moved);
        if (textBefore !== row[5]) this.search.invalidate();
      }
    }
    clearDirtyEnterprises(this.db, dirty);
  }

  private liveSlots(): Int32Array {
    const slots: number[] = [];
    for (let s = 0; s < this.ids.length; s += 1) if (this.alive[s] === 1) slots.push(s);
    return Int32Array.from(slots);
  }

  private order(key: SortKey): Int32Array {
    let order = this.orders.get(key);
    if (!order) {
      order = this.liveSlots().sort(this.compare(key));
      this.orders.set(key, order);
      if (key === 'name') this.pendingName = null;
    }
    return order;
  }

  private matchingSlots(filter: EnterpriseFilter, sort: SortKey, direction: 'asc' | 'desc', offset: number, limit: number, work?: WorkList): { slots: number[]; total: number } {
    this.refresh();
    const test = compileFilter(this, filter, searchTermsOf(filter.query), work);
    const order = this.order(sort);
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
    return { ids: slots.map((s) => this.ids[s] as string), total };
  }

  /** page() with the list rows themselves, straight from memory. */
  pageRows(filter: EnterpriseFilter, sort: SortKey, direction: 'asc' | 'desc', offset: number, limit: number): { rows: EnterpriseRow[]; total: number } {
    const { slots, total } = this.matchingSlots(filter, sort, direction, offset, limit);
    return { rows: slots.map((s) => this.rowOf(s)), total };
  }

  /** The list row of a slot, as toEnterpriseRow (electron/main/directory/queries.ts) makes it from the store. */
  private rowOf(s: number): EnterpriseRow {
    const f = this.flags[s] as number;
    const stage = this.stage[s] as number;
    const ytd = nullable(this.ytd[s] as number);
    return {
      id: this.ids[s] as string,
      uscc: this.usccs[s] as string,
      name: this.names[s] as string,
      address: this.addresses[s] as string,
      divisionCode: this.divisions[s] as string,
      industryCode: this.industries[s] as string,
      scale: this.scale[s] === 1 ? 'above' : 'below',
      isOnlineReporter: (f & FLAG.ONLINE) !== 0,
      liaison: this.liaisonNames[s] as string,
      status: this.status[s] === 255 ? 'active' : (enterpriseStatuses[this.status[s] as number] ?? 'active'),
      stage: stage >= 1 && stage <= followUpStages.length ? (followUpStages[stage - 1] ?? null) : null,
      flags: {
        isNearThreshold: (f & FLAG.NEAR) !== 0,
        isGrowth: (f & FLAG.GROWTH) !== 0,
        isBelowThreshold: (f & FLAG.BELOW) !== 0,
        asOf: this.asOf[s] ?? null,
        ytdRevenue: ytd,
        growth: displayGrowth(ytd, nullable(this.lastYtd[s] as number)),
      },
      updatedAt: this.updated[s] as string,
    };
  }

  /** The slot of a live enterprise (no refresh: for callers that just refreshed). */
  slotIndexOf(id: string): number | undefined {
    return this.slotOf.get(id);
  }

  /** Every matching id, in name order. */
  matching(filter: EnterpriseFilter, work?: WorkList): string[] {
    return this.page(filter, 'name', 'asc', 0, Number.MAX_SAFE_INTEGER, work).ids;
  }

  /** Calls `visit` for every live enterprise matching `filter` (one StatsEntry object, refilled). */
  forEachMatching(filter: EnterpriseFilter, visit: (e: Readonly<StatsEntry>) => void): void {
    this.refresh();
    const test = compileFilter(this, filter, searchTermsOf(filter.query));
    const e: StatsEntry = { id: '', slot: 0, division: Number.NaN, divisionCode: '', industry: -1, industryCode: '', isAbove: false, isActive: false, isNearThreshold: false, isGrowth: false, stage: null };
    for (let s = 0; s < this.ids.length; s += 1) {
      if (this.alive[s] !== 1 || !test(s)) continue;
      const f = this.flags[s] as number;
      const stage = this.stage[s] as number;
      e.id = this.ids[s] as string;
      e.slot = s;
      e.division = this.division[s] as number;
      e.industry = this.industry[s] as number;
      e.divisionCode = this.divisions[s] as string;
      e.industryCode = this.industries[s] as string;
      e.isAbove = this.scale[s] === 1;
      e.isActive = this.status[s] === ACTIVE;
      e.isNearThreshold = (f & FLAG.NEAR) !== 0;
      e.isGrowth = (f & FLAG.GROWTH) !== 0;
      e.stage = stage >= 1 && stage <= followUpStages.length ? (followUpStages[stage - 1] ?? null) : null;
      visit(e);
    }
  }

  /** Matching enterprises per follow-up stage ('none' for no follow-up). */
  stageCounts(filter: EnterpriseFilter, work?: WorkList): Map<string, number> {
    this.refresh();
    const test = compileFilter(this, filter, searchTermsOf(filter.query), work);
    const counts = new Map<string, number>();
    for (let s = 0; s < this.ids.length; s += 1) {
      if (this.alive[s] !== 1 || !test(s)) continue;
      const code = this.stage[s] as number;
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
