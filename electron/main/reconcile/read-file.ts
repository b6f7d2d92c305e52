import { readTables } from '@shared/node/tables/read-table';
import { userError } from '@shared/result';
import { mapColumns, TOTALS_SHEET, totalColumns, UNIT_SHEET } from '@shared/reconcile/columns';
import { readTotalTable, readUnitTable, type ReadAnnual } from '@shared/reconcile/read-rows';

// A 快报 file read into its unit rows and totals. A workbook: the sheet named 单位明细 (else the
// first sheet) holds the units; the sheet named 汇总 (else another sheet whose headers are the
// totals' columns) the stated totals. A CSV file is the unit list alone.

export async function readAnnualFile(file: { fileName: string; contentBase64: string }, county: string | null): Promise<ReadAnnual> {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(file.contentBase64)) {
    throw userError('INVALID_INPUT', `文件内容传输出错，请重新选择文件：${file.fileName}`, `The file's content arrived damaged; choose the file again: ${file.fileName}`);
  }
  const sheets = await readTables(file.fileName, Buffer.from(file.contentBase64, 'base64'));
  const unitSheet = sheets.find((s) => s.name === UNIT_SHEET) ?? sheets[0];
  if (!unitSheet) throw userError('INVALID_INPUT', `文件中没有数据：${file.fileName}`, `There is no data in ${file.fileName}`);
  const isTotals = (headers: readonly string[]) => mapColumns(totalColumns, headers).has('dimension');
  const totalsSheet = sheets.find((s) => s.name === TOTALS_SHEET) ?? sheets.find((s) => s !== unitSheet && isTotals(s.table.headers));
  const sheetName = (name: string) => (sheets.length === 1 && !/\.xlsx$/i.test(file.fileName) ? '' : name);
  const units = readUnitTable(unitSheet.table, sheetName(unitSheet.name), county);
  const totals = totalsSheet ? readTotalTable(totalsSheet.table, totalsSheet.name, county) : { rows: [], errors: [] };
  return { units: units.rows, totals: totals.rows, errors: [...units.errors, ...totals.errors], warnings: units.warnings };
}
