import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../../electron/web/harness';
import { addUser, assign } from '@server/admin/users';
import { startServer, type RunningServer } from '@server/index';
import { sealPack } from '@shared/node/pack-hash';
import { builtinPack } from '@shared/packs/builtin';
import type { FormPack } from '@shared/packs/types';
import { callChannel as api, collectProblems, openE2eApp, openE2eLaptop, type E2eApp } from '../helpers/e2e-app';

// The bureau corrects the forms without a new app, in Debian's chromium through two harnesses
// against a bureau server started here: the bureau picks a new version of the form pack (one
// item renamed, a code added to a list) on its settings page, reads what it changes and publishes
// it; the enumerator's laptop syncs, is told the forms were updated, opens a draft, sees the new
// label and picks the new code; a value of an item the new version dropped is kept and shown
// apart. 1366×768, both languages.

const PASSWORD = 'census-pass-2024';
const DISTRICT = '640502100002';
const SUB = `${DISTRICT}001`;
const NEW_LABEL = '经营者（负责人）姓名';

let server: RunningServer;
let serverDir: string;
const dirs: string[] = [];
let bureauApp: E2eApp;
let bureau: Harness;
let enumerator: Harness;
let bureauPage: Page;
let enumPage: Page;
let problems: string[] = [];
let packFile = '';

/** The built-in pack, version 2023.3: 经营者姓名 renamed, 运营状态 gains 8 季节性停业, and the
 * individual form's 营业面积 dropped (a value typed under 2023.1 stays, listed apart). */
function correctedPack(): FormPack {
  const doc = structuredClone(builtinPack().body) as FormPack;
  const individual = doc.forms.find((f) => f.id === 'individual');
  const item = individual?.sections.flatMap((s) => s.items).find((i) => i.code === 'operatorName');
  if (!item) throw new Error('no operatorName');
  (item as { labelZh: string }).labelZh = NEW_LABEL;
  (item as { labelEn: string }).labelEn = 'Operator (person in charge)';
  for (const section of individual?.sections ?? []) {
    (section as unknown as { items: unknown[] }).items = section.items.filter((i) => i.code !== 'businessArea');
  }
  const status = doc.codeLists.find((l) => l.id === 'operatingStatus');
  if (!status) throw new Error('no operatingStatus');
  (status.entries as unknown as object[]).push({ code: '8', zh: '季节性停业', en: 'Closed for the season', initials: 'jjxty' });
  return sealPack({
    ...doc,
    version: '2023.3',
    date: '2026-12-06',
    notesZh: '据省普查办补充通知：经营者姓名改为经营者（负责人）姓名；运营状态增加 8 季节性停业',
    notesEn: 'Provincial supplementary notice: operator name reworded; operating status gains 8 closed for the season',
  });
}

async function sync(h: Harness): Promise<void> {
  const status = await api(h, 'sync:now', undefined);
  if (status.lastError) throw new Error(`sync: ${status.lastError.code} ${status.lastError.detail}`);
}

async function unitNamed(h: Harness, name: string) {
  const row = (await api(h, 'units:list', { query: name })).rows.find((r) => r.name === name);
  if (!row) throw new Error(`no unit ${name}`);
  return row;
}

beforeAll(async () => {
  serverDir = mkdtempSync(path.join(tmpdir(), 'census-e2e-packs-server-'));
  server = await startServer({ dataDir: serverDir, port: 0, log: () => undefined });
  await addUser(server.store, { username: 'enum01', name: '马晓梅', role: 'enumerator', password: PASSWORD });
  await assign(server.store, 'enum01', [DISTRICT]);
  await addUser(server.store, { username: 'bureau01', name: '周立新', role: 'admin', password: PASSWORD });

  const laptop = await openE2eLaptop('census-e2e-packs-enum-', { region: null });
  dirs.push(laptop.dataDir);
  enumerator = laptop.harness;
  await api(enumerator, 'settings:update', { userName: '马晓梅', deviceName: '滨河镇-笔记本03', serverUrl: server.url, regionCode: '640502' });
  // Two units under the built-in forms: a draft, and one submitted.
  const draft = await api(enumerator, 'units:create', { areaCode: SUB, kind: 'individual', name: '文昌街水果摊' });
  await api(enumerator, 'units:save', {
    id: draft.id,
    version: draft.version,
    forms: { individual: { areaCode: SUB, name: '文昌街水果摊', operatorName: '李娜', businessArea: 30 } },
    explanations: {},
  });
  await api(enumerator, 'sync:login', { username: 'enum01', password: PASSWORD });
  await sync(enumerator);

  bureauApp = await openE2eApp('census-e2e-packs-bureau-', { region: null });
  ({ harness: bureau, page: bureauPage } = bureauApp);
  problems = bureauApp.problems;
  dirs.push(bureauApp.dataDir);
  await api(bureau, 'settings:update', { userName: '周立新', deviceName: '区统计局-01', serverUrl: server.url });
  await api(bureau, 'sync:login', { username: 'bureau01', password: PASSWORD });
  await bureauPage.setViewportSize({ width: 1366, height: 768 });

  const dir = mkdtempSync(path.join(tmpdir(), 'census-e2e-packs-file-'));
  dirs.push(dir);
  packFile = path.join(dir, 'wjp5-2023.3.json');
  writeFileSync(packFile, JSON.stringify(correctedPack(), null, 1));

  enumPage = await bureauApp.browser.context.newPage();
  await enumPage.setViewportSize({ width: 1366, height: 768 });
  collectProblems(enumPage, problems);
});

afterAll(async () => {
  await bureauApp?.close();
  await server?.close();
  for (const d of [...dirs, serverDir]) if (d) rmSync(d, { recursive: true, force: true });
});

const bur = (id: string) => bureauPage.getByTestId(id);
const enu = (id: string) => enumPage.getByTestId(id);

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join('test-results', 'screenshots', `${name}.png`), fullPage: true });
}

describe('the bureau publishes corrected forms; a laptop takes them by sync', () => {
  it('the bureau previews the new version: what it changes against the forms in force', async () => {
    await bureauPage.goto(`${bureau.url}#/settings`);
    await bur('form-packs').scrollIntoViewIfNeeded();
    await bur('pack-file').setInputFiles(packFile);
    await expect.poll(() => bur('pack-preview').getAttribute('data-can-publish')).toBe('true');
    const changes = (await bur('pack-preview-changes').textContent()) ?? '';
    expect(changes).toContain(NEW_LABEL);
    expect(changes).toContain('季节性停业');
    await bur('pack-preview').scrollIntoViewIfNeeded();
    await shot(bureauPage, 'form-packs-preview-zh-CN');
  });

  it('publishes it; the server now hands it out', async () => {
    await bur('pack-publish-button').click();
    await expect.poll(() => bur('pack-published').textContent()).toContain('wjp5-2023@2023.3');
    await shot(bureauPage, 'form-packs-published-zh-CN');
  });

  it('the enumerator syncs, is told what changed, and the draft moves to the new version', async () => {
    await sync(enumerator);
    await enumPage.goto(enumerator.url);
    await enu('pack-updated').waitFor();
    expect(await enu('pack-updated').textContent()).toContain('wjp5-2023@2023.3');
    await shot(enumPage, 'form-packs-notice-zh-CN');
    await enu('pack-notice-dismiss').click();
    await expect.poll(() => api(enumerator, 'forms:notice', undefined)).toBeNull();
    await enu('pack-updated').waitFor({ state: 'detached' });

    const row = await unitNamed(enumerator, '文昌街水果摊');
    await enumPage.goto(`${enumerator.url}#/registration/unit/${row.id}`);
    await enu('unit-page').waitFor();
    // The new label, and the answer typed under the old version is still there.
    await expect.poll(() => enumPage.locator('label[for="item-individual-operatorName"]').textContent()).toContain(NEW_LABEL);
    expect(await enu('item-individual-operatorName').inputValue()).toBe('李娜');
    const detail = await api(enumerator, 'units:get', { id: row.id });
    expect(detail.formPack).toBe('wjp5-2023@2023.3');
    // 营业面积 is not in 2023.3: its value is kept and shown apart, under its old name.
    await enu('not-in-pack').waitFor();
    expect(await enu('not-in-pack').textContent()).toContain('营业面积');
    expect(detail.forms.individual?.businessArea).toBe(30);
    await enu('not-in-pack').scrollIntoViewIfNeeded();
    await shot(enumPage, 'form-packs-kept-value-zh-CN');
  });

  it('picks the new code from the list', async () => {
    const input = enu('item-individual-operatingStatus');
    await input.click();
    await input.fill('jjx');
    await enumPage.locator('[role="option"][data-code="8"]').waitFor();
    await shot(enumPage, 'form-packs-new-code-zh-CN');
    await enumPage.locator('[role="option"][data-code="8"]').dispatchEvent('mousedown');
    await expect.poll(() => enu('item-individual-operatingStatus-name').textContent()).toBe('季节性停业');
    // Saved with the new code: no code-list finding on it.
    await expect.poll(async () => {
      const row = await unitNamed(enumerator, '文昌街水果摊');
      const detail = await api(enumerator, 'units:get', { id: row.id });
      return detail.forms.individual?.operatingStatus ?? null;
    }).toBe('8');
    const row = await unitNamed(enumerator, '文昌街水果摊');
    const detail = await api(enumerator, 'units:get', { id: row.id });
    expect(detail.findingList.filter((f) => f.item === 'operatingStatus').map((f) => f.ruleId)).toEqual([]);
  });

  it('reads the same in English', async () => {
    await api(enumerator, 'settings:update', { language: 'en' });
    await enumPage.reload();
    await expect.poll(() => enumPage.locator('label[for="item-individual-operatorName"]').textContent()).toContain('Operator (person in charge)');
    await expect.poll(() => enu('item-individual-operatingStatus-name').textContent()).toBe('Closed for the season');
    await shot(enumPage, 'form-packs-unit-en');
    await api(bureau, 'settings:update', { language: 'en' });
    await bureauPage.reload();
    await bur('form-packs').scrollIntoViewIfNeeded();
    await expect.poll(async () => bur('form-packs-table').textContent()).toContain('In force');
    await shot(bureauPage, 'form-packs-settings-en');
    await api(enumerator, 'settings:update', { language: 'zh-CN' });
    await api(bureau, 'settings:update', { language: 'zh-CN' });
  });

  it('had no console or page errors', () => {
    expect(problems).toEqual([]);
  });
});
