import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureRendererBuilt, startHarness, type Harness } from '../../electron/web/harness';
import { launchBrowser, type TestBrowser } from '../helpers/browser';
import { editItem } from '../sync/helpers';
import { PASSWORD, World, type Client } from '../sync/world';

// The sync page in Debian's chromium through the harness, against a bureau server started
// here: log in, sync, see the status, then a same-field edit on another laptop becomes a
// conflict the page shows.

let world: World;
let other: Client;
let dataDir: string;
let harness: Harness;
let browser: TestBrowser;
let page: Page;
const pageProblems: string[] = [];

async function api<T>(channel: string, input: unknown): Promise<T> {
  const res = await fetch(`${harness.origin}/api/ipc/${channel}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${harness.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ input }),
  });
  const body = (await res.json()) as { ok: boolean; value: T; error?: unknown };
  if (!body.ok) throw new Error(`${channel}: ${JSON.stringify(body.error)}`);
  return body.value;
}

beforeAll(async () => {
  ensureRendererBuilt();
  world = new World();
  await world.start();
  await world.user('enum01', 'enumerator', ['640502100001']);
  await world.user('enum02', 'enumerator', ['640502100001']);
  other = await world.client('other', 'enum02');
  dataDir = mkdtempSync(path.join(tmpdir(), 'census-e2e-sync-'));
  harness = await startHarness({ dataDir, key: randomBytes(32).toString('hex') });
  await api('settings:update', { userName: '马晓梅', deviceName: '沙坡头区-笔记本03', serverUrl: world.server.url });
  browser = await launchBrowser();
  page = browser.page;
  page.on('console', (m) => {
    if (m.type() === 'error') pageProblems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => pageProblems.push(`pageerror: ${e.message}`));
});

afterAll(async () => {
  await browser?.close();
  await harness?.close();
  await world?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const byTestId = (id: string) => page.getByTestId(id);
const textOf = (id: string) => byTestId(id).textContent();

describe('sync in the browser harness', () => {
  it('shows a wrong password in Chinese, then logs in and syncs', async () => {
    await page.goto(harness.url);
    await byTestId('nav-sync').click();
    await byTestId('sync-login-form').waitFor();
    expect(await textOf('sync-last')).toBe('从未同步');
    await byTestId('sync-login-username').fill('enum01');
    await byTestId('sync-login-password').fill('wrong-password');
    await byTestId('sync-login-submit').click();
    await expect.poll(() => textOf('sync-error')).toBe('用户名或密码不正确。');
    await browser.screenshot('sync-wrong-password-zh-CN');

    await byTestId('sync-login-password').fill(PASSWORD);
    await byTestId('sync-login-submit').click();
    await expect.poll(() => textOf('sync-account')).toBe('enum01');
    await expect.poll(() => textOf('sync-last')).not.toBe('从未同步');
    expect(await byTestId('sync-error').count()).toBe(0);
    expect(await textOf('sync-pending')).toBe('0');
    expect(await textOf('sync-scope')).toBe('640502100001');
    expect(await byTestId('sync-log-row').count()).toBeGreaterThan(0);
  });

  it('uploads a unit registered here and shows a conflict with another laptop', async () => {
    const created = await api<{ id: string; version: number; forms: Record<string, Record<string, unknown>> }>(
      'units:create',
      { areaCode: '640502100001001', kind: 'legal', name: '中卫市宏达商贸有限公司' },
    );
    await page.reload();
    await byTestId('sync-status').waitFor();
    await expect.poll(() => byTestId('sync-pending').getAttribute('data-count')).not.toBe('0');
    await byTestId('sync-now').click();
    await expect.poll(() => byTestId('sync-pending').getAttribute('data-count')).toBe('0');

    // The other laptop gets the unit, and both change the legal representative offline.
    await other.sync();
    editItem(other.core.db, created.id, '611', 'legalRep', '马建国');
    const unit = await api<{ version: number; forms: Record<string, Record<string, unknown>> }>('units:get', { id: created.id });
    const forms = { ...unit.forms, '611': { ...unit.forms['611'], legalRep: '王秀英' } };
    await api('units:save', { id: created.id, version: unit.version, forms, explanations: {} });
    await other.sync();

    await page.reload();
    await byTestId('sync-now').click();
    await expect.poll(() => byTestId('sync-conflicts').getAttribute('data-count')).toBe('1');
    expect(await textOf('sync-conflict-count')).toBe('1');
    // The item as the form names it, not its stored path.
    expect(await byTestId('sync-conflict-row').locator('td').nth(1).textContent()).toContain('法定代表人');
    // Both values are there, whichever won provisionally.
    const shown = `${await textOf('sync-conflict-kept')} ${await textOf('sync-conflict-other')}`;
    expect(shown).toContain('王秀英');
    expect(shown).toContain('马建国');
    expect(await textOf('sync-pending')).toBe('0');
    await browser.screenshot('sync-conflict-zh-CN');
  });

  it('raised no console errors or CSP violations', () => {
    expect(pageProblems).toEqual([]);
  });
});
