import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../../electron/web/harness';
import { addUser, assign } from '@server/admin/users';
import { startServer, type RunningServer } from '@server/index';
import type { TestBrowser } from '../helpers/browser';
import { callChannel as api, openE2eApp, openE2eLaptop, type E2eApp } from '../helpers/e2e-app';
import { passingIndividualForm } from '../helpers/unit-forms';

// A supervisor's day at 1366×768 with two enumerators who share a 普查区 (one of them also holds
// one 小区 of it alone), against a bureau server started here:
// - progress by enumerator counts each unit once, for the person it belongs to; units nobody
//   owns yet have their own line, and the rows add up to the 合计 on screen and on the printed
//   daily sheet (it used to credit both with every unit: 合计 8 for 4 units);
// - the queue's enumerator filter shows each person's units only;
// - approving and returning say so in a short toast;
// - a conflict names its item and coded values in words, refuses a typed value the item's own
//   checks refuse (with their message), takes a full-width one, and loses its buttons once resolved;
// - the sync page names fields and values in words.
// Screenshots: test-results/screenshots/review-polish-*.png.

const PASSWORD = 'census-pass-2024';
const DISTRICT = '640502100002'; // 向阳巷居委会, 滨河镇
const SUB_1 = `${DISTRICT}001`;
const SUB_2 = `${DISTRICT}002`;

let server: RunningServer;
let serverDir: string;
const laptops: { close(): Promise<void> }[] = [];
let wang: Harness;
let mali: Harness;
let supApp: E2eApp;
let supervisor: Harness;
let browser: TestBrowser;
let page: Page;

async function sync(h: Harness): Promise<void> {
  const status = await api(h, 'sync:now', undefined);
  if (status.lastError) throw new Error(`sync: ${status.lastError.code} ${status.lastError.detail}`);
}

async function enumeratorLaptop(username: string, name: string, device: string): Promise<Harness> {
  const l = await openE2eLaptop(`census-e2e-rpolish-${username}-`, { region: null });
  laptops.push(l);
  await api(l.harness, 'settings:update', { userName: name, deviceName: device, serverUrl: server.url, regionCode: '640502' });
  await api(l.harness, 'sync:login', { username, password: PASSWORD });
  return l.harness;
}

async function unitNamed(h: Harness, name: string) {
  const row = (await api(h, 'units:list', { query: name })).rows.find((r) => r.name === name);
  if (!row) throw new Error(`no unit ${name}`);
  return api(h, 'units:get', { id: row.id });
}

const individualForm = (name: string, areaCode: string) => passingIndividualForm(name, areaCode, { divisionCode: DISTRICT, filler: '王小明' });

async function registerAndSubmit(h: Harness, name: string, areaCode: string): Promise<void> {
  const unit = await unitNamed(h, name);
  const saved = await api(h, 'units:save', { id: unit.id, version: unit.version, forms: individualForm(name, areaCode), explanations: {} });
  await api(h, 'units:submit', { id: unit.id, version: saved.version });
}

const csv = (rows: string[]) =>
  Buffer.from(['普查小区代码,单位类型,单位详细名称,统一社会信用代码,详细地址,行业代码', ...rows].join('\n'), 'utf8').toString('base64');

beforeAll(async () => {
  serverDir = mkdtempSync(path.join(tmpdir(), 'census-e2e-rpolish-server-'));
  server = await startServer({ dataDir: serverDir, port: 0, log: () => undefined });
  await addUser(server.store, { username: 'enum01', name: '王小明', role: 'enumerator', password: PASSWORD });
  await assign(server.store, 'enum01', [DISTRICT]);
  await addUser(server.store, { username: 'enum02', name: '马丽', role: 'enumerator', password: PASSWORD });
  await assign(server.store, 'enum02', [DISTRICT, SUB_2]);
  await addUser(server.store, { username: 'sup01', name: '张建华', role: 'supervisor', password: PASSWORD });
  await assign(server.store, 'sup01', [DISTRICT]);

  wang = await enumeratorLaptop('enum01', '王小明', '滨河镇-笔记本01');
  mali = await enumeratorLaptop('enum02', '马丽', '滨河镇-笔记本02');
  await api(wang, 'frame:import', {
    fileName: 'frame.csv',
    contentBase64: csv([
      `${SUB_1},个体户,老王烧烤店,,滨河镇文昌南街12号,6210`,
      `${SUB_1},个体户,李记面馆,,滨河镇文昌南街14号,6210`,
      `${SUB_1},个体户,向阳理发店,,滨河镇文昌南街20号,8010`,
      `${SUB_2},个体户,鼓楼修鞋铺,,滨河镇鼓楼东街3号,8090`,
    ]),
  });
  await sync(wang);
  await sync(mali);
  // 马丽 registers one unit of the shared 小区 and the one of her own 小区; 王小明 one of the shared.
  await registerAndSubmit(mali, '李记面馆', SUB_1);
  await registerAndSubmit(mali, '鼓楼修鞋铺', SUB_2);
  await sync(mali);
  await registerAndSubmit(wang, '老王烧烤店', SUB_1);
  await sync(wang);

  supApp = await openE2eApp('census-e2e-rpolish-sup-');
  ({ harness: supervisor, browser, page } = supApp);
  await page.setViewportSize({ width: 1366, height: 768 });
  await api(supervisor, 'settings:update', { userName: '张建华', deviceName: '滨河镇-指导员01', serverUrl: server.url, regionCode: '640502' });
  await api(supervisor, 'sync:login', { username: 'sup01', password: PASSWORD });
  await sync(supervisor);
});

afterAll(async () => {
  await supApp?.close();
  for (const l of laptops) await l.close();
  await server?.close();
  if (serverDir) rmSync(serverDir, { recursive: true, force: true });
});

const by = (id: string) => page.getByTestId(id);
const shot = async (name: string) => {
  await page.waitForTimeout(300);
  await browser.screenshot(`review-polish-${name}`);
};
const cell = (row: ReturnType<Page['locator']>, col: string) => row.locator(`[data-col="${col}"]`).textContent();

describe('a supervisor with two enumerators sharing a 普查区', () => {
  it('counts each unit once per enumerator, the rest on its own line, adding up to the total', async () => {
    await page.goto(supervisor.url);
    await by('nav-progress').click();
    await by('page-progress').waitFor();
    await expect.poll(() => by('progress-total-total').textContent()).toBe('4');
    await by('progress-level-enumerators').click();
    const row = (name: string) => page.locator('[data-testid^="progress-enumerators-row-"]').filter({ hasText: name });
    await row('王小明').waitFor();
    // 王小明: 老王烧烤店. 马丽: 李记面馆 (she registered it) and 鼓楼修鞋铺 (her own 小区).
    // 向阳理发店: shared 小区, nobody has worked it yet.
    expect(await cell(row('王小明'), 'submitted')).toBe('1');
    expect(await cell(row('马丽'), 'submitted')).toBe('2');
    const nobody = by('progress-enumerators-row-unattributed');
    expect(await cell(nobody, 'notStarted')).toBe('1');
    const total = by('progress-enumerators-total');
    expect(await cell(total, 'frame')).toBe('4');
    expect(await cell(total, 'submitted')).toBe('3');
    await shot('progress-enumerators-zh');

    // The printed daily sheet adds up the same way.
    await page.emulateMedia({ media: 'print' });
    expect(await cell(by('print-enum-total'), 'frame')).toBe('4');
    expect(await by('print-enum-row-unattributed').count()).toBe(1);
    await shot('progress-print-zh');
    await page.emulateMedia({ media: null });

    await by('lang-en').click();
    await expect.poll(() => nobody.textContent()).toContain('Not attributed');
    // Each enumerator's areas as an English list, not joined with 、.
    const rowTexts = await page.locator('[data-testid^="progress-enumerators-row-"]').allTextContents();
    for (const text of rowTexts) expect(text).not.toMatch(/[（）、：；]/);
    await shot('progress-enumerators-en');
    await by('lang-zh-CN').click();
  });

  it('filters the queue to one enumerator’s units only', async () => {
    await by('nav-review').click();
    await expect.poll(() => by('review-queue').getAttribute('data-stage')).toBe('submitted');
    await expect.poll(() => by('review-stage-count-submitted').textContent()).toBe('3');
    const options = await by('review-filter-enumerator').locator('option').allTextContents();
    expect(options).toContain('王小明（1）');
    expect(options).toContain('马丽（2）');
    await by('review-filter-enumerator').selectOption({ label: '王小明（1）' });
    await expect.poll(() => page.locator('[data-testid^="queue-row-"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-name')))).toEqual(['老王烧烤店']);
    await by('review-filter-enumerator').selectOption({ label: '马丽（2）' });
    await expect
      .poll(async () => (await page.locator('[data-testid^="queue-row-"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-name')))).sort())
      .toEqual(['李记面馆', '鼓楼修鞋铺'].sort());
    await shot('queue-enumerator-zh');
    await by('review-filter-enumerator').selectOption('');
  });

  it('confirms an approval and a return with a toast', async () => {
    const approved = await unitNamed(supervisor, '老王烧烤店');
    await by(`queue-link-${approved.id}`).click();
    await by('decide-approve').click();
    const toast = by('toaster').getByTestId('toast');
    await expect.poll(() => toast.last().textContent()).toContain('已审核通过：老王烧烤店');
    expect(await by('toaster').getAttribute('aria-live')).toBe('polite');
    await shot('toast-approve-zh');
    await by('review-back').click();

    await by('lang-en').click();
    const returned = await unitNamed(supervisor, '鼓楼修鞋铺');
    await by(`queue-link-${returned.id}`).click();
    await by('decision-note').fill('请补充营业面积');
    await by('decide-return').click();
    await expect.poll(() => toast.last().textContent()).toContain('Returned for changes: 鼓楼修鞋铺');
    await shot('toast-return-en');
    await by('lang-zh-CN').click();
    // Returned with a general note only: the banner says there is nothing per item to answer,
    // not both "all handled" and "answer each comment".
    await page.goto(`${supervisor.origin}/#/registration/unit/${returned.id}`);
    const banner = by('returned-banner');
    await expect.poll(() => banner.textContent()).toContain('没有针对具体项目的意见');
    expect(await banner.textContent()).not.toContain('所有意见都已答复');
    expect(await by('returned-how-to').count()).toBe(0);
    await shot('returned-note-only-zh');
    await page.goBack();
    // It goes by itself.
    await expect.poll(() => toast.count(), { timeout: 10_000 }).toBe(0);
    await by('review-back').click();
    await sync(supervisor);
  });

  it('names a conflict’s item and values in words, refuses a value its checks refuse, and drops the buttons once resolved', async () => {
    // 王小明 and the supervisor change 向阳理发店's 运营状态 from the same version.
    await sync(wang);
    const onWang = await unitNamed(wang, '向阳理发店');
    const onSup = await unitNamed(supervisor, '向阳理发店');
    const withStatus = (forms: Record<string, unknown>, status: string) => ({
      individual: { ...(forms.individual as Record<string, unknown>), operatingStatus: status },
    });
    await api(wang, 'units:save', { id: onWang.id, version: onWang.version, forms: withStatus(onWang.forms, '1'), explanations: {} });
    await sync(wang);
    await api(supervisor, 'units:save', { id: onSup.id, version: onSup.version, forms: withStatus(onSup.forms, '2'), explanations: {} });
    await sync(supervisor);

    await by('nav-review').click();
    await by('review-section-conflicts').click();
    const card = page.locator('[data-testid^="conflict-"][data-field="individual.operatingStatus"]');
    await card.waitFor();
    const text = (await card.textContent()) ?? '';
    expect(text).toContain('运营状态');
    expect(text).toContain('正常运营');
    expect(text).toContain('停业');
    expect(text).not.toContain('individual.operatingStatus');

    await card.getByTestId('conflict-other').click();
    await card.getByTestId('conflict-other-input').fill('8');
    await expect.poll(() => card.getByTestId('conflict-other-problems').textContent()).toContain('不在代码表中');
    expect(await card.getByTestId('conflict-other-save').isDisabled()).toBe(true);
    await shot('conflict-refused-zh');
    // Full width, as typed with the input method in full-width mode: the code 1.
    await card.getByTestId('conflict-other-input').fill('１');
    await expect.poll(() => card.getByTestId('conflict-other-problems').count()).toBe(0);
    await card.getByTestId('conflict-other-save').click();
    await expect.poll(() => card.getByTestId('conflict-pending').textContent()).toContain('正常运营');
    // Resolved here: no buttons to press again.
    expect(await card.getByTestId('conflict-keep-current').count()).toBe(0);
    expect(await card.getByTestId('conflict-other').count()).toBe(0);
    await shot('conflict-resolved-zh');
    await by('lang-en').click();
    await expect.poll(() => card.textContent()).toContain('Operating status');
    await shot('conflict-resolved-en');
    await by('lang-zh-CN').click();
  });

  it('names fields and values in words on the sync page', async () => {
    await by('nav-sync').click();
    const row = by('sync-conflict-row').filter({ hasText: '运营状态' });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/正常运营|停业/);
    // No field or value as stored, whatever else conflicted (a unit's status shows as 单位状态 · 草稿).
    const all = (await by('sync-conflicts').textContent()) ?? '';
    for (const raw of ['operatingStatus', 'individual.', 'status', 'draft', 'submitted']) expect(all).not.toContain(raw);
    // The table fills its card, so the headers stay on one line at 1366×768.
    const card = await by('sync-conflicts').boundingBox();
    const table = await by('sync-conflicts').locator('table').boundingBox();
    expect((card?.width ?? 0) - (table?.width ?? 0)).toBeLessThan(60);
    const lineCounts = (await page.evaluate(`[...document.querySelectorAll('[data-testid="sync-conflicts"] thead th')].map((th) => {
      const range = document.createRange();
      range.selectNodeContents(th);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    })`)) as number[];
    expect(lineCounts.every((n) => n === 1)).toBe(true);
    await shot('sync-zh');
    await by('lang-en').click();
    await expect.poll(() => by('sync-conflicts').textContent()).toContain('Operating status');
    await shot('sync-en');
    await by('lang-zh-CN').click();
    expect(supApp.problems).toEqual([]);
  });
});
