import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@db/open';
import { defaultDivisionDataDir, loadRegionFromData } from '@main/divisions/queries';
import { storePack } from '@main/forms/packs';
import { ensureRendererBuilt, startHarness, type Harness } from '../../electron/web/harness';
import { launchBrowser, type TestBrowser } from '../helpers/browser';
import { callChannel, collectProblems } from '../helpers/e2e-app';
import { editItem, itemsOf, nextPack } from '../forms-packs/fixtures';

// Computed (carried) items and a multi-choice item on the enumerator's form, 1366×768, both
// languages: under a pack whose 611 carries 从业人员 from 611-2 and 营业收入 from 611-3, and
// computes 单位规模, the 611 shows them read-only with where they come from, updated as 611-2 is
// typed; 零售业态 is a checkbox list that stops at its maximum. Screenshots:
// test-results/screenshots/computed-items-*.png.

const AREA = '640502100002001';
let dataDir = '';
let harness: Harness;
let browser: TestBrowser;
const problems: string[] = [];
let unitId = '';

// The built-in pack carries 611's figures and computes 单位规模 itself; this version only lowers
// 零售业态's maximum to two, so the test stops at the limit after two ticks.
const pack = nextPack('2023.9', (p) => {
  const retail = editItem(p, '611', 'retailFormat');
  expect(retail.type).toBe('codes');
  retail.maxChoices = 2;
  expect(itemsOf(p, '611').find((i) => i.code === 'unitScale')?.compute).toBeDefined();
});

const by = (id: string) => browser.page.getByTestId(id);
const shot = async (name: string) => {
  await browser.page.waitForTimeout(250);
  await browser.screenshot(`computed-items-${name}`);
};

beforeAll(async () => {
  ensureRendererBuilt();
  dataDir = mkdtempSync(path.join(tmpdir(), 'census-e2e-computed-'));
  const key = randomBytes(32).toString('hex');
  // The store is created by a first start; the pack is put in force before the app that is used starts.
  const first = await startHarness({ dataDir, key });
  await first.close();
  const store = openDatabase(path.join(dataDir, path.basename(first.dbPath)), { key });
  loadRegionFromData(store.db, defaultDivisionDataDir(), '640502');
  const stored = storePack(store.db, pack, { activate: true, at: new Date('2026-12-01T00:00:00Z') });
  store.sqlite.close();
  expect(stored).toMatchObject({ ok: true });
  harness = await startHarness({ dataDir, key });
  browser = await launchBrowser();
  collectProblems(browser.page, problems);
  await browser.page.setViewportSize({ width: 1366, height: 768 });
  await callChannel(harness, 'settings:update', { userName: '马晓梅', deviceName: '沙坡头区-笔记本03', regionCode: '640502' });
  const unit = await callChannel(harness, 'units:create', { areaCode: AREA, kind: 'legal', name: '中卫市惠民超市有限公司' });
  unitId = unit.id;
  await callChannel(harness, 'units:save', {
    id: unit.id,
    version: unit.version,
    forms: { '611': { ...unit.forms['611'], industryCode: '5212', institutionType: '10', accountingStandard: '1', employees: 7 }, '611-3': { revenue: 6000 } },
    explanations: {},
  });
  await browser.page.goto(harness.url);
});

afterAll(async () => {
  await browser?.close();
  await harness?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('computed and multi-choice items on the form', () => {
  it('shows carried figures read-only with their source, and recomputes them as 611-2 is typed', async () => {
    await browser.page.goto(`${harness.origin}/#/registration/unit/${unitId}`);
    await by('unit-page').waitFor();
    // Revenue is carried from 611-3; staff were typed before the item was computed and stay until 611-2 has them.
    await expect.poll(() => by('item-611-revenue').textContent()).toContain('6,000');
    expect(await by('item-611-revenue-computed').textContent()).toBe('由611-3表自动带入');
    expect(await by('item-611-employees').textContent()).toBe('7');
    expect(await browser.page.locator('input[data-testid="item-611-employees"]').count()).toBe(0);
    await by('tab-611-2').click();
    const staff = by('item-611-2-employees');
    await staff.fill('60');
    await by('tab-611').click();
    await expect.poll(() => by('item-611-employees').textContent()).toBe('60');
    // 零售业: 60 persons and 6000 千元 (600万) → 中型.
    await expect.poll(() => by('item-611-unitScale').textContent()).toBe('2 中型');
    await by('item-611-employees').scrollIntoViewIfNeeded();
    await shot('carried-zh');
    await by('lang-en').click();
    await expect.poll(() => by('item-611-employees-computed').textContent()).toBe('Carried from table 611-2');
    await expect.poll(() => by('item-611-unitScale').textContent()).toBe('2 Medium');
    await shot('carried-en');
    await by('lang-zh-CN').click();
  });

  it('offers the retail formats as checkboxes and stops at the maximum', async () => {
    const first = by('item-611-retailFormat-1010');
    await first.scrollIntoViewIfNeeded();
    await first.check();
    const options = browser.page.locator('input[data-testid^="item-611-retailFormat-"]');
    const count = await options.count();
    expect(count).toBeGreaterThan(3);
    await options.nth(1).check();
    // Two chosen: the rest are disabled.
    expect(await options.nth(2).isDisabled()).toBe(true);
    await shot('retail-zh');
    await by('lang-en').click();
    await expect.poll(() => by('item-611-retailFormat').textContent()).toContain('Choose at most 2');
    await shot('retail-en');
    await by('lang-zh-CN').click();
  });

  it('stores what it showed', async () => {
    // Autosave after a second without typing.
    await expect.poll(async () => (await callChannel(harness, 'units:get', { id: unitId })).forms['611']?.retailFormat, { timeout: 5_000 }).toBeTruthy();
    const detail = await callChannel(harness, 'units:get', { id: unitId });
    expect(detail.forms['611']).toMatchObject({ employees: 60, revenue: 6000, unitScale: '2' });
    expect(String(detail.forms['611']?.retailFormat).split(',')).toHaveLength(2);
    expect(problems).toEqual([]);
  });
});
