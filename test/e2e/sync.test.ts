import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useE2eApp } from '../helpers/e2e-app';
import { editItem } from '../sync/helpers';
import { PASSWORD, World, type Client } from '../sync/world';

// The sync page in Debian's chromium through the harness, against a bureau server started
// here: log in, sync, see the status, then a same-field edit on another laptop becomes a
// conflict the page shows.

const app = useE2eApp('census-e2e-sync-', { region: null });
let world: World;
let other: Client;

beforeAll(async () => {
  world = new World();
  await world.start();
  await world.user('enum01', 'enumerator', ['640502100001']);
  await world.user('enum02', 'enumerator', ['640502100001']);
  other = await world.client('other', 'enum02');
  await app.api('settings:update', { userName: '马晓梅', deviceName: '沙坡头区-笔记本03', serverUrl: world.server.url });
});

afterAll(async () => {
  await world?.close();
});

const byTestId = (id: string) => app.page.getByTestId(id);
const textOf = (id: string) => byTestId(id).textContent();

describe('sync in the browser harness', () => {
  it('shows a wrong password in Chinese, then logs in and syncs', async () => {
    await app.page.goto(app.harness.url);
    await byTestId('nav-sync').click();
    await byTestId('sync-login-form').waitFor();
    expect(await textOf('sync-last')).toBe('从未同步');
    await byTestId('sync-login-username').fill('enum01');
    await byTestId('sync-login-password').fill('wrong-password');
    await byTestId('sync-login-submit').click();
    await expect.poll(() => textOf('sync-error')).toBe('用户名或密码不正确。');
    await app.browser.screenshot('sync-wrong-password-zh-CN');

    await byTestId('sync-login-password').fill(PASSWORD);
    await byTestId('sync-login-submit').click();
    await expect.poll(() => textOf('sync-account')).toBe('enum01');
    await expect.poll(() => textOf('sync-last')).not.toBe('从未同步');
    expect(await byTestId('sync-error').count()).toBe(0);
    expect(await textOf('sync-pending')).toBe('0');
    // No division data on this laptop: the area shows by its code (names: test/e2e/import-scope.test.ts).
    expect(await textOf('sync-scope')).toBe('640502100001');
    expect(await byTestId('sync-log-row').count()).toBeGreaterThan(0);
  });

  it('uploads a unit registered here and shows a conflict with another laptop', async () => {
    const created = await app.api('units:create', { areaCode: '640502100001001', kind: 'legal', name: '中卫市宏达商贸有限公司' });
    await app.page.reload();
    await byTestId('sync-status').waitFor();
    await expect.poll(() => byTestId('sync-pending').getAttribute('data-count')).not.toBe('0');
    await byTestId('sync-now').click();
    await expect.poll(() => byTestId('sync-pending').getAttribute('data-count')).toBe('0');

    // The other laptop gets the unit, and both change the legal representative offline.
    await other.sync();
    editItem(other.core.db, created.id, '611', 'legalRep', '马建国');
    const unit = await app.api('units:get', { id: created.id });
    const forms = { ...unit.forms, '611': { ...unit.forms['611'], legalRep: '王秀英' } };
    await app.api('units:save', { id: created.id, version: unit.version, forms, explanations: {} });
    await other.sync();

    await app.page.reload();
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
    await app.browser.screenshot('sync-conflict-zh-CN');
  });

  it('raised no console errors or CSP violations', () => {
    expect(app.problems).toEqual([]);
  });
});
