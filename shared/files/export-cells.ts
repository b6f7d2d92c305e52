import type ExcelJS from 'exceljs';

// Cells of every CSV and XLSX file the product writes (the server's export-units, the laptop's
// progress, review, directory, 退库, draw and 入规 package files) pass through here, so that text
// a user typed can never become a live spreadsheet formula on the bureau's computers ("CSV
// injection", OWASP). A cell that starts with = + - @, a tab or a carriage return is read as a
// formula by Excel, LibreOffice and WPS when the file is opened or re-saved; such text gets a
// leading apostrophe, which every one of them shows as text. Numbers stay numbers, and text
// that is just a number ("-12", "+3.5") is left alone: it cannot run anything.

export type CellValue = string | number | boolean | Date | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Text that a spreadsheet would read as a formula, made inert; any other value unchanged. */
export function inertCell<V extends CellValue>(value: V): V | string {
  if (typeof value !== 'string' || !FORMULA_START.test(value) || PLAIN_NUMBER.test(value)) return value;
  return `'${value}`;
}

/**
 * Every text cell of every sheet made inert, just before the workbook is written: one pass over
 * what was built, so no sheet or row added later can be forgotten. exceljs writes a string
 * value as text, but Excel turns it into a formula as soon as the cell is edited or the sheet is
 * saved as CSV, so the text itself must be safe.
 */
export function inertWorkbook(workbook: ExcelJS.Workbook): void {
  workbook.eachSheet((sheet) => {
    sheet.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (typeof cell.value === 'string') cell.value = inertCell(cell.value);
      });
    });
  });
}

/** One RFC 4180 CSV field: quoted when it holds a comma, quote or line break. */
export function csvField(value: CellValue): string {
  const cell = inertCell(value);
  const s = cell === null || cell === undefined ? '' : cell instanceof Date ? cell.toISOString() : String(cell);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}
