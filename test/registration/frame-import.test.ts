import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '@db/open';
import { updateSettings } from '@main/session/settings-queries';
import { createFrameImportService, type FrameImportService } from '@main/registration/frame-import';
import { createRegistrationService } from '@main/registration/service';
import { AppError } from '@shared/result';
import { dumpStore, openMemoryStore } from '../helpers/store';
import { writeState } from '@main/sync/queries/state';
import { loadDivisions } from '@main/divisions/queries';

// Listing frame (底册) preview and import from CSV (UTF-8, BOM, GBK) and XLSX, on a real store.

let store: OpenedDatabase;
let frame: FrameImportService;
let n: number;

beforeEach(() => {
  store = openMemoryStore();
  updateSettings(store.db, { userName: '王小明', deviceName: '平板01', regionCode: '640502' });
  n = 0;
  const opts = { now: () => new Date('2024-01-05T01:00:00Z'), newId: () => `frame-${String(++n).padStart(4, '0')}` };
  frame = createFrameImportService(store.db, opts);
});
afterEach(() => store.sqlite.close());

/** GBK bytes of `text`, from the reverse of node's gb18030 decoder (node has no GBK encoder). */
const gbkTable = (() => {
  const decoder = new TextDecoder('gb18030');
  const map = new Map<string, number[]>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if (ch.length === 1 && !map.has(ch)) map.set(ch, [lead, trail]);
    }
  }
  return map;
})();
function encodeGbk(text: string): Uint8Array {
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code < 0x80) bytes.push(code);
    else {
      const pair = gbkTable.get(ch);
      if (!pair) throw new Error(`no GBK code for ${ch}`);
      bytes.push(...pair);
    }
  }
  return new Uint8Array(bytes);
}

const file = (fileName: string, bytes: Uint8Array | string) => ({
  fileName,
  contentBase64: Buffer.from(typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes).toString('base64'),
});

const HEADER = '普查小区代码,单位详细名称,统一社会信用代码,详细地址,单位类型,行业代码,上年营业收入（千元）,上年从业人员';
const GOOD = [
  '640502100201001,中卫市好邻居超市有限公司,91350100M000100Y43,滨河镇文昌路12号,法人,5212,11000,18',
  '640502100201001,老王烧烤店,,西关村文昌路20号,个体户,6210,,',
  '640502100201002,"中卫市宏达建材有限公司",91350200776049653A,"文萃路3号, 一楼",产业活动单位,5165,"1,200",5',
];
const csv = (rows: string[]) => [HEADER, ...rows].join('\r\n') + '\r\n';

function expectAppError(promise: Promise<unknown>, code: string) {
  return expect(promise).rejects.toSatisfy((e) => e instanceof AppError && e.code === code);
}

describe('frame preview', () => {
  it('flags a USCC that another row of the file or a unit on this computer holds in another sub-district', async () => {
    const registration = createRegistrationService(store.db, { newId: () => 'unit-field-0001' });
    registration.create({ areaCode: '640502100201003', kind: 'legal', name: '现场新增的宏达建材', uscc: '91350200776049653A' });
    const rows = [...GOOD, '640502100201002,中卫市好邻居超市二店,91350100M000100Y43,滨河镇文昌路30号,法人,5212,,'];
    const preview = await frame.preview(file('底册.csv', csv(rows)));
    const second = preview.rows.find((r) => r.name === '中卫市好邻居超市二店');
    expect(second).toMatchObject({ errors: [], warnings: [{ column: '统一社会信用代码' }] });
    expect(second?.warnings[0]?.messageZh).toBe('统一社会信用代码与第2行（普查小区 640502100201001）相同：同一单位只能登记一次，请核实是否重复');
    const inStore = preview.rows.find((r) => r.name === '中卫市宏达建材有限公司');
    expect(inStore?.warnings.map((w) => w.messageZh)).toEqual(['本机已有统一社会信用代码相同的单位：现场新增的宏达建材（普查小区 640502100201003），请核实是否重复']);
    // Flags, not refusals: every row still imports.
    expect(preview.counts).toMatchObject({ total: 4, valid: 4, withErrors: 0 });
  });

  it('reads a full-width or spaced USCC as its code, and takes a 本部 org code (法人 8 + B) with a note', async () => {
    const header = '普查小区代码,单位详细名称,统一社会信用代码,组织机构代码,单位类型';
    const rows = [
      '640502100201001,中卫市鑫源商贸有限公司,９１３５０１００Ｍ０００１００Ｙ４３,M000100Y4,法人', // full width
      '640502100201001,中卫市鑫源商贸有限公司本部,,M000100YB,产业活动单位', // 本部 of the row above
      '640502100201002,中卫市塞上建材有限公司,9135 0200-7760 4965 3A,77604965-3,法人', // spaced, printed hyphen
      '640502100201002,校验码错公司,,776049654,法人',
      '640502100201002,机构代码乱填公司,,77604965A,法人',
    ];
    const preview = await frame.preview(file('底册.csv', encodeGbk([header, ...rows].join('\r\n'))));
    const byName = Object.fromEntries(preview.rows.map((r) => [r.name, r]));
    expect(byName['中卫市鑫源商贸有限公司']).toMatchObject({ uscc: '91350100M000100Y43', errors: [], warnings: [] });
    expect(byName['中卫市塞上建材有限公司']).toMatchObject({ uscc: '91350200776049653A', errors: [], warnings: [] });
    // The 本部 convention: accepted, a note to verify, not a character error.
    expect(byName['中卫市鑫源商贸有限公司本部']).toMatchObject({ errors: [], warnings: [{ column: '组织机构代码', messageZh: expect.stringMatching(/本部写法/) }] });
    expect(byName['校验码错公司']).toMatchObject({ errors: [], warnings: [{ column: '组织机构代码', messageZh: expect.stringMatching(/校验码不正确/) }] });
    expect(byName['机构代码乱填公司']).toMatchObject({ errors: [], warnings: [{ column: '组织机构代码', messageZh: expect.stringMatching(/格式不正确/) }] });
    expect(preview.counts).toMatchObject({ total: 5, valid: 5, withErrors: 0 });
  });

  it('recognises Chinese headers, checks every row and writes nothing', async () => {
    const before = dumpStore(store.sqlite);
    const bad = [
      '64050210020100,短代码公司,,,法人,,,', // 14 digits
      '640502100201000,顺序码为零公司,,,法人,,,', // sequence 000
      '640502100201001,,,,法人,,,', // no name
      '640502100201001,坏代码公司,91350100M000100Y4,,法人,,,', // 17 characters
      '640502100201001,校验位错公司,91350100M000100Y44,,法人,,,', // checksum: a warning only
      '640502100201001,类型不明公司,,,合作社,,,',
      '640502100201001,科学计数公司,9.13502E+17,,法人,,,',
      '640502100201001,中卫市好邻居超市有限公司,91350100M000100Y43,,法人,,,', // same as row 2
      '640502100201001,行业不对公司,,,法人,0111,abc,',
    ];
    const preview = await frame.preview(file('底册.csv', csv([...GOOD, ...bad])));
    expect(dumpStore(store.sqlite)).toEqual(before);
    expect(preview.columns.map((c) => c.field)).toEqual(['areaCode', 'name', 'uscc', 'address', 'kind', 'industryCode', 'lastYearRevenue', 'lastYearEmployees']);
    const byName = Object.fromEntries(preview.rows.map((r) => [r.name || `row${r.rowNo}`, r]));
    expect(byName['中卫市宏达建材有限公司']).toMatchObject({ rowNo: 4, kind: 'establishment', address: '文萃路3号, 一楼', errors: [], warnings: [] });
    expect(byName['短代码公司']?.errors[0]).toMatchObject({ column: '普查小区代码', messageEn: expect.stringMatching(/15 digits/) });
    expect(byName['顺序码为零公司']?.errors[0]?.messageZh).toMatch(/结构不正确/);
    expect(byName.row7?.errors[0]).toMatchObject({ column: '单位详细名称' });
    // A USCC that cannot be one is left out with a warning; the unit is still imported.
    expect(byName['坏代码公司']).toMatchObject({ errors: [], uscc: '', warnings: [{ column: '统一社会信用代码', messageZh: expect.stringMatching(/18位.*未带入表中/) }] });
    expect(byName['校验位错公司']).toMatchObject({ errors: [], warnings: [{ column: '统一社会信用代码' }] });
    expect(byName['类型不明公司']?.errors[0]?.messageZh).toMatch(/单位类型“合作社”无法识别；应为：1 法人单位、2 产业活动单位、个体经营户/);
    expect(byName['科学计数公司']).toMatchObject({ errors: [], uscc: '', warnings: [{ messageZh: expect.stringMatching(/存成了数字/) }] });
    expect(preview.rows[10]?.errors[0]?.messageEn).toBe('Same unit as row 2');
    expect(byName['行业不对公司']?.warnings.map((w) => w.column)).toEqual(['行业代码', '上年营业收入（千元）']);
    expect(preview.counts).toEqual({ total: 12, valid: 7, withErrors: 5, alreadyPresent: 0, outOfScope: 0 });
  });

  it.each([
    ['UTF-8 with a BOM', (text: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)])],
    ['GBK, as Chinese Excel saves CSV', encodeGbk],
    ['UTF-16 with a BOM, tab-separated', (text: string) => {
      const tsv = text.replace(/"([^"]*)"/g, '$1').replace(/,(?! 一楼)/g, '\t').replace('1\t200', '1200');
      return new Uint8Array([0xff, 0xfe, ...Buffer.from(tsv, 'utf16le')]);
    }],
  ])('reads CSV in %s', async (_label, encode) => {
    const preview = await frame.preview(file('底册.csv', encode(csv(GOOD))));
    expect(preview.rows.map((r) => [r.name, r.errors.length])).toEqual([
      ['中卫市好邻居超市有限公司', 0],
      ['老王烧烤店', 0],
      ['中卫市宏达建材有限公司', 0],
    ]);
  });

  it('refuses unreadable input with a clear INVALID_INPUT', async () => {
    await expectAppError(frame.preview(file('x.csv', 'a,"b\n')), 'INVALID_INPUT');
    await expectAppError(frame.preview(file('x.xlsx', 'not a zip')), 'INVALID_INPUT');
    await expectAppError(frame.preview(file('x.csv', '')), 'INVALID_INPUT');
    await expectAppError(frame.preview(file('x.csv', 'foo,bar\n1,2\n')), 'INVALID_INPUT');
    await expectAppError(frame.preview({ fileName: 'x.csv', contentBase64: '%%%' }), 'INVALID_INPUT');
  });
});

describe('frame import', () => {
  it('imports valid rows once, as 未开始 units with an import trace each', async () => {
    const first = await frame.import(file('底册.csv', csv([...GOOD, '640502100201001,,,,法人,,,'])));
    expect(first).toEqual({ imported: 3, skippedErrors: 1, skippedPresent: 0, skippedOutOfScope: 0 });
    const traces = store.sqlite.prepare(`SELECT unit_id, action, reason, user_name FROM unit_changes ORDER BY id`).all();
    expect(traces).toHaveLength(3);
    expect(traces[0]).toMatchObject({ action: 'import', user_name: '王小明', reason: expect.stringContaining('底册.csv 第2行') });

    const registration = createRegistrationService(store.db);
    const unit = registration.get('frame-0001');
    expect(unit).toMatchObject({ status: 'not_started', source: 'frame', name: '中卫市好邻居超市有限公司', industryCode: '5212', lastYear: { revenue: 11000, employees: 18 } });
    // Only where the frame filed the unit is an answer; what the row says about the unit is
    // offered beside the items until the enumerator confirms it (test/registration/preload).
    expect(unit.forms['611']).toEqual({ unitType: '1', areaCode: '640502100201001' });
    expect(unit.preload['611']).toMatchObject({
      name: { value: '中卫市好邻居超市有限公司', column: '单位详细名称', isDerived: false },
      uscc: { value: '91350100M000100Y43' },
      industryCode: { value: '5212' },
      addrDetail: { value: '滨河镇文昌路12号', column: '详细地址' },
    });
    expect(unit.frameRow).toMatchObject({ 单位类型: '法人', '上年营业收入（千元）': '11000' });
    expect(unit.findings.mandatory).toBeGreaterThan(0);
    expect(registration.get('frame-0003').lastYear).toEqual({ revenue: 1200, employees: 5 });

    const before = dumpStore(store.sqlite);
    const again = await frame.import(file('底册-副本.csv', csv(GOOD)));
    expect(again).toEqual({ imported: 0, skippedErrors: 0, skippedPresent: 3, skippedOutOfScope: 0 });
    expect(dumpStore(store.sqlite)).toEqual(before);
    const preview = await frame.preview(file('底册.csv', csv(GOOD)));
    expect(preview.rows.every((r) => r.isAlreadyPresent)).toBe(true);
    expect(preview.counts.alreadyPresent).toBe(3);
  });

  it('carries the frame’s 底册唯一标识码 and 专业类别 into the unit’s form, GBK-encoded as offices export them', async () => {
    const header = `${HEADER},底册唯一标识码,专业类别`;
    const text = [header, `${GOOD[0]},DC640502000123,批零住餐`, `${GOOD[1]},GT640502000456,服务业`, `${GOOD[2]},,`].join('\r\n') + '\r\n';
    expect(await frame.import(file('底册-GBK.csv', encodeGbk(text)))).toEqual({ imported: 3, skippedErrors: 0, skippedPresent: 0, skippedOutOfScope: 0 });
    const registration = createRegistrationService(store.db);
    expect(registration.get('frame-0001').forms['611']).toEqual({ unitType: '1', areaCode: '640502100201001', frameId: 'DC640502000123', frameSpecialty: '批零住餐' });
    // fullReport is computed by the pack: every sub-district reports in full until the bureau names samples.
    expect(registration.get('frame-0002').forms.individual).toEqual({ areaCode: '640502100201001', frameId: 'GT640502000456', frameSpecialty: '服务业', fullReport: true });
    // A row without them has neither (nothing is made up).
    expect(registration.get('frame-0003').forms['611']).toEqual({ unitType: '2', areaCode: '640502100201002' });
  });

  it('imports all or nothing: a failure on one row leaves no unit and no trace', async () => {
    const before = dumpStore(store.sqlite);
    store.sqlite.exec(`CREATE TRIGGER fail_third BEFORE INSERT ON unit_changes WHEN (SELECT count(*) FROM unit_changes) >= 2
      BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    await expect(frame.import(file('底册.csv', csv(GOOD)))).rejects.toThrow(/disk full/);
    store.sqlite.exec('DROP TRIGGER fail_third');
    expect(dumpStore(store.sqlite)).toEqual(before);
  });

  it('needs the user and device name, and writes nothing without them', async () => {
    updateSettings(store.db, { userName: '' });
    const before = dumpStore(store.sqlite);
    await expectAppError(frame.import(file('底册.csv', csv(GOOD))), 'PROFILE_INCOMPLETE');
    expect(dumpStore(store.sqlite)).toEqual(before);
  });

  it('reads XLSX, leaving out (with a warning) a USCC Excel stored as a lossy number', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('底册');
    sheet.addRow(['Area code', 'Unit name', 'USCC', 'Address', 'Kind', 'Industry code', '上年营业收入(万元)']);
    sheet.addRow(['640502100201001', '中卫市好邻居超市有限公司', '91350100M000100Y43', { richText: [{ text: '滨河镇' }, { text: '文昌路12号' }] }, 'legal', 5212, 1100]);
    // An 18-digit code typed into a number cell: Excel keeps ~17 significant digits.
    sheet.addRow([640502100201002, '数字代码公司', Number('913502000728319549'), '', '法人', '', '']);
    sheet.addRow([]);
    sheet.addRow(['640502100201002', '公式公司', '', { formula: '"文萃"&"路"', result: '文萃路' }, '个体户', '', '']);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const preview = await frame.preview(file('底册.xlsx', bytes));
    expect(preview.rows.map((r) => [r.rowNo, r.name, r.address, r.errors.map((e) => e.column)])).toEqual([
      [2, '中卫市好邻居超市有限公司', '滨河镇文昌路12号', []],
      [3, '数字代码公司', '', []],
      [5, '公式公司', '文萃路', []],
    ]);
    expect(preview.rows[1]?.warnings.map((w) => w.column)).toEqual(['USCC']);
    const result = await frame.import(file('底册.xlsx', bytes));
    expect(result).toEqual({ imported: 3, skippedErrors: 0, skippedPresent: 0, skippedOutOfScope: 0 });
    expect(createRegistrationService(store.db).get('frame-0001').lastYear).toEqual({ revenue: 11000 });
  });
});

describe('frame import by an account with areas', () => {
  // A supervisor of 640502100 imports a 底册 with a row in another township: the preview names
  // it with the reason and the import skips it, so sync never refuses it as OUT_OF_SCOPE.
  it('marks and skips rows whose 普查小区 is outside the areas', async () => {
    loadDivisions(store.db, [{ code: '640502100', name: '滨河镇', level: 4 }]);
    writeState(store.db, 'userRole', 'supervisor');
    writeState(store.db, 'userId', 'u-supervisor');
    writeState(store.db, 'scope', ['640502100']);
    const rows = [...GOOD, '640502001001001,外镇单位,,某路1号,法人,5212,,'];
    const preview = await frame.preview(file('底册.csv', csv(rows)));
    expect(preview.scope).toEqual({ kind: 'areas', areas: [{ code: '640502100', name: '滨河镇' }] });
    expect(preview.counts).toMatchObject({ total: 4, valid: 3, withErrors: 0, outOfScope: 1 });
    const outside = preview.rows.find((r) => r.name === '外镇单位');
    expect(outside).toMatchObject({ isOutOfScope: true, errors: [{ column: '普查小区代码', messageZh: '不在您负责的区域内（您负责：滨河镇 640502100），不导入' }] });
    expect(await frame.import(file('底册.csv', csv(rows)))).toEqual({ imported: 3, skippedErrors: 0, skippedPresent: 0, skippedOutOfScope: 1 });
  });
});
