import { create } from 'zustand';
import type { EnterpriseFilter, EnterpriseRow, EnterpriseStatus, Scale, UnitKind, enterpriseSortFields } from '@shared/directory/directory';
import { call } from '../../../lib/api';
import { PageCache } from './page-cache';
import { normaliseSearch } from '@shared/text/normalise';

// The directory list's filters. They live in a store (not in the page) so coming back from an
// enterprise shows the list as the user left it, scrolled where it was. The search box
// answers at once on screen; the query reaches main after a short pause in typing.

export const SEARCH_DEBOUNCE_MS = 150;
/** Rows per enterprises:list call: a few screens of the table. */
export const WINDOW_PAGE_SIZE = 200;

export type SortField = (typeof enterpriseSortFields)[number];

export interface DirectoryFilters {
  query: string;
  /** 9-digit township code, or '' for all. */
  township: string;
  /** Section letter or 2-digit division, or ''. */
  industry: string;
  scale: Scale | '';
  liaison: string;
  isNearThreshold: boolean;
  /** 达标. */
  isReached: boolean;
  isGrowth: boolean;
  statuses: EnterpriseStatus[];
  unitKinds: UnitKind[];
}

export const emptyFilters: DirectoryFilters = {
  query: '',
  township: '',
  industry: '',
  scale: '',
  liaison: '',
  isNearThreshold: false,
  isReached: false,
  isGrowth: false,
  statuses: [],
  unitKinds: [],
};

/** The wire filter for the current choices (also what export and the draw use). */
export function toEnterpriseFilter(f: DirectoryFilters): EnterpriseFilter {
  // Typed in full width (９１３５…) it finds what half-width finds (shared/text/normalise.ts).
  const query = normaliseSearch(f.query).trim();
  const liaison = f.liaison.trim();
  return {
    ...(query ? { query } : {}),
    ...(f.township ? { divisionPrefix: f.township } : {}),
    ...(f.industry ? { industry: f.industry } : {}),
    ...(f.scale ? { scale: f.scale } : {}),
    ...(liaison ? { liaison } : {}),
    ...(f.isNearThreshold ? { isNearThreshold: true } : {}),
    ...(f.isReached ? { isReached: true } : {}),
    ...(f.unitKinds.length > 0 ? { unitKinds: f.unitKinds } : {}),
    ...(f.isGrowth ? { isGrowth: true } : {}),
    ...(f.statuses.length > 0 ? { statuses: f.statuses } : {}),
  };
}

export const hasAnyFilter = (f: DirectoryFilters): boolean => Object.keys(toEnterpriseFilter(f)).length > 0;

interface ListState {
  /** What the inputs show. */
  filters: DirectoryFilters;
  /** What the table shows (the search text lags by the debounce). */
  applied: DirectoryFilters;
  sort: SortField;
  direction: 'asc' | 'desc';
  /** The table's scroll position, restored when the list is shown again. */
  scrollTop: number;
  cache: PageCache<EnterpriseRow>;
  /** Points the cache at the applied filters (keeps pages when nothing changed). */
  apply(force?: boolean): void;
  setFilter<K extends keyof DirectoryFilters>(key: K, value: DirectoryFilters[K]): void;
  toggleStatus(status: EnterpriseStatus): void;
  clearFilters(): void;
  setSort(field: SortField): void;
  setScrollTop(top: number): void;
}

let searchTimer: number | undefined;

export const useDirectoryList = create<ListState>()((set, get) => ({
  filters: emptyFilters,
  applied: emptyFilters,
  sort: 'name',
  direction: 'asc',
  scrollTop: 0,
  cache: new PageCache<EnterpriseRow>(WINDOW_PAGE_SIZE),

  apply(force = false) {
    const { applied, sort, direction, cache } = get();
    const filter = toEnterpriseFilter(applied);
    const key = JSON.stringify([filter, sort, direction]);
    cache.setQuery(key, (offset, limit) => call('enterprises:list', { ...filter, sort, direction, offset, limit }), force);
  },

  setFilter(key, value) {
    const filters = { ...get().filters, [key]: value };
    set({ filters });
    window.clearTimeout(searchTimer);
    const commit = () => {
      set({ applied: get().filters, scrollTop: 0 });
      get().apply();
    };
    // Typing is debounced; a chosen option applies at once.
    if (key === 'query' || key === 'liaison') searchTimer = window.setTimeout(commit, SEARCH_DEBOUNCE_MS);
    else commit();
  },

  toggleStatus(status) {
    const current = get().filters.statuses;
    get().setFilter('statuses', current.includes(status) ? current.filter((s) => s !== status) : [...current, status]);
  },

  clearFilters() {
    window.clearTimeout(searchTimer);
    set({ filters: emptyFilters, applied: emptyFilters, scrollTop: 0 });
    get().apply();
  },

  setSort(field) {
    const { sort, direction } = get();
    set({ sort: field, direction: sort === field && direction === 'asc' ? 'desc' : 'asc', scrollTop: 0 });
    get().apply();
  },

  setScrollTop(top) {
    set({ scrollTop: top });
  },
}));
