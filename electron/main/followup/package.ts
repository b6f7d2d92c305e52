import { format } from 'date-fns';
import ExcelJS from 'exceljs';
import type { AppDatabase } from '@db/open';
import { fieldsOf, readFlags } from '../directory/queries';
import { allMonths, valuesOf } from '../ledger/queries';
import { figuresOf, liveEvidence } from '../evidence/queries';
import type { FileDownload } from '@shared/directory/directory';
import type { ParsedInput } from '@shared/ipc/contract';
import { indicatorDef, type IndicatorKey } from '@shared/ledger/indicators';
import { indicatorNumber, indicatorNumFmt } from '@shared/ledger/indicator-values';
import { EvidenceKind, type MonthValues } from '@shared/ledger/wire';
import { requireEnterprise } from '../directory/service';
import { ruleFor } from './thresholds';
import { measureLabel, statusLabel, unitKindLabel } from '../directory/import-columns';
import type { MaterialReason } from '@shared/followup/work';
import { followUpView } from './service';
import { shownIndicators } from '../ledger/service';
import { xlsxDownload } from '../files/xlsx-download';

// The 规下升规上 application package: one XLSX holding the 12-month ledger (分月台账)
// ending at the chosen month, the application sheet (identity, threshold, revenue, materials
// checklist) and the list of evidence files with what each backs.

const materialLabels: Record<string, string> = {
  licence: '营业执照',
  income_statement: '最近一期利润表',
  vat_return: '同期增值税纳税申报表',
  site_photos: '现场照片',
  pledge: '真实性承诺书',
  ledger_12m: '12个月分月台账',
  application_form: '纳入申报表',
  vat_attachment_1: '增值税纳税申报表附列资料（一）',
  vat_returns_since_founding: '成立以来各年度增值税纳税申报表',
  new_build_statement: '新建投产说明',
};

const reasonLabels: Record<MaterialReason, string> = {
  always: '',
  overThreeYears: '（成立三年以上）',
  ageUnknown: '（成立日期未填：成立三年以上的单位须提供）',
  newBuild: '（新建投产单位）',
  notRequired: '（按本单位情况不需要，保留记录）',
};

// The names the attach dialog shows (renderer locales, directory.evidence.kinds): the package
// goes to the bureau's reviewers, who read Chinese, never the stored keys.
const evidenceKindLabels: Record<EvidenceKind, string> = {
  voucher: '会计凭证',
  vat_return: '增值税纳税申报表',
  warehouse_slip: '出入库单',
  energy_bill: '能源（电费）票据',
  payroll: '工资表',
  income_statement: '利润表',
  licence: '营业执照',
  site_photo: '现场照片',
  pledge: '真实性承诺书',
  other: '其他',
};

const kindLabel = (kind: string): string => {
  const known = EvidenceKind.safeParse(kind);
  return known.success ? evidenceKindLabels[known.data] : kind;
};

const stageLabels: Record<string, string> = { candidate: '候选', nurturing: '培育中', applied: '已申报', admitted: '已入库', rejected: '未通过' };

/** The twelve (year, month) pairs ending at end, oldest first. */
export function twelveMonths(endYear: number, endMonth: number): { year: number; month: number }[] {
  const out: { year: number; month: number }[] = [];
  for (let i = 11; i >= 0; i -= 1) {
    const index = endYear * 12 + (endMonth - 1) - i;
    out.push({ year: Math.floor(index / 12), month: (index % 12) + 1 });
  }
  return out;
}

export async function exportPackage(db: AppDatabase, input: ParsedInput<'package:export'>, now: Date): Promise<FileDownload> {
  const e = requireEnterprise(db, input.enterpriseId);
  const rows = allMonths(db, e.id);
  const byMonth = new Map<string, MonthValues>(rows.map((r) => [`${r.year}-${r.month}`, valuesOf(r)]));
  const latest = rows.filter((r) => Object.keys(valuesOf(r)).length > 0).at(-1);
  const endYear = input.endYear ?? latest?.year ?? now.getFullYear();
  const endMonth = input.endMonth ?? latest?.month ?? now.getMonth() + 1;
  const months = twelveMonths(endYear, endMonth);
  const shown = shownIndicators(e.industryCode, months.map(({ year, month }) => byMonth.get(`${year}-${month}`) ?? {}));
  const evidence = liveEvidence(db, e.id);
  const backed = new Set(evidence.flatMap((ev) => figuresOf(ev).map((f) => `${f.year}-${f.month}.${f.indicator}`)));

  const wb = new ExcelJS.Workbook();
  wb.creator = 'Census Field 经普外业通';
  const ledger = wb.addWorksheet('12个月台账');
  ledger.addRow([`${e.name}（${e.uscc}）分月统计台账 ${months[0]?.year}年${months[0]?.month}月—${endYear}年${endMonth}月`]);
  ledger.addRow(['月份', ...shown.map((k) => `${indicatorDef(k).zh}（${indicatorDef(k).unit}）`), '数出有据（有证明材料的指标数）']);
  const totals = new Map<IndicatorKey, number>();
  for (const { year, month } of months) {
    const values = byMonth.get(`${year}-${month}`) ?? {};
    let backedCount = 0;
    const cells = shown.map((k) => {
      const v = values[k];
      if (v === undefined || v === null) return null;
      if (indicatorDef(k).kind === 'flow') totals.set(k, (totals.get(k) ?? 0) + v);
      if (backed.has(`${year}-${month}.${k}`)) backedCount += 1;
      // In the form's unit with its decimals (用电量 in 万千瓦时), as the header says.
      return indicatorNumber(indicatorDef(k), v);
    });
    ledger.addRow([`${year}-${String(month).padStart(2, '0')}`, ...cells, backedCount]);
  }
  ledger.addRow(['12个月合计', ...shown.map((k) => (indicatorDef(k).kind === 'flow' && totals.has(k) ? indicatorNumber(indicatorDef(k), totals.get(k) ?? 0) : null)), null]);
  shown.forEach((k, i) => (ledger.getColumn(i + 2).numFmt = indicatorNumFmt(indicatorDef(k))));
  ledger.getRow(1).font = { bold: true };
  ledger.getRow(2).font = { bold: true };
  ledger.getColumn(1).width = 14;

  const f = fieldsOf(e);
  const view = followUpView(db, e.id, now);
  const rule = ruleFor(e.industryCode);
  const flags = readFlags(db, e.id);
  // The figure the unit is judged on (主营业务收入 for 工业 and 批零住餐, 营业收入 for services); a
  // missing one is written as missing, never as 0 or as the other figure.
  const measure = rule?.measure ?? null;
  const measureName = measure ? measureLabel[measure] : '营业收入';
  const measure12 = totals.get(measure ?? 'revenue') ?? null;
  const missing = flags.isMeasureMissing ? `${measureName}未填` : null;
  const app = wb.addWorksheet('入库申报表');
  app.columns = [{ width: 28 }, { width: 60 }];
  const pairs: [string, string | number | null][] = [
    ['统一社会信用代码', f.uscc],
    ['单位详细名称', f.name],
    ['详细地址', f.address],
    ['区划代码', f.divisionCode],
    ['行业代码', f.industryCode],
    ['登记注册统计类别', f.registrationCategory],
    ['机构类型', f.institutionType],
    ['法定代表人', f.legalRepresentative],
    ['联系电话', f.phone],
    ['包保责任人', f.liaison],
    ['运营状态', statusLabel[f.status]],
    ['单位类别', unitKindLabel[f.unitKind]],
    ...(f.unitKind === 'establishment' ? [['所属法人单位统一社会信用代码', f.parentUscc] as [string, string]] : []),
    ['成立日期', f.foundedOn || '未填'],
    ['新建投产', f.isNewBuild ? '是' : '否'],
    ['入库标准', rule ? rule.zh : '无对应规上标准'],
    ['标准（千元）', rule?.minRevenue ?? null],
    ['入规指标', measure ? measureLabel[measure] : rule ? '—（按资质、开发经营活动或在建项目）' : '—'],
    [`近12个月${measureName}合计（千元）`, missing ?? measure12],
    [`本年累计${measureName}（千元）`, missing ?? flags.ytdRevenue],
    ['累计至', flags.flagsAsOf ?? ''],
    ['达标（应统尽统）', flags.isReached ? '是' : '否'],
    ['准规模', flags.isNearThreshold ? '是' : '否'],
    ['成长型', flags.isGrowth ? '是' : '否'],
    ['跟踪阶段', view.stage ? (stageLabels[view.stage] ?? view.stage) : '未跟踪'],
    ['申报批次', view.applicationRound === 'annual' ? '年度集中申报' : view.applicationRound === 'monthly' ? '月度申报' : ''],
    // Local time, as the reader's calendar and clock say (not a UTC ISO stamp).
    ['导出时间', format(now, 'yyyy-MM-dd HH:mm')],
  ];
  app.addRow(['规下升规上入库申报', '']).font = { bold: true };
  for (const [k, v] of pairs) app.addRow([k, v]);
  app.addRow([]);
  app.addRow(['申报材料', '是否齐备 / 附件']).font = { bold: true };
  const names = new Map(evidence.map((ev) => [ev.id, ev.fileName]));
  for (const m of view.materials) {
    if (m.reason === 'notRequired' && !m.isProvided && m.evidenceIds.length === 0) continue;
    const files = m.evidenceIds.map((id) => names.get(id) ?? id).join('、');
    const years = m.years && m.years.length > 0 ? `${m.years[0]}—${m.years[m.years.length - 1]}年度` : '';
    app.addRow([`${materialLabels[m.key] ?? m.key}${years ? `（${years}）` : ''}${reasonLabels[m.reason]}`, `${m.isProvided ? '已提供' : '未提供'}${files ? `：${files}` : ''}${m.note ? `（${m.note}）` : ''}`]);
  }

  const files = wb.addWorksheet('证明材料');
  files.columns = [
    { header: '文件名', width: 30 },
    { header: '类型', width: 14 },
    { header: '说明', width: 40 },
    { header: '支撑的指标', width: 50 },
    { header: 'SHA-256', width: 66 },
  ];
  for (const ev of evidence) {
    const figs = figuresOf(ev).map((fg) => `${fg.year}-${String(fg.month).padStart(2, '0')} ${indicatorDef(fg.indicator).zh}`);
    files.addRow([ev.fileName, kindLabel(ev.kind), ev.note, figs.join('；'), ev.sha256]);
  }

  return xlsxDownload(wb, `入库申报-${e.name}-${endYear}${String(endMonth).padStart(2, '0')}.xlsx`);
}
