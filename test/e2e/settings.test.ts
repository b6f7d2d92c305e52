import { describe, expect, it } from 'vitest';
import type { Settings } from '@shared/session/settings';
import { useE2eApp } from '../helpers/e2e-app';

// The real renderer in Debian's chromium, talking to the real core through the loopback
// harness on a fresh encrypted store: what an enumerator sees on first start, the language
// switch, and the settings form from typing to the store and back after a reload.

const app = useE2eApp('census-e2e-', { region: null });

const byTestId = (id: string) => app.page.getByTestId(id);
const textOf = (id: string) => byTestId(id).textContent();

/** What the store holds, asked through the harness API as the renderer would. */
async function storedSettings(): Promise<Settings> {
  const res = await fetch(`${app.harness.origin}/api/ipc/settings:get`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${app.harness.token}`, 'Content-Type': 'application/json' },
    body: '{}',
  });
  const body = (await res.json()) as { ok: true; value: Settings };
  expect(body.ok).toBe(true);
  return body.value;
}

async function openSettings(): Promise<void> {
  await byTestId('nav-settings').click();
  await byTestId('settings-form').waitFor();
}

async function fillField(field: string, value: string): Promise<void> {
  await byTestId(`settings-${field}`).fill(value);
}

async function inputValue(field: string): Promise<string> {
  return byTestId(`settings-${field}`).inputValue();
}

describe('settings in the browser harness', () => {
  it('starts in Chinese and drops the token from the address bar', async () => {
    await app.page.goto(app.harness.url);
    await expect.poll(() => textOf('nav-registration')).toBe('普查登记');
    expect(await textOf('nav-directory')).toBe('企业名录与台账');
    expect(await textOf('nav-review')).toBe('审核');
    expect(await textOf('nav-sync')).toBe('同步');
    expect(await textOf('nav-settings')).toBe('设置');
    expect(await textOf('app-name')).toBe('经普外业通');
    expect(await textOf('header-user')).toBe('未填写用户姓名');
    expect(app.page.url()).not.toContain('token=');
    await app.browser.screenshot('home-zh-CN');
  });

  it('switches to English, keeps it across a reload, and switches back', async () => {
    await byTestId('lang-en').click();
    await expect.poll(() => textOf('nav-registration')).toBe('Registration');
    expect(await textOf('nav-settings')).toBe('Settings');
    expect(await byTestId('lang-en').getAttribute('aria-pressed')).toBe('true');
    await app.browser.screenshot('home-en');
    expect((await storedSettings()).language).toBe('en');

    // The token survives the reload in sessionStorage; the language comes back from the store.
    await app.page.reload();
    await expect.poll(() => textOf('nav-registration')).toBe('Registration');

    await byTestId('lang-zh-CN').click();
    await expect.poll(() => textOf('nav-registration')).toBe('普查登记');
    await app.page.reload();
    await expect.poll(() => textOf('nav-registration')).toBe('普查登记');
    expect((await storedSettings()).language).toBe('zh-CN');
  });

  it('saves user, device, server and region, and shows them after a reload', async () => {
    await openSettings();
    expect(await textOf('info-shell')).toBe('浏览器（开发测试）');
    await fillField('userName', '马晓梅');
    await fillField('deviceName', '沙坡头区-笔记本03');
    await fillField('serverUrl', 'https://tjj.example.gov.cn/census');
    await fillField('regionCode', '640502');
    await byTestId('settings-save').click();
    await byTestId('settings-saved').waitFor();
    expect(await textOf('settings-saved')).toBe('设置已保存。');
    expect(await textOf('header-user')).toBe('马晓梅');
    expect(await textOf('header-device')).toBe('沙坡头区-笔记本03');
    await app.browser.screenshot('settings-saved-zh-CN');

    expect(await storedSettings()).toEqual({
      userName: '马晓梅',
      deviceName: '沙坡头区-笔记本03',
      serverUrl: 'https://tjj.example.gov.cn/census',
      regionCode: '640502',
      language: 'zh-CN',
    });

    await app.page.reload();
    await byTestId('settings-form').waitFor();
    await expect.poll(() => inputValue('userName')).toBe('马晓梅');
    expect(await inputValue('deviceName')).toBe('沙坡头区-笔记本03');
    expect(await inputValue('serverUrl')).toBe('https://tjj.example.gov.cn/census');
    expect(await inputValue('regionCode')).toBe('640502');
    expect(await textOf('nav-settings')).toBe('设置');
  });

  it('shows Chinese field errors for a bad server URL and region code and saves nothing', async () => {
    const before = await storedSettings();
    await fillField('userName', '不应保存');
    await fillField('serverUrl', 'ftp://tjj.example.gov.cn');
    await fillField('regionCode', '64050');
    await byTestId('settings-save').click();

    await byTestId('settings-serverUrl-error').waitFor();
    expect(await textOf('settings-serverUrl-error')).toBe('地址必须以 http:// 或 https:// 开头。');
    expect(await textOf('settings-regionCode-error')).toBe('应为 6 位或 9 位数字。');
    expect(await byTestId('settings-serverUrl').getAttribute('aria-invalid')).toBe('true');
    expect(await byTestId('settings-saved').count()).toBe(0);
    await app.browser.screenshot('settings-error-zh-CN');

    // Not a URL at all gets its own message.
    await fillField('serverUrl', 'tjj 服务器');
    await byTestId('settings-regionCode').focus();
    await expect.poll(() => textOf('settings-serverUrl-error')).toBe('请填写完整的网址，例如 https://tjj.example.gov.cn。');

    expect(await storedSettings()).toEqual(before);
    await app.page.reload();
    await byTestId('settings-form').waitFor();
    await expect.poll(() => inputValue('userName')).toBe('马晓梅');
    expect(await inputValue('serverUrl')).toBe('https://tjj.example.gov.cn/census');
    expect(await inputValue('regionCode')).toBe('640502');
  });

  it('raised no console errors or CSP violations', () => {
    expect(app.problems).toEqual([]);
  });
});
