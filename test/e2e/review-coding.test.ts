import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../../electron/web/harness';
import { addUser, assign } from '@server/admin/users';
import { startServer, type RunningServer } from '@server/index';
import { screenshotDir, type TestBrowser } from '../helpers/browser';
import { callChannel as api, collectProblems, openE2eApp, openE2eLaptop, type E2eApp, type E2eLaptop } from '../helpers/e2e-app';
import { passingIndividualForm } from '../helpers/unit-forms';

// At 1366×768, in Chinese and in English, against a bureau server started here:
// - the supervisor codes a submitted unit's 行业代码 from its 主要业务活动 during review (the
//   form's picker, searched by words), the unit stays 已提交, and after sync the enumerator's
//   laptop shows who coded it and on what basis;
// - the enumerator marks a unit opened after the census reference date as 非普查对象 from beside
//   its finding; the unit page shows the status and the recorded reason, progress counts it on its own.
// Screenshots: test-results/screenshots/review-coding-*.png.

const PASSWORD = 'census-pass-2024';
const DISTRICT = '640502100002';
const SUB = `${DISTRICT}001`;

let server: RunningServer;
let serverDir: string;
let enumLaptop: E2eLaptop;
let enumerator: Harness;
let supApp: E2eApp;
let supervisor: Harness;
let browser: TestBrowser;
let supPage: Page;
let enumPage: Page;
const problems: string[] = [];
let codedId = '';
let lateId = '';

async function sync(h: Harness): Promise<void> {
  const status = await api(h, 'sync:now', undefined);
  if (status.lastError) throw new Error(`sync: ${status.lastError.code} ${status.lastError.detail}`);
}

async function individual(name: string, patch: Record<string, unknown>, submit: boolean): Promise<string> {
  const created = await api(enumerator, 'units:create', { areaCode: SUB, kind: 'individual', name });
  const forms = passingIndividualForm(name, SUB, { filler: '王小明' });
  Object.assign(forms.individual, patch);
  const saved = await api(enumerator, 'units:save', { id: created.id, version: created.version, forms, explanations: {} });
  if (submit) await api(enumerator, 'units:submit', { id: created.id, version: saved.version });
  return created.id;
}

beforeAll(async () => {
  serverDir = mkdtempSync(path.join(tmpdir(), 'census-e2e-coding-server-'));
  server = await startServer({ dataDir: serverDir, port: 0, log: () => undefined });
  await addUser(server.store, { username: 'enum01', name: '王小明', role: 'enumerator', password: PASSWORD });
  await assign(server.store, 'enum01', [DISTRICT]);
  await addUser(server.store, { username: 'sup01', name: '张建华', role: 'supervisor', password: PASSWORD });
  await assign(server.store, 'sup01', [DISTRICT]);

  enumLaptop = await openE2eLaptop('census-e2e-coding-enum-', { region: null });
  enumerator = enumLaptop.harness;
  await api(enumerator, 'settings:update', { userName: '王小明', deviceName: '滨河镇-笔记本01', serverUrl: server.url, regionCode: '640502' });
  await api(enumerator, 'sync:login', { username: 'enum01', password: PASSWORD });
  // Coded 6210 正餐服务 by the enumerator; the activity says 烧烤小吃.
  codedId = await individual('老王烧烤小吃店', { activity1: '烧烤小吃', industryCode: '6210' }, true);
  // Opened in April 2024, after the reference date: not a 普查对象.
  lateId = await individual('文昌街新开奶茶店', { activity1: '奶茶饮品', industryCode: '6239', openedYm: '2024-04' }, false);
  await sync(enumerator);

  supApp = await openE2eApp('census-e2e-coding-sup-');
  ({ harness: supervisor, browser, page: supPage } = supApp);
  await supPage.setViewportSize({ width: 1366, height: 768 });
  await api(supervisor, 'settings:update', { userName: '张建华', deviceName: '滨河镇-指导员01', serverUrl: server.url, regionCode: '640502' });
  await api(supervisor, 'sync:login', { username: 'sup01', password: PASSWORD });
  await sync(supervisor);

  enumPage = await browser.context.newPage();
  await enumPage.setViewportSize({ width: 1366, height: 768 });
  collectProblems(enumPage, problems);
});

afterAll(async () => {
  await supApp?.close();
  await enumLaptop?.close();
  await server?.close();
  if (serverDir) rmSync(serverDir, { recursive: true, force: true });
});

const sup = (id: string) => supPage.getByTestId(id);
const enu = (id: string) => enumPage.getByTestId(id);
const supShot = async (name: string) => {
  await supPage.waitForTimeout(300);
  await supPage.screenshot({ path: path.join(screenshotDir, `review-coding-${name}.png`), fullPage: true });
};
const enuShot = async (name: string) => {
  await enumPage.waitForTimeout(300);
  await enumPage.screenshot({ path: path.join(screenshotDir, `review-coding-${name}.png`), fullPage: true });
};

describe('the office codes 行业代码 in review; a unit after the reference date is set aside', () => {
  it('the supervisor codes the industry from the activity without returning the unit', async () => {
    await supPage.bringToFront();
    await supPage.goto(`${supervisor.url}#/review/unit/${codedId}`);
    await sup('industry-coding').waitFor();
    expect(await sup('industry-coding-activities').textContent()).toContain('烧烤小吃');
    expect(await sup('industry-coding-current').textContent()).toContain('6210');
    // The activity's words suggest 小吃服务.
    await sup('industry-suggest-6291').waitFor();
    await sup('industry-coding').scrollIntoViewIfNeeded();
    await supShot('panel-zh');

    // The form's picker, searched by words: 小吃 → 6291 小吃服务.
    await sup('industry-coding-code').click();
    await supPage.keyboard.type('小吃');
    await supPage.locator('[role="option"][data-code="6291"]').waitFor();
    await supPage.keyboard.press('Enter');
    await expect.poll(() => sup('industry-coding-code-name').textContent()).toBe('小吃服务');
    await sup('industry-coding-note').fill('以烧烤小吃为主，无正餐');
    await sup('industry-coding-save').click();
    await expect.poll(() => sup('industry-coding-current').textContent()).toContain('6291');
    await sup('industry-coding').scrollIntoViewIfNeeded();
    expect(await sup('review-unit-status').getAttribute('data-status')).toBe('submitted');
    expect(await sup('review-unit-page').getAttribute('data-status')).toBe('submitted');
    await supShot('coded-zh');

    // The trace: who, old → new, and the basis.
    await sup('tab-history').click();
    await sup('review-event-code').waitFor();
    const history = await supPage.locator('table').last().textContent();
    expect(history).toContain('审核编码行业代码');
    expect(history).toContain('按主要业务活动编码');
    await supShot('history-zh');

    // An out-of-scope code is refused beside the picker before anything is sent.
    await sup('tab-individual').click();
    await sup('industry-coding-code').click();
    await supPage.keyboard.type('0111');
    await supPage.keyboard.press('Enter');
    await expect.poll(() => sup('industry-coding-problem').textContent()).toContain('不在经济普查范围内');
    expect(await sup('industry-coding-save').isDisabled()).toBe(true);

    await sup('lang-en').click();
    await expect.poll(() => sup('industry-coding').locator('h2').textContent()).toBe('Industry coding');
    await sup('industry-coding-save').scrollIntoViewIfNeeded();
    await supShot('panel-en');
    await sup('lang-zh-CN').click();
    await sync(supervisor);
  });

  it('after sync the enumerator sees who coded the industry and why', async () => {
    await sync(enumerator);
    await enumPage.bringToFront();
    await enumPage.goto(`${enumerator.url}#/registration/unit/${codedId}`);
    await enu('unit-page').waitFor();
    await enu('tab-history').click();
    await enu('review-event-code').waitFor();
    const event = await enu('review-event-code').textContent();
    expect(event).toContain('编码行业代码');
    expect(event).toContain('6210 → 6291');
    expect(event).toContain('以烧烤小吃为主');
    await enuShot('enumerator-history-zh');
  });

  it('the enumerator marks a unit opened after the reference date as 非普查对象 beside its finding', async () => {
    await enumPage.goto(`${enumerator.url}#/registration/unit/${lateId}`);
    await enu('unit-page').waitFor();
    await enu('finding-RIND-OPENED-AFTER-REFERENCE').waitFor();
    await enu('mark-out-of-scope').waitFor();
    // Only beside that finding.
    expect(await enu('mark-out-of-scope').count()).toBe(1);
    await enuShot('finding-zh');
    await enu('mark-out-of-scope').click();
    await enu('out-of-scope-dialog').waitFor();
    await enu('out-of-scope-note').fill('营业执照登记于 2024年4月，已核对原件');
    await enuShot('dialog-zh');
    await enu('out-of-scope-confirm').click();
    await expect.poll(() => enu('unit-status').getAttribute('data-status')).toBe('out_of_scope');
    const reason = await enu('out-of-scope-reason-shown').textContent();
    expect(reason).toContain('成立于普查标准时点之后');
    expect(reason).toContain('已核对原件');
    expect(await enu('mark-out-of-scope').count()).toBe(0);
    await enuShot('marked-zh');

    await enu('lang-en').click();
    await expect.poll(() => enu('unit-status').textContent()).toBe('Not in census scope');
    await enuShot('marked-en');

    // Progress counts it on its own.
    await enu('nav-progress').click();
    await expect.poll(() => enu('progress-total-outOfScope').textContent()).toBe('1');
    expect(await enu('progress-total-notFound').textContent()).toBe('0');
    await enuShot('progress-en');
    await enu('lang-zh-CN').click();
    await expect.poll(() => enu('nav-progress').textContent()).toBe('进度');
    await enuShot('progress-zh');

    // It travels: the supervisor's laptop holds it as 非普查对象 with its reason.
    await sync(enumerator);
    await sync(supervisor);
    const there = await api(supervisor, 'units:get', { id: lateId });
    expect(there).toMatchObject({ status: 'out_of_scope' });
    expect(there.outOfScopeReason).toContain('已核对原件');
    expect(problems).toEqual([]);
    expect(supApp.problems).toEqual([]);
  });
});
