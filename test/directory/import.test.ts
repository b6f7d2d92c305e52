import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { writeState } from '@main/sync/queries/state';
import { loadDivisions } from '@main/divisions/queries';
import { addEnterprise, directoryStore, OTHER_VILLAGE, TOWNSHIP, uscc, VILLAGE, openXlsx, type DirectoryStore } from './helpers';

const csv = (rows: string[][]) => ({
  fileName: '企业名录.csv',
  contentBase64: Buffer.from(`\uFEFF${rows.map((r) => r.join(',')).join('\r\n')}\r\n`, 'utf8').toString('base64'),
});

const header = ['统一社会信用代码', '单位名称', '详细地址', '区划代码', '行业代码（GB/T 4754）', '规模', '一套表', '包保责任人', '状态'];

describe('directory import', () => {
  it('previews inserts, updates, unchanged rows and per-row errors without writing anything', async () => {
    const s = directoryStore();
    const known = await addEnterprise(s, '101', { name: '已有企业', liaison: '张伟' });
    await addEnterprise(s, '102', { name: '不变企业' });
    const file = csv([
      header,
      [uscc('101'), '已有企业', '', VILLAGE, '5211', '规下', '否', '王芳', '在营'],
      [uscc('102'), '不变企业', '', '', '', '', '', '', ''],
      [uscc('103'), '新企业甲', '文萃路1号', OTHER_VILLAGE, '1371', '规上', '是', '李娜', '在营'],
      [uscc('104').slice(0, 17) + (uscc('104').endsWith('0') ? '1' : '0'), '校验位错', '', VILLAGE, '', '', '', '', ''],
      [uscc('105'), '', '', VILLAGE, '', '', '', '', ''],
      [uscc('106'), '状态不明', '', VILLAGE, '', '', '', '', '营业中吧'],
      [uscc('103'), '重复的新企业', '', VILLAGE, '', '', '', '', ''],
    ]);
    const before = s.sqlite.prepare('SELECT count(*) FROM enterprise_changes').pluck().get();
    const preview = await s.ok('directory:importPreview', file);
    // An unreadable status is a secondary column: the row is imported without it, with a warning.
    // A USCC whose check character is wrong is imported with a note to verify (real registers
    // hold such codes), not refused.
    expect(preview.counts).toEqual({ total: 7, insert: 3, update: 1, unchanged: 1, error: 2, outOfScope: 0 });
    expect(preview.columns.find((c) => c.header === '行业代码（GB/T 4754）')?.field).toBe('industryCode');
    const update = preview.rows.find((r) => r.action === 'update');
    expect(update).toMatchObject({ uscc: known.uscc, changes: [{ field: 'liaison', from: '张伟', to: '王芳' }] });
    const errors = preview.rows.filter((r) => r.action === 'error');
    expect(errors.map((r) => r.rowNo)).toEqual([6, 8]);
    const wrongCheck = preview.rows.find((r) => r.rowNo === 5);
    expect(wrongCheck).toMatchObject({ action: 'insert', errors: [], warnings: [{ column: 'uscc' }] });
    expect(wrongCheck?.warnings[0]?.messageZh).toMatch(/校验位不正确，已导入，请对照营业执照核实/);
    expect(errors.find((r) => r.rowNo === 6)?.errors[0]?.column).toBe('name');
    const unclear = preview.rows.find((r) => r.rowNo === 7);
    expect(unclear).toMatchObject({ action: 'insert', errors: [], warnings: [{ column: 'status' }] });
    expect(unclear?.warnings[0]?.messageZh).toBe('经营状态“营业中吧”无法识别；应为：在营、停业、关闭、注销、吊销、破产、迁出、合并；此项未导入');
    expect(errors.find((r) => r.rowNo === 8)?.errors[0]?.messageZh).toMatch(/第 4 行/);
    expect(s.sqlite.prepare('SELECT count(*) FROM enterprise_changes').pluck().get()).toBe(before);
  });

  it('upserts by USCC, keeps stored values where a cell is blank, skips rows with errors and reports each', async () => {
    const s = directoryStore();
    const known = await addEnterprise(s, '201', { name: '已有企业', liaison: '张伟', phone: '0955-1234567' });
    const report = await s.ok('directory:import', {
      ...csv([
        header,
        [uscc('201'), '', '', '', '', '规上', '', '王芳', ''],
        [uscc('202'), '新企业乙', '迎水路5号', VILLAGE, '6210', '', '', '', ''],
        [uscc('203'), '缺区划', '', '', '', '', '', '', ''],
      ]),
      reason: '乡镇年度名录核对',
    });
    expect(report).toMatchObject({ inserted: 1, updated: 1, unchanged: 0 });
    expect(report.errors).toEqual([expect.objectContaining({ rowNo: 4, uscc: uscc('203') })]);
    const updated = await s.ok('enterprises:get', { id: known.id });
    expect(updated.fields).toMatchObject({ name: '已有企业', phone: '0955-1234567', liaison: '王芳', scale: 'above' });
    const [trace] = await s.ok('enterprises:history', { id: known.id });
    expect(trace).toMatchObject({ action: 'import', reason: '乡镇年度名录核对' });
    expect((await s.ok('enterprises:list', { query: '新企业乙' })).rows[0]).toMatchObject({ industryCode: '6210', divisionCode: VILLAGE });
    // The same file again changes nothing.
    const again = await s.ok('directory:import', csv([header, [uscc('202'), '新企业乙', '迎水路5号', VILLAGE, '6210', '', '', '', '']]));
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 1, errors: [] });
  });

  it('refuses a file without a USCC column, with nothing written', async () => {
    const s = directoryStore();
    const r = await s.call('directory:import', csv([['名称', '地址'], ['某企业', '某路']]));
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('reads XLSX, restores an industry code that lost its leading zero, and exports a file that imports back unchanged', async () => {
    const s = directoryStore();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名录');
    ws.addRow(header);
    ws.addRow([uscc('301'), '煤矿企业', '', VILLAGE, 610, '规上', '否', '', '在营']);
    ws.addRow([uscc('302'), '餐饮企业', '鼓楼东街2号', OTHER_VILLAGE, '6210', '规下', '是', '赵磊', '停业']);
    const xlsx = { fileName: '名录.xlsx', contentBase64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') };
    const preview = await s.ok('directory:importPreview', xlsx);
    expect(preview.rows.find((r) => r.uscc === uscc('301'))?.warnings[0]?.column).toBe('industryCode');
    expect(await s.ok('directory:import', xlsx)).toMatchObject({ inserted: 2, errors: [] });
    expect((await s.ok('enterprises:list', { query: '煤矿' })).rows[0]?.industryCode).toBe('0610');

    const exported = await s.ok('directory:export', {});
    expect(exported.fileName).toMatch(/\.xlsx$/);
    const back = await openXlsx(exported.contentBase64);
    const sheet = back.worksheets[0];
    expect(sheet?.rowCount).toBe(3);
    expect(sheet?.getRow(1).getCell(1).value).toBe('统一社会信用代码');
    const reimport = await s.ok('directory:importPreview', { fileName: 'export.xlsx', contentBase64: exported.contentBase64 });
    expect(reimport.counts).toMatchObject({ total: 2, unchanged: 2, error: 0 });
  });

  it('exports only what the filter selects', async () => {
    const s = directoryStore();
    await addEnterprise(s, '401', { name: '甲' });
    await addEnterprise(s, '402', { name: '乙', divisionCode: OTHER_VILLAGE });
    const exported = await s.ok('directory:export', { divisionPrefix: OTHER_VILLAGE.slice(0, 9) });
    const wb = await openXlsx(exported.contentBase64);
    expect(wb.worksheets[0]?.rowCount).toBe(2);
    expect(wb.worksheets[0]?.getRow(2).getCell(3).value).toBe('乙');
  });
});

describe('a directory import that fails', () => {
  it('leaves neither rows nor list entries behind', async () => {
    const s = directoryStore();
    await addEnterprise(s, '301', { name: '已有企业' });
    expect((await s.ok('enterprises:list', {})).total).toBe(1);
    // The flag pass refreshes the in-memory index inside the import's transaction; make the
    // last write of that refresh fail, as a full disk would, after the index has read the rows.
    s.sqlite.exec(`CREATE TRIGGER fail_clear BEFORE DELETE ON enterprise_dirty BEGIN SELECT RAISE(ABORT, 'disk full'); END;`);
    const result = await s.call('directory:import', csv([header, [uscc('302'), '新企业丙', '文萃路2号', VILLAGE, '5211', '规上', '否', '王芳', '在营']]));
    expect(result.ok).toBe(false);
    s.sqlite.exec('DROP TRIGGER fail_clear');
    expect(s.sqlite.prepare("SELECT count(*) FROM enterprises WHERE name = '新企业丙'").pluck().get()).toBe(0);
    const list = await s.ok('enterprises:list', {});
    expect(list.rows.map((r) => r.name)).toEqual(['已有企业']);
    expect(list.total).toBe(1);
  });
});

describe('a directory import by an account with areas', () => {
  // The walkthrough: a supervisor of 640502100 (滨河镇) imported a 名录 with rows in other
  // townships; the preview said nothing and sync then refused them as OUT_OF_SCOPE.
  const signIn = (s: DirectoryStore, role: string, scope: string[]) => {
    writeState(s.db, 'userRole', role);
    writeState(s.db, 'userId', `u-${role}`);
    writeState(s.db, 'scope', scope);
  };
  const file = () =>
    csv([
      header,
      [uscc('501'), '本镇企业', '', VILLAGE, '5211', '规下', '否', '', '在营'],
      [uscc('502'), '外镇企业', '', OTHER_VILLAGE, '5211', '规下', '否', '', '在营'],
      [uscc('503'), '外镇企业二', '', OTHER_VILLAGE, '5211', '规下', '否', '', '在营'],
    ]);

  it('marks rows outside the areas in the preview, naming the areas, and skips them on import', async () => {
    const s = directoryStore();
    loadDivisions(s.db, [{ code: TOWNSHIP, name: '滨河镇', level: 4 }]);
    signIn(s, 'supervisor', [TOWNSHIP]);
    const preview = await s.ok('directory:importPreview', file());
    expect(preview.scope).toEqual({ kind: 'areas', areas: [{ code: TOWNSHIP, name: '滨河镇' }] });
    expect(preview.counts).toMatchObject({ insert: 1, error: 0, outOfScope: 2 });
    const outside = preview.rows.filter((r) => r.action === 'outOfScope').map((r) => r.rowNo);
    expect(outside).toEqual([3, 4]);
    expect(preview.rows.find((r) => r.rowNo === 3)?.errors[0]?.messageZh).toBe('不在您负责的区域内（您负责：滨河镇 640502100），不导入');

    const report = await s.ok('directory:import', file());
    expect(report).toMatchObject({ inserted: 1, outOfScope: 2, errors: [] });
    expect(s.sqlite.prepare('SELECT name FROM enterprises').pluck().all()).toEqual(['本镇企业']);
  });

  it('imports everything for the bureau, and as before (saying so) when no account is known', async () => {
    const bureau = directoryStore();
    signIn(bureau, 'admin', ['']);
    const all = await bureau.ok('directory:importPreview', file());
    expect(all.scope.kind).toBe('all');
    expect(all.counts).toMatchObject({ insert: 3, outOfScope: 0 });

    const local = directoryStore();
    const unknown = await local.ok('directory:importPreview', file());
    expect(unknown.scope.kind).toBe('unknown');
    expect((await local.ok('directory:import', file())).inserted).toBe(3);
  });
});
