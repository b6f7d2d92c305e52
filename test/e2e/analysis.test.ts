import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeState } from '@main/sync/queries/state';
import type { IndicatorKey } from '@shared/ledger/indicators';
import { useE2eApp } from '../helpers/e2e-app';

// The monthly/quarterly economic analysis in chromium against the real core: ledgers entered
// through the ledger's own channel for this year and last, the bureau's page for March (a
// month missing named, a decline flagged), a target typed on the page and its flag shown, the
// first quarter, the workbook downloaded from the page equal to its table, the leader's print,
// and the page in English. Screenshots at 1366×768: test-results/screenshots/analysis-*.png.

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');
const year = new Date().getFullYear();
const app = useE2eApp('census-e2e-analysis-', { isReducedMotion: true });
const byTestId = (id: string) => app.page.getByTestId(id);
const ids = new Map<string, string>();

const PARK = '640502401'; // 中卫工业园区
const YINGSHUI = '640502108'; // 迎水桥镇
const DONGYUAN = '640502102'; // 东园镇
const TABLE = 'ana-table-industry.industrialOutput.township';

async function enter(name: string, y: number, key: IndicatorKey, months: (number | null)[]) {
  const id = ids.get(name);
  if (!id) throw new Error(`no enterprise ${name}`);
  const cells = months.flatMap((to, i) => (to === null ? [] : [{ month: i + 1, indicator: key, from: null, to }]));
  await app.api('ledger:saveCells', { enterpriseId: id, year: y, cells });
}

beforeAll(async () => {
  await app.api('settings:update', { userName: '马海燕', deviceName: '区统计局-工作站02', regionCode: '640502' });
  await app.api('directory:import', { fileName: 'directory-shapotou.csv', contentBase64: readFileSync(path.join(fixtures, 'directory-shapotou.csv')).toString('base64') });
  for (const row of (await app.api('enterprises:list', { limit: 100 })).rows) ids.set(row.name, row.id);
  app.withStore((db) => {
    writeState(db, 'userRole', 'admin');
    writeState(db, 'userId', 'u-bureau');
    writeState(db, 'userName', '马海燕');
    writeState(db, 'scope', ['']);
  });
  // 工业 (工业总产值): the 规上 steel works in the park grows, the machine works at 迎水桥 falls,
  // the starch works at 东园 left February out this year.
  await enter('宁夏鑫源金属结构有限公司', year, 'industrialOutput', [1000, 1100, 1200]);
  await enter('宁夏鑫源金属结构有限公司', year - 1, 'industrialOutput', [900, 1000, 1000]);
  await enter('中卫市宏达机械制造有限公司', year, 'industrialOutput', [300, 300, 300]);
  await enter('中卫市宏达机械制造有限公司', year - 1, 'industrialOutput', [400, 400, 400]);
  await enter('宁夏东园淀粉制品有限公司', year, 'industrialOutput', [200, null, 200]);
  await enter('宁夏东园淀粉制品有限公司', year - 1, 'industrialOutput', [150, 150, 150]);
  // 批零 and 住餐.
  await enter('中卫市塞上优品超市有限公司', year, 'retailSales', [500, 500, 600]);
  await enter('中卫市塞上优品超市有限公司', year - 1, 'retailSales', [450, 450, 500]);
  await enter('沙坡头区黄河宴餐饮有限公司', year, 'turnover', [100, 100, 100]);
  await enter('沙坡头区黄河宴餐饮有限公司', year - 1, 'turnover', [90, 90, 90]);
});

/** A table's rows as the page shows them: the label, then each cell's value (the note's text). */
async function pageRows(testId: string): Promise<string[][]> {
  return byTestId(testId)
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => [r.querySelector('th')?.textContent ?? '', ...[...r.querySelectorAll('td')].map((td) => td.getAttribute('data-value') ?? td.textContent ?? '')]));
}

const cells = async (code: string) => (await pageRows(TABLE)).find((r) => r[0] === { [PARK]: '中卫工业园区', [YINGSHUI]: '迎水桥镇', [DONGYUAN]: '东园镇' }[code]);

describe('the economic analysis in the browser harness', () => {
  it('shows a month by township with growth, 规上 拉动, 位次, a missing month and a decline', async () => {
    await app.page.setViewportSize({ width: 1366, height: 768 });
    await app.page.goto(app.harness.url);
    await byTestId('nav-analysis').click();
    await byTestId('ana-doc').waitFor();
    await byTestId('ana-month').selectOption('3');
    await expect.poll(() => byTestId('ana-doc').getAttribute('data-period')).toBe('m3');
    // The park: 3,300 against 2,900, +13.8 %; all of it 规上 (拉动 13.8 points); first of the three.
    expect(await cells(PARK)).toEqual(['中卫工业园区', '1200', '1000', '20.0', '3300', '2900', '13.8', '3300', '13.8', '13.8', '8.8', '1', '—', '']);
    expect((await cells(YINGSHUI))?.slice(1, 13)).toEqual(['300', '400', '-25.0', '900', '1200', '-25.0', '—', '—', '—', '-6.6', '2', '—']);
    expect((await cells(YINGSHUI))?.[13]).toBe('负增长');
    // 东园 left February out: its YTD says so and has no growth (nor does the district's).
    expect((await cells(DONGYUAN))?.slice(4, 7)).toEqual(['400', '450', '—']);
    expect((await cells(DONGYUAN))?.[13]).toBe('缺报：本年1家缺2月');
    expect(await byTestId('ana-card-industry.industrialOutput').textContent()).toContain('4600');
    expect(await byTestId('ana-chart-growth').count()).toBe(1);
  });

  it('takes a target typed on the page and flags the township that falls short', async () => {
    await byTestId(`ana-target-value-${PARK}`).fill('8..5');
    await byTestId(`ana-target-save-${PARK}`).click();
    await byTestId('ana-targets').getByRole('alert').waitFor();
    await byTestId(`ana-target-value-${PARK}`).fill('20');
    await byTestId(`ana-target-note-${PARK}`).fill('园区年度目标');
    await byTestId(`ana-target-save-${PARK}`).click();
    await expect.poll(async () => (await cells(PARK))?.[13]).toBe('低于目标');
    expect((await cells(PARK))?.[12]).toBe('20.0');
    expect(await byTestId(`ana-row-${TABLE.replace('ana-table-', '')}-${PARK}`).locator('.ana-note--flag').count()).toBe(1);
    expect((await app.api('analysis:targets', { year })).targets).toMatchObject([{ areaCode: PARK, line: 'industry.industrialOutput', targetTenths: 200, note: '园区年度目标' }]);
    await app.browser.screenshot('analysis-month-zh-CN');
    await byTestId('ana-chart-growth').scrollIntoViewIfNeeded();
    await app.browser.screenshot('analysis-charts-zh-CN');
    await byTestId(TABLE).scrollIntoViewIfNeeded();
    await app.browser.screenshot('analysis-table-zh-CN');
    await byTestId('ana-targets').scrollIntoViewIfNeeded();
    await app.browser.screenshot('analysis-targets-zh-CN');
  });

  it('shows the first quarter: its three months and the YTD to March', async () => {
    await byTestId('ana-kind').selectOption('quarter');
    await byTestId('ana-quarter').selectOption('1');
    await expect.poll(() => byTestId('ana-doc').getAttribute('data-period')).toBe('q1');
    expect(await byTestId(TABLE).locator('thead th').nth(1).textContent()).toBe('本季');
    expect((await cells(PARK))?.slice(1, 7)).toEqual(['3300', '2900', '13.8', '3300', '2900', '13.8']);
    await app.browser.screenshot('analysis-quarter-zh-CN');
  });

  it('exports the quarter as a workbook equal to the page', async () => {
    const [dl] = await Promise.all([app.page.waitForEvent('download'), byTestId('ana-export').click()]);
    const file = path.join(app.dataDir, 'analysis.xlsx');
    await dl.saveAs(file);
    expect(dl.suggestedFilename()).toBe(`沙坡头区${year}年第1季度经济运行分析.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const rows: string[][] = [];
    wb.worksheets[0]?.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    const at = rows.findIndex((r) => r[0] === '工业 · 工业总产值（千元） 分乡镇');
    const onPage = await pageRows(TABLE);
    const same = (a: string, b: string) => a === b || (a !== '' && b !== '' && Number(a) === Number(b));
    onPage.forEach((r, i) => {
      const read = rows[at + 2 + i] ?? [];
      r.forEach((v, j) => expect(same(v, read[j] ?? ''), `${r[0]} column ${j}: page ${v}, file ${read[j]}`).toBe(true));
    });
  });

  it('prints a page a leader reads: headline figures, growth, 位次 and what needs attention', async () => {
    await app.page.emulateMedia({ media: 'print' });
    expect(await byTestId('ana-print').isVisible()).toBe(true);
    expect(await byTestId('ana-doc').isVisible()).toBe(false);
    const flags = await byTestId('ana-print-flags').textContent();
    expect(flags).toContain('中卫工业园区 · 工业 · 工业总产值（千元）：低于目标');
    expect(flags).toContain('迎水桥镇 · 工业 · 工业总产值（千元）：负增长');
    expect(await byTestId('ana-print-ranks').textContent()).toContain('13.8 (1)');
    await app.browser.screenshot('analysis-print-zh-CN');
    await app.page.emulateMedia({ media: 'screen' });
  });

  it('reads in English', async () => {
    await app.api('settings:update', { language: 'en' });
    await app.page.reload();
    await byTestId('nav-analysis').click();
    await byTestId('ana-doc').waitFor();
    await byTestId('ana-month').selectOption('3');
    await expect.poll(() => byTestId('ana-doc').getAttribute('data-period')).toBe('m3');
    expect(await byTestId(TABLE).locator('caption').textContent()).toBe('Industry · Gross industrial output (CNY thousand) by township');
    expect((await cells(DONGYUAN))?.[13]).toBe('Missing: this year 1 enterprise missing month 2');
    await app.browser.screenshot('analysis-month-en');
    await byTestId(TABLE).scrollIntoViewIfNeeded();
    await app.browser.screenshot('analysis-table-en');
    expect(app.problems).toEqual([]);
  });
});
