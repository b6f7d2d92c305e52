import { format } from 'date-fns';
import ExcelJS from 'exceljs';
import type { AppDatabase } from '@db/open';
import type { FileDownload } from '@shared/directory/directory';
import type { ParsedInput } from '@shared/ipc/contract';
import { figureDifference } from '@shared/verification/differences';
import { stateName } from '@shared/verification/machine';
import { checkKeys, type CheckKey, type TaskKind } from '@shared/verification/sync-fields';
import { getDivision } from '../divisions/queries';
import { xlsxDownload } from '../files/xlsx-download';
import { listTasks, readTask } from './queries';

// The tasks on screen (the same filter) as a workbook for the bureau's file: one row per task,
// with the figures reported and found and their differences (shared/verification/differences.ts),
// what did not match on the checklist, both signatures and the 退库 state. Chinese headers, as
// every other report.

const kindLabel: Record<TaskKind, string> = { admission: '入库核查', exit: '退库核查', sample: '一套表抽查', draw: '双随机' };
const checkLabel: Record<CheckKey, string> = { licence: '营业执照', income_statement: '利润表', vat_return: '增值税纳税申报表', payroll: '工资表', site_visit: '实地查看' };

export async function tasksXlsx(db: AppDatabase, q: ParsedInput<'verification:exportXlsx'>, now: Date): Promise<FileDownload> {
  const townships = new Map<string, string>();
  const township = (code: string): string => {
    const key = code.slice(0, 9);
    if (!townships.has(key)) townships.set(key, getDivision(db, key)?.name ?? '');
    return townships.get(key) ?? '';
  };
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('核查任务');
  const titles = [
    '序号', '任务类型', '批次', '企业名称', '统一社会信用代码', '乡镇（街道）', '核查期', '核查人', '任务状态', '结论', '结论说明',
    '营业收入报送（千元）', '营业收入核查（千元）', '营业收入差额（千元）', '营业收入差率（%）',
    '从业人员报送（人）', '从业人员核查（人）', '从业人员差额（人）', '从业人员差率（%）',
    '不符或不适用的核查项', '核查人签名', '企业联系人签名', '退库状态', '退库日期', '建立人', '建立时间',
  ];
  sheet.addRow(titles).font = { bold: true };
  titles.forEach((title, i) => (sheet.getColumn(i + 1).width = Math.max(10, Math.min(36, title.length * 2 + 2))));
  listTasks(db, q).forEach((row, i) => {
    const stored = readTask(db, row.id);
    if (!stored) return;
    const t = stored.task;
    const figure = (key: 'revenue' | 'employees') => {
      const f = t.figures[key];
      const d = figureDifference(f?.reported ?? null, f?.found ?? null);
      return [f?.reported ?? null, f?.found ?? null, d.diff, d.pct];
    };
    const flagged = checkKeys.flatMap((k) => {
      const c = t.checks[k];
      return c && c.result !== 'consistent' ? [`${checkLabel[k]}：${c.result === 'inconsistent' ? '不符' : '不适用'}${c.note ? `（${c.note}）` : ''}`] : [];
    });
    const sign = (s: typeof t.signatures.checker) => (s ? `${s.name} ${s.date}` : '');
    sheet.addRow([
      i + 1,
      kindLabel[t.create.kind],
      t.create.batchTitle,
      t.create.name,
      t.create.uscc,
      township(t.create.areaCode),
      `${t.create.period.year}年1-${t.create.period.month}月`,
      t.assignee?.name ?? '',
      stateName(t.state.state).zh,
      t.conclusion ? (t.conclusion.result === 'consistent' ? '相符' : '不符') : '',
      t.conclusion?.note ?? '',
      ...figure('revenue'),
      ...figure('employees'),
      flagged.join('；'),
      sign(t.signatures.checker),
      sign(t.signatures.contact),
      t.exit ? stateName(t.exit.state).zh : '',
      t.exit?.date ?? '',
      t.create.createdBy,
      format(new Date(t.create.createdAt), 'yyyy-MM-dd HH:mm'),
    ]);
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return xlsxDownload(wb, `核查任务-${format(now, 'yyyyMMdd-HHmm')}.xlsx`);
}
