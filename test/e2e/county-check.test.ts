import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../../electron/web/harness';
import { addUser, assign } from '@server/admin/users';
import { startServer, type RunningServer } from '@server/index';
import { callChannel as api, openE2eApp, openE2eLaptop, type E2eApp, type E2eLaptop } from '../helpers/e2e-app';

// The bureau's county-wide 查重 across 普查区, in Debian's chromium: two enumerators' laptops,
// each holding only its own 普查区 of one bureau server, register a unit with the same USCC and
// sync; each laptop then shows, on the unit and in the list, the other 普查区's unit from the
// server's check of the whole county. 1366×768, zh-CN and English.

const PASSWORD = 'census-pass-2024';
const DISTRICT_A = '640502100001';
const DISTRICT_B = '640502100002';
const USCC = '91350100M000100Y43';

let server: RunningServer;
let serverDir: string;
let app: E2eApp;
let other: E2eLaptop;
let page: Page;
let unitId = '';

async function sync(h: Harness): Promise<void> {
  const status = await api(h, 'sync:now', undefined);
  if (status.lastError) throw new Error(`sync: ${status.lastError.code} ${status.lastError.detail}`);
}

beforeAll(async () => {
  serverDir = mkdtempSync(path.join(tmpdir(), 'census-e2e-county-server-'));
  server = await startServer({ dataDir: serverDir, port: 0, log: () => undefined });
  await addUser(server.store, { username: 'enum-a', name: '马晓梅', role: 'enumerator', password: PASSWORD });
  await assign(server.store, 'enum-a', [DISTRICT_A]);
  await addUser(server.store, { username: 'enum-b', name: '李建军', role: 'enumerator', password: PASSWORD });
  await assign(server.store, 'enum-b', [DISTRICT_B]);

  // Laptop B: the other 普查区, registers its unit first and syncs.
  other = await openE2eLaptop('census-e2e-county-b-');
  await api(other.harness, 'settings:update', { userName: '李建军', deviceName: '滨河镇-笔记本07', serverUrl: server.url });
  await api(other.harness, 'units:create', { areaCode: `${DISTRICT_B}003`, kind: 'legal', name: '中卫市好邻居商贸有限公司', uscc: USCC });
  await api(other.harness, 'sync:login', { username: 'enum-b', password: PASSWORD });
  await sync(other.harness);

  // Laptop A, with the browser.
  app = await openE2eApp('census-e2e-county-a-');
  page = app.page;
  await page.setViewportSize({ width: 1366, height: 768 });
  await api(app.harness, 'settings:update', { userName: '马晓梅', deviceName: '滨河镇-笔记本03', serverUrl: server.url });
  const created = await api(app.harness, 'units:create', { areaCode: `${DISTRICT_A}001`, kind: 'legal', name: '中卫市好邻居超市有限公司', uscc: USCC });
  unitId = created.id;
  await api(app.harness, 'units:create', { areaCode: `${DISTRICT_A}001`, kind: 'legal', name: '中卫市宏达建材有限公司', uscc: '91640502MA76X1234K' });
});

afterAll(async () => {
  await app?.close();
  await other?.close();
  await server?.close();
  if (serverDir) rmSync(serverDir, { recursive: true, force: true });
});

const byTestId = (id: string) => page.getByTestId(id);

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: path.join('test-results', 'screenshots', `${name}.png`), fullPage: true });
}

describe('county-wide duplicate check across 普查区', () => {
  it('shows nothing before the laptop has synced: its own 普查区 holds no duplicate', async () => {
    expect((await api(app.harness, 'units:list', {})).rows.map((r) => r.hasCountyFinding)).toEqual([false, false]);
    await page.goto(`${app.harness.url}#/registration/unit/${unitId}`);
    await byTestId('unit-name').waitFor();
    expect(await byTestId('county-notice').count()).toBe(0);
    expect(await byTestId('unit-duplicate').count()).toBe(0);
  });

  it('after a sync, shows the other 普查区 unit from the bureau check of the whole county (zh-CN)', async () => {
    await api(app.harness, 'sync:login', { username: 'enum-a', password: PASSWORD });
    await sync(app.harness);
    await page.reload();
    await byTestId('county-notice').waitFor();
    const line = byTestId('county-finding-duplicate');
    expect(await line.count()).toBe(1);
    const text = (await line.textContent()) ?? '';
    expect(text).toContain('中卫市好邻居商贸有限公司');
    expect(text).toContain(`普查区 ${DISTRICT_B}`);
    expect(text).toContain(USCC);
    expect(await byTestId('county-notice-source').textContent()).toMatch(/^区统计局服务器对全县单位的核查，截至 \d{4}/);
    await shot('county-check-unit-zh-CN');

    await page.goto(`${app.harness.url}#/registration`);
    await byTestId(`county-mark-${unitId}`).waitFor();
    expect(await byTestId(`county-mark-${unitId}`).textContent()).toBe('全县查重');
    // The unit with a USCC of its own is not marked.
    const others = (await api(app.harness, 'units:list', {})).rows.filter((r) => r.id !== unitId);
    expect(others.map((r) => r.hasCountyFinding)).toEqual([false]);
    await shot('county-check-list-zh-CN');
  });

  it('reads the same in English', async () => {
    // The language is a stored setting: the page reads it when it loads.
    await api(app.harness, 'settings:update', { language: 'en' });
    await page.goto(`${app.harness.url}#/registration/unit/${unitId}`);
    await page.reload();
    await byTestId('county-notice').waitFor();
    expect(await byTestId('county-notice-source').textContent()).toMatch(/^The bureau server's check of every unit in the county, as of /);
    expect(await byTestId('county-finding-duplicate').textContent()).toContain(`census district ${DISTRICT_B}`);
    await shot('county-check-unit-en');
    await page.goto(`${app.harness.url}#/registration`);
    await expect.poll(() => byTestId(`county-mark-${unitId}`).textContent()).toBe('County check');
    await shot('county-check-list-en');
    await api(app.harness, 'settings:update', { language: 'zh-CN' });
    await page.reload();
  });

  it('the other laptop learns of it at its next sync, and the finding goes once the code is corrected', async () => {
    await sync(other.harness);
    const row = (await api(other.harness, 'units:list', {})).rows[0];
    expect(row?.hasCountyFinding).toBe(true);
    const detail = await api(other.harness, 'units:get', { id: row?.id ?? '' });
    expect(detail.county?.findings.map((f) => [f.kind, f.other?.name, f.other?.areaCode])).toEqual([['duplicate', '中卫市好邻居超市有限公司', `${DISTRICT_A}001`]]);

    // Laptop A corrects its unit's code: the notice goes at once, offline.
    const unit = await api(app.harness, 'units:get', { id: unitId });
    await api(app.harness, 'units:save', {
      id: unitId,
      version: unit.version,
      forms: { ...unit.forms, '611': { ...unit.forms['611'], uscc: '91640502MA76X0000A' } },
      explanations: {},
    });
    await page.goto(`${app.harness.url}#/registration/unit/${unitId}`);
    await byTestId('unit-name').waitFor();
    expect(await byTestId('county-notice').count()).toBe(0);
    // And laptop B's finding goes at its next sync after A's.
    await sync(app.harness);
    await sync(other.harness);
    expect((await api(other.harness, 'units:get', { id: row?.id ?? '' })).county).toBeNull();
  });

});

describe('法人 ↔ 产业活动单位 links over the county', () => {
  const LEGAL_USCC = '91640502MA76X1234K';

  /** An establishment on laptop B, its 611 naming its parent's USCC. */
  async function establishment(name: string, uscc: string, parentUscc: string): Promise<string> {
    const created = await api(other.harness, 'units:create', { areaCode: `${DISTRICT_B}003`, kind: 'establishment', name, uscc });
    await api(other.harness, 'units:save', {
      id: created.id,
      version: created.version,
      forms: { ...created.forms, '611': { ...created.forms['611'], parentUscc } },
      explanations: {},
    });
    return created.id;
  }

  it('names on the 法人 the establishments registered elsewhere that its 611-1 does not list, and the 法人 registered again', async () => {
    await establishment('中卫市宏达建材有限公司城南门市部', '91640502MA76X2222B', LEGAL_USCC);
    await establishment('中卫市宏达建材有限公司', LEGAL_USCC, LEGAL_USCC);
    await sync(other.harness);
    await sync(app.harness);
    const legal = (await api(app.harness, 'units:list', { query: '宏达建材' })).rows[0];
    await page.goto(`${app.harness.url}#/registration/unit/${legal?.id ?? ''}`);
    await byTestId('county-notice').waitFor();
    const kinds = await page.locator('[data-testid^="county-finding-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(kinds).toEqual(['county-finding-legal_as_establishment', 'county-finding-unlisted_establishment', 'county-finding-unlisted_establishment']);
    await expect.poll(() => byTestId('county-finding-legal_as_establishment').textContent()).toContain('又登记为产业活动单位“中卫市宏达建材有限公司”');
    expect(await byTestId('county-notice').textContent()).toContain('“中卫市宏达建材有限公司城南门市部”填报的归属法人是本单位，但本单位 611-1 表未列出它');
    await shot('county-check-links-legal-zh-CN');
    await api(app.harness, 'settings:update', { language: 'en' });
    await page.reload();
    await expect.poll(() => byTestId('county-notice').textContent()).toContain("names this unit as its parent, but this unit's 611-1 does not list it");
    await shot('county-check-links-legal-en');
    await api(app.harness, 'settings:update', { language: 'zh-CN' });
    await page.reload();
  });

  it('tells an establishment whose parent is nowhere in the county (laptop B, its own browser tab)', async () => {
    const orphan = await establishment('沙坡头区某某门店', '91640502MA76X3333C', '91640502MA76X9999D');
    await sync(other.harness);
    const tab = await app.browser.context.newPage();
    try {
      await tab.setViewportSize({ width: 1366, height: 768 });
      await tab.goto(`${other.harness.url}#/registration/unit/${orphan}`);
      await tab.getByTestId('county-finding-parent_missing').waitFor();
      expect(await tab.getByTestId('county-finding-parent_missing').textContent()).toContain('归属法人统一社会信用代码 91640502MA76X9999D 在全县没有对应的法人单位');
      await tab.screenshot({ path: path.join('test-results', 'screenshots', 'county-check-parent-missing-zh-CN.png'), fullPage: true });
      // The 法人 registered again shows on this side too, as already a 法人 elsewhere.
      const again = (await api(other.harness, 'units:list', { query: '中卫市宏达建材有限公司' })).rows.find((r) => r.uscc === LEGAL_USCC);
      await tab.goto(`${other.harness.url}#/registration/unit/${again?.id ?? ''}`);
      await tab.getByTestId('county-finding-legal_as_establishment').waitFor();
      expect(await tab.getByTestId('county-finding-legal_as_establishment').textContent()).toContain(`已在普查区 ${DISTRICT_A}`);
      await api(other.harness, 'settings:update', { language: 'en' });
      await tab.reload();
      await expect.poll(() => tab.getByTestId('county-finding-legal_as_establishment').textContent()).toContain('is registered in census district');
      await tab.screenshot({ path: path.join('test-results', 'screenshots', 'county-check-again-as-establishment-en.png'), fullPage: true });
    } finally {
      await tab.close();
    }
  });

  it('had no console or page errors', () => {
    expect(app.problems).toEqual([]);
  });
});
