import { format } from 'date-fns';
import ExcelJS from 'exceljs';
import type { FileDownload } from '@shared/directory/directory';
import { dimensionNames, dimensions, TOTALS_SHEET, totalColumns, UNIT_SHEET, unitColumns, professionName } from '@shared/reconcile/columns';
import { dimensionTitles, measureColumns, measureNames, NONE, partNames } from '@shared/reconcile/table-cells';
import type { Measure, ReconcileView } from '@shared/reconcile/wire';
import { xlsxDownload } from '../files/xlsx-download';

// The gap table as a workbook (the page's tables: numbers stay numbers, "—" where the page shows
// it) and the import template. Sheet 差异表 reads back to the page's rows (test/reconcile).

export const GAP_SHEET = '差异表';
export const GAP_HEADER = [
  '分组',
  '代码',
  '名称',
  ...measureColumns.flatMap((m) => (['census', 'annual', 'diff', 'pct'] as const).map((p) => `${measureNames[m].zh}${partNames[p].zh}`)),
  '说明',
  '说明人',
  '说明时间',
];

const cells = (m: Measure): (number | string)[] => [m.census, m.annual ?? NONE, m.diff ?? NONE, m.pct ?? NONE];

export function reconcileWorkbook(view: ReconcileView, at: Date): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet(GAP_SHEET);
  sheet.addRow([`${view.year} 年普查与快报衔接差异表`]).font = { bold: true, size: 14 };
  const source = view.dataset ? `快报：${view.dataset.fileName}（${view.dataset.by} ${view.dataset.at.slice(0, 16).replace('T', ' ')} 导入）` : '未导入快报';
  sheet.addRow([`导出时间 ${format(at, 'yyyy-MM-dd HH:mm')}；${source}；差异 = 普查 − 快报，差异率 = 差异 ÷ 快报，快报为 0 时记“—”`]);
  sheet.addRow(GAP_HEADER).font = { bold: true };
  for (const r of view.rows) {
    sheet.addRow([dimensionNames[r.dimension].zh, r.code, r.name.zh, ...cells(r.units), ...cells(r.revenue), ...cells(r.employees), r.note?.text ?? '', r.note?.by ?? '', r.note?.at.slice(0, 16).replace('T', ' ') ?? '']);
  }
  sheet.addRow(['合计', '', '', ...cells(view.total.units), ...cells(view.total.revenue), ...cells(view.total.employees)]).font = { bold: true };
  for (const d of dimensions) {
    if (view.annualSource[d] === 'summed') sheet.addRow([`${dimensionTitles[d].zh}：快报未给出汇总，快报数为单位明细合计`]).font = { italic: true, size: 9 };
  }
  sheet.getColumn(3).width = 26;

  const beyond = wb.addWorksheet('超出容差的单位');
  beyond.addRow([`容差：营业收入 ±${view.tolerances.revenue * 100}%，从业人员 ±${view.tolerances.employees * 100}%（表式 ${view.tolerances.pack} 的设置）`]);
  beyond.addRow(['单位名称', '普查小区代码', '统一社会信用代码', '对应方式', '营业收入普查', '营业收入快报', '差异率%', '从业人员普查', '从业人员快报', '差异率%']).font = { bold: true };
  for (const b of view.beyond) {
    beyond.addRow([b.unit.name, b.unit.areaCode, b.unit.uscc, b.matchedBy === 'uscc' ? '统一社会信用代码' : '组织机构代码', b.revenue.census, b.revenue.annual ?? NONE, b.revenue.pct ?? NONE, b.employees.census, b.employees.annual ?? NONE, b.employees.pct ?? NONE]);
  }
  const onlyAnnual = wb.addWorksheet('快报有普查无');
  onlyAnnual.addRow(['单位名称', '统一社会信用代码', '组织机构代码', '乡镇代码', '营业收入（千元）', '从业人员（人）']).font = { bold: true };
  for (const a of view.annualOnly) onlyAnnual.addRow([a.name, a.uscc, a.orgCode, a.township, a.revenue, a.employees]);
  if (view.annualOnlyCount > view.annualOnly.length) onlyAnnual.addRow([`另有 ${view.annualOnlyCount - view.annualOnly.length} 个单位未列出`]);
  const onlyCensus = wb.addWorksheet('普查有快报无');
  onlyCensus.addRow(['单位名称', '普查小区代码', '统一社会信用代码', '营业收入（千元）', '从业人员（人）']).font = { bold: true };
  for (const u of view.censusOnly) onlyCensus.addRow([u.name, u.areaCode, u.uscc, u.revenue ?? NONE, u.employees ?? NONE]);
  if (view.censusOnlyCount > view.censusOnly.length) onlyCensus.addRow([`另有 ${view.censusOnlyCount - view.censusOnly.length} 个单位未列出`]);
  return wb;
}

export function reconcileXlsx(view: ReconcileView, at: Date): Promise<FileDownload> {
  return xlsxDownload(reconcileWorkbook(view, at), `${view.year}年普查与快报衔接差异表.xlsx`);
}

/** The import template: the two sheets with their headers and an example row, and a 说明 sheet. */
export function annualTemplate(): Promise<FileDownload> {
  const wb = new ExcelJS.Workbook();
  const units = wb.addWorksheet(UNIT_SHEET);
  units.addRow(unitColumns.map((c) => c.headers[0] ?? c.field)).font = { bold: true };
  units.addRow(unitColumns.map((c) => c.example));
  const totals = wb.addWorksheet(TOTALS_SHEET);
  totals.addRow(totalColumns.map((c) => c.headers[0] ?? c.field)).font = { bold: true };
  totals.addRow(totalColumns.map((c) => c.example));
  totals.addRow(['行业', '34', '', 5, 410_000, 820]);
  totals.addRow(['乡镇', '640502100', '', 9, 650_000, 1_200]);
  const notes = wb.addWorksheet('说明');
  notes.addRow(['快报数据导入说明']).font = { bold: true, size: 13 };
  for (const line of [
    `“${UNIT_SHEET}”表（必需）：每个单位一行，按统一社会信用代码（无则组织机构代码）与普查法人单位对应。`,
    `“${TOTALS_SHEET}”表（可选）：快报公布的汇总数，分组为专业、行业（两位大类代码）或乡镇（9 位代码）；某一分组未给出时，以单位明细合计作快报数。`,
    '金额单位千元、人数单位人，均为整数；CSV 文件（UTF-8 或 GBK）只能包含单位明细。',
    '任何一行有错误时整个文件都不导入；再次导入同一年份会在确认后替换原数据，每次导入的人员和时间都保留。',
    `专业可填：${['industry', 'trade', 'hospitality', 'construction', 'realEstate', 'services'].map((p) => professionName(p).zh).join('、')}；空白时按行业代码归入。`,
  ]) notes.addRow([line]);
  notes.addRow([]);
  notes.addRow(['列名', '说明']).font = { bold: true };
  for (const c of [...unitColumns, ...totalColumns]) notes.addRow([c.headers.join(' / '), c.note.zh]);
  notes.getColumn(1).width = 40;
  notes.getColumn(2).width = 80;
  return xlsxDownload(wb, '快报数据导入模板.xlsx');
}
