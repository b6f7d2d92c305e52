import { create } from 'zustand';
import type { IndicatorKey } from '@shared/ledger/indicators';
import type { LedgerFigureProblem } from '@shared/ledger/indicator-values';
import type { LedgerYearView, MonthValues } from '@shared/ledger/wire';
import type { AppErrorShape } from '@shared/result';
import { call } from '../../lib/api';
import { loading, notLoaded, settled, type Loadable } from '../../lib/loadable';

// The ledger year on screen and the save state of each cell. Every committed cell is saved at
// once (autosave per cell) through ledger:saveCells with the value the user saw as `from`, so
// a figure changed meanwhile on another device comes back as CONFLICT instead of being
// overwritten. Saves run one after another: each answer is the whole year, and an older
// answer must never replace a newer one.

export type CellKey = `${number}.${IndicatorKey}`;
export const cellKey = (month: number, indicator: IndicatorKey): CellKey => `${month}.${indicator}`;

export type CellState =
  | { status: 'saving'; text: string }
  | { status: 'saved' }
  | { status: 'error'; error: AppErrorShape; text: string }
  | { status: 'invalid'; text: string; reason: LedgerFigureProblem };

export interface BlockCell {
  month: number;
  indicator: IndicatorKey;
  from?: number | null;
  to: number | null;
  /** What the user gave for the cell (shown while it saves or if it fails). */
  text: string;
}

interface LedgerState {
  enterpriseId: string | null;
  year: number;
  view: Loadable<LedgerYearView>;
  cells: Partial<Record<CellKey, CellState>>;
  open(enterpriseId: string, year: number): Promise<void>;
  reload(): Promise<void>;
  /** Saves one cell's typed value (already parsed); null clears it. */
  /** `reason`: why a signed month's figure changes (main refuses such a change without one). */
  saveCell(month: number, indicator: IndicatorKey, value: number | null, text: string, reason?: string): Promise<void>;
  /**
   * Saves many cells as one change (a paste, or taking one back): one ledger:saveCells call, so
   * main writes them in one transaction with one trace row, or none of them. `from` defaults to
   * the stored value when the save runs. Resolves to the error, or null when saved.
   */
  saveBlock(cells: readonly BlockCell[], reason?: string): Promise<AppErrorShape | null>;
  markInvalid(month: number, indicator: IndicatorKey, text: string, reason: LedgerFigureProblem): void;
  clearCellState(month: number, indicator: IndicatorKey): void;
  /** Replaces the view with one main answered elsewhere (annual figures, evidence). */
  setView(view: LedgerYearView): void;
  /** A change of signed months waiting for the user's reason (the grid shows the question). */
  reasonRequest: { months: number[]; change: string; resolve(reason: string | null): void } | null;
  /**
   * Asks why signed `months` change (shared/ledger/signoff.ts): the stated reason, or null when
   * the user decides not to change them. Months not signed need no reason: resolves '' at once.
   */
  askReason(months: readonly number[], change: string): Promise<string | null>;
}

/** The months among `months` with a signature, in order. */
export function signedMonths(view: LedgerYearView | null, months: readonly number[]): number[] {
  return [...new Set(months)].filter((m) => (view?.signoffs[m - 1]?.state ?? 'unsigned') !== 'unsigned').sort((a, b) => a - b);
}

/** The stored value of a cell in a view (null when not entered). */
export function storedValue(view: LedgerYearView | null, month: number, indicator: IndicatorKey): number | null {
  const values: MonthValues | undefined = view?.months[month - 1];
  return values?.[indicator] ?? null;
}

let queue: Promise<void> = Promise.resolve();

export const useLedger = create<LedgerState>()((set, get) => ({
  enterpriseId: null,
  year: new Date().getFullYear(),
  view: notLoaded(),
  cells: {},
  reasonRequest: null,

  askReason(months, change) {
    const signed = signedMonths(get().view.value, months);
    if (signed.length === 0) return Promise.resolve('');
    get().reasonRequest?.resolve(null);
    return new Promise((resolve) => {
      set({
        reasonRequest: {
          months: signed,
          change,
          resolve: (reason) => {
            set({ reasonRequest: null });
            resolve(reason);
          },
        },
      });
    });
  },

  async open(enterpriseId, year) {
    const isSame = get().enterpriseId === enterpriseId && get().year === year;
    set({ enterpriseId, year, cells: isSame ? get().cells : {}, view: isSame ? get().view : notLoaded() });
    await get().reload();
  },

  async reload() {
    const { enterpriseId, year } = get();
    if (!enterpriseId) return;
    set((s) => ({ view: loading(s.view) }));
    const result = await call('ledger:getYear', { enterpriseId, year });
    if (get().enterpriseId === enterpriseId && get().year === year) set((s) => ({ view: settled(s.view, result) }));
  },

  saveCell(month, indicator, value, text, reason) {
    const key = cellKey(month, indicator);
    const { enterpriseId, year } = get();
    if (!enterpriseId) return Promise.resolve();
    set((s) => ({ cells: { ...s.cells, [key]: { status: 'saving', text } } }));
    const run = async () => {
      // Read `from` when this save runs, after the saves queued before it have landed.
      const from = storedValue(get().view.value, month, indicator);
      if (from === value) {
        set((s) => ({ cells: { ...s.cells, [key]: { status: 'saved' } } }));
        return;
      }
      const result = await call('ledger:saveCells', { enterpriseId, year, cells: [{ month, indicator, from, to: value }], ...(reason ? { reason } : {}) });
      if (get().enterpriseId !== enterpriseId || get().year !== year) return;
      if (result.ok) {
        set((s) => ({ view: { value: result.value, error: null, isLoading: false }, cells: { ...s.cells, [key]: { status: 'saved' } } }));
      } else {
        set((s) => ({ cells: { ...s.cells, [key]: { status: 'error', error: result.error, text } } }));
        // A conflict means the stored year moved on: show what is stored now beside the error.
        if (result.error.code === 'CONFLICT') void get().reload();
      }
    };
    queue = queue.then(run, run);
    return queue;
  },

  saveBlock(block, reason) {
    const { enterpriseId, year } = get();
    if (!enterpriseId || block.length === 0) return Promise.resolve(null);
    const keys = block.map((c) => cellKey(c.month, c.indicator));
    set((s) => {
      const cells = { ...s.cells };
      for (const c of block) cells[cellKey(c.month, c.indicator)] = { status: 'saving', text: c.text };
      return { cells };
    });
    let outcome: AppErrorShape | null = null;
    const run = async () => {
      const view = get().view.value;
      const edits = block.map((c) => ({
        month: c.month,
        indicator: c.indicator,
        from: c.from === undefined ? storedValue(view, c.month, c.indicator) : c.from,
        to: c.to,
      }));
      const result = await call('ledger:saveCells', { enterpriseId, year, cells: edits, ...(reason ? { reason } : {}) });
      if (get().enterpriseId !== enterpriseId || get().year !== year) return;
      if (result.ok) {
        set((s) => {
          const cells = { ...s.cells };
          for (const key of keys) cells[key] = { status: 'saved' };
          return { view: { value: result.value, error: null, isLoading: false }, cells };
        });
        return;
      }
      outcome = result.error;
      set((s) => {
        const cells = { ...s.cells };
        for (const c of block) cells[cellKey(c.month, c.indicator)] = { status: 'error', error: result.error, text: c.text };
        return { cells };
      });
      if (result.error.code === 'CONFLICT') void get().reload();
    };
    queue = queue.then(run, run);
    return queue.then(() => outcome);
  },

  markInvalid(month, indicator, text, reason) {
    set((s) => ({ cells: { ...s.cells, [cellKey(month, indicator)]: { status: 'invalid', text, reason } } }));
  },

  clearCellState(month, indicator) {
    const key = cellKey(month, indicator);
    set((s) => {
      const cells = { ...s.cells };
      delete cells[key];
      return { cells };
    });
  },

  setView(view) {
    if (view.enterpriseId === get().enterpriseId && view.year === get().year) set({ view: { value: view, error: null, isLoading: false } });
  },
}));
