import { describe, expect, it } from 'vitest';
import { addEnterprise, directoryStore, enter, openXlsx } from '../directory/helpers';

// Signing a month of the ledger and changing a signed month, through the real handlers on a
// real store (the clock starts 2024-06-15 08:00 UTC and moves a minute per reading).

function ticking() {
  let n = 0;
  return () => new Date(Date.UTC(2024, 5, 15, 8, 0) + 60_000 * n++);
}

async function signedMarch() {
  const s = directoryStore({ now: ticking() });
  const e = await addEnterprise(s, '701');
  await enter(s, e.id, 2024, [[3, 'retailSales', 800], [3, 'goodsSales', 1_000]]);
  await s.ok('ledger:sign', { enterpriseId: e.id, year: 2024, month: 3, role: 'statisticsHead', name: '张会计', date: '2024-04-05' });
  const view = await s.ok('ledger:sign', { enterpriseId: e.id, year: 2024, month: 3, role: 'unitHead', name: '李经理', date: '2024-04-06' });
  return { s, e, view };
}

describe('signing a month', () => {
  it('keeps each signer’s name and date, traces it and records one sync op per signature', async () => {
    const { s, e, view } = await signedMarch();
    expect(view.signoffs[2]).toMatchObject({
      statisticsHead: { name: '张会计', date: '2024-04-05', by: '王敏' },
      unitHead: { name: '李经理', date: '2024-04-06' },
      state: 'signed',
    });
    expect(view.signoffs[1]).toMatchObject({ statisticsHead: null, unitHead: null, state: 'unsigned' });
    const [last] = await s.ok('enterprises:history', { id: e.id });
    expect(last).toMatchObject({ action: 'signoff', changes: [{ path: 'signoff.2024-03.unitHead', from: null, to: { name: '李经理', date: '2024-04-06' } }] });
    const fields = s.sqlite.prepare("SELECT field FROM sync_outbox WHERE entity = 'enterprise' AND field LIKE 'signoff.%' ORDER BY seq").pluck().all();
    expect(fields).toEqual(['signoff.2024-03.statisticsHead', 'signoff.2024-03.unitHead']);
  });

  it('refuses a month with no figures, a date before the month or after today, and a name over 40 characters', async () => {
    const { s, e } = await signedMarch();
    const sign = (month: number, date: string, name = '张会计') => s.call('ledger:sign', { enterpriseId: e.id, year: 2024, month, role: 'statisticsHead', name, date });
    expect(await sign(4, '2024-05-02')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', reason: { zh: '2024年4月还没有数据，不能签字' } } });
    expect(await sign(3, '2024-02-28')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await sign(3, '2024-06-16')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await sign(3, '2024-02-30')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await sign(3, '2024-04-10', '张'.repeat(41))).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect((await s.ok('ledger:getYear', { enterpriseId: e.id, year: 2024 })).signoffs[2]?.statisticsHead).toMatchObject({ name: '张会计', date: '2024-04-05' });
  });
});

describe('changing a signed month', () => {
  it('is refused without a reason, with a clear message, and nothing is saved', async () => {
    const { s, e } = await signedMarch();
    const before = s.sqlite.prepare('SELECT COUNT(*) FROM enterprise_changes').pluck().get();
    const outbox = s.sqlite.prepare('SELECT COUNT(*) FROM sync_outbox').pluck().get();
    for (const reason of [undefined, '', ' 改 ']) {
      const refused = await s.call('ledger:saveCells', {
        enterpriseId: e.id,
        year: 2024,
        cells: [{ month: 3, indicator: 'retailSales', from: 800, to: 850 }],
        ...(reason === undefined ? {} : { reason }),
      });
      expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', reason: { zh: expect.stringContaining('2024年3月的台账已签字，修改须说明原因') } } });
    }
    // A paste over an unsigned and a signed month is refused whole.
    const block = await s.call('ledger:saveCells', {
      enterpriseId: e.id,
      year: 2024,
      cells: [
        { month: 2, indicator: 'retailSales', from: null, to: 700 },
        { month: 3, indicator: 'retailSales', from: 800, to: 850 },
      ],
    });
    expect(block.ok).toBe(false);
    const view = await s.ok('ledger:getYear', { enterpriseId: e.id, year: 2024 });
    expect(view.months[1]).toEqual({});
    expect(view.months[2]).toEqual({ retailSales: 800, goodsSales: 1_000 });
    expect(s.sqlite.prepare('SELECT COUNT(*) FROM enterprise_changes').pluck().get()).toBe(before);
    expect(s.sqlite.prepare('SELECT COUNT(*) FROM sync_outbox').pluck().get()).toBe(outbox);
    // An unsigned month needs no reason.
    expect((await s.call('ledger:saveCells', { enterpriseId: e.id, year: 2024, cells: [{ month: 2, indicator: 'retailSales', from: null, to: 700 }] })).ok).toBe(true);
  });

  it('is saved with a reason; the trace keeps the reason and who had signed the month, when; the grid shows it changed after signing', async () => {
    const { s, e } = await signedMarch();
    const view = await s.ok('ledger:saveCells', {
      enterpriseId: e.id,
      year: 2024,
      cells: [{ month: 3, indicator: 'retailSales', from: 800, to: 850 }],
      reason: '按增值税申报表更正',
    });
    expect(view.months[2]).toEqual({ retailSales: 850, goodsSales: 1_000 });
    expect(view.signoffs[2]).toMatchObject({ state: 'changedAfterSigning', lastChangeAt: expect.stringMatching(/^2024-06-15T08:/) });
    const [last] = await s.ok('enterprises:history', { id: e.id });
    expect(last).toMatchObject({ action: 'ledgerSigned', userName: '王敏', changes: [{ path: 'ledger.2024-03.retailSales', from: 800, to: 850 }] });
    expect(last?.reason).toBe('按增值税申报表更正（修改时该月已签字 — 2024年3月：统计负责人 张会计 2024-04-05 签字，单位负责人 李经理 2024-04-06 签字）');
    // Signed again after the change: the month reads as signed.
    const resigned = await s.ok('ledger:sign', { enterpriseId: e.id, year: 2024, month: 3, role: 'statisticsHead', name: '张会计', date: '2024-06-15' });
    expect(resigned.signoffs[2]?.state).toBe('changedAfterSigning');
    // One head signed again, the other's signature still predates the change.
    const both = await s.ok('ledger:sign', { enterpriseId: e.id, year: 2024, month: 3, role: 'unitHead', name: '李经理', date: '2024-06-15' });
    expect(both.signoffs[2]?.state).toBe('signed');
  });
});

describe('the grid per 专业', () => {
  it('shows a retailer the 批零 set with its version, then earlier indicators holding figures, and a part above its whole', async () => {
    const s = directoryStore();
    const e = await addEnterprise(s, '702', { industryCode: '5211' });
    await enter(s, e.id, 2024, [[1, 'revenue', 300], [1, 'goodsSales', 1_000], [1, 'retailSales', 1_200], [2, 'retailSales', 500]]);
    const view = await s.ok('ledger:getYear', { enterpriseId: e.id, year: 2024 });
    expect(view.set).toMatchObject({ id: 'trade', zh: '批发零售', version: '2024.1' });
    expect(view.indicators).toEqual(['mainRevenue', 'goodsSales', 'retailSales', 'goodsPurchases', 'endInventory', 'onlineRetail', 'revenue']);
    expect(view.setSize).toBe(6);
    expect(view.computed.retailSales?.[1]).toMatchObject({ ytd: 1_700 });
    // February's 零售额 has no 商品销售额 yet: no finding; January's is above it.
    expect(view.partsAboveWhole).toEqual([{ month: 1, whole: 'goodsSales', parts: ['retailSales'], partsValue: 1_200, wholeValue: 1_000 }]);
  });

  it('keeps 用电量 as 千瓦时 underneath: 1.2345 万千瓦时 is 12345', async () => {
    const s = directoryStore();
    const e = await addEnterprise(s, '703', { industryCode: '1311' });
    const view = await enter(s, e.id, 2024, [[1, 'electricity', 12_345], [2, 'electricity', 5_000], [1, 'avgEmployees', 30], [2, 'avgEmployees', 35]]);
    expect(view.set.id).toBe('industry');
    expect(view.computed.electricity?.[1]?.ytd).toBe(17_345);
    expect(view.computed.avgEmployees?.[1]?.ytd).toBe(33);
  });
});

describe('exports listing ledger figures', () => {
  it('write 用电量 in 万千瓦时 with its four decimals in the application package', async () => {
    const s = directoryStore();
    const e = await addEnterprise(s, '704', { industryCode: '1311' });
    await enter(s, e.id, 2024, [[1, 'electricity', 12_345], [2, 'electricity', 5_000], [1, 'mainRevenue', 900]]);
    const pkg = await s.ok('package:export', { enterpriseId: e.id, endYear: 2024, endMonth: 2 });
    const sheet = (await openXlsx(pkg.contentBase64)).getWorksheet('12个月台账');
    const header = sheet?.getRow(2).values as unknown[];
    const col = header.findIndex((v) => v === '用电量（万千瓦时）');
    expect(col).toBeGreaterThan(0);
    expect(sheet?.getRow(13).getCell(col).value).toBe(1.2345);
    expect(sheet?.getRow(14).getCell(col).value).toBe(0.5);
    expect(sheet?.getRow(15).getCell(col).value).toBe(1.7345);
    expect(sheet?.getColumn(col).numFmt).toBe('#,##0.0000');
    expect(sheet?.getRow(13).getCell(header.findIndex((v) => v === '主营业务收入（千元）')).value).toBe(900);
  });
});

describe('annual figures against the ledger year', () => {
  it('compares 平均用工人数 with the twelve months’ average and writes 用电量 in 万千瓦时', async () => {
    const s = directoryStore();
    const e = await addEnterprise(s, '705', { industryCode: '1311' });
    const months = Array.from({ length: 12 }, (_, i) => i + 1);
    await enter(s, e.id, 2023, [...months.map((m): [number, 'avgEmployees', number] => [m, 'avgEmployees', 30 + (m % 2)]), ...months.map((m): [number, 'electricity', number] => [m, 'electricity', 10_000])]);
    const view = await s.ok('ledger:saveAnnual', { enterpriseId: e.id, year: 2023, values: { avgEmployees: 31, electricity: 100_000 } });
    // 30 and 31 alternating average 30.5 → 31: no finding; 12 万千瓦时 in the ledger against 10 reported is one.
    expect(view.findings.map((f) => f.indicator)).toEqual(['electricity']);
    expect(view.findings[0]?.messageZh).toBe('2023年台账用电量 12.0000万千瓦时，年报为 10.0000万千瓦时，差异超过容差 5%');
  });
});

describe('the township statistics of ledgers', () => {
  it('count every figure of a full industrial year (more than 255) and every month, December included', async () => {
    const s = directoryStore();
    const e = await addEnterprise(s, '706', { industryCode: '1311' });
    const keys = (await s.ok('ledger:getYear', { enterpriseId: e.id, year: 2024 })).indicators;
    expect(keys.length).toBe(22);
    for (let m = 1; m <= 12; m += 1) await enter(s, e.id, 2024, keys.map((k): [number, (typeof keys)[number], number] => [m, k, 1]));
    const stats = await s.ok('stats:directory', { groupBy: 'township', year: 2024 });
    const group = stats.groups.find((g) => g.filledFigures > 0);
    expect(group).toMatchObject({ filledFigures: 12 * 22, backedFigures: 0, ledgerMonths: Array<number>(12).fill(1) });
  });
});
