import type ExcelJS from 'exceljs';
import builtin from '@shared/packs/builtin/wjp5-2023.json';
import type { FormPack } from '@shared/packs/types';
import { packToWorkbook } from '@shared/packs/workbook/write';

// The built-in pack's workbook and ways to change it as a statistician would, for the workbook
// and `forms` CLI tests.

export const builtinPack = builtin as unknown as FormPack;

export const builtinWorkbook = (): ExcelJS.Workbook => packToWorkbook(builtinPack);

export function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.worksheets.find((w) => w.name.endsWith(` ${name}`) || w.name === name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

/** Column number of a header key ('name' finds '代码 name'). */
export function col(ws: ExcelJS.Worksheet, key: string): number {
  let found = 0;
  ws.getRow(1).eachCell((cell, n) => {
    if (String(cell.value).endsWith(` ${key}`) || cell.value === key) found = n;
  });
  if (!found) throw new Error(`no column ${key} on ${ws.name}`);
  return found;
}

/** The first row (number) whose cells under the given keys hold the given texts. */
export function rowWhere(ws: ExcelJS.Worksheet, match: Record<string, string>): number {
  for (let r = 2; r <= ws.rowCount; r++) {
    if (Object.entries(match).every(([key, text]) => String(ws.getRow(r).getCell(col(ws, key)).value ?? '') === text)) return r;
  }
  throw new Error(`no row ${JSON.stringify(match)} on ${ws.name}`);
}

export function setCell(wb: ExcelJS.Workbook, sheetName: string, match: Record<string, string>, key: string, value: ExcelJS.CellValue): number {
  const ws = sheet(wb, sheetName);
  const r = rowWhere(ws, match);
  ws.getRow(r).getCell(col(ws, key)).value = value;
  return r;
}

export const letter = (ws: ExcelJS.Worksheet, key: string): string => ws.getColumn(col(ws, key)).letter;
