import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { AppError } from '../../../shared/result';

// A spreadsheet file (CSV or XLSX) read into a header and rows of cell text. Shared by the
// listing-frame import and the `census check` CLI. CSV is parsed by csv-parse (RFC 4180 quoting,
// embedded newlines and quotes) rather than by hand: frame files come from many tools, and a
// well-kept parser has met their quirks before us.

export interface TableRow {
  /** 1-based row number as a spreadsheet shows it (the header is row 1 when it is first). */
  rowNo: number;
  cells: string[];
  /** Column indexes whose XLSX cell held a number too long to be exact (an 18-digit USCC typed
   * as a number keeps only 15–17 significant digits): the text shown is not what was typed. */
  lossy: number[];
}

export interface Table {
  headers: string[];
  rows: TableRow[];
}

export const MAX_TABLE_ROWS = 50_000;

const unreadable = (zh: string, en: string) => new AppError('INVALID_INPUT', `${zh} / ${en}`);

/**
 * Text of a CSV file: UTF-8 with or without BOM, UTF-16 with BOM (Excel's "Unicode text"), or
 * GB18030/GBK, which Chinese Excel writes by default — tried when the bytes are not valid UTF-8.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

const isBlankRow = (cells: readonly string[]) => cells.every((c) => c.trim() === '');

/** Header = the first non-blank row; blank rows after it are skipped, row numbers kept. */
function toTable(records: { rowNo: number; cells: string[]; lossy: number[] }[], source: string): Table {
  const headerIndex = records.findIndex((r) => !isBlankRow(r.cells));
  const header = records[headerIndex];
  if (!header) throw unreadable(`文件中没有数据：${source}`, `No data in ${source}`);
  const rows = records.slice(headerIndex + 1).filter((r) => !isBlankRow(r.cells));
  if (rows.length > MAX_TABLE_ROWS) {
    throw unreadable(`行数超过 ${MAX_TABLE_ROWS}：${source}`, `More than ${MAX_TABLE_ROWS} rows in ${source}`);
  }
  return { headers: header.cells.map((h) => h.trim()), rows };
}

export function readCsv(bytes: Uint8Array, source: string): Table {
  const text = decodeText(bytes);
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  // Excel's "Unicode text" export and some tools use tabs; a header is never tab- and comma-free.
  const delimiter = !firstLine.includes(',') && firstLine.includes('\t') ? '\t' : ',';
  let records: string[][];
  try {
    records = parseCsv(text, { delimiter, relax_column_count: true, skip_empty_lines: false, bom: true });
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    throw unreadable(`CSV 格式错误：${source}（${detail}）`, `Malformed CSV in ${source}: ${detail}`);
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

/** The first worksheet of an XLSX workbook. */
export async function readXlsx(bytes: Uint8Array, source: string): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its input as an ArrayBuffer (JSZip reads either); a copy keeps it exact.
    const data = new ArrayBuffer(bytes.byteLength);
    new Uint8Array(data).set(bytes);
    await workbook.xlsx.load(data);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    throw unreadable(`无法读取 Excel 文件：${source}（${detail}）`, `Cannot read the XLSX file ${source}: ${detail}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw unreadable(`Excel 文件中没有工作表：${source}`, `No worksheet in ${source}`);
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

/** Reads a .csv or .xlsx file by its name's extension. */
export async function readTable(fileName: string, bytes: Uint8Array): Promise<Table> {
  if (/\.csv$/i.test(fileName)) return readCsv(bytes, fileName);
  if (/\.xlsx$/i.test(fileName)) return readXlsx(bytes, fileName);
  throw unreadable(`只支持 CSV 和 XLSX 文件：${fileName}`, `Only .csv and .xlsx files are supported: ${fileName}`);
}
