import { describe, expect, it } from 'vitest';
import { syncOutbox } from '@db/schema';
import { checkField } from '@shared/sync/fields';
import ExcelJS from 'exceljs';
import { directoryStore, uscc, VILLAGE } from '../directory/helpers';
import { encodeGbk } from '../helpers/import-files';

// The directory import's 包保 columns: 包保责任人 with 包保部门 records an assignment from the
// import's day (inside the new enterprise's '$create'), a file repeating what is known records
// nothing, and a changed department or official from a file keeps the earlier one in the history.

const csv = (rows: string[][]) => ({ fileName: 'directory.csv', contentBase64: Buffer.from(rows.map((r) => r.join(',')).join('\n'), 'utf8').toString('base64') });
const header = ['统一社会信用代码', '企业名称', '统计用区划代码', '行业代码', '包保责任人', '包保部门'];

describe('directory import with 包保部门', () => {
  it('records assignments from the file, keeps the history, and previews a department change', async () => {
    let day = '2024-06-15';
    const s = directoryStore({ now: () => new Date(`${day}T08:00:00`) });
    const first = csv([header, [uscc('701'), '中卫市金沙商贸有限公司', VILLAGE, '5211', '李娜', '经济发展办'], [uscc('702'), '中卫市宏达建材有限公司', VILLAGE, '3011', '李娜', '']]);
    expect(await s.ok('directory:import', first)).toMatchObject({ inserted: 2 });
    const ids = new Map((await s.ok('enterprises:list', { limit: 10 })).rows.map((r) => [r.name, r.id]));
    const jinsha = ids.get('中卫市金沙商贸有限公司') ?? '';
    expect(await s.ok('liaison:get', { enterpriseId: jinsha })).toMatchObject({ official: '李娜', department: '经济发展办', assignments: [{ official: '李娜', department: '经济发展办', since: '2024-06-15' }] });
    // The assignment travels inside the '$create' (one op per new enterprise), valid for the server too.
    const creates = s.db.select().from(syncOutbox).all().filter((o) => o.entityId === jinsha);
    expect(creates.map((o) => o.field)).toEqual(['$create']);
    const created = JSON.parse(creates[0]?.op ?? '{}') as { value: { fields: Record<string, unknown> } };
    const assignmentFields = Object.entries(created.value.fields).filter(([f]) => f.startsWith('liaison.assign.'));
    expect(assignmentFields).toHaveLength(1);
    expect(checkField('enterprise', assignmentFields[0]?.[0] ?? '', assignmentFields[0]?.[1] as never)).toEqual({ ok: true });

    // The same file again changes nothing.
    expect(await s.ok('directory:import', first)).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
    expect((await s.ok('liaison:get', { enterpriseId: jinsha })).assignments).toHaveLength(1);

    // A new department from a file: previewed as a change, then recorded with the earlier kept.
    day = '2024-07-01';
    const moved = csv([header, [uscc('701'), '中卫市金沙商贸有限公司', VILLAGE, '5211', '李娜', '统计站']]);
    const preview = await s.ok('directory:importPreview', moved);
    expect(preview.rows[0]).toMatchObject({ action: 'update', changes: [{ field: 'liaisonDepartment', from: '经济发展办', to: '统计站' }] });
    expect(await s.ok('directory:import', moved)).toMatchObject({ updated: 1 });
    const view = await s.ok('liaison:get', { enterpriseId: jinsha });
    expect(view.assignments.map((a) => [a.official, a.department, a.since, a.until])).toEqual([
      ['李娜', '统计站', '2024-07-01', null],
      ['李娜', '经济发展办', '2024-06-15', '2024-07-01'],
    ]);

    // A file without the department column changing the official: the department is not carried over.
    const reassigned = csv([['统一社会信用代码', '包保责任人'], [uscc('701'), '张伟']]);
    expect(await s.ok('directory:import', reassigned)).toMatchObject({ updated: 1 });
    expect(await s.ok('liaison:get', { enterpriseId: jinsha })).toMatchObject({ official: '张伟', department: '' });
    expect((await s.ok('liaison:get', { enterpriseId: jinsha })).assignments).toHaveLength(3);

    // A department too long is left out with a warning, the rest of the row imported.
    const long = await s.ok('directory:importPreview', csv([header, [uscc('703'), '中卫市新企业有限公司', VILLAGE, '5211', '王敏', '部'.repeat(41)]]));
    expect(long.rows[0]?.action).toBe('insert');
    expect(long.rows[0]?.warnings.map((w) => w.column)).toContain('liaisonDepartment');
  });

  it('reads 包保部门 from a GBK CSV and from an XLSX as Excel saves it', async () => {
    const s = directoryStore({ now: () => new Date('2024-06-15T08:00:00') });
    const text = [header, [uscc('711'), '中卫市沙坡头餐饮有限公司', VILLAGE, '6210', '王敏', '文昌镇经发办']].map((r) => r.join(',')).join('\r\n');
    await s.ok('directory:import', { fileName: '名录.csv', contentBase64: Buffer.from(encodeGbk(text)).toString('base64') });
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(header);
    ws.addRow([uscc('712'), '中卫市宏达物流有限公司', VILLAGE, '5430', '赵磊', '交通运输办']);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    await s.ok('directory:import', { fileName: '名录.xlsx', contentBase64: bytes.toString('base64') });
    const rows = (await s.ok('liaison:list', {})).rows.map((r) => [r.name, r.official, r.department]);
    expect(rows).toEqual(
      expect.arrayContaining([
        ['中卫市沙坡头餐饮有限公司', '王敏', '文昌镇经发办'],
        ['中卫市宏达物流有限公司', '赵磊', '交通运输办'],
      ]),
    );
  });
});
