import { format } from 'date-fns';
import ExcelJS from 'exceljs';
import type { FileDownload } from '@shared/directory/directory';
import type { InterferenceEntry } from '@shared/interference/entry';
import { mannerZh, responseZh } from '@shared/interference/labels';
import { interferenceYearCount } from '@shared/interference/year-count';
import { xlsxDownload } from './xlsx-download';

// The interference register of one year as the annual report's annex (领导干部干预统计工作记录):
// a sheet of entries in the order they happened, corrections shown as their own rows naming
// the row they correct (nothing is merged away: the file is the record), and the year's count.

const columns: [string, number, (e: InterferenceEntry, no: Map<string, number>) => string | number][] = [
  ['序号', 6, (e, no) => no.get(e.id) ?? ''],
  ['发生日期', 12, (e) => e.occurredOn],
  ['干预人姓名', 12, (e) => e.actorName],
  ['职务', 16, (e) => e.actorPost],
  ['单位', 22, (e) => e.actorUnit],
  ['方式', 12, (e) => mannerZh[e.manner]],
  ['涉及指标', 18, (e) => e.indicator],
  ['报告期', 12, (e) => e.period],
  ['涉及单位或企业', 22, (e) => e.subject],
  ['干预内容', 40, (e) => e.request],
  ['处理情况', 12, (e) => responseZh[e.response]],
  ['报告对象', 18, (e) => e.reportedTo],
  ['处理说明', 30, (e) => e.responseNote],
  ['更正第几条', 10, (e, no) => (e.corrects === null ? '' : (no.get(e.corrects) ?? '本年以外的记录'))],
  ['更正原因', 24, (e) => e.correctionReason],
  ['记录人', 12, (e) => e.recordedByName],
  ['记录时间', 17, (e) => format(new Date(e.recordedAt), 'yyyy-MM-dd HH:mm')],
];

export function interferenceWorkbook(entries: readonly InterferenceEntry[], year: number, at: Date): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet(`${year}年干预记录`);
  sheet.addRow([`领导干部干预统计工作记录（${year}年）`]).font = { bold: true, size: 14 };
  sheet.addRow([`本年记录干预事项 ${interferenceYearCount(entries, year)} 起（更正不另计）；导出时间 ${format(at, 'yyyy-MM-dd HH:mm')}`]);
  sheet.addRow([]);
  const head = sheet.addRow(columns.map(([title]) => title));
  head.font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 4 }];
  columns.forEach(([, width], i) => (sheet.getColumn(i + 1).width = width));
  const no = new Map(entries.map((e, i) => [e.id, i + 1]));
  for (const e of entries) {
    const row = sheet.addRow(columns.map(([, , value]) => value(e, no)));
    row.alignment = { vertical: 'top', wrapText: true };
  }
  return wb;
}

export function interferenceXlsx(entries: readonly InterferenceEntry[], year: number, at: Date): Promise<FileDownload> {
  return xlsxDownload(interferenceWorkbook(entries, year, at), `领导干部干预统计工作记录-${year}.xlsx`);
}
