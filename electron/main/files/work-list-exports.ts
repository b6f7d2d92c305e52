import { format } from 'date-fns';
import ExcelJS from 'exceljs';
import type { AppDatabase } from '@db/open';
import { getDivision } from '../divisions/queries';
import { rowsWithFlags, toEnterpriseRow } from '../directory/queries';
import type { EnterpriseStatus, FileDownload } from '@shared/directory/directory';
import type { DrawItem, DrawRecord, exitReasons as exitReasonCodes } from '@shared/followup/work';
import type { ParsedInput } from '@shared/ipc/contract';
import { statusLabel } from '../directory/import-columns';
import { exitReasons } from '../followup/lists';
import { indexFor } from '../directory/index-store';
import { xlsxDownload } from './xlsx-download';

// The directory's work lists as files for the meeting table and the case file: the 退库 list
// (every candidate matching the page's filter, with its reasons) and a 双随机 draw's list (the
// record's seed and pool fingerprint on top, then each drawn enterprise with its inspectors,
// result and closure). Chinese headers and local dates, like every other report.

const reasonLabel: Record<(typeof exitReasonCodes)[number], string> = {
  closed: '关闭',
  suspended: '停业',
  deregistered: '注销',
  revoked: '吊销',
  bankrupt: '破产',
  moved_away: '迁出',
  merged: '合并',
  below_threshold: '低于规上标准',
};

const resultLabel: Record<DrawItem['result'], string> = {
  pending: '待检查',
  no_issue: '未发现问题',
  issues_found: '发现问题',
  not_reachable: '无法联系',
};

/** Township (乡镇/街道) names by 9-digit code, read once per code. */
function townshipNames(db: AppDatabase): (divisionCode: string) => string {
  const names = new Map<string, string>();
  return (divisionCode) => {
    const code = divisionCode.slice(0, 9);
    let name = names.get(code);
    if (name === undefined) {
      name = getDivision(db, code)?.name ?? '';
      names.set(code, name);
    }
    return name;
  };
}

function header(sheet: ExcelJS.Worksheet, titles: readonly string[], widths: readonly number[]): void {
  sheet.addRow([...titles]).font = { bold: true };
  widths.forEach((w, i) => (sheet.getColumn(i + 1).width = w));
}

const localTime = (iso: string | null): string => (iso === null ? '' : format(new Date(iso), 'yyyy-MM-dd HH:mm'));

export async function exitsXlsx(db: AppDatabase, filter: ParsedInput<'exits:exportXlsx'>, now: Date): Promise<FileDownload> {
  const { ids } = indexFor(db).page(filter, 'divisionCode', 'asc', 0, Number.MAX_SAFE_INTEGER, { kind: 'exits' });
  const township = townshipNames(db);
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('退库候选');
  header(
    sheet,
    ['企业名称', '统一社会信用代码', '乡镇（街道）', '区划代码', '行业代码', '经营状态', '退库原因', '原因说明', '包保责任人', '本年累计营业收入（千元）', '累计至'],
    [36, 22, 14, 14, 10, 10, 16, 48, 12, 16, 10],
  );
  const byId = new Map(rowsWithFlags(db, ids).map((r) => [r.id, r]));
  for (const id of ids) {
    const r = byId.get(id);
    if (!r) continue;
    const row = toEnterpriseRow(r, r.flags);
    const reasons = exitReasons(row, r.statusNote);
    sheet.addRow([
      row.name,
      row.uscc,
      township(row.divisionCode),
      row.divisionCode,
      row.industryCode,
      statusLabel[row.status satisfies EnterpriseStatus],
      reasons.map((x) => reasonLabel[x.code]).join('、'),
      reasons.map((x) => x.detailZh).filter((d) => d !== '').join('；'),
      row.liaison,
      row.flags.ytdRevenue,
      row.flags.asOf ?? '',
    ]);
  }
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return xlsxDownload(wb, `退库候选-${format(now, 'yyyyMMdd-HHmm')}.xlsx`);
}

export async function drawXlsx(db: AppDatabase, record: DrawRecord): Promise<FileDownload> {
  const township = townshipNames(db);
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('抽查名单');
  // The facts that let anyone replay the draw come first, as on the printed record.
  const facts: [string, string | number][] = [
    ['抽查名称', record.title],
    ['随机种子', record.seed],
    ['算法', record.algorithm],
    ['对象名单企业数', record.poolSize],
    ['抽中企业数', record.drawn],
    ['对象名单指纹（SHA-256）', record.poolHash],
    ['执法检查人员', record.inspectors.join('、')],
    ['每家企业检查人员数', record.inspectorsPerEnterprise],
    ['抽取人', record.createdBy],
    ['抽取时间', localTime(record.createdAt)],
  ];
  for (const [k, v] of facts) sheet.addRow([k, v]).getCell(1).font = { bold: true };
  sheet.addRow([]);
  const headerRow = sheet.rowCount + 1;
  header(
    sheet,
    ['序号', '企业名称', '统一社会信用代码', '乡镇（街道）', '区划代码', '检查人员', '检查结果', '发现的问题', '是否结案', '结案日期', '结案说明'],
    [24, 36, 22, 14, 14, 18, 12, 40, 10, 12, 30],
  );
  record.items.forEach((item, i) => {
    sheet.addRow([
      i + 1,
      item.name,
      item.uscc,
      township(item.divisionCode),
      item.divisionCode,
      item.inspectors.join('、'),
      resultLabel[item.result],
      item.findings,
      item.isClosed ? '是' : '否',
      item.closedAt === null ? '' : format(new Date(item.closedAt), 'yyyy-MM-dd'),
      item.closingNote,
    ]);
  });
  sheet.views = [{ state: 'frozen', ySplit: headerRow }];
  return xlsxDownload(wb, `双随机抽查-${record.title}-${format(new Date(record.createdAt), 'yyyyMMdd')}.xlsx`);
}
