import { format } from 'date-fns';
import ExcelJS from 'exceljs';
import type { AppDatabase } from '@db/open';
import type { FileDownload } from '@shared/directory/directory';
import { coverageReport, type CoverageReport } from '@shared/liaison/coverage';
import type { CoverageQuery, LiaisonListPage, LiaisonListQuery, LiaisonListRow } from '@shared/liaison/liaison';
import { getDivision } from '../divisions/queries';
import { xlsxDownload } from '../files/xlsx-download';
import { currentAssignments, liveEnterprises, visitDates } from './queries';

// Coverage and workload per official (shared/liaison/coverage.ts) over the live enterprises of
// the laptop's scope or one township, the list of enterprises with their official, and the
// coverage as a workbook for the bureau's meeting.

interface Joined {
  id: string;
  name: string;
  uscc: string;
  divisionCode: string;
  official: string;
  department: string;
  since: string | null;
}

function joined(db: AppDatabase, township?: string): Joined[] {
  const current = currentAssignments(db);
  return liveEnterprises(db, township).map((e) => {
    const a = current.get(e.id);
    // An assignment names the department only while it is for the directory's 包保责任人.
    const isCurrent = a !== undefined && a.official === e.liaison;
    return { ...e, official: e.liaison, department: isCurrent ? a.department : '', since: isCurrent ? a.since : null };
  });
}

export function coverage(db: AppDatabase, q: CoverageQuery, now: Date): CoverageReport {
  return coverageReport(joined(db, q.township), visitDates(db), format(now, 'yyyy-MM-dd'));
}

/** The enterprises with their official, department, start day and visits (newest visit, count). */
function listRows(db: AppDatabase, township?: string): LiaisonListRow[] {
  const visits = new Map<string, { n: number; last: string }>();
  for (const v of visitDates(db)) {
    const s = visits.get(v.enterpriseId);
    visits.set(v.enterpriseId, { n: (s?.n ?? 0) + 1, last: s && s.last > v.date ? s.last : v.date });
  }
  return joined(db, township).map((e) => ({
    enterpriseId: e.id,
    name: e.name,
    uscc: e.uscc,
    divisionCode: e.divisionCode,
    official: e.official,
    department: e.department,
    since: e.since,
    lastVisit: visits.get(e.id)?.last ?? null,
    visits: visits.get(e.id)?.n ?? 0,
  }));
}

export function liaisonList(db: AppDatabase, q: LiaisonListQuery): LiaisonListPage {
  const text = q.text?.trim().toLowerCase() ?? '';
  const rows = listRows(db, q.township).filter(
    (e) => (q.official === undefined || e.official === q.official) && (text === '' || e.name.toLowerCase().includes(text) || e.uscc.toLowerCase().includes(text) || e.official.toLowerCase().includes(text)),
  );
  return { total: rows.length, rows: rows.slice(q.offset, q.offset + q.limit) };
}

const COUNT_HEADERS = ['企业数', '近90天走访次数', '近90天已走访企业', '近90天未走访企业', '从未走访企业', '最近走访日期'];

export async function coverageXlsx(db: AppDatabase, q: CoverageQuery, now: Date): Promise<FileDownload> {
  const report = coverage(db, q, now);
  const area = q.township ? (getDivision(db, q.township)?.name ?? q.township) : '全部';
  const wb = new ExcelJS.Workbook();
  const counts = (c: CoverageReport['total']) => [c.enterprises, c.visitsInWindow, c.visitedInWindow, c.notVisitedInWindow, c.neverVisited, c.lastVisit ?? ''];
  const sheet = wb.addWorksheet('包保责任人');
  sheet.addRow([`企业包保覆盖情况（${area}），截至 ${report.asOf}，近${report.windowDays}天为 ${report.windowStart} 至 ${report.asOf}`]).font = { bold: true };
  sheet.addRow(['包保责任人', '部门', ...COUNT_HEADERS]).font = { bold: true };
  for (const o of report.officials) sheet.addRow([o.official, o.departments.join('、'), ...counts(o)]);
  sheet.addRow(['（未分配）', '', ...counts(report.unassigned)]);
  sheet.addRow(['合计', '', ...counts(report.total)]).font = { bold: true };
  [14, 20, 8, 14, 16, 16, 12, 12].forEach((w, i) => (sheet.getColumn(i + 1).width = w));
  const byDept = wb.addWorksheet('部门');
  byDept.addRow(['部门', '包保责任人数', ...COUNT_HEADERS]).font = { bold: true };
  for (const d of report.departments) byDept.addRow([d.department === '' ? '（未填部门）' : d.department, d.officials, ...counts(d)]);
  [20, 12, 8, 14, 16, 16, 12, 12].forEach((w, i) => (byDept.getColumn(i + 1).width = w));
  const notVisited = wb.addWorksheet('近90天未走访');
  notVisited.addRow(['包保责任人', '部门', '企业名称', '统一社会信用代码', '区划代码', '最近走访日期']).font = { bold: true };
  const all = new Map(listRows(db, q.township).map((r) => [r.enterpriseId, r]));
  for (const o of report.officials) {
    for (const id of o.notVisitedIds) {
      const r = all.get(id);
      if (r) notVisited.addRow([o.official, r.department, r.name, r.uscc, r.divisionCode, r.lastVisit ?? '从未走访']);
    }
  }
  [14, 20, 36, 22, 14, 14].forEach((w, i) => (notVisited.getColumn(i + 1).width = w));
  return xlsxDownload(wb, `企业包保覆盖_${area}_${report.asOf}.xlsx`);
}
