import ExcelJS from 'exceljs';
import { sealPack } from './pack-hash';
import type { FormPack } from '@shared/packs/types';
import { readWorkbook } from '@shared/packs/workbook/read';
import { msg, type WorkbookProblem } from '@shared/packs/workbook/sheet-reader';

// Node-only (the pack hash uses node:crypto; shared/packs/workbook is pure): a workbook → a
// sealed pack, and the workbook's bytes in and out. The CLI (server/cli/forms.ts) and main use
// these; the renderer never does.

export interface WorkbookBuild {
  /** Present only when there is no problem: sealed, its hash set. */
  pack?: FormPack;
  problems: WorkbookProblem[];
}

export function workbookToPack(wb: ExcelJS.Workbook): WorkbookBuild {
  const read = readWorkbook(wb);
  return read.body ? { pack: sealPack(read.body), problems: [] } : { problems: read.problems };
}

export class WorkbookFileError extends Error {
  override name = 'WorkbookFileError';
}

// An .xlsx is a zip: 'PK\x03\x04'. An old .xls (OLE2) or a CSV gets a message naming what it is.
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);

/** Loads workbook bytes; a WorkbookFileError with a bilingual message for anything not an .xlsx. */
export async function loadWorkbook(bytes: Uint8Array, name: string): Promise<ExcelJS.Workbook> {
  if (startsWith(bytes, OLE2)) {
    throw new WorkbookFileError(msg(`${name} 是旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 后再试`, `${name} is an old Excel .xls file; save it as .xlsx in Excel and try again`));
  }
  if (!startsWith(bytes, ZIP)) {
    throw new WorkbookFileError(msg(`${name} 不是 Excel 工作簿（.xlsx）`, `${name} is not an Excel workbook (.xlsx)`));
  }
  const wb = new ExcelJS.Workbook();
  try {
    // exceljs takes a Buffer-like; a view over the same bytes, not a copy.
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new WorkbookFileError(msg(`${name} 已损坏或不是有效的 .xlsx 文件（${reason}）`, `${name} is damaged or not a valid .xlsx file (${reason})`));
  }
  if (wb.worksheets.length === 0) throw new WorkbookFileError(msg(`${name} 中没有工作表`, `${name} has no sheets`));
  return wb;
}

export async function workbookBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** `items 项目!D12 (类型 type): message` — how the CLI prints a problem. */
export function problemLine(p: WorkbookProblem): string {
  const where = p.row === 0 ? p.sheet : `${p.sheet}!${p.column}${p.row}`;
  return `${where}${p.header ? ` (${p.header})` : ''}: ${p.message}`;
}
