import { describe, expect, it } from 'vitest';
import { updateSettings } from '@main/session/settings-queries';
import { defaultDivisionDataDir, loadRegionFromData } from '@main/divisions/queries';
import {
  corruptWorkbookBytes,
  DIRECTORY_ENTERPRISES,
  directoryWorkbookBytes,
  frameBig5Bytes,
  frameCsvFiles,
  frameCsvText,
  oversizedCsvBytes,
  truncatedWorkbookBytes,
  usccFor,
} from '../helpers/import-files';
import { directoryStore, openXlsx } from '../directory/helpers';

// The files of a real day's imports, end to end through the handlers: the listing frame in
// every encoding Chinese office software writes, the directory as Excel writes it, and the
// files that cannot be read — each refused with a reason the user can act on, nothing written.

const file = (fileName: string, bytes: Uint8Array) => ({ fileName, contentBase64: Buffer.from(bytes).toString('base64') });

function frameStore() {
  const s = directoryStore();
  updateSettings(s.db, { regionCode: '640502' });
  loadRegionFromData(s.db, defaultDivisionDataDir(), '640502');
  return s;
}

describe('listing frame (底册) files', () => {
  it.each(frameCsvFiles())('reads the 300-row frame in $label the same way', async ({ fileName, bytes }) => {
    const s = frameStore();
    const preview = await s.ok('frame:preview', file(fileName, bytes));
    expect(preview.counts).toEqual({ total: 300, valid: 300, withErrors: 0, alreadyPresent: 0, outOfScope: 0 });
    expect(preview.rows[0]).toMatchObject({ rowNo: 2, areaCode: '640502100002002', name: '中卫市滨河001建材经营部', kind: 'legal' });
    expect(preview.rows.find((r) => r.rowNo === 8)?.kind).toBe('establishment'); // "2 产业活动单位"
  });

  it('refuses Big5 with the encodings it reads', async () => {
    const s = frameStore();
    const r = await s.call('frame:preview', file('底册-big5.csv', frameBig5Bytes()));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('INVALID_INPUT');
    expect(r.error.reason?.zh).toContain('Big5');
    expect(r.error.reason?.zh).toContain('UTF-8（带或不带 BOM）、GBK/GB18030、UTF-16（带 BOM）');
    expect(r.error.reason?.en).toContain('Big5');
  });

  it('refuses a file without the frame headers, naming what is missing and what it found', async () => {
    const s = frameStore();
    const r = await s.call('frame:preview', file('名单.csv', new TextEncoder().encode('序号,企业,地点\r\n1,某公司,某地\r\n')));
    expect(r.ok ? null : r.error.reason?.zh).toBe(
      '未识别到底册的列：缺少“普查小区代码”、“单位详细名称”、“单位类型”。文件 名单.csv 的第一行是 “序号”、“企业”、“地点”。第一行须为列名，可用的列名见导入模板。',
    );
  });

  it('refuses damaged, truncated, oversized and misnamed files with their reasons, writing nothing', async () => {
    const s = frameStore();
    const before = s.sqlite.prepare('SELECT count(*) FROM units').pluck().get();
    const reasonOf = async (name: string, bytes: Uint8Array) => {
      const r = await s.call('frame:import', file(name, bytes));
      return r.ok ? 'imported' : (r.error.reason?.zh ?? `no reason: ${r.error.message}`);
    };
    expect(await reasonOf('坏.xlsx', corruptWorkbookBytes())).toMatch(/^无法读取 Excel 文件：坏\.xlsx。它不是有效的 \.xlsx 工作簿/);
    expect(await reasonOf('半截.xlsx', await truncatedWorkbookBytes())).toMatch(/^无法读取 Excel 文件：半截\.xlsx。文件已损坏或不完整/);
    expect(await reasonOf('太大.csv', oversizedCsvBytes())).toBe('文件超过 10 MB：太大.csv。请拆分成几个文件分批导入。');
    expect(await reasonOf('旧版.xlsx', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))).toMatch(/是旧版 Excel 工作簿（\.xls）或设有打开密码的工作簿/);
    expect(await reasonOf('空.csv', new Uint8Array())).toBe('文件是空的：空.csv');
    expect(s.sqlite.prepare('SELECT count(*) FROM units').pluck().get()).toBe(before);
  });

  it('reads a workbook as Excel exports it: a title merged across the columns above the header', async () => {
    const s = frameStore();
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(['沙坡头区第五次全国经济普查单位清查底册（滨河镇）']);
    ws.mergeCells('A1:H1');
    ws.addRow([]);
    for (const line of frameCsvText(3).trim().split('\r\n')) ws.addRow(line.split(','));
    const preview = await s.ok('frame:preview', file('底册-导出.xlsx', Buffer.from(await wb.xlsx.writeBuffer())));
    expect(preview.counts).toEqual({ total: 3, valid: 3, withErrors: 0, alreadyPresent: 0, outOfScope: 0 });
    expect(preview.rows[0]?.rowNo).toBe(4); // the row number Excel shows
  });

  it('still names the first row when no row below a title is a header', async () => {
    const s = frameStore();
    const text = '沙坡头区单位清查底册\r\n只有一列\r\n';
    const r = await s.call('frame:preview', file('一列.csv', new TextEncoder().encode(text)));
    expect(r.ok ? null : r.error.reason?.zh).toContain('的第一行是 “沙坡头区单位清查底册”');
  });

  it('reads a workbook saved under a .csv name as the workbook it is', async () => {
    const s = frameStore();
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('底册');
    for (const line of frameCsvText(3).trim().split('\r\n')) ws.addRow(line.split(','));
    const preview = await s.ok('frame:preview', file('其实是xlsx.csv', Buffer.from(await wb.xlsx.writeBuffer())));
    expect(preview.counts.valid).toBe(3);
  });
});

describe('directory (名录) as Excel writes it', () => {
  it(`imports all ${DIRECTORY_ENTERPRISES} enterprises: codes with names, names alone, numbers stored as numbers`, async () => {
    const s = directoryStore();
    const xlsx = file('企业名录.xlsx', await directoryWorkbookBytes());
    const preview = await s.ok('directory:importPreview', xlsx);
    expect(preview.counts).toEqual({ total: DIRECTORY_ENTERPRISES, insert: DIRECTORY_ENTERPRISES, update: 0, unchanged: 0, error: 0, outOfScope: 0 });
    // The only notes: industry codes that lost their leading zero, restored.
    const warned = preview.rows.filter((r) => r.warnings.length > 0);
    expect(warned.length).toBe(DIRECTORY_ENTERPRISES / 250);
    expect(warned.every((r) => r.warnings.every((w) => w.column === 'industryCode' && w.messageZh.includes('读作 0610')))).toBe(true);
    const report = await s.ok('directory:import', xlsx);
    expect(report).toMatchObject({ inserted: DIRECTORY_ENTERPRISES, updated: 0, errors: [] });
    const rows = s.sqlite
      .prepare('SELECT registration_category AS r, institution_type AS t, division_code AS d, phone, status FROM enterprises')
      .all() as { r: string; t: string; d: string; phone: string; status: string }[];
    expect(new Set(rows.map((r) => r.r))).toEqual(new Set(['112', '140', '150']));
    expect(new Set(rows.map((r) => r.t))).toEqual(new Set(['10']));
    expect(rows.every((r) => /^\d{12}$/.test(r.d) && /^139\d{8}$/.test(r.phone))).toBe(true);
    expect(rows.filter((r) => r.status === 'suspended').length).toBe(Math.floor(DIRECTORY_ENTERPRISES / 97));
  });
});

describe('import templates', () => {
  it('imports each template as downloaded: its example row passes, its code sheet lists every code', async () => {
    const s = frameStore();
    const frame = await s.ok('imports:template', { kind: 'frame' });
    expect(frame.fileName).toBe('底册导入模板.xlsx');
    const framePreview = await s.ok('frame:preview', { fileName: frame.fileName, contentBase64: frame.contentBase64 });
    expect(framePreview.counts).toEqual({ total: 1, valid: 1, withErrors: 0, alreadyPresent: 0, outOfScope: 0 });
    expect(framePreview.rows[0]?.warnings).toEqual([]);

    const directory = await s.ok('imports:template', { kind: 'directory' });
    const directoryPreview = await s.ok('directory:importPreview', { fileName: directory.fileName, contentBase64: directory.contentBase64 });
    expect(directoryPreview.counts).toMatchObject({ total: 1, insert: 1, error: 0 });
    expect(directoryPreview.rows[0]?.warnings).toEqual([]);
    expect(directoryPreview.columns.every((c) => c.field !== null)).toBe(true);

    const wb = await openXlsx(directory.contentBase64);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['企业名录', '代码表', '说明']);
    const codes = wb.getWorksheet('代码表');
    const listed = new Set<unknown>();
    codes?.eachRow((row) => row.eachCell((cell) => listed.add(cell.value)));
    for (const v of ['112', '私营有限责任公司', '10 企业', '规上', '停业', '5212', '百货零售']) expect(listed).toContain(v);
    // The USCC column is text, so Excel keeps all 18 characters of an all-digit code.
    expect(wb.getWorksheet('企业名录')?.getColumn(1).numFmt).toBe('@');
  });
});

describe('evidence files', () => {
  it('refuses a file that is not what it says with a reason naming it', async () => {
    const s = directoryStore();
    const e = await s.ok('enterprises:save', { fields: { uscc: usccFor(1), name: '中卫市示例商贸有限公司', divisionCode: '640502100002' } });
    const r = await s.call('evidence:attach', { enterpriseId: e.id, fileName: '凭证.png', mimeType: 'image/png', contentBase64: Buffer.from('PK\u0003\u0004 not an image').toString('base64'), kind: 'voucher', note: '', figures: [] });
    expect(r.ok ? null : r.error.reason?.zh).toBe('凭证.png 的内容不是它的扩展名所说的格式，或不是图片（PNG、JPEG）、PDF 或表格（XLSX、XLS、CSV）；只接受这些文件。');
  });
});
