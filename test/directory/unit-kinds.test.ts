import { describe, expect, it } from 'vitest';
import { addEnterprise, directoryStore, openXlsx, uscc, VILLAGE } from './helpers';
import { encodeGbk } from '../helpers/import-files';
import { usccOfSerial } from '../helpers/uscc';

// 限上 批零住餐 can be 产业活动单位 or 个体经营户, so the directory holds those: a unit kind with
// identity rules per kind (a 个体经营户's USCC begins 92; an 产业活动单位 names its 法人单位 and may
// have no code of its own), the kind in import (GBK CSV, XLSX) and export, and the
// construction/real-estate/fifth-kind attributes beside it.

const individual = usccOfSerial('301', '92');
const header = ['统一社会信用代码', '单位名称', '区划代码', '行业代码', '单位类别', '所属法人单位统一社会信用代码', '资质类别', '是否本地注册', '成立日期', '计划总投资', '项目是否在建'];

describe('unit kinds in the directory', () => {
  it('holds 个体经营户 and 产业活动单位 with their identity rules', async () => {
    const s = directoryStore();
    const shop = await addEnterprise(s, '0', { uscc: individual, name: '沙坡头区便民超市', unitKind: 'individual' });
    expect(shop).toMatchObject({ unitKind: 'individual' });
    // A 个体经营户 is registered with a 92… code.
    expect(await s.call('enterprises:save', { fields: { uscc: uscc('302'), name: '个体户甲', divisionCode: VILLAGE, unitKind: 'individual' } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    // An establishment names its 法人单位 and may have no code of its own; its identity is then 法人 + name.
    const legal = await addEnterprise(s, '303', { name: '中卫市连锁商贸有限公司' });
    const branch = await s.ok('enterprises:save', { fields: { name: '连锁商贸文昌路门店', divisionCode: VILLAGE, industryCode: '5211', unitKind: 'establishment', parentUscc: legal.uscc } });
    expect(branch.fields).toMatchObject({ uscc: '', orgCode: '', parentUscc: legal.uscc });
    expect(await s.call('enterprises:save', { fields: { name: '连锁商贸文昌路门店', divisionCode: VILLAGE, unitKind: 'establishment', parentUscc: legal.uscc } })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await s.call('enterprises:save', { fields: { name: '无法人门店', divisionCode: VILLAGE, unitKind: 'establishment' } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    // A legal unit still needs one of its codes, and those stay unique.
    expect(await s.call('enterprises:save', { fields: { name: '无代码公司', divisionCode: VILLAGE } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await s.call('enterprises:save', { fields: { uscc: legal.uscc, name: '重复', divisionCode: VILLAGE } })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const list = await s.ok('enterprises:list', { unitKinds: ['individual', 'establishment'] });
    expect(list.rows.map((r) => r.name).sort()).toEqual(['沙坡头区便民超市', '连锁商贸文昌路门店'].sort());
  });

  it('imports the kinds and the admission attributes from a GBK CSV, and a second import finds the codeless establishment again', async () => {
    const s = directoryStore();
    const parent = uscc('310');
    const rows = [
      header,
      [individual, '沙坡头区便民超市', VILLAGE, '5211', '个体户', '', '', '', '2019/6/18', '', ''],
      [parent, '中卫市连锁商贸有限公司', VILLAGE, '5211', '法人单位', '', '', '', '', '', ''],
      ['', '连锁商贸文昌路门店', VILLAGE, '5211', '产业活动单位', parent, '', '', '', '', ''],
      [uscc('311'), '中卫市劳务建筑有限公司', VILLAGE, '4710', '', '', '劳务分包', '是', '', '', ''],
      [uscc('312'), '中卫市第一建筑有限公司', VILLAGE, '4710', '', '', '总承包', '是', '', '', ''],
      [uscc('313'), '中卫市旧表建筑公司', VILLAGE, '4710', '', '', '是', '', '', '', ''],
      [uscc('314'), '中卫市光伏电站项目公司', VILLAGE, '4416', '', '', '', '', '', '"60,000"', '是'],
      [uscc('315'), '个体户代码不对', VILLAGE, '5211', '个体经营户', '', '', '', '', '', ''],
    ];
    const file = () => ({ fileName: '名录-gbk.csv', contentBase64: Buffer.from(encodeGbk(`${rows.map((r) => r.join(',')).join('\r\n')}\r\n`)).toString('base64') });
    const preview = await s.ok('directory:importPreview', file());
    expect(preview.counts).toMatchObject({ insert: 7, error: 1 });
    expect(preview.rows.find((r) => r.rowNo === 9)?.errors[0]?.messageZh).toMatch(/92/);
    expect(await s.ok('directory:import', file())).toMatchObject({ inserted: 7 });
    const byName = new Map((await s.ok('enterprises:list', { limit: 50 })).rows.map((r) => [r.name, r]));
    const detail = async (name: string) => s.ok('enterprises:get', { id: byName.get(name)?.id ?? '' });
    expect((await detail('沙坡头区便民超市')).fields).toMatchObject({ unitKind: 'individual', foundedOn: '2019-06-18' });
    expect((await detail('连锁商贸文昌路门店')).fields).toMatchObject({ unitKind: 'establishment', parentUscc: parent, uscc: '' });
    expect((await detail('中卫市劳务建筑有限公司')).flags.isReached).toBe(false);
    expect((await detail('中卫市第一建筑有限公司')).flags).toMatchObject({ isReached: true, reachedRule: 'construction' });
    // An old template's 有无资质 "是" does not say which qualification: to confirm.
    expect((await detail('中卫市旧表建筑公司')).fields.qualificationKind).toBe('unconfirmed');
    expect((await detail('中卫市光伏电站项目公司')).flags).toMatchObject({ isReached: true, reachedRule: 'investmentProject' });
    // Imported again: nothing new, the codeless establishment found by its 法人单位 and name.
    expect((await s.ok('directory:importPreview', file())).counts).toMatchObject({ insert: 0, unchanged: 7 });
  });

  it('exports the kinds and attributes in an XLSX that imports back unchanged', async () => {
    const s = directoryStore();
    await addEnterprise(s, '0', { uscc: individual, name: '沙坡头区便民超市', unitKind: 'individual', foundedOn: '2019-06-18' });
    await addEnterprise(s, '320', { name: '中卫市第二建筑有限公司', industryCode: '4720', qualificationKind: 'specialty', isLocallyRegistered: true });
    const exported = await s.ok('directory:export', {});
    const wb = await openXlsx(exported.contentBase64);
    const sheet = wb.worksheets[0];
    const head = (sheet?.getRow(1).values as unknown[]).slice(1);
    expect(head).toEqual(expect.arrayContaining(['单位类别', '资质类别', '是否本地注册', '成立日期', '达标', '入规指标']));
    const kindCol = head.indexOf('单位类别') + 1;
    const values = [2, 3].map((r) => sheet?.getRow(r).getCell(kindCol).value);
    expect(values.sort()).toEqual(['个体经营户', '法人单位'].sort());
    const preview = await s.ok('directory:importPreview', { fileName: exported.fileName, contentBase64: exported.contentBase64 });
    expect(preview.counts).toMatchObject({ unchanged: 2, error: 0, insert: 0, update: 0 });
  });
});
