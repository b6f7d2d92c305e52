import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { useE2eApp } from '../helpers/e2e-app';

// The rest of the directory work in chromium against the real core: the 准规模 share as a
// setting and the candidates list, a rejected application with its reason, a closed enterprise
// landing on the 退库 list with its history, a reproducible 双随机 draw with findings and
// closure, and the English UI.

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');
const directoryCsv = path.join(fixtures, 'directory-shapotou.csv');
const year = new Date().getFullYear();

const app = useE2eApp('census-e2e-dirwork-');
const ids = new Map<string, string>();

beforeAll(async () => {
  await app.api('settings:update', { userName: '马海燕', deviceName: '区统计局-工作站02', regionCode: '640502' });
  // The directory arrives as the import screen would send it; that screen has its own spec.
  await app.api('directory:import', { fileName: 'directory-shapotou.csv', contentBase64: readFileSync(directoryCsv).toString('base64') });
  for (const row of (await app.api('enterprises:list', { limit: 100 })).rows) ids.set(row.name, row.id);
});

const byTestId = (id: string) => app.page.getByTestId(id);
const idOf = (name: string): string => {
  const id = ids.get(name);
  if (!id) throw new Error(`no enterprise ${name}`);
  return id;
};

async function openEnterprise(name: string): Promise<void> {
  await app.page.goto(`${app.harness.origin}/#/directory/enterprise/${idOf(name)}`);
  await byTestId('enterprise-header').waitFor();
}

describe('directory work in the browser harness', () => {
  it('lists an enterprise as 准规模 once its revenue reaches the share set on the candidates page', async () => {
    const plastics = idOf('宁夏柔远塑料制品有限公司');
    // Two months of 主营业务收入 (industry's measure) at 700: annualised 8,400 千元, 42 % of the
    // 20,000 industrial threshold.
    await app.api('ledger:saveCells', {
      enterpriseId: plastics,
      year,
      cells: [
        { month: 1, indicator: 'mainRevenue', from: null, to: 700 },
        { month: 2, indicator: 'mainRevenue', from: null, to: 700 },
      ],
    });
    await app.page.goto(app.harness.url);
    await byTestId('nav-directory').click();
    await byTestId('directory-section-candidates').click();
    await byTestId('candidates-page').waitFor();
    await expect.poll(() => app.page.locator(`[data-testid="candidate-row-${plastics}"]`).count()).toBe(0);

    await byTestId('threshold-settings').locator('summary').click();
    await byTestId('threshold-nearThresholdPct').fill('40');
    await byTestId('threshold-save').click();
    await byTestId('threshold-saved').waitFor();
    await byTestId(`candidate-row-${plastics}`).waitFor();
    expect(await byTestId(`candidate-row-${plastics}`).textContent()).toContain('42.0%');
    expect((await app.api('thresholds:get', undefined)).settings.nearThresholdPct).toBe(40);
    await byTestId('threshold-settings').locator('summary').click();
    await app.browser.screenshot('directory-candidates');
  });

  it('records a rejected application only with its reason', async () => {
    await openEnterprise('宁夏柔远塑料制品有限公司');
    await byTestId('enterprise-tab-followup').click();
    for (const stage of ['candidate', 'applied']) {
      await byTestId(`followup-to-${stage}`).click();
      // No materials yet: 已申报 asks first (test/e2e/directory-polish.test.ts).
      if (stage === 'applied') await byTestId('followup-missing-ok').check();
      await byTestId('followup-confirm').click();
      await expect.poll(() => byTestId('followup-stage-tag').getAttribute('data-stage')).toBe(stage);
    }
    await byTestId('followup-to-rejected').click();
    await byTestId('followup-confirm').click();
    await expect.poll(() => byTestId('followup-move-form').textContent()).toContain('请填写未通过的原因');
    expect((await app.api('followup:get', { enterpriseId: idOf('宁夏柔远塑料制品有限公司') })).stage).toBe('applied');

    await byTestId('followup-reason').fill('营业收入未达 2000 万元标准，且缺少同期增值税申报表');
    await byTestId('followup-confirm').click();
    await expect.poll(() => byTestId('followup-stage-tag').getAttribute('data-stage')).toBe('rejected');
    expect(await byTestId('followup-current').textContent()).toContain('营业收入未达 2000 万元标准');
  });

  it('puts a deregistered 规上 enterprise on the 退库 list, with the change in its history', async () => {
    await openEnterprise('宁夏鑫源金属结构有限公司');
    await byTestId('enterprise-tab-identity').click();
    await byTestId('identity-edit').click();
    await byTestId('identity-status').selectOption('deregistered');
    await byTestId('identity-statusNote').fill('2024-06-30 注销登记');
    await byTestId('identity-save').click();
    await byTestId('identity-panel').waitFor();
    expect(await byTestId('identity-panel').textContent()).toContain('注销');
    await byTestId('enterprise-tab-history').click();
    await expect.poll(() => app.page.locator('[data-testid="enterprise-history-row"][data-action="update"]').count()).toBe(1);
    expect(await byTestId('enterprise-history').textContent()).toContain('经营状态');

    await app.page.goto(`${app.harness.origin}/#/directory/exits`);
    const row = byTestId(`exit-row-${idOf('宁夏鑫源金属结构有限公司')}`);
    await row.waitFor();
    expect(await row.textContent()).toContain('注销');
  });

  it('draws reproducibly from a seed and records findings and closure', async () => {
    await app.page.goto(`${app.harness.origin}/#/directory/draw`);
    await byTestId('draw-form').waitFor();
    await byTestId('draw-title').fill('2024 年统计执法双随机抽查（规下企业）');
    await byTestId('draw-scale').selectOption('below');
    await byTestId('draw-mode-count').check();
    await byTestId('draw-count').fill('3');
    await byTestId('draw-inspectors').fill('周明\n杨帆\n刘静');
    await byTestId('draw-seed').fill('shapotou-2024-q2');
    await byTestId('draw-run').click();
    await byTestId('draw-record').waitFor();
    expect(await byTestId('draw-record-seed').textContent()).toBe('shapotou-2024-q2');
    const drawn = async () =>
      app.page.locator('[data-testid^="draw-item-"]').evaluateAll((els) => els.map((el) => el.getAttribute('data-testid') ?? ''));
    const first = await drawn();
    expect(first).toHaveLength(3);
    await app.browser.screenshot('directory-draw');

    // The same list and seed draw the same enterprises again.
    await byTestId('draw-replay').click();
    await byTestId('draw-form').waitFor();
    expect(await byTestId('draw-seed').inputValue()).toBe('shapotou-2024-q2');
    await byTestId('draw-run').click();
    await byTestId('draw-record').waitFor();
    await expect.poll(drawn).toEqual(first);

    const item = app.page.locator('[data-testid^="draw-item-"]').first();
    await item.locator('select').selectOption('issues_found');
    await item.locator('textarea').fill('3 月营业收入台账与增值税申报表不一致，差额 120 千元');
    await item.getByRole('checkbox').check();
    await item.getByRole('textbox', { name: '结案说明' }).fill('企业已更正台账并提交说明');
    await item.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => item.getAttribute('data-closed')).toBe('true');
    const draws = await app.api('draw:list', undefined);
    expect(draws.map((d) => d.closed).sort()).toEqual([0, 1]);

    // The list says whose draws it shows and marks a list drawn twice (draws sync: the bureau sees repeats).
    await app.page.goto(`${app.harness.origin}/#/directory/draw`);
    await byTestId('draw-list').waitFor();
    await expect.poll(() => app.page.locator('[data-testid="draw-repeat"]').allTextContents()).toEqual(['同一名单第 2/2 次', '同一名单第 1/2 次']);
    await app.page.setViewportSize({ width: 1366, height: 768 });
    await byTestId('draw-list').scrollIntoViewIfNeeded();
    await app.browser.screenshot('inspection-draw-list');
    await byTestId('lang-en').click();
    await expect.poll(() => app.page.locator('[data-testid="draw-repeat"]').first().textContent()).toBe('Draw 2 of 2 over this list');
    await byTestId('draw-list').scrollIntoViewIfNeeded();
    await app.browser.screenshot('inspection-draw-list-en');
    await byTestId('lang-zh-CN').click();
    await app.page.setViewportSize({ width: 1280, height: 800 });
  });

  it('shows the whole hint in the seed field at 1366×768, in both languages', async () => {
    await app.page.setViewportSize({ width: 1366, height: 768 });
    await app.page.goto(`${app.harness.origin}/#/directory/draw`);
    // The placeholder's width in the field's own font against the field's inner width.
    const placeholderFits = (): Promise<unknown> =>
      app.page.evaluate(`(() => {
        const el = document.querySelector('[data-testid="draw-seed"]');
        const style = getComputedStyle(el);
        const ctx = document.createElement('canvas').getContext('2d');
        ctx.font = style.fontWeight + ' ' + style.fontSize + ' ' + style.fontFamily;
        return ctx.measureText(el.placeholder).width <= el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      })()`);
    await byTestId('draw-form').waitFor();
    await byTestId('draw-seed').fill('');
    expect(await placeholderFits()).toBe(true);
    await byTestId('lang-en').click();
    await expect.poll(() => byTestId('draw-seed').getAttribute('placeholder')).toContain('Empty');
    expect(await placeholderFits()).toBe(true);
    await app.browser.screenshot('directory-draw-form-en');
    await byTestId('lang-zh-CN').click();
  });

  it('wraps a long ledger header into even lines at 1366×768, never one character alone', async () => {
    await app.page.setViewportSize({ width: 1366, height: 768 });
    await openEnterprise('宁夏柔远塑料制品有限公司');
    await byTestId('enterprise-tab-ledger').click();
    const header = app.page.locator('.ledger-grid__name', { hasText: '应付职工薪酬' });
    await header.waitFor();
    // The characters of each line, by the top of each character's box.
    const lines = (await app.page.evaluate(`(() => {
      const el = [...document.querySelectorAll('.ledger-grid__name')].find((e) => e.textContent === '应付职工薪酬');
      const text = el.firstChild;
      const tops = new Map();
      for (let i = 0; i < text.textContent.length; i += 1) {
        const range = document.createRange();
        range.setStart(text, i);
        range.setEnd(text, i + 1);
        const top = Math.round(range.getBoundingClientRect().top);
        tops.set(top, (tops.get(top) ?? 0) + 1);
      }
      return [...tops.values()];
    })()`)) as number[];
    expect(Math.min(...lines)).toBeGreaterThan(1);
    await app.browser.screenshot('ledger-header-zh-CN');
    expect(await byTestId('ledger-findings').textContent()).not.toContain('尚未填数');

    // A year with nothing entered does not "agree within the tolerance": it says nothing is entered.
    await openEnterprise('宁夏鑫源金属结构有限公司');
    await byTestId('enterprise-tab-ledger').click();
    await expect.poll(() => byTestId('ledger-findings-none').textContent()).toBe('本年台账尚未填数，还没有可核对的数据。');
  });

  it('shows the directory in English', async () => {
    await app.page.goto(`${app.harness.origin}/#/directory`);
    await byTestId('lang-en').click();
    await expect.poll(() => byTestId('directory-section-candidates').textContent()).toBe('Size-up candidates');
    expect(await byTestId('directory-import').textContent()).toBe('Import directory');
    await expect.poll(() => byTestId('directory-count').textContent()).toBe('10 enterprises');

    // No Chinese punctuation built into English screens: the stage history's time, a draw's
    // inspectors, and the title a verification draw starts from.
    const chinesePunctuation = /[（）、：；]/;
    await openEnterprise('宁夏柔远塑料制品有限公司');
    await byTestId('enterprise-tab-followup').click();
    const history = byTestId('followup-history');
    await expect.poll(() => history.textContent()).toContain('Not admitted');
    expect(await history.locator('li .muted').first().textContent()).toMatch(/^ \(.+\)$/);
    // The 12-month ledger is generated, not attached: its hint sits in the files column, lined up.
    const filesX = async (key: string) => (await byTestId(`material-${key}`).getByTestId('material-files').boundingBox())?.x;
    expect(await byTestId('material-ledger_12m').textContent()).not.toContain('no files');
    expect(await filesX('ledger_12m')).toBe(await filesX('licence'));
    expect(await filesX('site_photos')).toBe(await filesX('licence'));
    await app.browser.screenshot('followup-history-en');
    const [draw] = await app.api('draw:list', undefined);
    await app.page.goto(`${app.harness.origin}/#/directory/draw/${draw?.id ?? ''}`);
    await byTestId('draw-record').waitFor();
    await expect.poll(() => byTestId('draw-record').textContent()).toContain('刘静, 周明, 杨帆');
    expect(await byTestId('draw-items').textContent()).not.toMatch(chinesePunctuation);
    await app.browser.screenshot('directory-draw-record-en');
    await byTestId('draw-replay').click();
    await expect.poll(() => byTestId('draw-title').inputValue()).toMatch(/ \(verification\)$/);
    await byTestId('lang-zh-CN').click();
    await app.page.goto(`${app.harness.origin}/#/directory`);
    await expect.poll(() => byTestId('directory-section-candidates').textContent()).toBe('入规纳统');
  });

  it('raised no console errors or CSP violations', () => {
    expect(app.problems).toEqual([]);
  });
});
