import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realUscc } from '../helpers/uscc';
import { benchVillages } from '../../scripts/bench/registration-seed';
import { openE2eApp, type E2eApp } from '../helpers/e2e-app';

// A township statistician's screens at 1366×768, in Chinese and in English: the ledger grid
// with its last column in view, its header following the figures typed (no reload), full-width
// digits typed into ledger cells and the directory search, 已申报 asking first when materials
// are missing (and naming them), and the township charts drawn as bars without labels on top of
// each other. Screenshots in test-results/screenshots/directory-polish-*.png.

let app: E2eApp;
const year = new Date().getFullYear();
const thisMonth = new Date().getMonth() + 1;

/** Eight enterprises in each of the district's 13 townships, as the bureau's directory file has them. */
function directoryCsv(): string {
  const villages = benchVillages();
  const byTownship = new Map<string, (typeof villages)[number]>();
  for (const v of villages) if (!byTownship.has(v.code.slice(0, 9))) byTownship.set(v.code.slice(0, 9), v);
  const trades = [
    ['商贸', '5212'],
    ['建材', '5165'],
    ['枸杞加工', '1371'],
    ['运输', '5431'],
  ] as const;
  const rows = ['统一社会信用代码,企业名称,详细地址,统计用区划代码,行业代码,规模,包保责任人,经营状态'];
  let n = 0;
  for (const v of byTownship.values()) {
    for (let i = 0; i < 8; i++) {
      const [word, industry] = trades[i % trades.length] ?? trades[0];
      const uscc = realUscc(`MA${String(++n).padStart(6, '0')}`);
      const town = v.township.replace(/(镇|乡|街道)$/, '');
      rows.push(`${uscc},中卫市${town}${['宏达', '鑫源', '塞上', '黄河'][i % 4]}${word}有限公司${i},${v.township}${v.name}${i + 1}号,${v.code},${industry},${i % 5 === 0 ? '规上' : '规下'},王建国,在营`);
    }
  }
  return rows.join('\n');
}

const byTestId = (id: string) => app.page.getByTestId(id);

async function shot(name: string): Promise<void> {
  await app.page.waitForTimeout(300);
  await app.browser.screenshot(`directory-polish-${name}`);
}

beforeAll(async () => {
  app = await openE2eApp('census-e2e-dirpolish-', { isReducedMotion: true });
  await app.page.setViewportSize({ width: 1366, height: 768 });
  await app.api('settings:update', { userName: '李秀兰', deviceName: '宣和镇统计站-台式机', regionCode: '640502' });
  const csv = Buffer.from(directoryCsv(), 'utf8').toString('base64');
  const report = await app.api('directory:import', { fileName: '名录.csv', contentBase64: csv });
  expect(report.errors).toEqual([]);
  // A year of figures for the first enterprises of each township, so the charts have something to draw.
  const list = await app.api('enterprises:list', { sort: 'name', direction: 'asc', limit: 200, offset: 0 });
  for (const [i, e] of list.rows.entries()) {
    if (i % 3 !== 0) continue;
    // Each enterprise's 入规 measure (主营业务收入 for 工业 and 批零住餐, 营业收入 for services): the one the header totals.
    const measure = (await app.api('enterprises:get', { id: e.id })).threshold?.measure ?? 'revenue';
    const cells = Array.from({ length: Math.max(1, thisMonth - 1) }, (_, m) => ({ month: m + 1, indicator: measure, from: null, to: 1_500 + i * 40 }));
    await app.api('ledger:saveCells', { enterpriseId: e.id, year, cells });
  }
});

afterAll(async () => {
  await app?.close();
});

describe('directory screens at 1366×768', () => {
  it('finds an enterprise by a USCC typed in full width', async () => {
    await app.page.goto(app.harness.url);
    await byTestId('nav-directory').click();
    await byTestId('directory-table').waitFor();
    const first = await app.api('enterprises:list', { sort: 'name', direction: 'asc', limit: 1, offset: 0 });
    const target = first.rows[0];
    if (!target) throw new Error('no enterprise');
    const fullWidth = target.uscc.replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    await byTestId('directory-search').fill(fullWidth);
    await expect.poll(() => app.page.locator('[data-testid^="enterprise-row-"]').count()).toBe(1);
    expect(await app.page.locator('[data-testid^="enterprise-row-"]').first().textContent()).toContain(target.name);
  });

  it('draws the township charts as bars, a row per township, labels apart', async () => {
    await byTestId('directory-section-stats').click();
    await byTestId('chart-stage').waitFor();
    // 13 townships: every chart of groups gives each its own row (no label on another).
    for (const id of ['chart-scale', 'chart-stage', 'chart-coverage']) {
      expect(await byTestId(id).evaluate((el) => el.getBoundingClientRect().height), id).toBeGreaterThanOrEqual(13 * 24);
    }
    await shot('stats-zh');
    await byTestId('chart-stage').scrollIntoViewIfNeeded();
    await shot('stats-stage-zh');
    await byTestId('lang-en').click();
    await byTestId('chart-scale').scrollIntoViewIfNeeded();
    await shot('stats-en');
    await byTestId('chart-stage').scrollIntoViewIfNeeded();
    await shot('stats-stage-en');
    await byTestId('lang-zh-CN').click();
  });

  it('shows every ledger column at 1366×768, and the header follows the figures typed', async () => {
    await byTestId('directory-section-list').click();
    await app.page.locator('[data-testid^="enterprise-link-"]').first().click();
    await byTestId('ledger-grid').waitFor();
    // Nothing scrolls sideways: the 已填 column's right edge is inside the grid's box.
    const fits = await byTestId('ledger-grid').evaluate((table) => {
      const box = table.parentElement;
      return box !== null && box.scrollWidth <= box.clientWidth + 1;
    });
    expect(fits).toBe(true);
    const filled = await byTestId('ledger-filled-1').boundingBox();
    expect((filled?.x ?? 2000) + (filled?.width ?? 0)).toBeLessThanOrEqual(1366);

    const ytd = async () => Number(((await byTestId('enterprise-ytd').textContent()) ?? '').match(/([\d,]+)\s*(千元|thousand)/)?.[1]?.replaceAll(',', '') ?? NaN);
    const before = await ytd();
    expect(before).toBeGreaterThan(0);
    const shown = await app.api('enterprises:get', { id: new URL(app.page.url()).hash.split('/').at(-1) ?? '' });
    const measure = shown.threshold?.measure ?? 'revenue';
    // Typed in full width, as an input method in full-width mode types it.
    await byTestId(`ledger-cell-1-${measure}`).click();
    await app.page.keyboard.type('２５００');
    expect(await byTestId(`ledger-cell-1-${measure}`).inputValue()).toBe('2500');
    await app.page.keyboard.press('Enter');
    await expect.poll(() => byTestId('ledger-save-status').getAttribute('data-state')).toBe('saved');
    await expect.poll(() => byTestId(`ledger-cell-1-${measure}`).inputValue()).toBe('2,500');
    // The header's year-to-date revenue moves with it, without a reload.
    await expect.poll(ytd).toBe(before + 1000);
    await shot('ledger-zh');
    await byTestId('lang-en').click();
    await shot('ledger-en');
    await byTestId('lang-zh-CN').click();
  });

  it('asks before 已申报 while materials are missing, and names them', async () => {
    await byTestId('enterprise-tab-followup').click();
    await byTestId('followup-stage').waitFor();
    await byTestId('followup-to-candidate').click();
    await byTestId('followup-confirm').click();
    await expect.poll(() => byTestId('followup-stage-tag').getAttribute('data-stage')).toBe('candidate');
    await byTestId('material-check-licence').check();
    await expect.poll(() => byTestId('material-licence').getAttribute('data-provided')).toBe('true');
    await byTestId('followup-to-applied').click();
    const warning = await byTestId('followup-missing').textContent();
    // The provincial list for a unit whose founding date nobody entered (its age decides the VAT returns since founding).
    for (const name of ['纳入申报表', '最近一期利润表', '同期增值税纳税申报表', '增值税纳税申报表附列资料（一）', '成立以来各年度增值税纳税申报表', '生产经营场所照片', '统计数据真实性承诺书', '12 个月分月台账']) expect(warning).toContain(name);
    expect(warning).not.toContain('营业执照');
    expect(warning).not.toContain('新建投产说明');
    expect(warning).toContain('8');
    expect(await byTestId('followup-confirm').isDisabled()).toBe(true);
    await shot('applied-warning-zh');
    await byTestId('lang-en').click();
    await expect.poll(() => byTestId('followup-missing').textContent()).toContain('8 of 9');
    await shot('applied-warning-en');
    await byTestId('lang-zh-CN').click();
    await byTestId('followup-missing-ok').check();
    await byTestId('followup-confirm').click();
    await expect.poll(() => byTestId('followup-stage-tag').getAttribute('data-stage')).toBe('applied');
    expect(app.problems).toEqual([]);
  });
});
