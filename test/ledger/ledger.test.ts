import { describe, expect, it } from 'vitest';
import { addEnterprise, directoryStore, enter, PNG } from '../directory/helpers';

describe('ledger', () => {
  it('stores monthly figures and computes YTD, same period last year and growth', async () => {
    const s = directoryStore();
    const e = await addEnterprise(s, '1');
    await enter(s, e.id, 2023, [[1, 'revenue', 100], [2, 'revenue', 100], [3, 'revenue', 100]]);
    const view = await enter(s, e.id, 2024, [[1, 'revenue', 110], [2, 'revenue', 120], [3, 'revenue', 130], [3, 'employees', 25]]);
    expect(view.months[2]).toEqual({ revenue: 130, employees: 25 });
    expect(view.lastYearMonths[0]).toEqual({ revenue: 100 });
    expect(view.computed.revenue?.[2]).toMatchObject({ month: 130, ytd: 360, lastYtd: 300, missingMonths: [] });
    expect(view.computed.revenue?.[2]?.growth).toBeCloseTo(0.2, 12);
    expect(view.computed.employees?.[2]).toMatchObject({ ytd: 25 });
    // Retail: the industrial-only indicators are not offered.
    expect(view.indicators).not.toContain('industrialOutput');
    expect(view.missingMonths).toEqual([]);
  });

  it('reports months missing in the YTD and withholds growth over them', async () => {
    const s = directoryStore();
    const e = await addEnterprise(s, '2');
    const view = await enter(s, e.id, 2024, [[1, 'revenue', 100], [3, 'revenue', 100]]);
    expect(view.computed.revenue?.[2]).toMatchObject({ ytd: 200, missingMonths: [2], growth: null });
    expect(view.missingMonths).toEqual([2]);
  });

  it('refuses an edit of a cell that changed meanwhile, and a negative figure that cannot be negative', async () => {
    const s = directoryStore();
    const e = await addEnterprise(s, '3');
    await enter(s, e.id, 2024, [[1, 'revenue', 100]]);
    const stale = await s.call('ledger:saveCells', { enterpriseId: e.id, year: 2024, cells: [{ month: 1, indicator: 'revenue', from: null, to: 999 }] });
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const negative = await s.call('ledger:saveCells', { enterpriseId: e.id, year: 2024, cells: [{ month: 2, indicator: 'revenue', from: null, to: -5 }] });
    expect(negative).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    // A loss is a figure like any other.
    const loss = await s.call('ledger:saveCells', { enterpriseId: e.id, year: 2024, cells: [{ month: 2, indicator: 'totalProfit', from: null, to: -5 }] });
    expect(loss.ok).toBe(true);
    const fractional = await s.call('ledger:saveCells', { enterpriseId: e.id, year: 2024, cells: [{ month: 3, indicator: 'revenue', from: null, to: 1.5 }] });
    expect(fractional).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect((await s.ok('ledger:getYear', { enterpriseId: e.id, year: 2024 })).months[0]).toEqual({ revenue: 100 });
  });

  it('traces every cell change with who, when and why, and records one sync op per cell', async () => {
    const s = directoryStore();
    const e = await addEnterprise(s, '4');
    await enter(s, e.id, 2024, [[1, 'revenue', 100]]);
    await s.ok('ledger:saveCells', { enterpriseId: e.id, year: 2024, cells: [{ month: 1, indicator: 'revenue', from: 100, to: 120 }], reason: '补录发票' });
    const [last] = await s.ok('enterprises:history', { id: e.id });
    expect(last).toMatchObject({ action: 'ledger', reason: '补录发票', userName: '王敏', changes: [{ path: 'ledger.2024-01.revenue', from: 100, to: 120 }] });
    const ops = s.sqlite.prepare("SELECT op FROM sync_outbox WHERE entity = 'enterprise' AND field = 'ledger.2024-01.revenue' ORDER BY seq").pluck().all() as string[];
    expect(ops.map((o) => (JSON.parse(o) as { value: unknown }).value)).toEqual([100, 120]);
  });

  it('flags an enterprise 准规模 once its figures cross the set share of its threshold, and follows the setting', async () => {
    const s = directoryStore();
    const e = await addEnterprise(s, '5'); // retail: 主营业务收入 5,000 千元, 80 % → 4,000 annualised
    let view = await enter(s, e.id, 2024, [[1, 'mainRevenue', 300], [2, 'mainRevenue', 300]]);
    expect(view.flags.isNearThreshold).toBe(false);
    view = await enter(s, e.id, 2024, [[3, 'mainRevenue', 450]]); // 1,050 in 3 months → 4,200 a year
    expect(view.flags.isNearThreshold).toBe(true);
    expect((await s.ok('enterprises:list', { isNearThreshold: true })).rows.map((r) => r.id)).toEqual([e.id]);
    await s.ok('thresholds:update', { nearThresholdPct: 90 });
    expect((await s.ok('enterprises:get', { id: e.id })).flags.isNearThreshold).toBe(false);
    expect((await s.ok('enterprises:list', { isNearThreshold: true })).total).toBe(0);
    const info = await s.ok('thresholds:get');
    expect(info.settings.nearThresholdPct).toBe(90);
    expect(info.table.rules.length).toBeGreaterThan(5);
  });

  it('reports a finding where the ledger year differs from the annual report beyond the tolerance', async () => {
    const s = directoryStore();
    const e = await addEnterprise(s, '6');
    await enter(s, e.id, 2023, Array.from({ length: 12 }, (_, i): [number, 'revenue', number] => [i + 1, 'revenue', 100]));
    let view = await s.ok('ledger:saveAnnual', { enterpriseId: e.id, year: 2023, values: { revenue: 1_220 } });
    expect(view.findings).toEqual([]); // 1,200 vs 1,220: 1.6 % < 5 %
    view = await s.ok('ledger:saveAnnual', { enterpriseId: e.id, year: 2023, values: { revenue: 1_500 } });
    expect(view.findings).toEqual([expect.objectContaining({ source: 'annual', indicator: 'revenue', ledgerValue: 1_200, reportedValue: 1_500 })]);
  });

  it('returns the stored annual figures with the year, so the form shows what is kept', async () => {
    const s = directoryStore();
    const e = await addEnterprise(s, '8');
    expect((await s.ok('ledger:getYear', { enterpriseId: e.id, year: 2023 })).annual).toEqual({});
    await s.ok('ledger:saveAnnual', { enterpriseId: e.id, year: 2023, values: { revenue: 1_500, employees: 12 } });
    // Saving one figure keeps the others; clearing one (null) removes only it.
    await s.ok('ledger:saveAnnual', { enterpriseId: e.id, year: 2023, values: { payroll: 300 } });
    expect((await s.ok('ledger:getYear', { enterpriseId: e.id, year: 2023 })).annual).toEqual({ revenue: 1_500, employees: 12, payroll: 300 });
    const view = await s.ok('ledger:saveAnnual', { enterpriseId: e.id, year: 2023, values: { employees: null } });
    expect(view.annual).toEqual({ revenue: 1_500, payroll: 300 });
    // Another year's figures are its own.
    expect((await s.ok('ledger:getYear', { enterpriseId: e.id, year: 2024 })).annual).toEqual({});
  });

  it('compares the 2023 ledger with the census form of the unit with the same USCC', async () => {
    const s = directoryStore();
    const e = await addEnterprise(s, '7');
    s.sqlite
      .prepare(`INSERT INTO units (id, area_code, kind, status, name, uscc, source, data, created_at, updated_at) VALUES ('unit-0001', '640502100201001', 'legal', 'submitted', ?, ?, 'field', ?, 'x', 'x')`)
      .run(e.name, e.uscc, JSON.stringify({ '611': { revenue: 2_000, employees: 30 } }));
    const months = Array.from({ length: 12 }, (_, i): [number, 'revenue', number] => [i + 1, 'revenue', 100]);
    const view = await enter(s, e.id, 2023, [...months, [12, 'employees', 30] as [number, 'employees', number]]);
    expect(view.findings).toEqual([expect.objectContaining({ source: 'census', indicator: 'revenue', ledgerValue: 1_200, reportedValue: 2_000 })]);
  });
});

describe('the ledger page’s 入规纳统 flags', () => {
  it('says 达标 on the measure, and that the measure is missing when only 营业收入 is kept', async () => {
    const s = directoryStore();
    // Retail (5211) enters on 主营业务收入 ≥ 5,000 千元 a year.
    const onlyRevenue = await addEnterprise(s, '61');
    await enter(s, onlyRevenue.id, 2024, [[1, 'revenue', 900], [2, 'revenue', 900]]);
    expect((await s.ok('ledger:getYear', { enterpriseId: onlyRevenue.id, year: 2024 })).flags).toMatchObject({ isMeasureMissing: true, isReached: false, isNearThreshold: false, measure: 'mainRevenue' });
    const reaching = await addEnterprise(s, '62');
    await enter(s, reaching.id, 2024, [[1, 'mainRevenue', 450], [2, 'mainRevenue', 450]]);
    // 900 in two months annualises to 5,400: at or above the threshold, so 达标 and not 准规模.
    expect((await s.ok('ledger:getYear', { enterpriseId: reaching.id, year: 2024 })).flags).toMatchObject({ isMeasureMissing: false, isReached: true, isNearThreshold: false });
  });
});

describe('evidence', () => {
  it('stores a file by its SHA-256 with a note and the figures it backs, and counts coverage', async () => {
    const s = directoryStore();
    const e = await addEnterprise(s, '11');
    await enter(s, e.id, 2024, [[1, 'revenue', 100], [2, 'revenue', 100], [1, 'vatPayable', 3]]);
    const item = await s.ok('evidence:attach', {
      enterpriseId: e.id,
      fileName: '一月增值税申报表.png',
      mimeType: 'image/png',
      contentBase64: PNG.toString('base64'),
      kind: 'vat_return',
      note: '2024年1月增值税纳税申报表',
      figures: [{ year: 2024, month: 1, indicator: 'revenue' }, { year: 2024, month: 1, indicator: 'vatPayable' }],
    });
    expect(item).toMatchObject({ mimeType: 'image/png', size: PNG.length, isAvailable: true, createdBy: '王敏' });
    expect(item.sha256).toMatch(/^[0-9a-f]{64}$/);
    const view = await s.ok('ledger:getYear', { enterpriseId: e.id, year: 2024 });
    expect(view.evidenceCounts).toEqual({ '1.revenue': 1, '1.vatPayable': 1 });
    expect(view.coverage).toEqual({ filled: 3, backed: 2 });
    const got = await s.ok('evidence:get', { id: item.id });
    expect(Buffer.from(got.contentBase64 ?? '', 'base64').equals(PNG)).toBe(true);
    // An in-memory store has no attachment folder: the bytes stay in the (encrypted) store.
    expect(s.sqlite.prepare('SELECT size FROM attachment_blobs WHERE sha256 = ?').pluck().get(item.sha256)).toBe(PNG.length);
    const op = s.sqlite.prepare("SELECT op FROM sync_outbox WHERE field = ?").pluck().get(`evidence.${item.id}`) as string;
    expect(JSON.parse(op)).toMatchObject({ entity: 'enterprise', value: { sha256: item.sha256, kind: 'vat_return' } });
  });

  it('refuses bytes that are not what they claim to be, or not a record type at all', async () => {
    const s = directoryStore();
    const e = await addEnterprise(s, '12');
    const attach = (mimeType: string, bytes: Buffer) =>
      s.call('evidence:attach', { enterpriseId: e.id, fileName: 'x', mimeType, contentBase64: bytes.toString('base64'), kind: 'other', note: '' });
    expect(await attach('application/pdf', PNG)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await attach('application/octet-stream', Buffer.from([0, 1, 2, 3]))).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect((await attach('application/pdf', Buffer.from('%PDF-1.4\n%…'))).ok).toBe(true);
  });

  it('updates what a file backs, and removes it only as a tombstone with a reason', async () => {
    const s = directoryStore();
    const e = await addEnterprise(s, '13');
    await enter(s, e.id, 2024, [[1, 'revenue', 100]]);
    const item = await s.ok('evidence:attach', { enterpriseId: e.id, fileName: 'a.png', mimeType: 'image/png', contentBase64: PNG.toString('base64'), kind: 'voucher', note: '' });
    expect((await s.ok('ledger:getYear', { enterpriseId: e.id, year: 2024 })).coverage.backed).toBe(0);
    await s.ok('evidence:update', { id: item.id, figures: [{ year: 2024, month: 1, indicator: 'revenue' }], note: '记账凭证' });
    expect((await s.ok('ledger:getYear', { enterpriseId: e.id, year: 2024 })).coverage.backed).toBe(1);
    expect(await s.call('evidence:remove', { id: item.id, reason: '' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    await s.ok('evidence:remove', { id: item.id, reason: '上传错了文件' });
    expect(await s.ok('evidence:list', { enterpriseId: e.id })).toEqual([]);
    expect(s.sqlite.prepare('SELECT removed_reason FROM evidence WHERE id = ?').pluck().get(item.id)).toBe('上传错了文件');
    const history = await s.ok('enterprises:history', { id: e.id });
    expect(history.filter((h) => h.action === 'evidence')).toHaveLength(3);
  });
});
