import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../../electron/web/harness';
import { addUser, assign } from '@server/admin/users';
import { startServer, type RunningServer } from '@server/index';
import { screenshotDir, type TestBrowser } from '../helpers/browser';
import { callChannel as api, collectProblems, openE2eApp, openE2eLaptop, type E2eApp } from '../helpers/e2e-app';
import { passingIndividualForm } from '../helpers/unit-forms';

// Review in Debian's chromium through two browser harnesses — the enumerator's laptop and the
// supervisor's — against a bureau server started here: the supervisor returns a unit
// with a comment on one item; after a sync the enumerator sees it beside that item, answers it
// and resubmits; the supervisor approves; the progress page counts right and prints a sheet.

const PASSWORD = 'census-pass-2024';
const DISTRICT = '640502100002'; // 向阳巷居委会, 滨河镇
const SUB_1 = `${DISTRICT}001`;
const SUB_2 = `${DISTRICT}002`;

let server: RunningServer;
let serverDir: string;
const dirs: string[] = [];
let enumerator: Harness;
/** The supervisor's laptop, the one with the browser; the enumerator's page opens beside it. */
let supervisorApp: E2eApp;
let supervisor: Harness;
let browser: TestBrowser;
let supPage: Page;
let enumPage: Page;
let pageProblems: string[] = [];

async function sync(h: Harness): Promise<void> {
  const status = await api(h, 'sync:now', undefined);
  if (status.lastError) throw new Error(`sync: ${status.lastError.code} ${status.lastError.detail}`);
}

/** Names the laptop's user and device and points it at the bureau server. */
async function setUpLaptop(h: Harness, name: string, deviceName: string): Promise<void> {
  await api(h, 'settings:update', { userName: name, deviceName, serverUrl: server.url, regionCode: '640502' });
}

/** A laptop without a browser of its own (no division codes, as before a region is loaded). */
async function laptop(name: string, deviceName: string): Promise<Harness> {
  const { dataDir, harness } = await openE2eLaptop(`census-e2e-review-${name}-`, { region: null });
  dirs.push(dataDir);
  await setUpLaptop(harness, name, deviceName);
  return harness;
}

const csv = (rows: string[]) =>
  Buffer.from(['普查小区代码,单位类型,单位详细名称,统一社会信用代码,详细地址,行业代码', ...rows].join('\n'), 'utf8').toString('base64');

const individualForm = (name: string, areaCode: string) => passingIndividualForm(name, areaCode, { divisionCode: DISTRICT });

async function unitNamed(h: Harness, name: string) {
  const row = (await api(h, 'units:list', { query: name })).rows.find((r) => r.name === name);
  if (!row) throw new Error(`no unit ${name}`);
  return api(h, 'units:get', { id: row.id });
}

let returnedId = '';

beforeAll(async () => {
  serverDir = mkdtempSync(path.join(tmpdir(), 'census-e2e-review-server-'));
  server = await startServer({ dataDir: serverDir, port: 0, log: () => undefined });
  await addUser(server.store, { username: 'enum01', name: '马晓梅', role: 'enumerator', password: PASSWORD });
  await assign(server.store, 'enum01', [DISTRICT]);
  await addUser(server.store, { username: 'sup01', name: '张建华', role: 'supervisor', password: PASSWORD });
  await assign(server.store, 'sup01', [DISTRICT]);

  enumerator = await laptop('马晓梅', '滨河镇-笔记本03');
  supervisorApp = await openE2eApp('census-e2e-review-张建华-', { region: null });
  ({ harness: supervisor, browser, page: supPage } = supervisorApp);
  pageProblems = supervisorApp.problems;
  await setUpLaptop(supervisor, '张建华', '滨河镇-指导员01');

  // The enumerator's morning: the listing frame (three units in 小区 001, one in 002), one unit
  // fully registered and submitted, one started, one new unit found in the street.
  await api(enumerator, 'frame:import', {
    fileName: 'frame.csv',
    contentBase64: csv([
      `${SUB_1},个体户,老王烧烤店,,滨河镇文昌南街12号,6210`,
      `${SUB_1},个体户,李记面馆,,滨河镇文昌南街14号,6210`,
      `${SUB_1},个体户,向阳理发店,,滨河镇文昌南街20号,8010`,
      `${SUB_2},个体户,鼓楼修鞋铺,,滨河镇鼓楼东街3号,8090`,
    ]),
  });
  const wang = await unitNamed(enumerator, '老王烧烤店');
  returnedId = wang.id;
  const saved = await api(enumerator, 'units:save', { id: wang.id, version: wang.version, forms: individualForm('老王烧烤店', SUB_1), explanations: {} });
  await api(enumerator, 'units:submit', { id: wang.id, version: saved.version });
  const li = await unitNamed(enumerator, '李记面馆');
  await api(enumerator, 'units:save', {
    id: li.id,
    version: li.version,
    forms: { individual: { areaCode: SUB_1, name: '李记面馆', operatorName: '李娜' } },
    explanations: {},
  });
  await api(enumerator, 'units:create', { areaCode: SUB_1, kind: 'individual', name: '文昌街水果摊' });
  await api(enumerator, 'sync:login', { username: 'enum01', password: PASSWORD });
  await sync(enumerator);

  enumPage = await browser.context.newPage();
  collectProblems(enumPage, pageProblems);
});

afterAll(async () => {
  // Closes the browser first, then the supervisor's laptop.
  await supervisorApp?.close();
  await enumerator?.close();
  await server?.close();
  for (const d of [...dirs, serverDir]) if (d) rmSync(d, { recursive: true, force: true });
});

const sup = (id: string) => supPage.getByTestId(id);
const enu = (id: string) => enumPage.getByTestId(id);

describe('review across two laptops in the browser harness', () => {
  it('the supervisor signs in, syncs and sees the submitted unit in the queue', async () => {
    await supPage.goto(supervisor.url);
    await sup('nav-sync').click();
    await sup('sync-login-username').fill('sup01');
    await sup('sync-login-password').fill(PASSWORD);
    await sup('sync-login-submit').click();
    await expect.poll(() => sup('sync-account').textContent()).toBe('张建华');
    await expect.poll(() => sup('sync-last').textContent()).not.toBe('从未同步');

    await sup('nav-review').click();
    await expect.poll(() => sup('review-role').getAttribute('data-role')).toBe('supervisor');
    await expect.poll(() => sup('review-queue').getAttribute('data-stage')).toBe('submitted');
    await sup(`queue-row-${returnedId}`).waitFor();
    expect(await sup('review-stage-count-submitted').textContent()).toBe('1');
    expect(await sup(`queue-row-${returnedId}`).getAttribute('data-clean')).toBe('true');
    await browser.screenshot('review-queue-zh-CN');
  });

  it('returns the unit with a comment written beside an item', async () => {
    await sup(`queue-link-${returnedId}`).click();
    await sup('review-unit-page').waitFor();
    expect(await sup('review-unit-name').textContent()).toBe('老王烧烤店');
    // Read-only: the reviewer cannot type into the form.
    expect(await sup('item-individual-revenue').getAttribute('readonly')).not.toBeNull();
    // Click the item → its comment box.
    await supPage.locator('.item[data-path="revenue"]').click();
    const box = sup('review-draft-individual.revenue');
    await expect.poll(() => supPage.evaluate("document.activeElement?.getAttribute('data-testid') ?? null")).toBe('review-draft-individual.revenue');
    await box.fill('全年营业收入260千元与3人规模的烧烤店不符，请核实是否按千元填报');
    await expect.poll(() => sup('decision-drafts').getAttribute('data-count')).toBe('1');
    // With a comment written, approval waits until the comment is sent or deleted.
    expect(await sup('decide-approve').isDisabled()).toBe(true);
    await browser.screenshot('review-unit-comment-zh-CN');
    await sup('decide-return').click();
    await sup('decision-done').waitFor();
    // One label for the status: the unit's chip says what the queue's filter says.
    await expect.poll(() => sup('review-unit-status').textContent()).toBe('已退回');
    await sup('review-back').click();
    expect(await sup('review-stage-returned').evaluate((el) => el.firstChild?.textContent)).toBe('已退回');
    await supPage.goBack();
    await sup('review-unit-page').waitFor();
    await sync(supervisor);
  });

  it('after a sync the enumerator sees the comment beside the item, answers it and resubmits', async () => {
    await sync(enumerator);
    await enumPage.goto(enumerator.url);
    await enumPage.bringToFront();
    // An enumerator's review page lists the units sent back to them (no queue, no decisions).
    await enu('nav-review').click();
    await expect.poll(() => enu('review-role').getAttribute('data-role')).toBe('enumerator');
    await enu('review-my-returned').waitFor();
    expect(await enu('review-queue').count()).toBe(0);
    await enu(`unit-link-${returnedId}`).click();
    await enu('unit-page').waitFor();
    await expect.poll(() => enu('unit-status').textContent()).toBe('已退回');
    await enu('returned-banner').waitFor();
    expect(await enu('returned-banner').textContent()).toContain('张建华');
    // The comment stands beside the revenue item, and blocks the resubmit until handled.
    const item = enumPage.locator('.item[data-path="revenue"]');
    const comment = item.locator('[data-testid^="review-comment-c-"]');
    await comment.waitFor();
    expect(await comment.getAttribute('data-state')).toBe('open');
    expect(await comment.textContent()).toContain('请核实是否按千元填报');
    expect(await enu('unit-submit').isDisabled()).toBe(true);
    expect(await enu('unit-submit-blocked').textContent()).toContain('1 条审核意见');
    // The banner's link takes the enumerator to the item.
    await enumPage.locator('[data-testid^="returned-goto-"]').click();
    await expect.poll(() => enumPage.evaluate("document.activeElement?.getAttribute('data-testid') ?? null")).toBe('item-individual-revenue');
    await enumPage.screenshot({ path: path.join(screenshotDir, 'review-enumerator-returned-zh-CN.png'), fullPage: true });

    await item.locator('[data-testid^="review-answer-input-"]').fill('已核对账簿：全年营业收入26万元，即260千元，填报无误');
    await item.locator('[data-testid^="review-answer-send-"]').click();
    await expect.poll(() => enumPage.locator('.item[data-path="revenue"] [data-testid^="review-comment-c-"]').getAttribute('data-state')).toBe('answered');
    await expect.poll(() => enu('unit-submit').isDisabled()).toBe(false);
    await enumPage.screenshot({ path: path.join(screenshotDir, 'review-enumerator-answered-zh-CN.png'), fullPage: true });
    await enu('unit-submit').click();
    await expect.poll(() => enu('unit-status').textContent()).toBe('已提交');
    await sync(enumerator);
  });

  it('the supervisor sees the answer and approves; every step is in the record', async () => {
    await supPage.bringToFront();
    await sync(supervisor);
    await supPage.reload();
    await sup('review-unit-page').waitFor();
    await expect.poll(() => sup('review-unit-status').textContent()).toBe('已提交');
    const comment = supPage.locator('.item[data-path="revenue"] [data-testid^="review-comment-c-"]');
    expect(await comment.textContent()).toContain('填报无误');
    await sup('decide-approve').click();
    await sup('decision-done').waitFor();
    await expect.poll(() => sup('review-unit-status').textContent()).toBe('已通过');
    // Acceptance (验收) is the bureau's: the supervisor is not offered it.
    expect(await sup('decide-accept').count()).toBe(0);
    await sup('tab-history').click();
    await sup('review-timeline').waitFor();
    const kinds = await supPage
      .locator('[data-testid^="review-event-"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')?.replace('review-event-', '')));
    expect(kinds).toEqual(['submit', 'return', 'answer', 'submit', 'approve']);
    await browser.screenshot('review-unit-history-zh-CN');
    await sync(supervisor);
  });

  it('lists a same-item conflict with both values and authors; a typed third value resolves it', async () => {
    // Both laptops change 李记面馆's operator from the same version.
    await sync(supervisor);
    const onEnum = await unitNamed(enumerator, '李记面馆');
    const onSup = await unitNamed(supervisor, '李记面馆');
    const edit = (forms: Record<string, unknown>, name: string) => ({
      individual: { ...(forms.individual as Record<string, unknown>), operatorName: name },
    });
    await api(enumerator, 'units:save', { id: onEnum.id, version: onEnum.version, forms: edit(onEnum.forms, '李娜娜'), explanations: {} });
    await sync(enumerator);
    await api(supervisor, 'units:save', { id: onSup.id, version: onSup.version, forms: edit(onSup.forms, '李秀娜'), explanations: {} });
    await sync(supervisor);

    await sup('nav-review').click();
    await sup('review-section-conflicts').click();
    const card = supPage.locator('[data-testid^="conflict-"][data-field="individual.operatorName"]');
    await card.waitFor();
    const text = await card.textContent();
    expect(text).toContain('李记面馆');
    expect(text).toContain('经营者姓名');
    expect(text).toContain('李娜娜');
    expect(text).toContain('李秀娜');
    expect(text).toContain('马晓梅');
    expect(text).toContain('张建华');
    await browser.screenshot('review-conflicts-zh-CN');
    await card.getByTestId('conflict-other').click();
    await card.getByTestId('conflict-other-input').fill('李娜');
    await card.getByTestId('conflict-other-save').click();
    await expect.poll(() => card.getByTestId('conflict-pending').textContent()).toContain('李娜');
    await sync(supervisor);
    await supPage.reload();
    await expect.poll(() => sup('conflicts-page').getAttribute('data-count')).toBe('0');
    await sync(enumerator);
    expect((await unitNamed(enumerator, '李记面馆')).forms.individual?.operatorName).toBe('李娜');
  });

  it('the progress page counts per sub-district and enumerator, highlights 零数据 and shows the last sync', async () => {
    await sup('nav-progress').click();
    await sup('page-progress').waitFor();
    await expect.poll(() => sup('progress-last-sync').getAttribute('data-synced')).toBe('true');
    expect(await sup('progress-total-total').textContent()).toBe('5');
    expect(await sup('progress-total-frame').textContent()).toBe('4');
    expect(await sup('progress-total-added').textContent()).toBe('1');
    expect(await sup('progress-total-approved').textContent()).toBe('1');
    expect(await sup('progress-zero-count').textContent()).toBe('1');
    const row1 = sup(`progress-subDistricts-row-${SUB_1}`);
    const row2 = sup(`progress-subDistricts-row-${SUB_2}`);
    expect(await row1.getAttribute('data-zero')).toBe('false');
    expect(await row2.getAttribute('data-zero')).toBe('true');
    expect(await row1.locator('[data-col="frame"]').textContent()).toBe('3');
    expect(await row1.locator('[data-col="approved"]').textContent()).toBe('1');
    expect(await row1.locator('[data-col="added"]').textContent()).toBe('1');
    expect(await row2.locator('[data-col="notStarted"]').textContent()).toBe('1');
    await expect.poll(() => supPage.locator('[data-testid="chart-progress-status"] canvas').count()).toBeGreaterThan(0);
    await supPage.waitForTimeout(400);
    await browser.screenshot('progress-sub-districts-zh-CN');

    await sup('progress-level-enumerators').click();
    const enumRow = supPage.locator('[data-testid^="progress-enumerators-row-"]').filter({ hasText: '马晓梅' });
    await enumRow.waitFor();
    expect(await enumRow.locator('[data-col="approved"]').textContent()).toBe('1');
    await supPage.waitForTimeout(300);
    await browser.screenshot('progress-enumerators-zh-CN');
  });

  it('exports progress and the approved units as XLSX', async () => {
    const [progressDl] = await Promise.all([supPage.waitForEvent('download'), sup('export-progress').click()]);
    const progressFile = path.join(serverDir, 'progress.xlsx');
    await progressDl.saveAs(progressFile);
    const progressBook = new ExcelJS.Workbook();
    await progressBook.xlsx.readFile(progressFile);
    const cells: string[] = [];
    for (const sheet of progressBook.worksheets) sheet.eachRow((row) => cells.push(row.values?.toString() ?? ''));
    expect(cells.some((c) => c.includes(SUB_2))).toBe(true);

    const [dl] = await Promise.all([supPage.waitForEvent('download'), sup('export-approved').click()]);
    const file = path.join(serverDir, 'approved.xlsx');
    await dl.saveAs(file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const texts: string[] = [];
    book.worksheets[0]?.eachRow((row) => texts.push(row.values?.toString() ?? ''));
    expect(texts.some((t) => t.includes('老王烧烤店'))).toBe(true);
    expect(texts.some((t) => t.includes('李记面馆'))).toBe(false);
  });

  it('prints a daily progress sheet', async () => {
    await supPage.emulateMedia({ media: 'print' });
    expect(await sup('print-sheet').isVisible()).toBe(true);
    expect(await sup('page-progress').locator('.progress-screen').isVisible()).toBe(false);
    await browser.screenshot('progress-print-media-zh-CN');
    // page.pdf() prints with the print stylesheet, as window.print() does.
    await supPage.emulateMedia({ media: null });
    const pdf = await supPage.pdf({ format: 'A4', landscape: true, printBackground: true });
    const pdfFile = path.join(screenshotDir, 'progress-daily-sheet.pdf');
    writeFileSync(pdfFile, pdf);
    expect(statSync(pdfFile).size).toBeGreaterThan(10_000);
    // Look at it as an image where poppler is installed.
    if (existsSync('/usr/bin/pdftoppm')) {
      execFileSync('/usr/bin/pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', pdfFile, path.join(screenshotDir, 'progress-daily-sheet')]);
    }
  });

  it('reads in English too', async () => {
    await sup('lang-en').click();
    await expect.poll(() => sup('nav-progress').textContent()).toBe('Progress');
    await sup('progress-level-subDistricts').click();
    // The charts are rebuilt for the new language; let their animation finish.
    await supPage.waitForTimeout(1200);
    await browser.screenshot('progress-en');
    await sup('nav-review').click();
    await expect.poll(() => sup('review-stage-approved').textContent()).toContain('To accept');
    await sup('review-stage-approved').click();
    await sup(`queue-link-${returnedId}`).click();
    await sup('decision-panel').waitFor();
    await browser.screenshot('review-unit-en');
    await sup('review-back').click();
  });

  it('approves clean units in bulk, each recorded on its own', async () => {
    const barber = await unitNamed(enumerator, '向阳理发店');
    const saved = await api(enumerator, 'units:save', {
      id: barber.id,
      version: barber.version,
      forms: { individual: { ...individualForm('向阳理发店', SUB_1).individual, activity1: '理发服务', industryCode: '8010' } },
      explanations: {},
    });
    await api(enumerator, 'units:submit', { id: barber.id, version: saved.version });
    await sync(enumerator);
    await sync(supervisor);
    await sup('nav-review').click();
    await sup('review-section-queue').click();
    await sup('review-stage-submitted').click();
    await sup(`queue-row-${barber.id}`).waitFor();
    await sup('bulk-select-clean').click();
    expect(await sup(`queue-tick-${barber.id}`).isChecked()).toBe(true);
    await sup('bulk-run').click();
    await expect.poll(() => sup('bulk-result').getAttribute('data-done')).toBe('1');
    await browser.screenshot('review-bulk-approved-zh-CN');
    const thread = await api(supervisor, 'review:comments', { unitId: barber.id });
    expect(thread.events.map((e) => [e.kind, e.isBulk])).toEqual([
      ['submit', false],
      ['approve', true],
    ]);
    await sync(supervisor);
  });

  it('the bureau accepts (验收) an approved unit; the enumerator then sees it read-only', async () => {
    await addUser(server.store, { username: 'bureau01', name: '刘志强', role: 'admin', password: PASSWORD });
    const bureau = await laptop('刘志强', '区统计局-台式机01');
    await api(bureau, 'sync:login', { username: 'bureau01', password: PASSWORD });
    await sync(bureau);
    try {
      const bureauPage = await browser.context.newPage();
      bureauPage.on('pageerror', (e) => pageProblems.push(`pageerror: ${e.message}`));
      await bureauPage.goto(bureau.url);
      await bureauPage.getByTestId('nav-review').click();
      // The bureau's queue opens on the units waiting for acceptance.
      await expect.poll(() => bureauPage.getByTestId('review-queue').getAttribute('data-stage')).toBe('approved');
      expect(await bureauPage.getByTestId('review-stage-count-approved').textContent()).toBe('2');
      await bureauPage.getByTestId(`queue-link-${returnedId}`).click();
      await bureauPage.getByTestId('decide-accept').click();
      await expect.poll(() => bureauPage.getByTestId('review-unit-status').textContent()).toBe('已验收');
      await bureauPage.screenshot({ path: path.join(screenshotDir, 'review-bureau-accepted-zh-CN.png'), fullPage: true });
      await bureauPage.close();
      await sync(bureau);
    } finally {
      await bureau.close();
    }
    await sync(enumerator);
    await enumPage.bringToFront();
    await enumPage.reload();
    await expect.poll(() => enu('unit-status').textContent()).toBe('已验收');
    expect(await enu('unit-submit').count()).toBe(0);
  });

  it('raised no console errors or CSP violations', () => {
    expect(pageProblems).toEqual([]);
  });
});
