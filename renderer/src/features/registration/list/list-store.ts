import { create } from 'zustand';
import { UnitSort, type UnitList } from '@shared/registration/registration';
import type { UnitStatus } from '@shared/registration/units';
import { call } from '../../../lib/api';
import { loading, notLoaded, settled, type Loadable } from '../../../lib/loadable';
import { normaliseSearch } from '@shared/text/normalise';

// The unit list's filters and the page main answered with. Filters live here (not in the
// page) so coming back from a unit shows the list as the enumerator left it.

export const SEARCH_DEBOUNCE_MS = 150;
export const PAGE_SIZE = 200;

interface Filters {
  areaPrefix: string;
  statuses: UnitStatus[];
  query: string;
}

interface ListState extends Filters {
  /** The column the list is sorted by; null: 普查小区 then name. */
  sort: UnitSort | null;
  list: Loadable<UnitList>;
  /** First row of the page shown. */
  offset: number;
  load(): Promise<void>;
  setQuery(query: string): void;
  toggleStatus(status: UnitStatus): void;
  clearStatuses(): void;
  setArea(areaPrefix: string): void;
  setPage(offset: number): void;
  /** Sorts by a column: ascending first, a second click descending. */
  setSort(field: UnitSortField): void;
}

type UnitSortField = UnitSort['field'];

// The sort outlives a reload of the window but not the session (sessionStorage), so each
// working day starts in the usual order.
const SORT_KEY = 'census.unitList.sort';

function storedSort(): UnitSort | null {
  try {
    const parsed = UnitSort.safeParse(JSON.parse(window.sessionStorage.getItem(SORT_KEY) ?? 'null'));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function keepSort(sort: UnitSort): void {
  try {
    window.sessionStorage.setItem(SORT_KEY, JSON.stringify(sort));
  } catch {
    // Storage refused (a locked-down profile): the sort still holds until the window closes.
  }
}

let searchTimer: number | undefined;
/** Answers arrive in any order; only the newest request may replace the list. */
let requestNo = 0;

export const useUnitList = create<ListState>()((set, get) => ({
  areaPrefix: '',
  statuses: [],
  query: '',
  offset: 0,
  sort: storedSort(),
  list: notLoaded(),

  async load() {
    const mine = ++requestNo;
    const { areaPrefix, statuses, query: typed, offset, sort } = get();
    // Typed in full width (９１３５…) it finds what half-width finds (shared/text/normalise.ts).
    const query = normaliseSearch(typed).trim();
    set((s) => ({ list: loading(s.list) }));
    const result = await call('units:list', {
      ...(areaPrefix ? { areaPrefix } : {}),
      ...(statuses.length > 0 ? { statuses } : {}),
      ...(query ? { query } : {}),
      ...(sort ? { sort } : {}),
      limit: PAGE_SIZE,
      offset,
    });
    if (mine === requestNo) set((s) => ({ list: settled(s.list, result) }));
  },

  setQuery(query) {
    set({ query, offset: 0 });
    window.clearTimeout(searchTimer);
    searchTimer = window.setTimeout(() => void get().load(), SEARCH_DEBOUNCE_MS);
  },

  toggleStatus(status) {
    set((s) => ({
      statuses: s.statuses.includes(status) ? s.statuses.filter((x) => x !== status) : [...s.statuses, status],
      offset: 0,
    }));
    void get().load();
  },

  clearStatuses() {
    set({ statuses: [], offset: 0 });
    void get().load();
  },

  setArea(areaPrefix) {
    set({ areaPrefix, offset: 0 });
    void get().load();
  },

  setPage(offset) {
    set({ offset: Math.max(0, offset) });
    void get().load();
  },

  setSort(field) {
    const current = get().sort;
    const sort: UnitSort = { field, direction: current?.field === field && current.direction === 'asc' ? 'desc' : 'asc' };
    keepSort(sort);
    set({ sort, offset: 0 });
    void get().load();
  },
}));
