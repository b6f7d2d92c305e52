import { create } from 'zustand';
import type { IndicatorKey } from '../../../../../../shared/ledger/indicators';
import type { LedgerYearView, MonthValues } from '../../../../../../shared/ledger/wire';
import type { AppErrorShape } from '../../../../../../shared/result';
import { call } from '../../../../lib/api';
import { loading, notLoaded, settled, type Loadable } from '../../../../lib/loadable';

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
  | { status: 'invalid'; text: string };

interface LedgerState {
  enterpriseId: string | null;
  year: number;
  view: Loadable<LedgerYearView>;
  cells: Partial<Record<CellKey, CellState>>;
  open(enterpriseId: string, year: number): Promise<void>;
  reload(): Promise<void>;
  /** Saves one cell's typed value (already parsed); null clears it. */
  saveCell(month: number, indicator: IndicatorKey, value: number | null, text: string): Promise<void>;
  markInvalid(month: number, indicator: IndicatorKey, text: string): void;
  clearCellState(month: number, indicator: IndicatorKey): void;
  /** Replaces the view with one main answered elsewhere (annual figures, evidence). */
  setView(view: LedgerYearView): void;
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

  saveCell(month, indicator, value, text) {
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
      const result = await call('ledger:saveCells', { enterpriseId, year, cells: [{ month, indicator, from, to: value }] });
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

  markInvalid(month, indicator, text) {
    set((s) => ({ cells: { ...s.cells, [cellKey(month, indicator)]: { status: 'invalid', text } } }));
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
