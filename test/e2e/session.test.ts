import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setPassword } from '@server/admin/users';
import { screenshotDir } from '../helpers/browser';
import { useE2eApp } from '../helpers/e2e-app';
import { PASSWORD, World } from '../sync/world';

// The session as the user sees it, in Debian's chromium through the harness against a bureau
// server started here: the header says who is signed in and as what; when the server ends the
// session (here: the bureau changes the password) a notice appears from any page and the sync
// page asks for the password in place, keeping every pending change, and syncs after the login;
// logging out with changes not yet uploaded asks first and says how many.

const app = useE2eApp('census-e2e-session-', { region: null });
let world: World;

beforeAll(async () => {
  world = new World();
  await world.start();
  await world.user('enum01', 'enumerator', ['640502100001'], '马晓梅');
  await app.api('settings:update', { userName: '马晓梅', deviceName: '沙坡头区-笔记本03', serverUrl: world.server.url });
  await app.page.setViewportSize({ width: 1366, height: 768 });
});

afterAll(async () => {
  await world?.close();
});

const byTestId = (id: string) => app.page.getByTestId(id);
const textOf = (id: string) => byTestId(id).textContent();
/** What fits on a 1366×768 screen, without scrolling. */
const screen = (name: string) => app.page.screenshot({ path: path.join(screenshotDir, `${name}.png`) });
/** The header reads the status every 15 s and on focus: focus the window, as the user returning to it. */
const refocus = () => app.page.evaluate("window.dispatchEvent(new Event('focus'))");

async function signIn(): Promise<void> {
  await byTestId('nav-sync').click();
  await byTestId('sync-login-username').fill('enum01');
  await byTestId('sync-login-password').fill(PASSWORD);
  await byTestId('sync-login-submit').click();
  await expect.poll(() => textOf('sync-account')).toBe('马晓梅');
}

describe('who is signed in', () => {
  it('shows the settings name before any login, then the server account and its role', async () => {
    await app.page.goto(app.harness.url);
    await expect.poll(() => textOf('header-user')).toBe('马晓梅');
    expect(await byTestId('header-sign-in').textContent()).toBe('未登录服务器');
    await signIn();
    await expect.poll(() => textOf('header-account')).toBe('马晓梅（enum01）普查员');
    expect(await textOf('header-role')).toBe('普查员');
    // Same name in the settings: not repeated.
    expect(await byTestId('header-user').count()).toBe(0);
  });

  it('shows the settings name beside the account where they differ', async () => {
    await app.api('settings:update', { userName: '马晓' });
    await app.page.reload();
    await expect.poll(() => textOf('header-user')).toBe('马晓');
    expect(await textOf('header-account')).toBe('马晓梅（enum01）普查员');
    await app.api('settings:update', { userName: '马晓梅' });
  });
});

describe('a session the server ended', () => {
  it('is announced from any page and asks for the password in place, keeping pending changes, then syncs', async () => {
    await app.page.reload();
    await byTestId('nav-registration').click();
    await app.api('units:create', { areaCode: '640502100001001', kind: 'legal', name: '中卫市宏达商贸有限公司' });
    await app.api('units:create', { areaCode: '640502100001001', kind: 'legal', name: '中卫市黄河建材经营部' });
    const pending = (await app.api('sync:status', undefined)).pending;
    expect(pending).toBeGreaterThan(0);
    // The bureau changes the password; the next background sync finds the session ended.
    await setPassword(world.server.store, 'enum01', 'a brand new password');
    await app.api('sync:now', undefined);
    await refocus();
    await expect.poll(() => textOf('header-session-lost')).toBe('登录已失效，请重新登录');
    await screen('session-lost-header-zh-CN');

    await byTestId('header-session-lost').click();
    await byTestId('sync-login-form').waitFor();
    expect(await byTestId('sync-session-lost').getAttribute('data-reason')).toBe('password');
    expect(await textOf('sync-session-lost')).toContain('您的密码已由区统计局更改');
    expect(await textOf('sync-session-lost')).toContain(`${pending} 条修改都保留着`);
    // The same account is offered; the cursor waits in the password field.
    expect(await byTestId('sync-login-username').inputValue()).toBe('enum01');
    await expect.poll(() => app.page.evaluate('document.activeElement?.id')).toBe('sync-login-password');
    expect(await byTestId('sync-pending').getAttribute('data-count')).toBe(String(pending));
    await screen('session-lost-login-zh-CN');

    await byTestId('sync-login-password').fill('a brand new password');
    await byTestId('sync-login-submit').click();
    await expect.poll(() => byTestId('sync-pending').getAttribute('data-count')).toBe('0');
    expect(await byTestId('sync-login-form').count()).toBe(0);
    expect(await byTestId('header-session-lost').count()).toBe(0);
    expect(await textOf('header-account')).toBe('马晓梅（enum01）普查员');
  });

  it('says the same in English', async () => {
    await byTestId('lang-en').click();
    await app.api('units:create', { areaCode: '640502100001001', kind: 'legal', name: '中卫市沙坡头旅游服务有限公司' });
    await setPassword(world.server.store, 'enum01', PASSWORD);
    await app.api('sync:now', undefined);
    await refocus();
    await expect.poll(() => textOf('header-session-lost')).toBe('Logged out by the server: log in again');
    await byTestId('header-session-lost').click();
    await byTestId('sync-login-form').waitFor();
    expect(await textOf('sync-session-lost')).toContain('The bureau changed your password');
    expect(await textOf('sync-login-submit')).toBe('Log in and sync');
    await screen('session-lost-login-en');
    await byTestId('sync-login-password').fill(PASSWORD);
    await byTestId('sync-login-submit').click();
    await expect.poll(() => byTestId('sync-pending').getAttribute('data-count')).toBe('0');
    await byTestId('lang-zh-CN').click();
  });
});

describe('logging out with changes not yet uploaded', () => {
  it('warns, says how many, and logs out only when asked to', async () => {
    await app.api('units:create', { areaCode: '640502100001001', kind: 'legal', name: '中卫市鼓楼餐饮店' });
    await app.page.reload();
    await expect.poll(() => byTestId('sync-pending').getAttribute('data-count')).not.toBe('0');
    const pending = Number(await byTestId('sync-pending').getAttribute('data-count'));
    await byTestId('sync-logout').click();
    await byTestId('sync-logout-dialog').waitFor();
    expect(await textOf('sync-logout-pending')).toBe(`本机还有 ${pending} 条修改没有上传到区统计局服务器。`);
    await screen('logout-pending-zh-CN');
    await byTestId('sync-logout-cancel').click();
    expect(await byTestId('sync-logout-dialog').count()).toBe(0);
    expect((await app.api('sync:status', undefined)).isLoggedIn).toBe(true);

    await byTestId('lang-en').click();
    await byTestId('sync-logout').click();
    expect(await textOf('sync-logout-pending')).toBe(`Changes on this laptop not yet on the bureau server: ${pending}.`);
    await screen('logout-pending-en');
    await byTestId('sync-logout-anyway').click();
    await byTestId('sync-login-form').waitFor();
    const after = await app.api('sync:status', undefined);
    expect(after).toMatchObject({ isLoggedIn: false, pending, sessionLost: null });
    // Not a lost session: no alarm in the header, only the way to sign in.
    expect(await byTestId('header-session-lost').count()).toBe(0);
    expect(await textOf('header-sign-in')).toBe('Not logged in to the server');
    await byTestId('lang-zh-CN').click();
  });

  it('offers to sync first, and then logs out without asking again', async () => {
    await signIn();
    await expect.poll(() => byTestId('sync-pending').getAttribute('data-count')).toBe('0');
    await app.api('units:create', { areaCode: '640502100001001', kind: 'legal', name: '中卫市应理农资店' });
    await app.page.reload();
    await expect.poll(() => byTestId('sync-pending').getAttribute('data-count')).not.toBe('0');
    await byTestId('sync-logout').click();
    await byTestId('sync-logout-sync-first').click();
    await byTestId('sync-login-form').waitFor();
    expect(await app.api('sync:status', undefined)).toMatchObject({ isLoggedIn: false, pending: 0 });
  });

  it('logs out at once when nothing is pending', async () => {
    await signIn();
    await expect.poll(() => byTestId('sync-pending').getAttribute('data-count')).toBe('0');
    await byTestId('sync-logout').click();
    await byTestId('sync-login-form').waitFor();
    expect(await byTestId('sync-logout-dialog').count()).toBe(0);
  });

  it('raised no console errors or CSP violations', () => {
    expect(app.problems).toEqual([]);
  });
});
