import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertUnit } from '@main/registration/unit-writes';
import { writeState } from '@main/sync/queries/state';
import { progressReport } from '@main/progress/service';
import { approvedUnitsXlsx, progressXlsx } from '@main/progress/reports';
import { AppError } from '@shared/result';
import type { ProgressQuery } from '@shared/progress/progress';
import { ProgressQuery as ProgressQuerySchema } from '@shared/progress/progress';
import { reviewWorld, type ReviewWorld } from '../review/helpers';

// Progress and reports on a seeded store: counts per 普查区, 普查小区 and enumerator
// (frame units, units added in the field, every status), 零数据 sub-districts including assigned
// ones with no units yet, the daily trend from review events, the last sync time; and the XLSX
// files, opened again with exceljs.

const SUB1 = '640502100002001';
const SUB2 = '640502100002002';
const SUB3 = '640502100006001';
const SUB4 = '640502100006002';

let w: ReviewWorld;
let accepted: { id: string; areaCode: string };
let approvedOnly: { id: string; areaCode: string };

const day = (d: number, h = 2) => new Date(Date.UTC(2024, 2, d, h, 0, 0));

function frameUnit(id: string, areaCode: string, status = 'not_started'): void {
  const at = day(1).toISOString();
  insertUnit(w.store.db, { id, areaCode, kind: 'legal', status, name: `底册单位${id}`, source: 'frame', data: '{}', createdAt: at, updatedAt: at });
}

function fieldUnit(areaCode: string, status: string): void {
  const created = w.registration.create({ areaCode, kind: 'individual', name: `现场新增${status}` });
  w.store.sqlite.prepare('UPDATE units SET status = ? WHERE id = ?').run(status, created.id);
}

beforeEach(() => {
  w = reviewWorld();
  frameUnit('frame-0001', SUB1);
  frameUnit('frame-0002', SUB1);
  frameUnit('frame-0003', SUB1, 'not_found');
  frameUnit('frame-0004', SUB3);
  frameUnit('frame-0005', SUB3);
  fieldUnit(SUB1, 'draft');
  fieldUnit(SUB2, 'completed');
  fieldUnit(SUB2, 'returned');
  // Through review: submitted on the 1st, returned and resubmitted on the 2nd, approved and accepted on the 3rd.
  w.clock.now = day(1);
  const a = w.register(0);
  w.signIn('supervisor', '李指导');
  w.clock.now = day(2);
  const thread = w.review.decide({ unitId: a.id, version: a.version, decision: 'return', comments: [], note: '补充说明' });
  w.signIn('enumerator', '王小明');
  const again = w.registration.submit({ id: a.id, version: thread.version });
  w.signIn('supervisor', '李指导');
  w.clock.now = day(3);
  const approved = w.review.decide({ unitId: a.id, version: again.version, decision: 'approve', comments: [] });
  w.signIn('admin', '区统计局');
  w.review.decide({ unitId: a.id, version: approved.version, decision: 'accept', comments: [] });
  accepted = a;
  const b = w.register(1);
  w.signIn('supervisor', '李指导');
  w.review.decide({ unitId: b.id, version: b.version, decision: 'approve', comments: [] });
  approvedOnly = b;
  w.signIn('admin', '区统计局');
  w.setTeam([
    { id: 'u-1', username: 'enum01', name: '王小明', role: 'enumerator', areas: [SUB1, SUB2] },
    { id: 'u-2', username: 'enum02', name: '马丽', role: 'enumerator', areas: [SUB3, SUB4] },
    { id: 'u-3', username: 'super01', name: '李指导', role: 'supervisor', areas: ['640502100'] },
  ]);
  writeState(w.store.db, 'lastSyncAt', day(3, 8).toISOString());
});
afterEach(() => w.store.sqlite.close());

const query = (q: ProgressQuery = {}) => ProgressQuerySchema.parse(q);

describe('progress', () => {
  it('counts every unit once per sub-district, district and enumerator', () => {
    expect([accepted.areaCode, approvedOnly.areaCode]).toEqual([SUB1, SUB2]);
    const r = progressReport(w.store.db, query({ days: 5 }), day(5));
    const sub = (code: string) => r.subDistricts.find((s) => s.code === code);
    expect(sub(SUB1)?.counts).toEqual({
      frame: 3, added: 2, total: 5, visited: 3, notStarted: 2, draft: 1, completed: 0, submitted: 0, returned: 0, approved: 0, accepted: 1, notFound: 1, outOfScope: 0,
    });
    expect(sub(SUB2)?.counts).toMatchObject({ frame: 0, added: 3, total: 3, visited: 3, completed: 1, returned: 1, approved: 1 });
    expect(sub(SUB3)).toMatchObject({ isZeroData: true, enumeratorNames: ['马丽'], counts: { total: 2, notStarted: 2, visited: 0 } });
    // Assigned but without a single unit yet: listed, and zero-data.
    expect(sub(SUB4)).toMatchObject({ isZeroData: true, counts: { total: 0 } });
    expect(r.districts.map((d) => [d.code, d.counts.total, d.isZeroData])).toEqual([
      ['640502100002', 8, false],
      ['640502100006', 2, true],
    ]);
    expect(r.districts[0]?.name).not.toBe('');
    expect(r.totals).toMatchObject({ total: 10, frame: 5, added: 5, accepted: 1, approved: 1, notFound: 1 });
    const byName = Object.fromEntries(r.enumerators.map((e) => [e.name, e]));
    expect(byName['王小明']?.counts).toMatchObject({ total: 8, accepted: 1, approved: 1 });
    expect(byName['马丽']).toMatchObject({ zeroDataSubDistricts: 2, counts: { total: 2, visited: 0 } });
    expect(r.lastSyncAt).toBe(day(3, 8).toISOString());
    expect(r.teamFetchedAt).not.toBeNull();
  });

  it('draws the daily trend from the review events', () => {
    const r = progressReport(w.store.db, query({ days: 4 }), day(4));
    const trend = Object.fromEntries(r.trend.map((d) => [d.date, d]));
    expect(r.trend.map((d) => d.date)).toEqual(['2024-03-01', '2024-03-02', '2024-03-03', '2024-03-04']);
    expect(trend['2024-03-01']).toMatchObject({ submitted: 1, firstSubmitted: 1, returned: 0 });
    expect(trend['2024-03-02']).toMatchObject({ submitted: 1, returned: 1, firstSubmitted: 0 });
    // Unit b was registered, submitted and approved on the 3rd as well.
    expect(trend['2024-03-03']).toMatchObject({ submitted: 1, approved: 2, accepted: 1, firstSubmitted: 1 });
  });

  it('narrows to an area prefix', () => {
    const r = progressReport(w.store.db, query({ areaPrefix: SUB3 }), day(4));
    expect(r.subDistricts.map((s) => s.code)).toEqual([SUB3]);
    expect(r.totals.total).toBe(2);
  });
});

describe('reports', () => {
  const open = async (base64: string) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
    return wb;
  };
  const rows = (sheet: ExcelJS.Worksheet | undefined) => {
    const out: unknown[][] = [];
    sheet?.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
    return out;
  };

  it('writes the progress figures to XLSX: summary, districts, sub-districts, enumerators, trend', async () => {
    const file = await progressXlsx(w.store.db, query({ days: 4 }), day(4));
    expect(file.fileName).toMatch(/^普查进度-\d{8}-\d{4}\.xlsx$/);
    const wb = await open(file.contentBase64);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['汇总', '普查区', '普查小区', '普查员', '每日趋势']);
    const subs = rows(wb.getWorksheet('普查小区'));
    expect(subs[0]?.slice(0, 5)).toEqual(['代码', '名称', '普查员', '底册单位', '新增单位']);
    const sub3 = subs.find((r) => r[0] === SUB3);
    expect(sub3?.[2]).toBe('马丽');
    expect(sub3?.at(-1)).toBe('是');
    // Pinyin order (ma < wang), then the 合计 row: every unit here is in an assigned 小区.
    expect(rows(wb.getWorksheet('普查员')).map((r) => r[0])).toEqual(['普查员', '马丽', '王小明', '合计']);
    expect(rows(wb.getWorksheet('每日趋势'))).toHaveLength(5);
  });

  it('lists approved and accepted units with who reviewed them and when', async () => {
    const file = await approvedUnitsXlsx(w.store.db, { statuses: ['approved', 'accepted'] }, day(4));
    const table = rows((await open(file.contentBase64)).getWorksheet('已审核单位'));
    expect(table).toHaveLength(3);
    const byId = Object.fromEntries(table.slice(1).map((r) => [r.at(-1), r]));
    expect(byId[accepted.id]?.slice(6, 13)).toEqual(['已验收', '王小明', '2024-03-02 ' + local(day(2)), '李指导', '2024-03-03 ' + local(day(3)), '区统计局', '2024-03-03 ' + local(day(3))]);
    expect(byId[approvedOnly.id]?.[6]).toBe('已通过');
    const onlyAccepted = await approvedUnitsXlsx(w.store.db, { statuses: ['accepted'] }, day(4));
    expect(rows((await open(onlyAccepted.contentBase64)).getWorksheet('已审核单位'))).toHaveLength(2);
  });

  it('are for supervisors, township staff and the bureau', async () => {
    w.signIn('enumerator', '王小明');
    await expect(progressXlsx(w.store.db, query(), day(4))).rejects.toBeInstanceOf(AppError);
  });
});

/** HH:mm of a time on this machine's clock (the report's times are local). */
function local(d: Date): string {
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}
