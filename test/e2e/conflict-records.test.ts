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
import { usccOfSerial } from '../helpers/uscc';

// Two township staff enter the same month of a factory's 用电量 without seeing each other: at
// 1366×768 the conflict reads as what it is — the enterprise by name, "台账 2024年3月 · 用电量
// （万千瓦时）", both figures in 万千瓦时 — never as 'ledger.2024-03.electricity' and 12345; a
// third figure is typed in the form's unit, refused with more decimals than the form has, and
// reaches the other laptop. Screenshots: test-results/screenshots/conflict-records-*.png.

const PASSWORD = 'census-pass-2024';
const TOWNSHIP = '640502100';
const VILLAGE = '640502100201';

let server: RunningServer;
let serverDir: string;
let other: { harness: Harness; close(): Promise<void> };
let app: E2eApp;
let here: Harness;
let browser: TestBrowser;
let page: Page;
let enterpriseId = '';

async function sync(h: Harness): Promise<void> {
  const status = await api(h, 'sync:now', undefined);
  if (status.lastError) throw new Error(`sync: ${status.lastError.code} ${status.lastError.detail}`);
}

beforeAll(async () => {
  serverDir = mkdtempSync(path.join(tmpdir(), 'census-e2e-crec-server-'));
  server = await startServer({ dataDir: serverDir, port: 0, log: () => undefined });
  await addUser(server.store, { username: 'town01', name: '王敏', role: 'township', password: PASSWORD });
  await addUser(server.store, { username: 'town02', name: '李娜', role: 'township', password: PASSWORD });
  for (const u of ['town01', 'town02']) await assign(server.store, u, [TOWNSHIP]);

  other = await openE2eLaptop('census-e2e-crec-a-');
  await api(other.harness, 'settings:update', { userName: '王敏', deviceName: '滨河镇-统计站01', serverUrl: server.url, regionCode: '640502' });
  await api(other.harness, 'sync:login', { username: 'town01', password: PASSWORD });

  app = await openE2eApp('census-e2e-crec-b-');
  ({ harness: here, browser, page } = app);
  await page.setViewportSize({ width: 1366, height: 768 });
  await api(here, 'settings:update', { userName: '李娜', deviceName: '滨河镇-统计站02', serverUrl: server.url, regionCode: '640502' });
  await api(here, 'sync:login', { username: 'town02', password: PASSWORD });

  const e = await api(other.harness, 'enterprises:save', { fields: { uscc: usccOfSerial('7701'), name: '滨河镇宏远面粉厂', divisionCode: VILLAGE, industryCode: '1311' } });
  enterpriseId = e.id;
  await sync(other.harness);
  await sync(here);
  await api(other.harness, 'ledger:saveCells', { enterpriseId, year: 2024, cells: [{ month: 3, indicator: 'electricity', from: null, to: 12_345 }] });
  await api(here, 'ledger:saveCells', { enterpriseId, year: 2024, cells: [{ month: 3, indicator: 'electricity', from: null, to: 20_000 }] });
  await sync(other.harness);
  await sync(here);
});

afterAll(async () => {
  await app?.close();
  await other?.close();
  await server?.close();
  if (serverDir) rmSync(serverDir, { recursive: true, force: true });
});

const by = (id: string) => page.getByTestId(id);
const shot = async (name: string) => {
  await page.waitForTimeout(300);
  await browser.screenshot(`conflict-records-${name}`);
};

describe('a race on a ledger figure', () => {
  it('reads as the enterprise’s figure in its unit, and is settled with a figure typed in that unit', async () => {
    await page.goto(here.url);
    await by('nav-review').click();
    await by('review-section-conflicts').click();
    const card = page.locator('[data-testid^="conflict-"][data-field="ledger.2024-03.electricity"]');
    await card.waitFor();
    const text = (await card.textContent()) ?? '';
    expect(text).toContain('滨河镇宏远面粉厂');
    expect(await card.getByTestId('conflict-kind').textContent()).toBe('企业');
    expect(await card.getByTestId('conflict-field').textContent()).toBe('台账 2024年3月 · 用电量（万千瓦时）');
    expect(text).toContain('1.2345 万千瓦时');
    expect(text).toContain('2.0000 万千瓦时');
    expect(text).not.toContain('ledger.');
    expect(await card.locator('a').getAttribute('href')).toContain(enterpriseId);

    await card.getByTestId('conflict-other').click();
    await card.getByTestId('conflict-other-input').fill('1.23456');
    await expect.poll(() => card.getByTestId('conflict-other-problems').textContent()).toContain('最多 4 位小数');
    expect(await card.getByTestId('conflict-other-save').isDisabled()).toBe(true);
    await shot('typed-refused-zh');
    await card.getByTestId('conflict-other-input').fill('1.5');
    await expect.poll(() => card.getByTestId('conflict-other-problems').count()).toBe(0);
    await card.getByTestId('conflict-other-save').click();
    await expect.poll(() => card.getByTestId('conflict-pending').textContent()).toContain('1.5000 万千瓦时');
    await shot('resolved-zh');
    await by('lang-en').click();
    await expect.poll(() => card.getByTestId('conflict-field').textContent()).toBe('Ledger 2024-3 · Electricity used (×10,000 kWh)');
    await shot('resolved-en');
    await by('lang-zh-CN').click();

    // The sync page names it the same way.
    await by('nav-sync').click();
    const row = by('sync-conflict-row').filter({ hasText: '滨河镇宏远面粉厂' });
    await row.waitFor();
    expect(await row.textContent()).toContain('台账 2024年3月 · 用电量');
    expect(await row.textContent()).not.toContain('ledger.');
    await shot('sync-page-zh');

    // The figure typed here is what both laptops keep.
    await sync(here);
    await sync(other.harness);
    for (const h of [here, other.harness]) {
      expect((await api(h, 'ledger:getYear', { enterpriseId, year: 2024 })).months[2]?.electricity).toBe(15_000);
    }
  });
});
