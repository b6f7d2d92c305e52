import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useE2eApp } from '../helpers/e2e-app';

// The ledger per 专业 as a township statistician keeps it, in Debian's chromium at 1366×768:
// a retailer (5212) sees the 批零 set, types 零售额 and reads its year-to-date; a 零售额 above
// 商品销售额 is a finding on the grid, not a refusal. An industrial enterprise types 用电量 in
// 万千瓦时 with decimals (a fifth decimal is refused, nothing saved). Both heads sign a month; a
// figure changed afterwards asks for a reason, and the enterprise's history shows the change,
// the reason and who had signed.

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');
const app = useE2eApp('census-e2e-ledger-sets-');
const byTestId = (id: string) => app.page.getByTestId(id);
const year = new Date().getFullYear();
let retailer = '';
let factory = '';

async function type(testId: string, text: string): Promise<void> {
  await byTestId(testId).click();
  await app.page.keyboard.type(text);
  await app.page.keyboard.press('Enter');
}
const saved = () => expect.poll(() => byTestId('ledger-save-status').getAttribute('data-state')).toBe('saved');

describe('ledgers per 专业', () => {
  it('opens a retailer’s ledger on the 批零 set, its version shown', async () => {
    await app.api('settings:update', { userName: '李秀兰', deviceName: '宣和镇统计站-台式机', regionCode: '640502' });
    const csv = readFileSync(path.join(fixtures, 'directory-shapotou.csv'));
    await app.api('directory:import', { fileName: 'directory.csv', contentBase64: csv.toString('base64') });
    retailer = (await app.api('enterprises:list', { query: '塞上优品超市' })).rows[0]?.id ?? '';
    factory = (await app.api('enterprises:list', { query: '宏达机械' })).rows[0]?.id ?? '';
    expect(retailer).not.toBe('');
    const { page } = app;
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`${app.harness.url}#/directory/enterprise/${retailer}`);
    await byTestId('ledger-grid').waitFor();
    expect(await byTestId('ledger-set').textContent()).toContain('批发零售台账 · 指标集 2024.1 版');
    expect(await byTestId('ledger-group-set').textContent()).toBe('批发零售');
    const heads = await page.locator('[data-testid^="ledger-head-"] .ledger-grid__name').allTextContents();
    expect(heads).toEqual(['主营业务收入', '商品销售额', '零售额', '商品购进额', '期末商品库存额', '网上零售额']);
    expect(await byTestId('ledger-group-legacy').count()).toBe(0);
  });

  it('computes 零售额’s year-to-date and shows a 零售额 above 商品销售额 as a finding', async () => {
    await type('ledger-cell-1-retailSales', '1200');
    await saved();
    await type('ledger-cell-2-retailSales', '1,300');
    await saved();
    await byTestId('ledger-cell-2-retailSales').click();
    expect(await byTestId('ledger-ytd-retailSales').textContent()).toBe('2,500');
    // 商品销售额 below 零售额 in January: saved, and marked.
    await type('ledger-cell-1-goodsSales', '1000');
    await saved();
    await byTestId('ledger-parts').waitFor();
    expect(await byTestId('ledger-part-1-goodsSales').textContent()).toBe('1月：零售额合计 1,200 大于商品销售额 1,000');
    expect(await byTestId('ledger-cell-1-retailSales').locator('xpath=..').getAttribute('data-part-above')).toBe('');
    expect((await app.api('ledger:getYear', { enterpriseId: retailer, year })).months[0]).toEqual({ retailSales: 1200, goodsSales: 1000 });
    await byTestId('ledger-parts').scrollIntoViewIfNeeded();
    await app.browser.screenshot('ledger-sets-retail-zh-CN');
    // Corrected, the finding goes.
    await type('ledger-cell-1-goodsSales', '1500');
    await saved();
    await expect.poll(() => byTestId('ledger-parts').count()).toBe(0);
  });

  it('types an industrial enterprise’s 用电量 in 万千瓦时 with decimals; a fifth decimal is refused and nothing saved', async () => {
    await app.page.goto(`${app.harness.url}#/directory/enterprise/${factory}`);
    await byTestId('ledger-grid').waitFor();
    expect(await byTestId('ledger-group-set').textContent()).toBe('工业');
    expect(await byTestId('ledger-head-electricity').textContent()).toBe('用电量万千瓦时');
    await type('ledger-cell-1-electricity', '1.2345');
    await saved();
    await type('ledger-cell-2-electricity', '0.5');
    await saved();
    expect((await app.api('ledger:getYear', { enterpriseId: factory, year })).months.slice(0, 2)).toEqual([{ electricity: 12345 }, { electricity: 5000 }]);
    expect(await byTestId('ledger-cell-1-electricity').inputValue()).toBe('1.2345');
    await byTestId('ledger-cell-2-electricity').click();
    expect(await byTestId('ledger-ytd-electricity').textContent()).toBe('1.7345');
    await type('ledger-cell-3-electricity', '1.23456');
    const bad = byTestId('ledger-cell-3-electricity');
    await expect.poll(() => bad.getAttribute('aria-invalid')).toBe('true');
    expect(await bad.getAttribute('title')).toBe('此项以万千瓦时记，最多 4 位小数，未保存。');
    expect(await byTestId('ledger-save-status').textContent()).toBe('1 格未保存，请查看红框的格子 — 3月 用电量：此项以万千瓦时记，最多 4 位小数，未保存。');
    expect((await app.api('ledger:getYear', { enterpriseId: factory, year })).months[2]).toEqual({});
    await app.browser.screenshot('ledger-sets-industry-zh-CN');
    await bad.click();
    await app.page.keyboard.press('Escape');
  });

  it('is signed for a month by both heads; a later change asks for a reason and the history shows it', async () => {
    const { page } = app;
    await page.goto(`${app.harness.url}#/directory/enterprise/${retailer}`);
    await byTestId('ledger-grid').waitFor();
    await byTestId('ledger-cell-1-retailSales').click();
    await byTestId('ledger-signoff').waitFor();
    const today = await byTestId('signoff-statisticsHead-date').inputValue();
    await byTestId('signoff-statisticsHead-name').fill('张会计');
    await byTestId('signoff-statisticsHead-sign').click();
    await byTestId('signoff-statisticsHead-signed').waitFor();
    await expect.poll(() => byTestId('ledger-signoff-1').textContent()).toBe('已签 1/2');
    await byTestId('signoff-unitHead-name').fill('李经理');
    await byTestId('signoff-unitHead-sign').click();
    await byTestId('signoff-unitHead-signed').waitFor();
    expect(await byTestId('signoff-unitHead-signed').textContent()).toBe(`李经理，${today}`);
    await expect.poll(() => byTestId('ledger-signoff-1').textContent()).toBe('已签 2/2');
    expect(await byTestId('ledger-signoff-1').getAttribute('data-state')).toBe('signed');
    await app.browser.screenshot('ledger-sets-signed-zh-CN');

    // Changing a signed month: asked for a reason; a blank one is not taken.
    await byTestId('ledger-cell-1-retailSales').click();
    await page.keyboard.type('1250');
    await page.keyboard.press('Enter');
    await byTestId('ledger-reason-dialog').waitFor();
    expect(await byTestId('ledger-reason-change').textContent()).toBe('1月 零售额：1,200 → 1,250');
    await byTestId('ledger-reason-confirm').click();
    expect(await byTestId('ledger-reason-dialog').textContent()).toContain('请填写原因（至少 2 个字）');
    await app.browser.screenshot('ledger-sets-reason-zh-CN');
    await byTestId('ledger-reason').fill('按销售台账更正');
    await byTestId('ledger-reason-confirm').click();
    await saved();
    expect((await app.api('ledger:getYear', { enterpriseId: retailer, year })).months[0]?.retailSales).toBe(1250);
    await expect.poll(() => byTestId('ledger-signoff-1').getAttribute('data-state')).toBe('changedAfterSigning');
    await byTestId('ledger-signoff-changed').waitFor();

    const [last] = await app.api('enterprises:history', { id: retailer });
    expect(last).toMatchObject({ action: 'ledgerSigned', changes: [{ path: `ledger.${year}-01.retailSales`, from: 1200, to: 1250 }] });
    expect(last?.reason).toBe(`按销售台账更正（修改时该月已签字 — ${year}年1月：统计负责人 张会计 ${today} 签字，单位负责人 李经理 ${today} 签字）`);
    // A paste into the signed month asks too; cancelled, nothing is written.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.harness.origin });
    await page.evaluate(`navigator.clipboard.writeText('1260\\r\\n')`);
    await byTestId('ledger-cell-1-retailSales').click();
    await page.keyboard.press('Control+V');
    await byTestId('ledger-reason-dialog').waitFor();
    expect(await byTestId('ledger-reason-change').textContent()).toContain('从剪贴板粘贴 1 格');
    await page.getByRole('button', { name: '不修改' }).click();
    await expect.poll(() => byTestId('ledger-reason-dialog').count()).toBe(0);
    expect((await app.api('ledger:getYear', { enterpriseId: retailer, year })).months[0]?.retailSales).toBe(1250);

    await byTestId('enterprise-tab-history').click();
    const row = page.locator('[data-testid="enterprise-history"] tr', { hasText: '按销售台账更正' }).first();
    await row.waitFor();
    await row.scrollIntoViewIfNeeded();
    expect(await row.textContent()).toContain('修改已签字月份');
    expect(await row.textContent()).toContain('统计负责人 张会计');
    await app.browser.screenshot('ledger-sets-history-zh-CN');
  });

  it('shows figures kept under the former common ledger after the set, under their own heading', async () => {
    const { page } = app;
    await page.goto(`${app.harness.url}#/directory/enterprise/${retailer}`);
    await byTestId('ledger-grid').waitFor();
    // 营业收入 entered before the per-专业 sets (the retail set keeps 主营业务收入 and 商品销售额 instead).
    const view = await app.api('ledger:getYear', { enterpriseId: retailer, year });
    await app.api('ledger:saveCells', { enterpriseId: retailer, year, cells: [{ month: 2, indicator: 'revenue', from: view.months[1]?.revenue ?? null, to: 1_450 }] });
    await page.reload();
    await byTestId('ledger-group-legacy').waitFor();
    expect(await byTestId('ledger-group-legacy').textContent()).toBe('原台账指标');
    const heads = await page.locator('[data-testid^="ledger-head-"] .ledger-grid__name').allTextContents();
    expect(heads.at(-1)).toBe('营业收入');
    expect(await byTestId('ledger-cell-2-revenue').inputValue()).toBe('1,450');
    await app.browser.screenshot('ledger-sets-legacy-zh-CN');
  });

  it('reads in English', async () => {
    const { page } = app;
    await byTestId('lang-en').click();
    await page.goto(`${app.harness.url}#/directory/enterprise/${retailer}`);
    await byTestId('ledger-grid').waitFor();
    await byTestId('ledger-cell-1-retailSales').click();
    expect(await byTestId('ledger-set').textContent()).toContain('Wholesale and retail ledger · indicator set version 2024.1');
    expect(await byTestId('ledger-signoff-1').textContent()).toBe('Changed 2/2');
    await app.browser.screenshot('ledger-sets-en');
    await byTestId('ledger-signoff').scrollIntoViewIfNeeded();
    expect(await byTestId('ledger-signoff-changed').textContent()).toContain('A figure of this month changed after it was signed');
    await app.browser.screenshot('ledger-sets-signoff-en');
    await byTestId('lang-zh-CN').click();
    expect(app.problems).toEqual([]);
  });
});
