import type ExcelJS from 'exceljs';
import { acceptedNames, isNoteHeader, matchesName, type Column, type SheetLayout } from './layout';

// Reading one sheet of the workbook: find it by any accepted name, map its header row to the
// layout's columns, and hand out rows whose cells are read as text or numbers with a problem
// (sheet, row, column) for each cell that does not fit. Excel's cell kinds are all accepted:
// rich text, hyperlinks, formulas (their result), dates (as YYYY-MM-DD) and numbers.

export interface WorkbookProblem {
  /** The sheet's name as it is in the workbook. */
  sheet: string;
  /** 1-based row as Excel shows it; 0 = the sheet as a whole. */
  row: number;
  /** Column letter ('C'); '' = the whole row or sheet. */
  column: string;
  /** The column's header as it is in the workbook ('' where there is none). */
  header: string;
  /** Chinese first, then English after ' / '. */
  message: string;
}

export const msg = (zh: string, en: string): string => `${zh} / ${en}`;

export class Problems {
  readonly list: WorkbookProblem[] = [];
  /** Cells the reader itself found a problem in. */
  private readonly readerCells = new Set<string>();
  private readonly seen = new Set<string>();

  /** `fromCheck`: a problem checkPack found in the assembled pack; dropped when the reader
   * already reported that cell (a value it refused, a duplicate it found) or when it is the
   * same message at the same cell. */
  add(p: WorkbookProblem, opts: { fromCheck?: boolean } = {}): void {
    const cell = `${p.sheet}\u0000${p.row}\u0000${p.column}`;
    const exact = `${cell}\u0000${p.message}`;
    if (opts.fromCheck && (this.readerCells.has(cell) || this.seen.has(exact))) return;
    if (!opts.fromCheck) this.readerCells.add(cell);
    this.seen.add(exact);
    this.list.push(p);
  }
}

type CellValue = ExcelJS.CellValue;

/** The text of a cell as the user sees it ('' for an empty cell). */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellText((value as { result?: CellValue }).result ?? null);
  if ('text' in value && typeof value.text === 'string') return value.text;
  if ('error' in value) return '';
  return '';
}

export interface RowReader {
  readonly row: number;
  has(key: string): boolean;
  /** The cell's text, untrimmed ('' when the column is absent or the cell empty). */
  raw(key: string): string;
  /** Trimmed text, or undefined when blank. */
  text(key: string): string | undefined;
  /** A number, or undefined when blank; a problem when the cell is not a number. */
  number(key: string, opts?: { integer?: boolean }): number | undefined;
  /** The cell is a number cell (not text). */
  isNumberCell(key: string): boolean;
  problem(key: string, message: string): void;
}

export interface SheetRead {
  /** The sheet's name in the workbook. */
  name: string;
  /** Column letter of each layout key present. */
  letters: Map<string, string>;
  headers: Map<string, string>;
  rows: RowReader[];
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export function findSheet(wb: ExcelJS.Workbook, layout: SheetLayout): ExcelJS.Worksheet | undefined {
  const names = acceptedNames(layout.zh, layout.key);
  return wb.worksheets.find((ws) => matchesName(names, ws.name));
}

/** Reads a sheet's header and rows; undefined (with a problem) when a required column is missing. */
export function readSheet(ws: ExcelJS.Worksheet, layout: SheetLayout, problems: Problems): SheetRead | undefined {
  const letters = new Map<string, string>();
  const headers = new Map<string, string>();
  const columnOf = new Map<number, Column>();
  const header = ws.getRow(1);
  const names = layout.columns.map((col) => ({ col, names: acceptedNames(col.zh, col.key, col.aliases) }));
  let ok = true;
  header.eachCell({ includeEmpty: false }, (cell, colNumber) => {
    const text = cellText(cell.value).trim();
    if (text === '' || isNoteHeader(text)) return;
    const found = names.find((n) => matchesName(n.names, text))?.col;
    const letter = ws.getColumn(colNumber).letter;
    if (!found) {
      const known = layout.columns.map((col) => `${col.zh} ${col.key}`).join('、');
      problems.add({ sheet: ws.name, row: 1, column: letter, header: text, message: msg(`未知的列“${text}”（可用：${known}；自己的备注列请以 # 或“备注”开头）`, `unknown column “${text}” (known: ${layout.columns.map((col) => col.key).join(', ')}; start a column of your own notes with # or “note”)`) });
      return;
    }
    if (letters.has(found.key)) {
      problems.add({ sheet: ws.name, row: 1, column: letter, header: text, message: msg(`列“${text}”重复`, `column “${text}” appears twice`) });
      ok = false;
      return;
    }
    letters.set(found.key, letter);
    headers.set(found.key, text);
    columnOf.set(colNumber, found);
  });
  for (const col of layout.columns) {
    if (col.required && !letters.has(col.key)) {
      problems.add({ sheet: ws.name, row: 1, column: '', header: '', message: msg(`缺少必需的列“${col.zh}”（${col.key}）`, `required column “${col.key}” (${col.zh}) is missing`) });
      ok = false;
    }
  }
  if (!ok) return undefined;

  const rows: RowReader[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const values = new Map<string, CellValue>();
    for (const [key, letter] of letters) values.set(key, row.getCell(letter).value);
    if ([...values.values()].every((v) => cellText(v).trim() === '')) continue;
    const problem = (key: string, message: string) =>
      problems.add({ sheet: ws.name, row: r, column: letters.get(key) ?? '', header: headers.get(key) ?? key, message });
    const reader: RowReader = {
      row: r,
      has: (key) => letters.has(key),
      raw: (key) => cellText(values.get(key) ?? null),
      text: (key) => {
        const t = cellText(values.get(key) ?? null).trim();
        return t === '' ? undefined : t;
      },
      isNumberCell: (key) => typeof values.get(key) === 'number',
      number: (key, opts = {}) => {
        const value = values.get(key);
        const t = cellText(value ?? null).trim();
        if (t === '') return undefined;
        const n = typeof value === 'number' ? value : NUMBER.test(t) ? Number(t) : Number.NaN;
        if (!Number.isFinite(n) || (opts.integer && !Number.isInteger(n))) {
          problem(key, opts.integer ? msg(`应为整数，现为“${t}”`, `must be a whole number, not “${t}”`) : msg(`应为数字，现为“${t}”`, `must be a number, not “${t}”`));
          return undefined;
        }
        return n;
      },
      problem,
    };
    for (const col of layout.columns) {
      if (col.required && reader.text(col.key) === undefined) reader.problem(col.key, msg(`“${col.zh}”必须填写`, `${col.key} must be filled in`));
    }
    rows.push(reader);
  }
  return { name: ws.name, letters, headers, rows };
}
