import ExcelJS from 'exceljs';
import type { CodedColumn } from '@shared/codes/cell-reader';
import { codedColumnsOf } from '@shared/codes/import-columns';
import type { FileDownload } from '@shared/directory/directory';
import { IMPORT_ENCODINGS, importColumns, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, type ImportKind } from '@shared/files/imports';
import { xlsxDownload } from './xlsx-download';

// The downloadable template of each import: the data sheet with the headers the import reads
// and an example row (code-like columns formatted as text, so Excel keeps 18-digit USCCs and
// leading zeros; short coded columns with a drop-down), a 代码表 sheet listing every coded
// column's codes, and a 说明 sheet with the accepted header names, encodings and limits. All
// of it comes from shared/files/imports.ts and shared/codes/import-columns.ts, the same data the
// readers use, so a filled-in template imports as it is.

const titles: Record<ImportKind, { sheet: string; file: string }> = {
  frame: { sheet: '底册', file: '底册导入模板.xlsx' },
  directory: { sheet: '企业名录', file: '企业名录导入模板.xlsx' },
};

/** Columns whose cells are codes or identifiers: text, never numbers. */
const textColumns = new Set(['areaCode', 'uscc', 'industryCode', 'divisionCode', 'phone', 'registrationCategory', 'institutionType']);
/** Rows of the data sheet that get the drop-downs (Excel needs a range, not "every row"). */
const DROPDOWN_ROWS = 2_000;
const MAX_DROPDOWN_CHOICES = 30;

const fill = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });

/** The value a drop-down offers: "code name", or the name of a choice without a code. */
const offered = (c: CodedColumn['choices'][number]) => (c.code === null ? c.zh : `${c.code} ${c.zh}`);

function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** One block of three columns per coded column: 代码, 名称, 可填写; returns each block's list range. */
function codeSheet(wb: ExcelJS.Workbook, coded: Record<string, CodedColumn>): Map<string, string> {
  const sheet = wb.addWorksheet('代码表');
  const ranges = new Map<string, string>();
  Object.entries(coded).forEach(([field, column], i) => {
    const first = i * 4 + 1;
    sheet.getCell(1, first).value = column.what.zh;
    sheet.getCell(1, first).font = { bold: true };
    ['代码', '名称', '可填写（任选一种）'].forEach((h, k) => {
      const cell = sheet.getCell(2, first + k);
      cell.value = h;
      cell.font = { bold: true };
      cell.fill = fill('FFEFEFEF');
    });
    column.choices.forEach((c, r) => {
      sheet.getCell(3 + r, first).value = c.code ?? '';
      sheet.getCell(3 + r, first + 1).value = c.zh;
      sheet.getCell(3 + r, first + 2).value = offered(c);
    });
    sheet.getColumn(first).width = 8;
    sheet.getColumn(first + 1).width = 28;
    sheet.getColumn(first + 2).width = 32;
    sheet.getColumn(first).numFmt = '@';
    const letter = columnLetter(first + 2);
    ranges.set(field, `'代码表'!$${letter}$3:$${letter}$${2 + column.choices.length}`);
  });
  sheet.views = [{ state: 'frozen', ySplit: 2 }];
  return ranges;
}

function notesSheet(wb: ExcelJS.Workbook, kind: ImportKind): void {
  const sheet = wb.addWorksheet('说明');
  sheet.columns = [{ width: 22 }, { width: 60 }, { width: 14 }, { width: 60 }];
  const line = (values: (string | number)[], isBold = false) => (sheet.addRow(values).font = { bold: isBold });
  line(['导入说明'], true);
  line(['文件格式', 'Excel 工作簿（.xlsx，读取第一个工作表）或 CSV']);
  line(['CSV 编码', `${IMPORT_ENCODINGS.zh}；不支持 Big5 繁体`]);
  line(['大小', `不超过 ${MAX_IMPORT_BYTES / 1024 / 1024} MB，最多 ${MAX_IMPORT_ROWS.toLocaleString('en-US')} 行数据`]);
  line(['第一行', '列名（可用下列任一名称，不区分大小写和空格，括号中的注释不影响识别）；列的顺序不限，其他列会被忽略']);
  line(['代码列', '可填代码、“代码 名称”或名称，如“112”“112 私营有限责任公司”“私营有限责任公司”；代码见“代码表”工作表']);
  line([]);
  line(['列', '可用列名', '是否必填', '说明'], true);
  for (const c of importColumns[kind]) {
    const required = c.required === 'always' ? '必填' : c.required === 'new' ? '新增企业必填' : '';
    line([c.headers[0] ?? c.field, c.headers.join('、'), required, [c.note?.zh, c.isCoded ? '代码列' : ''].filter(Boolean).join('；')]);
  }
}

export async function importTemplate(kind: ImportKind): Promise<FileDownload> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Census Field 经普外业通';
  const data = wb.addWorksheet(titles[kind].sheet);
  const columns = importColumns[kind];
  const header = data.addRow(columns.map((c) => c.headers[0] ?? c.field));
  header.font = { bold: true };
  columns.forEach((c, i) => {
    if (c.required !== 'no') header.getCell(i + 1).fill = fill('FFFFF2CC');
    const column = data.getColumn(i + 1);
    column.width = Math.max(12, (c.headers[0]?.length ?? 8) * 2 + 4, String(c.example).length + 4);
    if (textColumns.has(c.field)) column.numFmt = '@';
  });
  data.addRow(columns.map((c) => c.example));
  data.views = [{ state: 'frozen', ySplit: 1 }];
  const ranges = codeSheet(wb, codedColumnsOf(kind));
  const coded = codedColumnsOf(kind);
  columns.forEach((c, i) => {
    const range = ranges.get(c.field);
    const column = coded[c.field];
    if (!range || !column || column.choices.length > MAX_DROPDOWN_CHOICES) return;
    // A drop-down that suggests; anything else the reader accepts may still be typed.
    for (let row = 2; row <= DROPDOWN_ROWS; row += 1) {
      data.getCell(row, i + 1).dataValidation = { type: 'list', allowBlank: true, showErrorMessage: false, formulae: [range] };
    }
  });
  notesSheet(wb, kind);
  return xlsxDownload(wb, titles[kind].file);
}
