import { useEffect, type ClipboardEvent, type KeyboardEvent, type MouseEvent } from 'react';
import { create } from 'zustand';
import { indicatorDef, type IndicatorDef, type IndicatorKey } from '@shared/ledger/indicators';
import type { LedgerYearView } from '@shared/ledger/wire';
import type { AppErrorShape } from '@shared/result';
import { formatIndicatorValue } from '@shared/ledger/indicator-values';
import { copyText, inRect, planPaste, rectOf, type GridRect, type PastePlan } from '@shared/ledger/clipboard';
import { cellKey, storedValue, useLedger } from './ledger-store';

// The ledger grid's range selection and clipboard, hooked onto the grid's table: a range by
// mouse drag, Shift+click or Shift+arrows (the focused cell stays where it is, as in a
// spreadsheet), Ctrl+A for the whole year; Ctrl+C copies the range (or the focused cell) as
// TSV; Ctrl+V pastes a TSV block from the focused cell or the range's corner
// (shared/ledger/clipboard.ts decides what it writes); Ctrl+Z takes the last paste back.
// Typing in a cell or clicking another one ends the range, as it would in a spreadsheet.

interface Pos {
  row: number;
  col: number;
}

export type ClipboardNotice =
  | { kind: 'pasted'; count: number; cleared: number; start: Pos; rows: number; cols: number }
  | { kind: 'same' }
  | { kind: 'misfit'; rows: number; cols: number; start: Pos }
  | { kind: 'invalid'; bad: Extract<PastePlan, { kind: 'invalid' }>['bad'] }
  | { kind: 'copied'; rows: number; cols: number }
  | { kind: 'undone'; count: number }
  /** The focused cell holds typed text not yet saved: a block pasted now would race it. */
  | { kind: 'editing' }
  | { kind: 'failed'; error: AppErrorShape };

interface LastPaste {
  /** enterpriseId:year the paste wrote to. */
  scope: string;
  cells: { month: number; indicator: IndicatorKey; before: number | null; after: number | null }[];
}

interface SelectionState {
  scope: string | null;
  anchor: Pos | null;
  end: Pos | null;
  isDragging: boolean;
  notice: ClipboardNotice | null;
  lastPaste: LastPaste | null;
  /** Cells a refused paste marked, cleared when the notice goes or the next paste lands. */
  marked: { month: number; indicator: IndicatorKey }[];
}

export const useLedgerSelection = create<SelectionState>()(() => ({
  scope: null,
  anchor: null,
  end: null,
  isDragging: false,
  notice: null,
  lastPaste: null,
  marked: [],
}));

const set = useLedgerSelection.setState;
const get = useLedgerSelection.getState;

/** The selected range; null when it is one cell or none. */
export function selectedRect(s: Pick<SelectionState, 'anchor' | 'end'>): GridRect | null {
  if (!s.anchor || !s.end) return null;
  const r = rectOf(s.anchor, s.end);
  return r.top === r.bottom && r.left === r.right ? null : r;
}

export function clearSelection(): void {
  if (get().anchor || get().end) set({ anchor: null, end: null, isDragging: false });
}

/** Takes back the marks of a refused paste, and its notice. */
export function dismissNotice(): void {
  const { marked } = get();
  const clear = useLedger.getState().clearCellState;
  for (const m of marked) clear(m.month, m.indicator);
  set({ notice: null, marked: [] });
}

function cellOf(target: EventTarget | null): (Pos & { input: HTMLInputElement }) | null {
  if (!(target instanceof HTMLInputElement) || target.dataset.row === undefined || target.dataset.col === undefined) return null;
  return { row: Number(target.dataset.row), col: Number(target.dataset.col), input: target };
}

/** The cell's text is all selected (or empty): the keys act on cells, not on the text (grid-keyboard's enter mode). */
const isWholeCell = (input: HTMLInputElement): boolean =>
  input.value === '' || (input.selectionStart === 0 && input.selectionEnd === input.value.length);

const ARROWS: Record<string, Pos> = {
  ArrowUp: { row: -1, col: 0 },
  ArrowDown: { row: 1, col: 0 },
  ArrowLeft: { row: 0, col: -1 },
  ArrowRight: { row: 0, col: 1 },
};

interface Options {
  view: LedgerYearView;
  defs: readonly IndicatorDef[];
}

// The trace's reason, in both languages like every reason main writes (the trace is read by
// whoever opens it, in either language).
const pasteReason = (count: number, block: { rows: number; cols: number }, month: number, def: IndicatorDef) =>
  `从剪贴板粘贴 ${count} 格（${block.rows} 行 × ${block.cols} 列，起于 ${month}月 ${def.zh}） / Pasted ${count} cells from the clipboard (${block.rows} × ${block.cols}, from month ${month} ${def.en})`;
const undoReason = (count: number) => `撤销粘贴，恢复 ${count} 格 / Undid a paste: ${count} cells restored`;

export function useLedgerClipboard({ view, defs }: Options) {
  const scope = `${view.enterpriseId}:${view.year}`;
  const rows = 12;
  const cols = defs.length;

  // Another enterprise or year: no range, no notice, nothing to take back.
  useEffect(() => {
    if (get().scope !== scope) {
      set({ scope, anchor: null, end: null, isDragging: false, notice: null, marked: [], lastPaste: null });
    }
  }, [scope]);

  useEffect(() => {
    const stop = () => {
      if (get().isDragging) set({ isDragging: false });
    };
    window.addEventListener('mouseup', stop);
    return () => window.removeEventListener('mouseup', stop);
  }, []);

  const valueAt = (row: number, col: number): number | null => {
    const def = defs[col];
    return def ? storedValue(view, row + 1, def.key) : null;
  };
  /** What the cell shows when nothing is typed: a figure not yet stored (saving, refused), else the stored one. */
  const basisAt = (row: number, col: number): string => {
    const def = defs[col];
    const state = def ? useLedger.getState().cells[cellKey(row + 1, def.key)] : undefined;
    if (state && state.status !== 'saved') return state.text;
    const v = valueAt(row, col);
    return v === null || !def ? '' : formatIndicatorValue(def, v);
  };
  const hasTyped = (cell: Pos & { input: HTMLInputElement }) => cell.input.value !== basisAt(cell.row, cell.col);

  async function paste(text: string, start: Pos): Promise<void> {
    const plan = planPaste(text, { start, selection: selectedRect(get()), rows, defs });
    const ledger = useLedger.getState();
    switch (plan.kind) {
      case 'empty':
        return;
      case 'misfit':
        set({ notice: { kind: 'misfit', rows: plan.rows, cols: plan.cols, start: plan.start } });
        return;
      case 'invalid': {
        dismissNotice();
        for (const b of plan.bad) ledger.markInvalid(b.month, b.indicator, b.text, b.reason);
        set({ notice: { kind: 'invalid', bad: plan.bad }, marked: plan.bad.map((b) => ({ month: b.month, indicator: b.indicator })) });
        return;
      }
      case 'ok':
        break;
    }
    dismissNotice();
    const changed = plan.cells.filter((c) => c.to !== valueAt(c.row, c.col));
    if (changed.length === 0) {
      set({ notice: { kind: 'same' } });
      return;
    }
    const before = changed.map((c) => ({ month: c.month, indicator: c.indicator, before: valueAt(c.row, c.col), after: c.to }));
    const first = plan.cells[0];
    const last = plan.cells.at(-1);
    const block = { rows: (last?.row ?? 0) - (first?.row ?? 0) + 1, cols: (last?.col ?? 0) - (first?.col ?? 0) + 1 };
    const firstDef = first ? defs[first.col] : undefined;
    const described = first && firstDef ? pasteReason(changed.length, block, first.month, firstDef) : undefined;
    // Signed months change only with the user's own reason, put before the paste's description.
    const stated = await ledger.askReason(
      changed.map((c) => c.month),
      described ?? '',
    );
    if (stated === null) return;
    const error = await ledger.saveBlock(
      changed.map((c) => ({ month: c.month, indicator: c.indicator, from: valueAt(c.row, c.col), to: c.to, text: c.text })),
      stated ? `${stated}；${described ?? ''}` : described,
    );
    if (error) {
      set({ notice: { kind: 'failed', error } });
      return;
    }
    set({
      lastPaste: { scope, cells: before },
      notice: {
        kind: 'pasted',
        count: changed.length,
        cleared: changed.filter((c) => c.to === null).length,
        start: { row: first?.row ?? 0, col: first?.col ?? 0 },
        ...block,
      },
    });
  }

  async function undo(): Promise<void> {
    const last = get().lastPaste;
    if (!last || last.scope !== scope) return;
    // Taking a paste back changes figures too: a month signed since asks for the reason.
    const described = undoReason(last.cells.length);
    const stated = await useLedger.getState().askReason(
      last.cells.map((c) => c.month),
      described,
    );
    if (stated === null) return;
    set({ lastPaste: null });
    const error = await useLedger.getState().saveBlock(
      last.cells.map((c) => ({ month: c.month, indicator: c.indicator, from: c.after, to: c.before, text: c.before === null ? '' : formatIndicatorValue(indicatorDef(c.indicator), c.before) })),
      stated ? `${stated}；${described}` : described,
    );
    set({ notice: error ? { kind: 'failed', error } : { kind: 'undone', count: last.cells.length } });
  }

  const onKeyDownCapture = (e: KeyboardEvent<HTMLElement>) => {
    const cell = cellOf(e.target);
    if (!cell) return;
    const isCtrl = (e.ctrlKey || e.metaKey) && !e.altKey;
    const delta = ARROWS[e.key];
    if (delta && e.shiftKey && !isCtrl && !e.altKey && isWholeCell(cell.input)) {
      e.preventDefault();
      e.stopPropagation();
      const anchor = get().anchor ?? { row: cell.row, col: cell.col };
      const from = get().end ?? anchor;
      const end = { row: Math.min(Math.max(from.row + delta.row, 0), rows - 1), col: Math.min(Math.max(from.col + delta.col, 0), cols - 1) };
      set({ anchor, end });
      return;
    }
    if (isCtrl && !e.shiftKey && e.key.toLowerCase() === 'a' && isWholeCell(cell.input)) {
      e.preventDefault();
      set({ anchor: { row: 0, col: 0 }, end: { row: rows - 1, col: cols - 1 } });
      return;
    }
    if (isCtrl && !e.shiftKey && e.key.toLowerCase() === 'z' && get().lastPaste && !hasTyped(cell)) {
      e.preventDefault();
      e.stopPropagation();
      void undo();
      return;
    }
    if (isCtrl && ['c', 'v', 'x', 'insert'].includes(e.key.toLowerCase())) return;
    if (['Shift', 'Control', 'Meta', 'Alt', 'CapsLock'].includes(e.key)) return;
    // Typing, moving without Shift, Esc: the range ends, the key does what it does in the cell.
    clearSelection();
  };

  const onMouseDown = (e: MouseEvent<HTMLElement>) => {
    const cell = cellOf(e.target);
    if (!cell || e.button !== 0) return;
    if (e.shiftKey) {
      // Shift+click: the range from the focused cell to this one; the focus stays put.
      e.preventDefault();
      const focused = cellOf(document.activeElement);
      const anchor = get().anchor ?? (focused ? { row: focused.row, col: focused.col } : { row: cell.row, col: cell.col });
      set({ anchor, end: { row: cell.row, col: cell.col } });
      return;
    }
    // A press inside a text input would start selecting its characters and keep the mouse to
    // itself, so dragging could never reach the other cells: the grid takes the press and
    // focuses the cell itself. Not while the cell's text is being amended (F2), nor on the
    // second press of a double click (which places the caret).
    const isAmending = cell.input === document.activeElement && !isWholeCell(cell.input);
    if (!isAmending && e.detail < 2) {
      e.preventDefault();
      if (cell.input !== document.activeElement) cell.input.focus();
    }
    set({ anchor: { row: cell.row, col: cell.col }, end: { row: cell.row, col: cell.col }, isDragging: true });
  };

  const onMouseOver = (e: MouseEvent<HTMLElement>) => {
    if (!get().isDragging || (e.buttons & 1) === 0) return;
    const cell = cellOf(e.target);
    const end = get().end;
    if (!cell || (end && end.row === cell.row && end.col === cell.col)) return;
    set({ end: { row: cell.row, col: cell.col } });
  };

  const onCopy = (e: ClipboardEvent<HTMLElement>) => {
    const cell = cellOf(e.target);
    if (!cell) return;
    const rect = selectedRect(get());
    // Amending a cell's text (F2): copy the selected characters as any input does.
    if (!rect && !isWholeCell(cell.input)) return;
    const r = rect ?? rectOf(cell, cell);
    e.preventDefault();
    e.clipboardData.setData('text/plain', copyText(r, valueAt, (col) => defs[col]));
    set({ notice: { kind: 'copied', rows: r.bottom - r.top + 1, cols: r.right - r.left + 1 } });
  };

  const onPaste = (e: ClipboardEvent<HTMLElement>) => {
    const cell = cellOf(e.target);
    if (!cell) return;
    const text = e.clipboardData.getData('text/plain');
    const isBlock = /[\t\r\n]/.test(text.replace(/(\r\n|\r|\n)$/, ''));
    // One value typed into a cell being amended: the input takes it like any text.
    if (!isBlock && !selectedRect(get()) && !isWholeCell(cell.input)) return;
    e.preventDefault();
    // Typed text in the focused cell is saved when the cell is left; a block landing on it now
    // would be overwritten by it (or overwrite it). Enter or Esc first.
    if (hasTyped(cell)) {
      set({ notice: { kind: 'editing' } });
      return;
    }
    void paste(text, { row: cell.row, col: cell.col });
  };

  return { tableProps: { onKeyDownCapture, onMouseDown, onMouseOver, onCopy, onPaste }, undo: () => void undo() };
}

/** Whether a cell is in the selected range (the grid subscribes to anchor and end). */
export function isInSelection(anchor: Pos | null, end: Pos | null, row: number, col: number): boolean {
  const rect = selectedRect({ anchor, end });
  return rect !== null && inRect(rect, row, col);
}
