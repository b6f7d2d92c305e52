import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { isBlank } from '@shared/forms/values';
import { userError } from '@shared/result';
import { decodeText } from '@shared/tables/decode-text';
import type { Table } from '@shared/tables/table';

// A spreadsheet file (CSV or XLSX) read into a header and rows of cell text (shared/tables/table.ts).
// Shared by the laptop's listing-frame and directory imports, the server's import-frame and the
// `census check` CLI; Node only (Buffer, exceljs), so the renderer never loads it.
// CSV is parsed by csv-parse (RFC 4180 quoting, embedded newlines and quotes) rather than by
// hand: frame files come from many tools, and a well-kept parser has met their quirks before
// us. Every refusal carries a reason the user can act on (userError): which file, what is
// wrong with it, and what to do instead.

/** Rows of data a file may hold (the header not counted). */
export const MAX_TABLE_ROWS = 50_000;
/** Bytes of a file the import dialogs accept (the renderer checks first; the contract caps the base64). */
export const MAX_TABLE_BYTES = 10 * 1024 * 1024;

const unreadable = (zh: string, en: string) => userError('INVALID_INPUT', zh, en, [{ path: 'contentBase64', message: 'UNREADABLE' }]);

const isBlankRow = (cells: readonly string[]) => cells.every(isBlank);

/** Title rows an Excel export may carry above its header. */
const MAX_TITLE_ROWS = 3;

/**
 * A title such as “沙坡头区第五次全国经济普查单位清查底册”: one text in the row, often merged
 * across every column (each merged cell then reads the same text). A header names several columns.
 */
const isTitleRow = (cells: readonly string[]) => new Set(cells.map((c) => c.trim()).filter((c) => c !== '')).size === 1;

/**
 * Header = the first non-blank row that is not a title above it (at most MAX_TITLE_ROWS of those,
 * and only when a row naming several columns follows); blank rows after it are skipped, row
 * numbers kept.
 */
function toTable(records: { rowNo: number; cells: string[]; lossy: number[] }[], source: string): Table {
  const nonBlank = records.flatMap((r, i) => (isBlankRow(r.cells) ? [] : [i]));
  const firstHeaderLike = nonBlank.slice(0, MAX_TITLE_ROWS + 1).find((i) => !isTitleRow(records[i]?.cells ?? []));
  const headerIndex = firstHeaderLike ?? nonBlank[0] ?? -1;
  const header = records[headerIndex];
  if (!header) throw unreadable(`文件中没有数据：${source}`, `There is no data in ${source}`);
  const rows = records.slice(headerIndex + 1).filter((r) => !isBlankRow(r.cells));
  if (rows.length > MAX_TABLE_ROWS) {
    throw unreadable(
      `文件有 ${rows.length} 行数据，一次最多导入 ${MAX_TABLE_ROWS} 行：${source}。请拆分成几个文件分批导入。`,
      `${source} has ${rows.length} rows of data; at most ${MAX_TABLE_ROWS} are imported at a time. Split it into several files.`,
    );
  }
  return { headers: header.cells.map((h) => h.trim()), rows };
}

export function readCsv(bytes: Uint8Array, source: string): Table {
  const text = decodeText(bytes, source);
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  // Excel's "Unicode text" export and some tools use tabs; a header is never tab- and comma-free.
  const delimiter = !firstLine.includes(',') && firstLine.includes('\t') ? '\t' : ',';
  let records: string[][];
  try {
    records = parseCsv(text, { delimiter, relax_column_count: true, skip_empty_lines: false, bom: true });
  } catch (e) {
    // csv-parse names the line ("Invalid Closing Quote: … at line 12"); the user needs it.
    const detail = e instanceof Error ? e.message : String(e);
    throw unreadable(
      `CSV 格式错误：${source}（${detail}）。常见原因是某个单元格的引号没有成对，请在 Excel 中打开后重新另存。`,
      `Malformed CSV in ${source}: ${detail}. Usually a cell has an unmatched quote; open it in Excel and save it again.`,
    );
  }
  return toTable(
    records.map((cells, i) => ({ rowNo: i + 1, cells, lossy: [] })),
    source,
  );
}

function cellText(value: ExcelJS.CellValue): { text: string; isLossy: boolean } {
  if (value === null || value === undefined) return { text: '', isLossy: false };
  if (typeof value === 'number') return { text: String(value), isLossy: Number.isInteger(value) && !Number.isSafeInteger(value) };
  if (typeof value === 'string') return { text: value, isLossy: false };
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE', isLossy: false };
  // Dates in a frame are 成立年月 and the like; the calendar date is what was typed.
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10), isLossy: false };
  if ('richText' in value) return { text: value.richText.map((r) => r.text).join(''), isLossy: false };
  if ('hyperlink' in value) return { text: String(value.text), isLossy: false };
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result;
    return result === undefined || (typeof result === 'object' && !(result instanceof Date)) ? { text: '', isLossy: false } : cellText(result);
  }
  return { text: '', isLossy: false }; // an error cell (#N/A, #REF!): no value
}

async function loadXlsx(bytes: Uint8Array, source: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its input as an ArrayBuffer (JSZip reads either); a copy keeps it exact.
    const data = new ArrayBuffer(bytes.byteLength);
    new Uint8Array(data).set(bytes);
    await workbook.xlsx.load(data);
  } catch (e) {
    // JSZip and the XML reader say "End of data reached", "Corrupted zip", "invalid
    // signature": what matters to the user is that the file is damaged or cut short.
    const detail = e instanceof Error ? e.message : String(e);
    throw userError(
      'INVALID_INPUT',
      `无法读取 Excel 文件：${source}。文件已损坏或不完整（可能在下载或复制时中断）；请从原处重新导出，或在 Excel 中打开后另存为 .xlsx。`,
      `Cannot read the Excel file ${source}: it is damaged or incomplete (perhaps cut short while downloading or copying). Export it again, or open it in Excel and save it as .xlsx.`,
      [{ path: 'contentBase64', message: `XLSX: ${detail}` }],
    );
  }
  return workbook;
}

function sheetTable(sheet: ExcelJS.Worksheet, source: string): Table {
  const records: { rowNo: number; cells: string[]; lossy: number[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    const lossy: number[] = [];
    for (let col = 1; col <= row.cellCount; col++) {
      const { text, isLossy } = cellText(row.getCell(col).value);
      cells.push(text);
      if (isLossy) lossy.push(col - 1);
    }
    records.push({ rowNo: row.number, cells, lossy });
  });
  return toTable(records, source);
}

/** The first worksheet of an XLSX workbook. */
export async function readXlsx(bytes: Uint8Array, source: string): Promise<Table> {
  const workbook = await loadXlsx(bytes, source);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw unreadable(`Excel 文件中没有工作表：${source}`, `There is no worksheet in ${source}`);
  return sheetTable(sheet, source);
}

/**
 * Every non-empty worksheet of an XLSX workbook by name, in the workbook's order (a file whose
 * second sheet carries more data, such as the 快报's totals). A blank sheet is left out.
 */
export async function readXlsxSheets(bytes: Uint8Array, source: string): Promise<{ name: string; table: Table }[]> {
  const workbook = await loadXlsx(bytes, source);
  return workbook.worksheets
    .filter((sheet) => sheet.actualRowCount > 0)
    .map((sheet) => ({ name: sheet.name, table: sheetTable(sheet, `${source}（${sheet.name}）`) }));
}

/**
 * A file as the renderer sends it (its bytes as base64). Buffer.from ignores characters outside
 * the alphabet, so a payload that is not base64 at all is refused rather than read as a few
 * stray bytes.
 */
export async function readUploadedTable(file: { fileName: string; contentBase64: string }): Promise<Table> {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(file.contentBase64)) {
    throw userError('INVALID_INPUT', `文件内容传输出错，请重新选择文件：${file.fileName}`, `The file's content arrived damaged; choose the file again: ${file.fileName}`, [
      { path: 'contentBase64', message: 'base64' },
    ]);
  }
  return readTable(file.fileName, Buffer.from(file.contentBase64, 'base64'));
}

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);
/** Every XLSX is a ZIP archive. */
const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** An OLE2 compound file: an old .xls workbook, or an XLSX protected by a password. */
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * Reads a .csv or .xlsx file. The content decides where it can: a workbook saved under a
 * .csv name is read as the workbook it is, and an old .xls or a password-protected workbook is
 * named as such rather than reported as damaged.
 */
export async function readTable(fileName: string, bytes: Uint8Array): Promise<Table> {
  return fileKind(fileName, bytes) === 'xlsx' ? readXlsx(bytes, fileName) : readCsv(bytes, fileName);
}

/** Like readTable, but every non-empty sheet of a workbook (a CSV file is one table). */
export async function readTables(fileName: string, bytes: Uint8Array): Promise<{ name: string; table: Table }[]> {
  return fileKind(fileName, bytes) === 'xlsx' ? readXlsxSheets(bytes, fileName) : [{ name: fileName, table: readCsv(bytes, fileName) }];
}

/** What the bytes are, or why they cannot be read at all. */
function fileKind(fileName: string, bytes: Uint8Array): 'xlsx' | 'csv' {
  const isCsvName = /\.csv$/i.test(fileName);
  const isXlsxName = /\.xlsx$/i.test(fileName);
  if (!isCsvName && !isXlsxName) {
    throw unreadable(`只能导入 CSV 或 XLSX 文件：${fileName}`, `Only .csv and .xlsx files can be imported: ${fileName}`);
  }
  if (bytes.length === 0) throw unreadable(`文件是空的：${fileName}`, `${fileName} is empty`);
  if (bytes.length > MAX_TABLE_BYTES) {
    throw unreadable(
      `文件超过 ${MAX_TABLE_BYTES / 1024 / 1024} MB：${fileName}。请拆分成几个文件分批导入。`,
      `${fileName} is larger than ${MAX_TABLE_BYTES / 1024 / 1024} MB. Split it into several files.`,
    );
  }
  if (startsWith(bytes, OLE2)) {
    throw unreadable(
      `${fileName} 是旧版 Excel 工作簿（.xls）或设有打开密码的工作簿，无法读取。请在 Excel 中取消密码并另存为 .xlsx 或 CSV UTF-8 后再导入。`,
      `${fileName} is an old Excel workbook (.xls) or a password-protected one and cannot be read. Remove the password and save it as .xlsx or CSV UTF-8 in Excel, then import that.`,
    );
  }
  if (startsWith(bytes, ZIP)) return 'xlsx';
  if (isXlsxName) {
    throw userError(
      'INVALID_INPUT',
      `无法读取 Excel 文件：${fileName}。它不是有效的 .xlsx 工作簿（已损坏，或只是改了扩展名）；请在 Excel 中打开原文件并另存为 .xlsx。`,
      `Cannot read the Excel file ${fileName}: it is not a valid .xlsx workbook (damaged, or only renamed). Open the original in Excel and save it as .xlsx.`,
      [{ path: 'contentBase64', message: 'XLSX: no ZIP signature' }],
    );
  }
  return 'csv';
}
