import { create } from 'zustand';
import type { ReviewBulkResult } from '@shared/review/decide';
import type { ReviewQueue, ReviewStage } from '@shared/review/queue';
import type { AppErrorShape } from '@shared/result';
import { call } from '../../../lib/api';
import { loading, notLoaded, settled, type Loadable } from '../../../lib/loadable';
import { normaliseSearch } from '@shared/text/normalise';

// The review queue's filters, the page main answered, and the units ticked for bulk approval.
// Filters live here so coming back from a unit shows the queue as the reviewer left it.

export const QUEUE_PAGE_SIZE = 200;
const SEARCH_DEBOUNCE_MS = 200;

interface Filters {
  /** null until main has chosen the role's default stage. */
  stage: ReviewStage | null;
  areaPrefix: string;
  enumeratorId: string;
  isCleanOnly: boolean;
  query: string;
  offset: number;
}

interface QueueState extends Filters {
  queue: Loadable<ReviewQueue>;
  selected: ReadonlySet<string>;
  isBulkBusy: boolean;
  bulkResult: ReviewBulkResult | null;
  bulkError: AppErrorShape | null;
  load(): Promise<void>;
  setFilter(patch: Partial<Omit<Filters, 'offset'>>): void;
  setQuery(query: string): void;
  setPage(offset: number): void;
  toggle(id: string): void;
  setSelected(ids: readonly string[]): void;
  /** Approves (supervisor) or accepts (bureau) the ticked units, each recorded on its own. */
  bulk(decision: 'approve' | 'accept'): Promise<void>;
  dismissBulk(): void;
}

let requestNo = 0;
let searchTimer: number | undefined;

export const useQueueStore = create<QueueState>()((set, get) => ({
  stage: null,
  areaPrefix: '',
  enumeratorId: '',
  isCleanOnly: false,
  query: '',
  offset: 0,
  queue: notLoaded(),
  selected: new Set(),
  isBulkBusy: false,
  bulkResult: null,
  bulkError: null,

  async load() {
    const mine = ++requestNo;
    const { stage, areaPrefix, enumeratorId, isCleanOnly, query: typed, offset } = get();
    // Typed in full width (９１３５…) it finds what half-width finds (shared/text/normalise.ts).
    const query = normaliseSearch(typed).trim();
    set((s) => ({ queue: loading(s.queue) }));
    const result = await call('review:queue', {
      ...(stage ? { stage } : {}),
      ...(areaPrefix ? { areaPrefix } : {}),
      ...(enumeratorId ? { enumeratorId } : {}),
      ...(isCleanOnly ? { isCleanOnly } : {}),
      ...(query ? { query } : {}),
      limit: QUEUE_PAGE_SIZE,
      offset,
    });
    if (mine !== requestNo) return;
    set((s) => {
      const queue = settled(s.queue, result);
      // Ticks survive a reload only for units still on the page (a decided unit leaves it).
      const shown = new Set(queue.value?.rows.map((r) => r.id) ?? []);
      return {
        queue,
        stage: queue.value?.stage ?? s.stage,
        selected: new Set([...s.selected].filter((id) => shown.has(id))),
      };
    });
  },

  setFilter(patch) {
    const isNewStage = patch.stage !== undefined && patch.stage !== get().stage;
    set({ ...patch, offset: 0, ...(isNewStage ? { selected: new Set<string>(), enumeratorId: '' } : {}) });
    void get().load();
  },

  setQuery(query) {
    set({ query, offset: 0 });
    window.clearTimeout(searchTimer);
    searchTimer = window.setTimeout(() => void get().load(), SEARCH_DEBOUNCE_MS);
  },

  setPage(offset) {
    set({ offset: Math.max(0, offset) });
    void get().load();
  },

  toggle(id) {
    set((s) => {
      const selected = new Set(s.selected);
      if (selected.has(id)) selected.delete(id);
      else selected.add(id);
      return { selected };
    });
  },

  setSelected(ids) {
    set({ selected: new Set(ids) });
  },

  async bulk(decision) {
    const rows = get().queue.value?.rows ?? [];
    const units = rows.filter((r) => get().selected.has(r.id)).map((r) => ({ unitId: r.id, version: r.version }));
    if (units.length === 0 || get().isBulkBusy) return;
    set({ isBulkBusy: true, bulkError: null, bulkResult: null });
    const result = await call('review:bulkApprove', { decision, units });
    set(result.ok ? { bulkResult: result.value, isBulkBusy: false, selected: new Set() } : { bulkError: result.error, isBulkBusy: false });
    await get().load();
  },

  dismissBulk() {
    set({ bulkResult: null, bulkError: null });
  },
}));
