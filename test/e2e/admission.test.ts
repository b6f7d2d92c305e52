import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realUscc } from '../helpers/uscc';
import { openE2eApp, type E2eApp } from '../helpers/e2e-app';

// 入规纳统 as the standards say, in chromium at 1366×768: an industrial enterprise with twelve
// months of 主营业务收入 over 2000万 is 达标 (not 准规模) and in the 达标 list, a 准规模 one beside
// it; a builder with 劳务 qualification is no candidate until its qualification is 总承包; an
// 个体经营户 retailer in the directory. Screenshots in test-results/screenshots/admission-*.png.

let app: E2eApp;
const VILLAGE = '640502100201';
const year = new Date().getFullYear() - 1;
const REACHED = '中卫市达标机械制造有限公司';
const NEAR = '中卫市准规模塑料制品有限公司';
const LABOUR = '中卫市劳务建筑工程有限公司';
const GENERAL = '中卫市第一建筑工程有限公司';
const SHOP = '沙坡头区惠民便利店';
const ONLY_REVENUE = '中卫市只填营业收入铸造有限公司';
const ids = new Map<string, string>();
const byTestId = (id: string) => app.page.getByTestId(id);
const idOf = (name: string): string => ids.get(name) ?? '';

async function shot(name: string): Promise<void> {
  await app.page.waitForTimeout(300);
  await app.browser.screenshot(`admission-${name}`);
}

async function twelveMonths(name: string, monthly: number): Promise<void> {
  const cells = Array.from({ length: 12 }, (_, m) => ({ month: m + 1, indicator: 'mainRevenue' as const, from: null, to: monthly }));
  await app.api('ledger:saveCells', { enterpriseId: idOf(name), year, cells });
}

const rowIds = async (): Promise<string[]> =>
  (await app.page.locator('[data-testid^="enterprise-row-"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid') ?? ''))).map((t) => t.replace('enterprise-row-', ''));

beforeAll(async () => {
  app = await openE2eApp('census-e2e-admission-', { isReducedMotion: true });
  await app.page.setViewportSize({ width: 1366, height: 768 });
  await app.api('settings:update', { userName: '李秀兰', deviceName: '宣和镇统计站-台式机', regionCode: '640502' });
  const csv = [
    '统一社会信用代码,单位名称,区划代码,行业代码,单位类别,资质类别,是否本地注册,成立日期',
    `${realUscc('AD000001')},${REACHED},${VILLAGE},3411,法人单位,,,2015-03-02`,
    `${realUscc('AD000002')},${NEAR},${VILLAGE},2927,法人单位,,,2022-08-01`,
    `${realUscc('AD000003')},${LABOUR},${VILLAGE},4790,,劳务,是,`,
    `${realUscc('AD000004')},${GENERAL},${VILLAGE},4710,,总承包,是,`,
    `${realUscc('AD000005', '92')},${SHOP},${VILLAGE},5213,个体经营户,,,2020-05-20`,
    `${realUscc('AD000006')},${ONLY_REVENUE},${VILLAGE},3391,法人单位,,,`,
  ].join('\r\n');
  const report = await app.api('directory:import', { fileName: '名录.csv', contentBase64: Buffer.from(`\uFEFF${csv}`, 'utf8').toString('base64') });
  expect(report).toMatchObject({ inserted: 6, errors: [] });
  for (const row of (await app.api('enterprises:list', { limit: 50 })).rows) ids.set(row.name, row.id);
  // 21,600 千元 over twelve months: at the 20,000 threshold and past it. 16,800: 84 %, near.
  await twelveMonths(REACHED, 1_800);
  await twelveMonths(NEAR, 1_400);
  // 营业收入 well over the threshold, but no 主营业务收入: not judged on the wrong figure.
  const cells = Array.from({ length: 12 }, (_, m) => ({ month: m + 1, indicator: 'revenue' as const, from: null, to: 3_000 }));
  await app.api('ledger:saveCells', { enterpriseId: idOf(ONLY_REVENUE), year, cells });
});

afterAll(async () => {
  await app?.close();
});

describe('入规纳统 in the browser', () => {
  it('flags the industrial enterprise 达标 on 主营业务收入 and lists it apart from 准规模', async () => {
    expect((await app.api('enterprises:get', { id: idOf(REACHED) })).flags).toMatchObject({ isReached: true, isNearThreshold: false, measure: 'mainRevenue', ytdRevenue: 21_600 });
    await app.page.goto(app.harness.url);
    await byTestId('nav-directory').click();
    await byTestId('directory-table').waitFor();
    await byTestId('directory-filter-reached').click();
    await expect.poll(rowIds).toEqual(expect.arrayContaining([idOf(REACHED), idOf(GENERAL)]));
    expect(await rowIds()).not.toContain(idOf(NEAR));
    expect(await rowIds()).not.toContain(idOf(LABOUR));
    await shot('directory-reached-zh');
    await byTestId('directory-filter-reached').click();

    await byTestId('directory-section-candidates').click();
    await byTestId('candidates-page').waitFor();
    for (const k of ['near', 'growth', 'followed']) await byTestId(`candidates-kind-${k}`).click();
    await expect.poll(() => app.page.locator('[data-testid^="candidate-row-"]').count()).toBe(2);
    expect(await byTestId(`candidate-row-${idOf(REACHED)}`).locator('[data-flag="reached"]').count()).toBe(1);
    expect(await byTestId(`candidate-row-${idOf(REACHED)}`).locator('[data-flag="near"]').count()).toBe(0);
    expect(await app.page.locator(`[data-testid="candidate-row-${idOf(NEAR)}"]`).count()).toBe(0);
    await shot('candidates-reached-zh');
    // 准规模 alone: the one beside it, and not the 达标 one.
    await byTestId('candidates-kind-near').click();
    await byTestId('candidates-kind-reached').click();
    await byTestId(`candidate-row-${idOf(NEAR)}`).waitFor();
    expect(await app.page.locator(`[data-testid="candidate-row-${idOf(REACHED)}"]`).count()).toBe(0);
    expect(await byTestId(`candidate-row-${idOf(NEAR)}`).locator('[data-flag="near"]').count()).toBe(1);
    await shot('candidates-near-zh');

    await app.page.goto(`${app.harness.origin}/#/directory/enterprise/${idOf(REACHED)}`);
    await byTestId('enterprise-header').waitFor();
    await expect.poll(() => byTestId('enterprise-flags').locator('[data-flag]').evaluateAll((n) => n.map((x) => x.getAttribute('data-flag')))).toEqual(['reached']);
    expect(await byTestId('enterprise-ytd').textContent()).toContain('主营业务收入');
    await shot('enterprise-reached-zh');
    // Its application checklist follows its case: founded 2015, so the VAT returns of every year since.
    await byTestId('enterprise-tab-followup').click();
    await byTestId('material-vat_returns_since_founding').waitFor();
    expect(await byTestId('material-vat_returns_since_founding').textContent()).toContain(`2015—${new Date().getFullYear() - 1}`);
    expect(await byTestId('material-why-vat_returns_since_founding').textContent()).toContain('成立三年以上');
    expect(await app.page.locator('[data-testid="material-new_build_statement"]').count()).toBe(0);
    await byTestId('material-application_form').waitFor();
    await shot('materials-zh');
    await byTestId('enterprise-tab-ledger').click();
    await byTestId('lang-en').click();
    await expect.poll(() => byTestId('enterprise-ytd').textContent()).toContain('Main business revenue');
    await shot('enterprise-reached-en');
    await byTestId('lang-zh-CN').click();

    await app.page.goto(`${app.harness.origin}/#/directory/enterprise/${idOf(ONLY_REVENUE)}`);
    await byTestId('enterprise-header').waitFor();
    await expect.poll(() => byTestId('enterprise-flags').locator('[data-flag]').evaluateAll((n) => n.map((x) => x.getAttribute('data-flag')))).toEqual(['measureMissing']);
    expect(await byTestId('enterprise-flags').textContent()).toContain('主营业务收入未填');
    expect(await byTestId('enterprise-hint-measureMissing').textContent()).toContain('不用其他收入代替');
    await shot('measure-missing-zh');
  });

  it('does not take a builder with 劳务 qualification, and does once it holds 总承包', async () => {
    expect((await app.api('enterprises:get', { id: idOf(LABOUR) })).flags).toMatchObject({ isReached: false, isNearThreshold: false });
    expect((await app.api('enterprises:get', { id: idOf(GENERAL) })).flags).toMatchObject({ isReached: true, reachedRule: 'construction' });
    await app.page.goto(`${app.harness.origin}/#/directory/enterprise/${idOf(LABOUR)}`);
    await byTestId('enterprise-header').waitFor();
    expect(await byTestId('enterprise-flags').locator('[data-flag]').count()).toBe(0);
    await byTestId('enterprise-tab-identity').click();
    await byTestId('identity-edit').click();
    expect(await byTestId('identity-qualificationKind').inputValue()).toBe('labour');
    // Stated 是 on import: shown as such, and kept as such by a save that changes something else.
    expect(await byTestId('identity-isLocallyRegistered').inputValue()).toBe('yes');
    await shot('builder-form-zh');
    await byTestId('identity-qualificationKind').selectOption('general');
    await byTestId('identity-save').click();
    await byTestId('identity-panel').waitFor();
    await expect.poll(() => byTestId('enterprise-flags').locator('[data-flag="reached"]').count()).toBe(1);
    await shot('builder-general-zh');
    const [change] = await app.api('enterprises:history', { id: idOf(LABOUR) });
    expect(change?.changes).toEqual([{ path: 'qualificationKind', from: 'labour', to: 'general' }]);
    expect((await app.api('enterprises:get', { id: idOf(LABOUR) })).fields.isLocallyRegistered).toBe(true);
  });

  it('holds an 个体经营户 retailer in the directory, found by its unit kind', async () => {
    await app.page.goto(app.harness.url);
    await byTestId('nav-directory').click();
    await byTestId('directory-table').waitFor();
    await byTestId('directory-filter-unitKind').selectOption('individual');
    await expect.poll(rowIds).toEqual([idOf(SHOP)]);
    await shot('directory-individual-zh');
    await app.page.goto(`${app.harness.origin}/#/directory/enterprise/${idOf(SHOP)}`);
    await byTestId('enterprise-header').waitFor();
    expect(await byTestId('enterprise-unit-kind').textContent()).toBe('个体经营户');
    await byTestId('enterprise-tab-identity').click();
    expect(await byTestId('identity-panel').textContent()).toContain('2020-05-20');
    await shot('individual-identity-zh');
    await byTestId('lang-en').click();
    await expect.poll(() => byTestId('enterprise-unit-kind').textContent()).toBe('Individual business');
    await shot('individual-identity-en');
    await byTestId('lang-zh-CN').click();
  });
});
