import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useE2eApp } from '../helpers/e2e-app';
import { PASSWORD, World } from '../sync/world';

// A laptop whose clock runs three days ahead of the bureau server's, as the user sees it: the
// unit registered offline before the first sync was stamped by that clock and is refused with
// a reason the sync page explains in the user's language; once the skew is measured, the next
// unit is stamped by the server's time and goes up.

const DAY = 24 * 60 * 60 * 1000;
const app = useE2eApp('census-e2e-sync-clock-', { region: null });
let world: World;

beforeAll(async () => {
  world = new World({ now: () => Date.now() - 3 * DAY });
  await world.start();
  await world.user('enum01', 'enumerator', ['640502100001']);
  await app.api('settings:update', { userName: '马晓梅', deviceName: '沙坡头区-笔记本03', serverUrl: world.server.url });
  await app.page.setViewportSize({ width: 1366, height: 768 });
});

afterAll(async () => {
  await world?.close();
});

const byTestId = (id: string) => app.page.getByTestId(id);
const textOf = (id: string) => byTestId(id).textContent();

describe('a laptop clock days ahead of the server', () => {
  it('shows the refused change with its reason, and later changes go up', async () => {
    await app.api('units:create', { areaCode: '640502100001001', kind: 'legal', name: '中卫市宏达商贸有限公司' });
    await app.page.goto(app.harness.url);
    await byTestId('nav-sync').click();
    await byTestId('sync-login-username').fill('enum01');
    await byTestId('sync-login-password').fill(PASSWORD);
    await byTestId('sync-login-submit').click();
    await expect.poll(() => textOf('sync-account')).toBe('enum01');
    await byTestId('sync-now').click();
    await expect.poll(() => byTestId('sync-rejected').getAttribute('data-count')).toBe('1');
    const row = byTestId('sync-rejected-row');
    expect(await row.getAttribute('data-code')).toBe('CLOCK_AHEAD');
    expect(await row.textContent()).toContain('修改时本机时钟快了一天以上');
    await expect.poll(() => byTestId('sync-clock-skew').count()).toBe(1);
    await byTestId('sync-rejected').scrollIntoViewIfNeeded();
    await app.browser.screenshot('sync-clock-ahead-zh-CN');

    // Stamped by the corrected time from here on: the next unit is accepted.
    await app.api('units:create', { areaCode: '640502100001001', kind: 'legal', name: '中卫市黄河建材经营部' });
    await app.page.reload();
    await byTestId('sync-now').click();
    await expect.poll(() => byTestId('sync-pending').getAttribute('data-count')).toBe('0');
    expect(await byTestId('sync-rejected').getAttribute('data-count')).toBe('1');
    const onServer = await world.server.store.entityStates('unit', { isAll: true });
    expect(onServer.map((u) => u.fields.name ?? (u.fields.$create as { fields?: { name?: string } }).fields?.name)).toEqual(['中卫市黄河建材经营部']);

    await byTestId('lang-en').click();
    await expect.poll(() => byTestId('sync-rejected-row').textContent()).toContain('Laptop clock was over a day ahead');
    await byTestId('sync-rejected').scrollIntoViewIfNeeded();
    await app.browser.screenshot('sync-clock-ahead-en');
    await byTestId('lang-zh-CN').click();
  });

  it('raised no console errors or CSP violations', () => {
    expect(app.problems).toEqual([]);
  });
});
