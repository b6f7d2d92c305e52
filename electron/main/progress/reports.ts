import { format } from 'date-fns';
import ExcelJS from 'exceljs';
import type { AppDatabase } from '@db/open';
import { eventsOf, refreshReviewIndex } from '../review/queries';
import { unitsForExport } from './queries';
import type { FileDownload } from '@shared/directory/directory';
import type { ParsedInput } from '@shared/ipc/contract';
import type { ProgressArea, ProgressCounts, ProgressReport } from '@shared/progress/progress';
import type { UnitKind } from '@shared/registration/units';
import { progressReport } from './service';
import { deriveThread } from '../review/events';
import { requirePermission } from '../session/roles';
import { xlsxDownload } from '../files/xlsx-download';

// Reports as XLSX bytes for the renderer to save: the progress figures (the same
// numbers the 进度 page shows) and the list of approved / accepted units with who reviewed
// them and when. Chinese headers: these files go to township meetings and the bureau.

const countColumns: [keyof ProgressCounts, string][] = [
  ['frame', '底册单位'],
  ['added', '新增单位'],
  ['total', '合计'],
  ['visited', '已走访'],
  ['notStarted', '未开始'],
  ['draft', '草稿'],
  ['completed', '已完成'],
  ['submitted', '已提交'],
  ['returned', '退回'],
  ['approved', '已通过'],
  ['accepted', '已验收'],
  ['notFound', '找不到'],
  ['outOfScope', '非普查对象'],
];

const kindZh: Record<UnitKind, string> = { legal: '法人单位', establishment: '产业活动单位', individual: '个体经营户' };
const statusZh: Record<string, string> = { approved: '已通过', accepted: '已验收' };

// A light fill marks 零数据 rows, so they stand out on paper too.
const ZERO_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFE0E0' } };

function headerRow(sheet: ExcelJS.Worksheet, header: string[]): void {
  sheet.addRow(header).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
}

function areaSheet(wb: ExcelJS.Workbook, title: string, areas: readonly ProgressArea[]): void {
  const sheet = wb.addWorksheet(title);
  headerRow(sheet, ['代码', '名称', '普查员', ...countColumns.map(([, h]) => h), '零数据']);
  for (const a of areas) {
    const row = sheet.addRow([a.code, a.name, a.enumeratorNames.join('、'), ...countColumns.map(([k]) => a.counts[k]), a.isZeroData ? '是' : '']);
    if (a.isZeroData) row.eachCell((c) => (c.fill = ZERO_FILL));
  }
  sheet.getColumn(1).width = 18;
  sheet.getColumn(2).width = 20;
}

export function progressWorkbook(report: ProgressReport): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const summary = wb.addWorksheet('汇总');
  summary.addRow(['生成时间', format(new Date(report.asOf), 'yyyy-MM-dd HH:mm:ss')]);
  summary.addRow(['最后同步', report.lastSyncAt === null ? '从未同步' : format(new Date(report.lastSyncAt), 'yyyy-MM-dd HH:mm:ss')]);
  summary.addRow([]);
  summary.addRow(countColumns.map(([, h]) => h)).font = { bold: true };
  summary.addRow(countColumns.map(([k]) => report.totals[k]));
  summary.getColumn(1).width = 12;
  summary.getColumn(2).width = 22;
  areaSheet(wb, '普查区', report.districts);
  areaSheet(wb, '普查小区', report.subDistricts);
  const people = wb.addWorksheet('普查员');
  headerRow(people, ['普查员', '负责区域', ...countColumns.map(([, h]) => h), '零数据小区数']);
  for (const e of report.enumerators) {
    people.addRow([e.name, e.areas.join('、'), ...countColumns.map(([k]) => e.counts[k]), e.zeroDataSubDistricts]);
  }
  // Each unit counts for one enumerator; those nobody is responsible for have their own row, so
  // the column sums equal the 合计 row and the summary sheet.
  if (report.enumerators.length > 0) {
    if (report.unattributed.total > 0) people.addRow(['未落实到人', '', ...countColumns.map(([k]) => report.unattributed[k]), '']);
    people.addRow(['合计', '', ...countColumns.map(([k]) => report.totals[k]), '']).font = { bold: true };
  }
  const days = wb.addWorksheet('每日趋势');
  headerRow(days, ['日期', '提交', '退回', '通过', '验收', '首次提交单位']);
  for (const d of report.trend) days.addRow([d.date, d.submitted, d.returned, d.approved, d.accepted, d.firstSubmitted]);
  return wb;
}

export async function progressXlsx(db: AppDatabase, q: ParsedInput<'reports:progressXlsx'>, now: Date): Promise<FileDownload> {
  requirePermission(db, 'reports.export');
  const report = progressReport(db, q, now);
  return xlsxDownload(progressWorkbook(report), `普查进度-${format(now, 'yyyyMMdd-HHmm')}.xlsx`);
}

export async function approvedUnitsXlsx(db: AppDatabase, q: ParsedInput<'reports:approvedUnitsXlsx'>, now: Date): Promise<FileDownload> {
  requirePermission(db, 'reports.export');
  refreshReviewIndex(db);
  const prefix = q.areaPrefix ?? '';
  const rows = unitsForExport(db, q.statuses, prefix);
  const events = eventsOf(db, rows.map((r) => r.id));
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('已审核单位');
  headerRow(sheet, ['普查小区代码', '单位详细名称', '统一社会信用代码', '单位类型', '行业代码', '地址', '状态', '普查员', '提交时间', '审核人', '审核时间', '验收人', '验收时间', '改后重审', '单位ID']);
  const time = (iso: string | undefined): string => (iso === undefined ? '' : format(new Date(iso), 'yyyy-MM-dd HH:mm'));
  for (const r of rows) {
    const list = events.get(r.id) ?? [];
    // Statuses here are approved/accepted: no comment is current, so the forms are not needed.
    const facts = deriveThread(list, { status: r.status === 'accepted' ? 'accepted' : 'approved', forms: {} });
    const approve = list.filter((e) => e.value.kind === 'approve').at(-1)?.value;
    const accept = list.filter((e) => e.value.kind === 'accept').at(-1)?.value;
    sheet.addRow([
      r.areaCode,
      r.name,
      r.uscc,
      kindZh[r.kind as UnitKind] ?? r.kind,
      r.industryCode,
      r.address,
      statusZh[r.status] ?? r.status,
      facts.lastSubmit?.name ?? '',
      time(facts.lastSubmit?.at),
      approve?.by.name ?? '',
      time(approve?.at),
      r.status === 'accepted' ? (accept?.by.name ?? '') : '',
      r.status === 'accepted' ? time(accept?.at) : '',
      facts.isReopened ? '是' : '',
      r.id,
    ]);
  }
  for (const [i, w] of [18, 30, 22, 14, 10, 30].entries()) sheet.getColumn(i + 1).width = w;
  return xlsxDownload(wb, `已审核单位-${format(now, 'yyyyMMdd-HHmm')}.xlsx`);
}
