import { eq, inArray, isNull, sql } from 'drizzle-orm';
import type { AppDatabase } from '../../../db/open';
import { searchTermsOf, sectionRanges } from '../../../db/queries/directory';
import { enterpriseFlags, enterprises } from '../../../db/schema';
import { enterpriseStatuses, followUpStages, type EnterpriseFilter } from '../../../shared/directory';
import { SearchText } from './directory-index-text';

// The directory's lists, filters and search, answered from memory (issue 5). At 100,000
// enterprises every SQL formulation we measured spent 25–150 ms per query decrypting and
// decoding rows or index entries; the same filter over compact typed arrays takes a few
// milliseconds. Entries live in slots (column arrays, one element per enterprise); each sort
// order is a permutation of slots, built on first use and kept sorted through changes.
// Before each query the index re-reads only the rows that triggers listed in
// enterprise_dirty (migration 0006), so no write path — services, import, sync, flag
// recomputation — can leave it stale. One index per store (indexFor): it consumes that list.

export type SortKey = 'name' | 'uscc' | 'divisionCode' | 'industryCode' | 'ytdRevenue' | 'updatedAt' | 'candidate';

/** Work-list selections beyond the filter (OR within candidates). */
export type WorkList = { kind: 'candidates'; near: boolean; growth: boolean; followed: boolean } | { kind: 'exits' };

const columns = {
  id: enterprises.id,
  name: enterprises.name,
  uscc: enterprises.uscc,
  searchText: enterprises.searchText,
  divisionCode: enterprises.divisionCode,
  industryCode: enterprises.industryCode,
  scale: enterprises.scale,
  status: enterprises.status,
  liaison: enterprises.liaison,
  stage: enterprises.stage,
  isOnlineReporter: enterprises.isOnlineReporter,
  updatedAt: enterprises.updatedAt,
  hasQualification: enterprises.hasQualification,
  isNearThreshold: enterpriseFlags.isNearThreshold,
  isGrowth: enterpriseFlags.isGrowth,
  isBelowThreshold: enterpriseFlags.isBelowThreshold,
  flagsAsOf: enterpriseFlags.asOf,
  ytdRevenue: enterpriseFlags.ytdRevenue,
  lastYtdRevenue: enterpriseFlags.lastYtdRevenue,
  ytdMonths: enterpriseFlags.ytdMonths,
  lastYtdMonths: enterpriseFlags.lastYtdMonths,
};
/** A row as read (flags null when the enterprise has no enterprise_flags row yet). */
interface Row {
  id: string;
  name: string;
  uscc: string;
  searchText: string;
  divisionCode: string;
  industryCode: string;
  scale: string;
  status: string;
  liaison: string;
  stage: string | null;
  isOnlineReporter: boolean;
  updatedAt: string;
  hasQualification: boolean;
  isNearThreshold: boolean | null;
  isGrowth: boolean | null;
  isBelowThreshold: boolean | null;
  flagsAsOf: string | null;
  ytdRevenue: number | null;
  lastYtdRevenue: number | null;
  ytdMonths: number | null;
  lastYtdMonths: number | null;
}

const withDefaults = (r: Row): Derived => ({
  isNearThreshold: r.isNearThreshold ?? false,
  isGrowth: r.isGrowth ?? false,
  isBelowThreshold: r.isBelowThreshold ?? false,
  flagsAsOf: r.flagsAsOf,
  ytdRevenue: r.ytdRevenue,
  lastYtdRevenue: r.lastYtdRevenue,
  ytdMonths: r.ytdMonths ?? 0,
  lastYtdMonths: r.lastYtdMonths ?? 0,
});

const NEAR = 1;
const GROWTH = 2;
const ONLINE = 4;
const BELOW = 8;
const QUALIFIED = 16;

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
const stageCode = (s: string | null): number => (s === null ? 0 : followUpStages.indexOf(s as (typeof followUpStages)[number]) + 1 || 255);
const statusCode = (s: string): number => {
  const i = enterpriseStatuses.indexOf(s as (typeof enterpriseStatuses)[number]);
  return i < 0 ? 255 : i;
};
const numeric = (s: string, digits: number): number => (s.length === digits && /^\d+$/.test(s) ? Number(s) : Number.NaN);
// Code-unit order, as SQLite's BINARY collation orders the BMP text these columns hold.
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function grow<T extends Float64Array | Int32Array | Uint8Array>(a: T, size: number): T {
  if (a.length >= size) return a;
  const next = new (a.constructor as new (n: number) => T)(Math.max(size, a.length * 2, 1024));
  next.set(a);
  return next;
}

export class DirectoryIndex {
  private slotOf = new Map<string, number>();
  private ids: string[] = [];
  private names: string[] = [];
  private usccs: string[] = [];
  private updated: string[] = [];
  private divisions: string[] = [];
  private industries: string[] = [];
  private texts: string[] = [];
  private alive = new Uint8Array(0);
  private division = new Float64Array(0);
  private industry = new Int32Array(0);
  private scale = new Uint8Array(0);
  private status = new Uint8Array(0);
  private stage = new Uint8Array(0);
  private flags = new Uint8Array(0);
  private liaison = new Int32Array(0);
  private ytd = new Float64Array(0);
  private lastYtd = new Float64Array(0);
  private months = new Uint8Array(0);
  private lastMonths = new Uint8Array(0);
  private statuses: string[] = [];
  private asOf: (string | null)[] = [];
  private liaisonIds = new Map<string, number>();
  private free: number[] = [];
  private orders = new Map<SortKey, Int32Array>();
  private readonly search = new SearchText();
  private isLoaded = false;

  constructor(private readonly db: AppDatabase) {}

  private compare(key: SortKey): (a: number, b: number) => number {
    const tie = (a: number, b: number) => byText(this.ids[a] ?? '', this.ids[b] ?? '');
    if (key === 'candidate') {
      // Open follow-ups (候选, 培育中, 已申报) first, then the largest revenue, then by name.
      const isOpen = (s: number) => ((this.stage[s] as number) >= 1 && (this.stage[s] as number) <= 3 ? 1 : 0);
      const v = (s: number) => (Number.isNaN(this.ytd[s] ?? Number.NaN) ? -Infinity : (this.ytd[s] as number));
      return (a, b) => isOpen(b) - isOpen(a) || v(b) - v(a) || byText(this.names[a] ?? '', this.names[b] ?? '') || tie(a, b);
    }
    if (key === 'ytdRevenue') {
      // Nulls first, as SQLite sorts them ascending.
      const v = (s: number) => (Number.isNaN(this.ytd[s] ?? Number.NaN) ? -Infinity : (this.ytd[s] as number));
      return (a, b) => v(a) - v(b) || tie(a, b);
    }
    const col = { name: this.names, uscc: this.usccs, divisionCode: this.divisions, industryCode: this.industries, updatedAt: this.updated }[key];
    return (a, b) => byText(col[a] ?? '', col[b] ?? '') || tie(a, b);
  }

  private liaisonId(name: string): number {
    let id = this.liaisonIds.get(name);
    if (id === undefined) this.liaisonIds.set(name, (id = this.liaisonIds.size));
    return id;
  }

  private write(slot: number, r: Row): void {
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
    this.ids[slot] = r.id;
    this.statuses[slot] = r.status;
    this.names[slot] = r.name;
    this.usccs[slot] = r.uscc;
    this.updated[slot] = r.updatedAt;
    this.divisions[slot] = r.divisionCode;
    this.industries[slot] = r.industryCode;
    this.texts[slot] = r.searchText;
    this.alive[slot] = 1;
    this.division[slot] = numeric(r.divisionCode, 12);
    const ind = numeric(r.industryCode, 4);
    this.industry[slot] = Number.isNaN(ind) ? -1 : ind;
    this.scale[slot] = r.scale === 'above' ? 1 : 0;
    this.status[slot] = statusCode(r.status);
    this.stage[slot] = stageCode(r.stage);
    this.flags[slot] =
      (r.isNearThreshold ? NEAR : 0) | (r.isGrowth ? GROWTH : 0) | (r.isOnlineReporter ? ONLINE : 0) | (r.isBelowThreshold ? BELOW : 0) | (r.hasQualification ? QUALIFIED : 0);
    this.liaison[slot] = this.liaisonId(r.liaison);
    this.writeDerived(slot, withDefaults(r));
  }

  private writeDerived(slot: number, d: Derived): void {
    const keep = (this.flags[slot] as number) & (ONLINE | QUALIFIED);
    this.flags[slot] = keep | (d.isNearThreshold ? NEAR : 0) | (d.isGrowth ? GROWTH : 0) | (d.isBelowThreshold ? BELOW : 0);
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
    const nullable = (v: number) => (Number.isNaN(v) ? null : v);
    for (let s = 0; s < this.ids.length; s += 1) {
      if (this.alive[s] !== 1) continue;
      const f = this.flags[s] as number;
      out.push({
        id: this.ids[s] as string,
        industryCode: this.industries[s] as string,
        scale: this.scale[s] === 1 ? 'above' : 'below',
        status: this.statuses[s] as string,
        hasQualification: (f & QUALIFIED) !== 0,
        isNearThreshold: (f & NEAR) !== 0,
        isGrowth: (f & GROWTH) !== 0,
        isBelowThreshold: (f & BELOW) !== 0,
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
    const ids = changes.map((c) => c.id);
    for (let i = 0; i < ids.length; i += 5_000) {
      this.db.run(sql`DELETE FROM enterprise_dirty WHERE id IN (SELECT value FROM json_each(${JSON.stringify(ids.slice(i, i + 5_000))}))`);
    }
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

  private load(): void {
    this.db.transaction((tx) => {
      const rows = tx
        .select(columns)
        .from(enterprises)
        .leftJoin(enterpriseFlags, eq(enterpriseFlags.enterpriseId, enterprises.id))
        .where(isNull(enterprises.deletedAt))
        .all();
      rows.forEach((r, slot) => {
        this.write(slot, r);
        this.slotOf.set(r.id, slot);
      });
      tx.run(sql`DELETE FROM enterprise_dirty`);
    });
    this.search.invalidate();
    this.isLoaded = true;
  }

  /** Brings the entries up to date with the store (a full load the first time). */
  refresh(): void {
    if (!this.isLoaded) return this.load();
    const dirty = this.db.all<{ id: string }>(sql`SELECT id FROM enterprise_dirty`).map((r) => r.id);
    if (dirty.length === 0) return;
    // Many changes at once (an import, a flag recomputation): re-sorting later beats moving
    // thousands of entries one by one.
    if (dirty.length > 1_000) this.orders.clear();
    const allKeys = [...this.orders.keys()];
    for (let i = 0; i < dirty.length; i += 500) {
      const chunk = dirty.slice(i, i + 500);
      const rows = new Map(
        this.db
          .select({ ...columns, deletedAt: enterprises.deletedAt })
          .from(enterprises)
          .leftJoin(enterpriseFlags, eq(enterpriseFlags.enterpriseId, enterprises.id))
          .where(inArray(enterprises.id, chunk))
          .all()
          .map((r) => [r.id, r]),
      );
      for (const id of chunk) {
        const row = rows.get(id);
        const slot = this.slotOf.get(id);
        if (!row || row.deletedAt !== null) {
          if (slot === undefined) continue;
          this.removeFromOrders(slot, allKeys);
          this.alive[slot] = 0;
          this.slotOf.delete(id);
          this.free.push(slot);
          continue;
        }
        if (slot === undefined) {
          const fresh = this.free.pop() ?? this.ids.length;
          this.write(fresh, row);
          this.slotOf.set(id, fresh);
          this.insertIntoOrders(fresh, allKeys);
          this.search.invalidate();
          continue;
        }
        const before = this.sortKeysOf(slot);
        const textBefore = this.texts[slot];
        this.write(slot, row);
        const after = this.sortKeysOf(slot);
        const moved = allKeys.filter((k) => !Object.is(before[k], after[k]));
        // Out, then back in at its new place: each order stays sorted.
        this.removeFromOrders(slot, moved);
        this.insertIntoOrders(slot, moved);
        if (textBefore !== row.searchText) this.search.invalidate();
      }
    }
    this.db.run(sql`DELETE FROM enterprise_dirty WHERE id IN (SELECT value FROM json_each(${JSON.stringify(dirty)}))`);
  }

  private order(key: SortKey): Int32Array {
    let order = this.orders.get(key);
    if (!order) {
      const slots: number[] = [];
      for (let s = 0; s < this.ids.length; s += 1) if (this.alive[s] === 1) slots.push(s);
      order = Int32Array.from(slots.sort(this.compare(key)));
      this.orders.set(key, order);
    }
    return order;
  }

  /** A compiled filter over slots: the typed-array tests first, the text search last. */
  private compile(f: EnterpriseFilter, work?: WorkList): (slot: number) => boolean {
    const tests: ((s: number) => boolean)[] = [];
    if (work?.kind === 'candidates') {
      const mask = (work.near ? NEAR : 0) | (work.growth ? GROWTH : 0);
      tests.push((s) => ((this.flags[s] as number) & mask) !== 0 || (work.followed && this.stage[s] !== 0));
    } else if (work?.kind === 'exits') {
      // 规上 enterprises no longer active, or fallen below their threshold.
      const active = statusCode('active');
      tests.push((s) => this.scale[s] === 1 && (this.status[s] !== active || ((this.flags[s] as number) & BELOW) !== 0));
    }
    if (f.divisionPrefix) {
      const scale = 10 ** (12 - f.divisionPrefix.length);
      const lo = Number(f.divisionPrefix) * scale;
      const hi = lo + scale;
      tests.push((s) => (this.division[s] as number) >= lo && (this.division[s] as number) < hi);
    }
    if (f.industry) {
      let lo = 0;
      let hi = 0;
      if (/^[A-T]$/.test(f.industry)) {
        const range = sectionRanges.get(f.industry);
        if (range) [lo, hi] = [Number(range[0]) * 100, Number(range[1]) * 100];
      } else {
        const scale = 10 ** (4 - f.industry.length);
        [lo, hi] = [Number(f.industry) * scale, (Number(f.industry) + 1) * scale];
      }
      tests.push((s) => (this.industry[s] as number) >= lo && (this.industry[s] as number) < hi);
    }
    if (f.scale) {
      const want = f.scale === 'above' ? 1 : 0;
      tests.push((s) => this.scale[s] === want);
    }
    const flagTest = (bit: number, want: boolean | undefined) => {
      if (want !== undefined) tests.push((s) => (((this.flags[s] as number) & bit) !== 0) === want);
    };
    flagTest(NEAR, f.isNearThreshold);
    flagTest(GROWTH, f.isGrowth);
    flagTest(ONLINE, f.isOnlineReporter);
    if (f.liaison !== undefined) {
      const id = this.liaisonIds.get(f.liaison) ?? -2;
      tests.push((s) => this.liaison[s] === id);
    }
    if (f.statuses && f.statuses.length > 0) {
      const allowed = new Set(f.statuses.map(statusCode));
      tests.push((s) => allowed.has(this.status[s] as number));
    }
    if (f.stages && f.stages.length > 0) {
      const allowed = new Set(f.stages.map((st) => (st === 'none' ? 0 : stageCode(st))));
      tests.push((s) => allowed.has(this.stage[s] as number));
    }
    const terms = searchTermsOf(f.query);
    if (terms.length > 0) {
      const hits = this.search.matching(terms, this.ids.length, (slot) => this.texts[slot] ?? '');
      tests.push((s) => hits[s] === 1);
    }
    return (s) => {
      for (const t of tests) if (!t(s)) return false;
      return true;
    };
  }

  /** One page of ids in the given order, and how many entries match in all. */
  page(filter: EnterpriseFilter, sort: SortKey, direction: 'asc' | 'desc', offset: number, limit: number, work?: WorkList): { ids: string[]; total: number } {
    this.refresh();
    const test = this.compile(filter, work);
    const order = this.order(sort);
    const ids: string[] = [];
    let total = 0;
    const n = order.length;
    for (let i = 0; i < n; i += 1) {
      const slot = order[direction === 'asc' ? i : n - 1 - i] as number;
      if (!test(slot)) continue;
      if (total >= offset && ids.length < limit) ids.push(this.ids[slot] as string);
      total += 1;
    }
    return { ids, total };
  }

  /** Every matching id, in name order. */
  matching(filter: EnterpriseFilter, work?: WorkList): string[] {
    return this.page(filter, 'name', 'asc', 0, Number.MAX_SAFE_INTEGER, work).ids;
  }

  /** Matching enterprises per follow-up stage ('none' for no follow-up). */
  stageCounts(filter: EnterpriseFilter, work?: WorkList): Map<string, number> {
    this.refresh();
    const test = this.compile(filter, work);
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
