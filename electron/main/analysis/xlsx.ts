import { format } from 'date-fns';
import ExcelJS from 'exceljs';
import type { AnalysisReport } from '@shared/analysis/analysis';
import { analysisTables, headlineSource, periodWords } from '@shared/analysis/tables';
import type { FileDownload } from '@shared/directory/directory';
import { xlsxDownload } from '../files/xlsx-download';

// The analysis of a month or a quarter as a workbook: the page's tables (shared/analysis/
// tables.ts), one after another on one sheet, figures as numbers and "—" where there is none,
// the missing months said in the 提示 column as on the page.

export function analysisWorkbook(report: AnalysisReport, at: Date): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const period = periodWords(report);
  const sheet = wb.addWorksheet(`${period.zh}经济运行分析`.slice(0, 31));
  sheet.addRow([`${report.area.name} ${period.zh} 经济运行分析`]).font = { bold: true, size: 14 };
  sheet.addRow([`导出时间 ${format(at, 'yyyy-MM-dd HH:mm')}；数据来自本机已同步的统计台账，“—”表示没有可比数据；增速在本期或同期有企业缺报月份时不计算`]);
  for (const table of analysisTables(report)) {
    sheet.addRow([]);
    sheet.addRow([table.title.zh]).font = { bold: true, size: 12 };
    sheet.addRow(table.columns.map((c) => c.zh)).font = { bold: true };
    for (const r of table.rows) {
      const row = sheet.addRow([r.label, ...r.cells.map((c) => c.num ?? c.text)]);
      if (r.isTotal) row.font = { bold: true };
    }
  }
  sheet.addRow([]);
  sheet.addRow([headlineSource().zh]).font = { italic: true, size: 9 };
  sheet.getColumn(1).width = 24;
  for (let c = 2; c <= 13; c += 1) sheet.getColumn(c).width = 13;
  sheet.getColumn(14).width = 36;
  return wb;
}

export function analysisXlsx(report: AnalysisReport, at: Date): Promise<FileDownload> {
  return xlsxDownload(analysisWorkbook(report, at), `${report.area.name}${periodWords(report).zh}经济运行分析.xlsx`);
}
