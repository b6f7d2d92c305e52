import { describe, expect, it } from 'vitest';
import { usccOrgCode } from '@shared/census/identifiers';
import { corruptWorkbookBytes, encodeGbk, truncatedWorkbookBytes } from '../helpers/import-files';
import { dumpStore } from '../helpers/store';
import { usccOfSerial } from '../helpers/uscc';
import { annualWorkbook, readWorkbook, reconcileWorld, sheetRows, UNIT_HEADER, type ReconcileWorld, type UnitLine } from './helpers';

// Importing the 快报: what Excel and Chinese Excel write (a merged title above the header, a GBK
// CSV), what is refused with a message per row (bad codes, duplicates, a missing column, a
// damaged file) and that a refused file changes nothing; a second import of a year replaces the
// first only once confirmed, and both imports stay recorded with who and when.

const U1 = usccOfSerial('10000001');
const U2 = usccOfSerial('10000002');
const U3 = usccOfSerial('10000003');

const good: UnitLine[] = [
  [U1, '', '中卫市宏达机械制造有限公司', '工业', '3432', '640502100002', 23_500, 86],
  [U2, '', '中卫市塞上优品超市有限公司', '', '5212', '640502100', 8_200, 31],
  ['', usccOrgCode(U3), '沙坡头区黄河宴餐饮有限公司', '住宿餐饮', '6210', '640502101003', 2_900, 40],
];

function admin(): ReconcileWorld {
  const w = reconcileWorld();
  w.signIn('admin', '马海燕');
  return w;
}

const file = (contentBase64: string, fileName = '2023快报.xlsx') => ({ year: 2023, fileName, contentBase64 });

describe('importing the 快报', () => {
  it('reads a workbook as Excel exports it (merged title, header, a 汇总 sheet) and shows it before writing', async () => {
    const w = admin();
    const before = dumpStore(w.store.sqlite);
    const preview = await w.ok('reconcile:preview', file(await annualWorkbook(good, [['专业', '工业', '', 1, 23_500, 86], ['乡镇', '640502100', '滨河镇', 2, 31_700, 117]])));
    expect(preview).toMatchObject({ canImport: true, unitCount: 3, totalsCount: 2, errors: [], replaces: null });
    expect(preview.units.map((u) => [u.rowNo, u.uscc, u.orgCode, u.profession, u.township, u.revenue, u.employees])).toEqual([
      [3, U1, usccOrgCode(U1), 'industry', '640502100', 23_500, 86],
      // A blank 专业 follows the industry code (5212 → 批发零售).
      [4, U2, usccOrgCode(U2), 'trade', '640502100', 8_200, 31],
      [5, '', usccOrgCode(U3), 'hospitality', '640502101', 2_900, 40],
    ]);
    expect(dumpStore(w.store.sqlite)).toEqual(before);
  });

  it('reads a GBK CSV (what Chinese Excel saves as CSV)', async () => {
    const w = admin();
    const text = [UNIT_HEADER.join(','), ...good.map((l) => l.join(','))].join('\r\n');
    const bytes = encodeGbk(text);
    // Not UTF-8: the reader must take it as GBK.
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const report = await w.ok('reconcile:import', { ...file(Buffer.from(bytes).toString('base64'), '快报.csv'), replace: false });
    expect(report.record).toMatchObject({ unitCount: 3, totalsCount: 0, by: '马海燕', fileName: '快报.csv' });
    const view = await w.ok('reconcile:view', { year: 2023 });
    expect(view.annualOnly.map((a) => a.name)).toEqual(good.map((g) => g[2]));
  });

  it('refuses a damaged or cut-short workbook with a Chinese reason, changing nothing', async () => {
    const w = admin();
    const before = dumpStore(w.store.sqlite);
    for (const bytes of [corruptWorkbookBytes(), await truncatedWorkbookBytes()]) {
      const r = await w.call('reconcile:import', { ...file(bytes.toString('base64')), replace: false });
      expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      if (!r.ok) expect(r.error.reason?.zh).toMatch(/无法读取 Excel 文件/);
    }
    expect(dumpStore(w.store.sqlite)).toEqual(before);
  });

  it('names a missing column and imports nothing', async () => {
    const w = admin();
    const before = dumpStore(w.store.sqlite);
    const header = UNIT_HEADER.slice(0, 7);
    const content = await annualWorkbook(good, [], header);
    const preview = await w.ok('reconcile:preview', file(content));
    expect(preview.canImport).toBe(false);
    expect(preview.errors).toEqual([expect.objectContaining({ sheet: '单位明细', rowNo: 0, column: '从业人员（人）', zh: expect.stringContaining('缺少“从业人员（人）”列') })]);
    const r = await w.call('reconcile:import', { ...file(content), replace: false });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(dumpStore(w.store.sqlite)).toEqual(before);
  });

  it.each([
    ['an industry code that is no class', [U1, '', '甲公司', '', '9999', '640502100002', 1, 1], '行业代码', '不是 GB/T 4754-2017 的四位小类'],
    ['a division outside the county', [U1, '', '甲公司', '', '3432', '640521100002', 1, 1], '区划代码', '不在本区县（640502）'],
    ['a USCC of the wrong length', ['9164050210000', '', '甲公司', '', '3432', '640502100002', 1, 1], '统一社会信用代码', '应为 18 位代码'],
    ['no code at all', ['', '', '甲公司', '', '3432', '640502100002', 1, 1], '统一社会信用代码', '至少填一个'],
    ['an org code that is not the USCC’s', [U1, usccOrgCode(U3), '甲公司', '', '3432', '640502100002', 1, 1], '组织机构代码', '不一致'],
    ['an unknown 专业', [U1, '', '甲公司', '农业', '3432', '640502100002', 1, 1], '专业', '无法识别'],
    ['revenue with decimals', [U1, '', '甲公司', '', '3432', '640502100002', '12.5', 1], '营业收入（千元）', '千元整数'],
    ['staff left blank', [U1, '', '甲公司', '', '3432', '640502100002', 1, ''], '从业人员（人）', '整数人数'],
    ['a blank name', [U1, '', '', '', '3432', '640502100002', 1, 1], '单位详细名称', '为空'],
  ] as const)('refuses %s on its row, and the file with it', async (_what, line, column, message) => {
    const w = admin();
    const before = dumpStore(w.store.sqlite);
    const content = await annualWorkbook([good[1]!, [...line]]);
    const preview = await w.ok('reconcile:preview', file(content));
    expect(preview.canImport).toBe(false);
    expect(preview.errors).toEqual([expect.objectContaining({ sheet: '单位明细', rowNo: 4, column, zh: expect.stringContaining(message) })]);
    expect((await w.call('reconcile:import', { ...file(content), replace: false })).ok).toBe(false);
    expect(dumpStore(w.store.sqlite)).toEqual(before);
  });

  it('imports a code that fails only its checksum, with a warning on its row (some real codes do)', async () => {
    const w = admin();
    const badCheck = `${U1.slice(0, 17)}${U1.endsWith('0') ? '1' : '0'}`;
    const org = usccOrgCode(U2);
    const badOrg = `${org.slice(0, 8)}${org.endsWith('0') ? '1' : '0'}`;
    const preview = await w.ok('reconcile:preview', file(await annualWorkbook([[badCheck, '', '甲公司', '', '3432', '640502100002', 1, 1], ['', badOrg, '乙公司', '', '3432', '640502100002', 1, 1]])));
    expect(preview).toMatchObject({ canImport: true, unitCount: 2, errors: [] });
    expect(preview.warnings.map((p) => [p.rowNo, p.column])).toEqual([
      [3, '统一社会信用代码'],
      [4, '组织机构代码'],
    ]);
  });

  it('refuses the same unit twice (by USCC, or by the org code inside it), naming the first row', async () => {
    const w = admin();
    const preview = await w.ok('reconcile:preview', file(await annualWorkbook([good[0]!, good[1]!, [U1, '', '宏达机械（重复）', '', '3432', '640502100002', 1, 1], ['', usccOrgCode(U2), '优品超市', '', '5212', '640502100002', 1, 1]])));
    expect(preview.errors.map((e) => [e.rowNo, e.zh])).toEqual([
      [5, `与第 3 行是同一单位（${U1}），每个单位只能有一行`],
      [6, `与第 4 行是同一单位（${usccOrgCode(U2)}），每个单位只能有一行`],
    ]);
  });

  it('refuses bad totals on the 汇总 sheet', async () => {
    const w = admin();
    const preview = await w.ok('reconcile:preview', file(await annualWorkbook(good, [['专业', '工业', '', 1, 1, 1], ['行业', '3432', '', 1, 1, 1], ['乡镇', '640502100', '', 1, 1, 1], ['专业', '工业', '', 1, 1, 1], ['地区', 'x', '', 1, 1, 1]])));
    expect(preview.errors.map((e) => [e.sheet, e.rowNo, e.column])).toEqual([
      ['汇总', 3, '代码'],
      ['汇总', 5, '代码'],
      ['汇总', 6, '分组'],
    ]);
  });

  it('replaces a year only when confirmed, and keeps every import with who and when', async () => {
    const w = admin();
    await w.ok('reconcile:import', { ...file(await annualWorkbook(good)), replace: false });
    w.clock.now = new Date('2024-03-20T02:00:00.000Z');
    w.signIn('admin', '李建国');
    const second = await annualWorkbook(good.slice(0, 2));
    expect((await w.ok('reconcile:preview', file(second))).replaces).toMatchObject({ by: '马海燕', unitCount: 3 });
    const before = dumpStore(w.store.sqlite);
    const refused = await w.call('reconcile:import', { ...file(second), replace: false });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(dumpStore(w.store.sqlite)).toEqual(before);
    await w.ok('reconcile:import', { ...file(second, '2023快报-修订.xlsx'), replace: true });
    const view = await w.ok('reconcile:view', { year: 2023 });
    expect(view.dataset).toMatchObject({ fileName: '2023快报-修订.xlsx', unitCount: 2, by: '李建国', at: '2024-03-20T02:00:00.000Z' });
    expect(view.history.map((h) => [h.by, h.at, h.unitCount])).toEqual([
      ['李建国', '2024-03-20T02:00:00.000Z', 2],
      ['马海燕', '2024-03-15T02:00:00.000Z', 3],
    ]);
    expect(view.annualOnlyCount).toBe(2);
  });

  it('offers a template whose sheets read back as a valid file', async () => {
    const w = admin();
    const template = await w.ok('reconcile:template', undefined);
    expect(template.fileName).toBe('快报数据导入模板.xlsx');
    const wb = await readWorkbook(template);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['单位明细', '汇总', '说明']);
    expect(sheetRows(wb, '单位明细')[0]).toEqual(['统一社会信用代码', '组织机构代码', '单位详细名称', '专业', '行业代码', '区划代码', '营业收入（千元）', '从业人员（人）']);
    const preview = await w.ok('reconcile:preview', file(template.contentBase64, template.fileName));
    expect(preview).toMatchObject({ canImport: true, unitCount: 1, totalsCount: 3, errors: [] });
  });

  it('is the bureau’s: other roles are refused', async () => {
    const w = reconcileWorld();
    for (const role of ['supervisor', 'township', 'enumerator', 'leader'] as const) {
      w.signIn(role, '王敏');
      expect(await w.call('reconcile:view', { year: 2023 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await w.call('reconcile:preview', file(await annualWorkbook(good)))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });
});
