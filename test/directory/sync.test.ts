import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '@main/core';
import { dispatch } from '@main/ipc/dispatch';
import type { Channel, Input, Output } from '@shared/ipc/contract';
import type { Result } from '@shared/result';
import { OTHER_VILLAGE, PNG, uscc, VILLAGE } from './helpers';
import { World } from '../sync/world';
import { recordOps } from '@main/sync/outbox';

// The directory syncs through the same engine and scopes as units: an enterprise and
// everything under it — ledger cells, evidence references and files, follow-up — travel as
// fields of one 'enterprise' entity whose scope key is its division code.

let world: World;
afterEach(async () => world.close());

async function call<C extends Channel>(core: Core, channel: C, input?: Input<C>): Promise<Output<C>> {
  const r = (await dispatch(core.handlers, channel, input, { shell: 'web' })) as Result<Output<C>>;
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

const TOWNSHIP = VILLAGE.slice(0, 9);

async function twoTownshipClients() {
  world = new World();
  await world.start();
  await world.user('town01', 'township', [TOWNSHIP]);
  await world.user('town02', 'township', [TOWNSHIP]);
  await world.user('other', 'township', [OTHER_VILLAGE.slice(0, 9)]);
  const a = await world.client('a', 'town01');
  const b = await world.client('b', 'town02');
  return { a, b };
}

describe('directory sync', () => {
  it('carries an enterprise, its ledger rows and its evidence (reference and file) from one client to another', async () => {
    const { a, b } = await twoTownshipClients();
    const e = await call(a.core, 'enterprises:save', { fields: { uscc: uscc('901'), name: '中卫市金沙商贸有限公司', divisionCode: VILLAGE, industryCode: '5211', liaison: '李娜' } });
    await call(a.core, 'ledger:saveCells', {
      enterpriseId: e.id,
      year: 2024,
      cells: [
        // Retail is judged on 主营业务收入.
        { month: 1, indicator: 'mainRevenue', from: null, to: 1_500 },
        { month: 2, indicator: 'mainRevenue', from: null, to: 1_600 },
        { month: 2, indicator: 'employees', from: null, to: 18 },
      ],
    });
    const item = await call(a.core, 'evidence:attach', {
      enterpriseId: e.id,
      fileName: '一月发票.png',
      mimeType: 'image/png',
      contentBase64: PNG.toString('base64'),
      kind: 'voucher',
      note: '一月销售发票',
      figures: [{ year: 2024, month: 1, indicator: 'mainRevenue' }],
    });
    await call(a.core, 'followup:transition', { enterpriseId: e.id, version: 0, to: 'candidate', date: '2024-03-01' });
    await a.sync();
    await b.sync();

    const onB = await call(b.core, 'enterprises:get', { id: e.id });
    expect(onB).toMatchObject({ name: '中卫市金沙商贸有限公司', liaison: '李娜', stage: 'candidate', divisionCode: VILLAGE });
    // 3,100 in two months is 18,600 a year, over retail's 5,000: 达标, and so not 准规模.
    expect(onB.flags).toMatchObject({ isReached: true, isNearThreshold: false, measure: 'mainRevenue', ytdRevenue: 3_100 });
    expect((await call(b.core, 'enterprises:list', { query: 'jssm' })).rows.map((r) => r.id)).toEqual([e.id]);
    const year = await call(b.core, 'ledger:getYear', { enterpriseId: e.id, year: 2024 });
    expect(year.months.slice(0, 2)).toEqual([{ mainRevenue: 1_500 }, { mainRevenue: 1_600, employees: 18 }]);
    expect(year.coverage).toEqual({ filled: 3, backed: 1 });
    const file = await call(b.core, 'evidence:get', { id: item.id });
    expect(file.item).toMatchObject({ fileName: '一月发票.png', note: '一月销售发票', isAvailable: true });
    expect(Buffer.from(file.contentBase64 ?? '', 'base64').equals(PNG)).toBe(true);
    expect((await call(b.core, 'followup:get', { enterpriseId: e.id })).stageHistory).toHaveLength(1);
    // A later change arrives traced on the receiving side: who (by account), which device, what.
    await call(a.core, 'ledger:saveCells', { enterpriseId: e.id, year: 2024, cells: [{ month: 2, indicator: 'mainRevenue', from: 1_600, to: 1_650 }] });
    await a.sync();
    await b.sync();
    const [traced] = await call(b.core, 'enterprises:history', { id: e.id });
    expect(traced).toMatchObject({ action: 'sync', changes: [{ path: 'ledger.2024-02.mainRevenue', from: 1_600, to: 1_650 }] });
    expect(traced?.deviceName).not.toBe('');
    expect((await call(b.core, 'ledger:getYear', { enterpriseId: e.id, year: 2024 })).computed.mainRevenue?.[1]?.ytd).toBe(3_150);
  });

  it('carries the admission attributes: a builder’s qualification kind and local registration, an 个体经营户, a legacy 有资质 as to-confirm', async () => {
    const { a, b } = await twoTownshipClients();
    const builder = await call(a.core, 'enterprises:save', { fields: { uscc: uscc('911'), name: '中卫市劳务建筑有限公司', divisionCode: VILLAGE, industryCode: '4710', qualificationKind: 'labour', isLocallyRegistered: true } });
    const shop = await call(a.core, 'enterprises:save', { fields: { uscc: `92${uscc('912').slice(2)}`, name: '沙坡头区便民超市', divisionCode: VILLAGE, industryCode: '5211', unitKind: 'individual', foundedOn: '2019-06-18' } });
    await a.sync();
    await b.sync();
    expect((await call(b.core, 'enterprises:get', { id: builder.id })).fields).toMatchObject({ qualificationKind: 'labour', isLocallyRegistered: true });
    expect((await call(b.core, 'enterprises:get', { id: builder.id })).flags.isReached).toBe(false);
    expect((await call(b.core, 'enterprises:get', { id: shop.id })).fields).toMatchObject({ unitKind: 'individual', foundedOn: '2019-06-18' });
    expect((await call(b.core, 'enterprises:list', { unitKinds: ['individual'] })).rows.map((r) => r.id)).toEqual([shop.id]);
    // The builder turns out to hold 总承包: edited on A, 达标 on B.
    const onA = await call(a.core, 'enterprises:get', { id: builder.id });
    await call(a.core, 'enterprises:save', { id: builder.id, version: onA.version, fields: { ...onA.fields, qualificationKind: 'general' } });
    await a.sync();
    await b.sync();
    expect((await call(b.core, 'enterprises:get', { id: builder.id })).flags).toMatchObject({ isReached: true, reachedRule: 'construction' });
    // An older laptop's `hasQualification: true` says a qualification exists, not which: to confirm, admitting nothing.
    const legacy = await call(a.core, 'enterprises:save', { fields: { uscc: uscc('913'), name: '中卫市旧版建筑公司', divisionCode: VILLAGE, industryCode: '4710', isLocallyRegistered: true } });
    recordOps(a.core.db, [{ entity: 'enterprise', entityId: legacy.id, areaCode: VILLAGE, field: 'hasQualification', value: true }], new Date());
    await a.sync();
    await b.sync();
    const onB = await call(b.core, 'enterprises:get', { id: legacy.id });
    expect(onB.fields.qualificationKind).toBe('unconfirmed');
    expect(onB.flags.isReached).toBe(false);
    expect(onB.admissionHints).toEqual(['qualificationUnconfirmed']);
  });

  it('merges edits of different months made on two clients, and keeps a same-cell race as a conflict', async () => {
    const { a, b } = await twoTownshipClients();
    const e = await call(a.core, 'enterprises:save', { fields: { uscc: uscc('902'), name: '宏达运输', divisionCode: VILLAGE, industryCode: '5431' } });
    await a.sync();
    await b.sync();
    await call(a.core, 'ledger:saveCells', { enterpriseId: e.id, year: 2024, cells: [{ month: 1, indicator: 'revenue', from: null, to: 100 }, { month: 3, indicator: 'revenue', from: null, to: 300 }] });
    await call(b.core, 'ledger:saveCells', { enterpriseId: e.id, year: 2024, cells: [{ month: 2, indicator: 'revenue', from: null, to: 200 }, { month: 3, indicator: 'revenue', from: null, to: 333 }] });
    await a.sync();
    await b.sync();
    await a.sync();
    const onA = await call(a.core, 'ledger:getYear', { enterpriseId: e.id, year: 2024 });
    const onB = await call(b.core, 'ledger:getYear', { enterpriseId: e.id, year: 2024 });
    expect(onA.months.slice(0, 2)).toEqual([{ revenue: 100 }, { revenue: 200 }]);
    expect(onA.months).toEqual(onB.months);
    // March was entered on both without either seeing the other: one value stands on both
    // devices and the server holds the race for a supervisor.
    expect([300, 333]).toContain(onA.months[2]?.revenue);
    expect(b.core.sync.status().conflicts).toEqual([expect.objectContaining({ entityId: e.id, field: 'ledger.2024-03.revenue' })]);
  });

  it('lets a township resolve a ledger figure’s race by typing the right figure, named as the enterprise it is', async () => {
    const { a, b } = await twoTownshipClients();
    const e = await call(a.core, 'enterprises:save', { fields: { uscc: uscc('903'), name: '宏达运输', divisionCode: VILLAGE, industryCode: '5431' } });
    await a.sync();
    await b.sync();
    await call(a.core, 'ledger:saveCells', { enterpriseId: e.id, year: 2024, cells: [{ month: 3, indicator: 'revenue', from: null, to: 300 }] });
    await call(b.core, 'ledger:saveCells', { enterpriseId: e.id, year: 2024, cells: [{ month: 3, indicator: 'revenue', from: null, to: 333 }] });
    await a.sync();
    await b.sync();
    const [view] = await call(b.core, 'conflicts:list');
    expect(view).toMatchObject({ entity: 'enterprise', entityId: e.id, entityName: '宏达运输', field: 'ledger.2024-03.revenue' });
    expect(b.core.sync.status().conflicts).toEqual([expect.objectContaining({ entity: 'enterprise', unitName: '宏达运输' })]);
    // A figure is a number in the indicator's unit; text is refused and nothing is queued.
    const refused = await dispatch(b.core.handlers, 'conflicts:resolve', { conflictId: view?.conflictId ?? '', choice: 'other', value: '320' }, { shell: 'web' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    await call(b.core, 'conflicts:resolve', { conflictId: view?.conflictId ?? '', choice: 'other', value: 320 });
    await b.sync();
    await a.sync();
    for (const laptop of [a, b]) {
      expect((await call(laptop.core, 'ledger:getYear', { enterpriseId: e.id, year: 2024 })).months[2]?.revenue).toBe(320);
      expect(await call(laptop.core, 'conflicts:list')).toEqual([]);
    }
  });

  it('keeps an enterprise within its township’s scope and moves it with its ledger when it moves', async () => {
    const { a } = await twoTownshipClients();
    const other = await world.client('c', 'other');
    const e = await call(a.core, 'enterprises:save', { fields: { uscc: uscc('903'), name: '迁移企业', divisionCode: VILLAGE } });
    await call(a.core, 'ledger:saveCells', { enterpriseId: e.id, year: 2024, cells: [{ month: 1, indicator: 'revenue', from: null, to: 50 }] });
    await a.sync();
    await other.sync();
    expect((await call(other.core, 'enterprises:list', {})).total).toBe(0);
    // Only an admin (the bureau) holds both townships: the move is theirs to make.
    await world.user('bureau', 'admin', []);
    const bureau = await world.client('bureau', 'bureau');
    await bureau.sync();
    const seen = await call(bureau.core, 'enterprises:get', { id: e.id });
    await call(bureau.core, 'enterprises:save', { id: e.id, version: seen.version, fields: { ...seen.fields, divisionCode: OTHER_VILLAGE, statusNote: '迁入柔远镇' } });
    await bureau.sync();
    await other.sync();
    const moved = await call(other.core, 'enterprises:get', { id: e.id });
    expect(moved.divisionCode).toBe(OTHER_VILLAGE);
    expect((await call(other.core, 'ledger:getYear', { enterpriseId: e.id, year: 2024 })).months[0]).toEqual({ revenue: 50 });
    await a.sync();
    expect((await call(a.core, 'enterprises:list', {})).total).toBe(0);
  });

  it('carries a directory import to another client: one $create per new enterprise, every field arriving', async () => {
    const { a, b } = await twoTownshipClients();
    // b has synced before: the import reaches it as changes, traced, not as its first download.
    await call(a.core, 'enterprises:save', { fields: { uscc: uscc('9499'), name: '先有的企业', divisionCode: VILLAGE } });
    await a.sync();
    await b.sync();
    const rows = Array.from({ length: 40 }, (_, i) => [uscc(`95${String(i).padStart(2, '0')}`), `中卫市导入测试${i}有限公司`, `应理南街${i}号`, VILLAGE, i % 2 === 0 ? '5211' : '1371', i % 5 === 0 ? '规上' : '规下', i % 3 === 0 ? '张伟' : '', i === 7 ? '停业' : '在营']);
    const csv = ['统一社会信用代码,企业名称,详细地址,统计用区划代码,行业代码,规模,包保责任人,经营状态', ...rows.map((r) => r.join(','))].join('\n');
    const report = await call(a.core, 'directory:import', { fileName: '企业库.csv', contentBase64: Buffer.from(csv).toString('base64') });
    expect(report).toMatchObject({ inserted: 40, errors: [] });
    const ops = a.core.sqlite.prepare("SELECT field, COUNT(*) AS n FROM sync_outbox WHERE entity = 'enterprise' AND status = 'pending' GROUP BY field").all();
    expect(ops).toEqual([{ field: '$create', n: 40 }]);
    await a.sync();
    await b.sync();

    const onA = await call(a.core, 'enterprises:list', { limit: 100 });
    const onB = await call(b.core, 'enterprises:list', { limit: 100 });
    expect(onB.total).toBe(41);
    // Every list column as on the importing client (times aside: each side stamps its own write).
    const comparable = (page: typeof onA) => page.rows.map(({ updatedAt: _u, ...r }) => r);
    expect(comparable(onB)).toEqual(comparable(onA));
    const seven = onB.rows.find((r) => r.name === '中卫市导入测试7有限公司');
    if (!seven) throw new Error('enterprise 7 did not arrive');
    const detail = await call(b.core, 'enterprises:get', { id: seven.id });
    expect(detail.fields).toMatchObject({ address: '应理南街7号', industryCode: '1371', scale: 'below', status: 'suspended', liaison: '', divisionCode: VILLAGE });
    // The receiving side's history names each field the import set, as separate ops did.
    const [traced] = await call(b.core, 'enterprises:history', { id: seven.id });
    expect(traced?.action).toBe('sync');
    expect(traced?.changes.map((c) => c.path)).toEqual(expect.arrayContaining(['uscc', 'name', 'address', 'industryCode', 'status']));
    expect(traced?.changes.map((c) => c.path)).not.toContain('$create');

    // An edit after the create wins over the initial value on both sides.
    const zero = await call(a.core, 'enterprises:get', { id: onA.rows[0]?.id ?? '' });
    await call(a.core, 'enterprises:save', { id: zero.id, version: zero.version, fields: { ...zero.fields, liaison: '李娜' } });
    await a.sync();
    await b.sync();
    expect((await call(b.core, 'enterprises:get', { id: zero.id })).liaison).toBe('李娜');
  });
});
