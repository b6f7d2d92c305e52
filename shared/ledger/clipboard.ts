import type { IndicatorDef, IndicatorKey } from './indicators';
import { formatIndicatorValue, readLedgerFigure, type LedgerFigure, type LedgerFigureProblem } from './indicator-values';

// Copying a block of the ledger grid out and pasting one in, the way a spreadsheet does (the
// grid's side is renderer/src/features/directory/enterprise/ledger/ledger-selection.ts). The clipboard format is what Excel, WPS and LibreOffice put there:
// tab-separated cells, CRLF (or LF) between rows, a trailing line break, and a cell holding a
// tab, a line break or a leading quote wrapped in double quotes ("" for a quote inside).
//
// A paste is all or nothing: every cell is checked first; one that does not read as a figure
// of its indicator, or a block that does not fit the grid from where it lands, refuses the
// whole paste with the cells marked, and nothing is written. A paste that reads is one
// ledger:saveCells call: one transaction, one trace row listing every cell from → to, and one
// change that Ctrl+Z takes back (again through the trace).

export interface GridRect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export const rectOf = (a: { row: number; col: number }, b: { row: number; col: number }): GridRect => ({
  top: Math.min(a.row, b.row),
  left: Math.min(a.col, b.col),
  bottom: Math.max(a.row, b.row),
  right: Math.max(a.col, b.col),
});

export const inRect = (r: GridRect, row: number, col: number): boolean => row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;

/** Clipboard text → rows of cell texts. One trailing line break ends the block (Excel adds it). */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let isCellStart = true;
  while (i < text.length) {
    const ch = text[i];
    if (isCellStart && ch === '"') {
      // A quoted cell: up to the closing quote; "" is a quote inside.
      let j = i + 1;
      let quoted = '';
      for (;;) {
        const q = text.indexOf('"', j);
        if (q === -1) {
          // Unclosed: not quoting after all; read it as plain text.
          quoted = text.slice(i);
          j = text.length;
          break;
        }
        quoted += text.slice(j, q);
        if (text[q + 1] === '"') {
          quoted += '"';
          j = q + 2;
          continue;
        }
        j = q + 1;
        break;
      }
      cell += quoted;
      i = j;
      isCellStart = false;
      continue;
    }
    if (ch === '\t') {
      row.push(cell);
      cell = '';
      isCellStart = true;
      i += 1;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      isCellStart = true;
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    cell += ch;
    isCellStart = false;
    i += 1;
  }
  if (!isCellStart || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  // Ragged rows (a tool that leaves trailing empty cells out) are padded to the widest.
  const width = Math.max(0, ...rows.map((r) => r.length));
  return rows.map((r) => [...r, ...Array<string>(width - r.length).fill('')]);
}

const needsQuotes = (cell: string): boolean => /[\t\r\n]/.test(cell) || cell.startsWith('"');

/** Rows of cell texts → clipboard text, as Excel writes it (CRLF, trailing line break). */
export function toTsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map((c) => (needsQuotes(c) ? `"${c.replaceAll('"', '""')}"` : c)).join('\t')).join('\r\n') + '\r\n';
}

export type PastedFigure = LedgerFigure;

/**
 * A figure as a spreadsheet copies it, read exactly as a typed one (readLedgerFigure): at most
 * the indicator's decimals in its form unit, never rounded.
 */
export function parsePastedFigure(text: string, def: Pick<IndicatorDef, 'scale' | 'mayBeNegative'>): PastedFigure {
  return readLedgerFigure(def, text);
}

export interface PasteCell {
  row: number;
  col: number;
  month: number;
  indicator: IndicatorKey;
  text: string;
}

export type PastePlan =
  | { kind: 'empty' }
  /** The block does not fit the grid from where it would land. */
  | { kind: 'misfit'; rows: number; cols: number; start: { row: number; col: number } }
  /** Some cells do not read: nothing is written. */
  | { kind: 'invalid'; bad: (PasteCell & { reason: LedgerFigureProblem })[] }
  | { kind: 'ok'; cells: (PasteCell & { to: number | null })[] };

/**
 * Where a pasted block lands and what it writes. It starts at the selection's top-left cell
 * (or the focused one); a single value pasted over a selection fills the selection.
 */
export function planPaste(
  text: string,
  opts: { start: { row: number; col: number }; selection: GridRect | null; rows: number; defs: readonly IndicatorDef[] },
): PastePlan {
  let block = parseTsv(text);
  if (block.length === 0 || (block.length === 1 && block[0]?.length === 1 && block[0][0] === '' && text.trim() === '')) {
    return { kind: 'empty' };
  }
  const sel = opts.selection;
  const start = sel ? { row: sel.top, col: sel.left } : opts.start;
  if (sel && block.length === 1 && block[0]?.length === 1) {
    const value = block[0][0] ?? '';
    block = Array.from({ length: sel.bottom - sel.top + 1 }, () => Array<string>(sel.right - sel.left + 1).fill(value));
  }
  const height = block.length;
  const width = block[0]?.length ?? 0;
  if (start.row + height > opts.rows || start.col + width > opts.defs.length) {
    return { kind: 'misfit', rows: height, cols: width, start };
  }
  const bad: Extract<PastePlan, { kind: 'invalid' }>['bad'] = [];
  const cells: Extract<PastePlan, { kind: 'ok' }>['cells'] = [];
  block.forEach((cellsOfRow, r) =>
    cellsOfRow.forEach((cellText, c) => {
      const row = start.row + r;
      const col = start.col + c;
      const def = opts.defs[col];
      if (!def) return;
      const cell = { row, col, month: row + 1, indicator: def.key, text: cellText };
      const parsed = parsePastedFigure(cellText, def);
      if (parsed.ok) cells.push({ ...cell, to: parsed.value });
      else bad.push({ ...cell, reason: parsed.reason });
    }),
  );
  return bad.length > 0 ? { kind: 'invalid', bad } : { kind: 'ok', cells };
}

/**
 * The stored figures of a rectangle as clipboard text: plain digits in each column's form unit
 * (用电量 1.2345, not the stored 12345), blank for not entered, so a paste back reads the same.
 */
export function copyText(
  rect: GridRect,
  valueAt: (row: number, col: number) => number | null,
  defAt: (col: number) => Pick<IndicatorDef, 'scale'> | undefined,
): string {
  const rows: string[][] = [];
  for (let row = rect.top; row <= rect.bottom; row += 1) {
    const cells: string[] = [];
    for (let col = rect.left; col <= rect.right; col += 1) {
      const v = valueAt(row, col);
      const def = defAt(col);
      cells.push(v === null ? '' : def ? formatIndicatorValue(def, v) : String(v));
    }
    rows.push(cells);
  }
  return toTsv(rows);
}
