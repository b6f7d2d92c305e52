import { format } from 'date-fns';
import ExcelJS from 'exceljs';
import type { FileDownload } from '@shared/directory/directory';
import { summaryTables } from '@shared/summary/tables';
import type { YearSummary } from '@shared/summary/year-summary';
import { xlsxDownload } from './xlsx-download';

// The year's summary for the annual report: the tables the screen shows (shared/summary/tables.ts),
// one after another on one sheet, each with its source note under it. A figure with no record
// behind it is "—" here as on the screen. The interference table is in the file only when the
// summary carries it, i.e. only when the leadership made it (electron/main/summary/service.ts).

export const NO_RECORD = '—';

export function yearSummaryWorkbook(summary: YearSummary, at: Date): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet(`${summary.year}年度汇总`);
  sheet.addRow([`${summary.year} 年度统计工作汇总`]).font = { bold: true, size: 14 };
  sheet.addRow([`导出时间 ${format(at, 'yyyy-MM-dd HH:mm')}；数字为本机已同步的记录，“—”表示本机没有该类记录`]);
  for (const table of summaryTables(summary)) {
    sheet.addRow([]);
    sheet.addRow([table.title.zh]).font = { bold: true, size: 12 };
    sheet.addRow(['项目', ...table.columns.map((c) => c.zh)]).font = { bold: true };
    for (const r of table.rows) {
      const row = sheet.addRow([r.label.zh, ...r.values.map((v) => v ?? NO_RECORD)]);
      if (r.isTotal) row.font = { bold: true };
    }
    for (const note of [table.missing?.zh, table.source.zh]) {
      if (!note) continue;
      const row = sheet.addRow([note]);
      row.font = { italic: true, size: 9 };
    }
  }
  sheet.getColumn(1).width = 30;
  for (const c of [2, 3, 4]) sheet.getColumn(c).width = 12;
  return wb;
}

export function yearSummaryXlsx(summary: YearSummary, at: Date): Promise<FileDownload> {
  return xlsxDownload(yearSummaryWorkbook(summary, at), `${summary.year}年度统计工作汇总.xlsx`);
}
