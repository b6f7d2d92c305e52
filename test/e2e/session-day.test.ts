import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotDir } from '../helpers/browser';
import { useE2eApp } from '../helpers/e2e-app';
import { FakeClock } from '../helpers/fake-clock';
import { createUnit, editItem, newUnit } from '../sync/helpers';
import { PASSWORD, World, type Client } from '../sync/world';

// A field day, simulated: eight hours on one clock shared by the bureau server (token expiry)
// and three laptops (their sync clocks and schedulers). The browser laptop's own scheduler
// syncs every 15 minutes as the clock moves; a second enumerator syncs every 10 minutes and a
// supervisor every 25; others sign in now and then. An access token lives 15 minutes, so the day
// crosses it thirty-two times. Nobody is ever asked for a password: the page never shows the
// login form or the session notice.

const START = Date.parse('2025-06-02T00:30:00.000Z'); // 08:30 in 中卫
const STEP_MS = 5 * 60_000;
const DAY_MS = 8 * 60 * 60_000;
const clock = new FakeClock(START);
const syncClock = { now: clock.date, timers: clock.schedulerTimers };

const app = useE2eApp('census-e2e-day-', { region: null, syncClock });
let world: World;
let enumerator: Client;
let supervisor: Client;

beforeAll(async () => {
  world = new World({ now: clock.now }, { syncClock });
  await world.start();
  await world.user('enum01', 'enumerator', ['640502100001'], '马晓梅');
  await world.user('enum02', 'enumerator', ['640502100001'], '李建华');
  await world.user('super01', 'supervisor', ['640502100'], '王志刚');
  enumerator = await world.client('b', 'enum02');
  supervisor = await world.client('c', 'super01');
  await app.api('settings:update', { userName: '马晓梅', deviceName: '沙坡头区-笔记本03', serverUrl: world.server.url });
  await app.page.setViewportSize({ width: 1366, height: 768 });
});

afterAll(async () => {
  await world?.close();
});

const byTestId = (id: string) => app.page.getByTestId(id);

/** Waits until the browser laptop's scheduler run (if one started) has finished. */
async function browserLaptopIdle(): Promise<void> {
  await expect.poll(async () => (await app.api('sync:status', undefined)).isRunning, { timeout: 30_000 }).toBe(false);
}

async function mustSync(c: Client): Promise<void> {
  const result = await c.core.sync.engine.sync('interval');
  if (result === null) throw new Error(`${c.name}: ${JSON.stringify(c.core.sync.status().lastError)}`);
}

describe('a simulated day of three laptops', () => {
  it('syncs at intervals across many access-token lifetimes and never asks for a password', async () => {
    await app.page.goto(app.harness.url);
    await byTestId('nav-sync').click();
    await byTestId('sync-login-username').fill('enum01');
    await byTestId('sync-login-password').fill(PASSWORD);
    await byTestId('sync-login-submit').click();
    await expect.poll(() => byTestId('sync-account').textContent()).toBe('马晓梅');
    await browserLaptopIdle();
    // From here on, the login form or the session notice appearing even once is a failure.
    await app.page.evaluate(`(() => {
      const seen = { login: 0 };
      window.__sessionSeen = seen;
      const look = () => {
        if (document.querySelector('[data-testid="sync-login-form"], [data-testid="header-session-lost"]')) seen.login += 1;
      };
      new MutationObserver(look).observe(document.body, { childList: true, subtree: true });
    })()`);

    createUnit(enumerator.core.db, 'unit-b0001', newUnit({ areaCode: '640502100001002', name: '中卫市黄河建材经营部' }), clock.date());
    let created = 0;
    let step = 0;
    for (let elapsed = 0; elapsed < DAY_MS; elapsed += STEP_MS, step += 1) {
      // The enumerator at the browser registers a unit every hour; their colleague edits hers.
      if (step % 12 === 6) {
        created += 1;
        await app.api('units:create', { areaCode: '640502100001001', kind: 'legal', name: `中卫市第${created}商贸有限公司` });
      }
      if (step % 2 === 1) editItem(enumerator.core.db, 'unit-b0001', '611', 'employees', 10 + step, clock.date());
      // Someone signs in on another laptop every 90 minutes (each login issues tokens).
      if (step % 18 === 9) await world.client(`x${step}`, 'enum02');
      clock.advance(STEP_MS);
      await browserLaptopIdle();
      if (step % 2 === 1) await mustSync(enumerator);
      if (step % 5 === 4) await mustSync(supervisor);
      // The user looks at the window now and then: the header reads the status again.
      await app.page.evaluate("window.dispatchEvent(new Event('focus'))");
    }
    clock.advance(15 * 60_000);
    await browserLaptopIdle();
    await mustSync(enumerator);
    await mustSync(supervisor);

    const log = await app.api('sync:log', undefined);
    const intervalRuns = log.filter((e) => e.trigger === 'interval');
    expect(intervalRuns.length).toBeGreaterThanOrEqual(32);
    expect(log.filter((e) => e.outcome !== 'ok')).toEqual([]);
    const status = await app.api('sync:status', undefined);
    expect(status).toMatchObject({ isLoggedIn: true, pending: 0, lastError: null, sessionLost: null, isClockSkewed: false, rejected: [] });
    for (const c of [enumerator, supervisor]) expect(c.core.sync.status()).toMatchObject({ isLoggedIn: true, pending: 0, lastError: null, rejected: [] });
    // Every laptop holds every unit of the day.
    const here = await app.api('units:list', { limit: 100 });
    expect(here.total).toBe(created + 1);
    expect(await app.page.evaluate('window.__sessionSeen?.login ?? -1')).toBe(0);
    expect(await byTestId('sync-login-form').count()).toBe(0);
    expect(await byTestId('header-role').textContent()).toBe('普查员');
    await app.page.reload();
    await expect.poll(() => byTestId('sync-pending').getAttribute('data-count')).toBe('0');
    await app.page.screenshot({ path: path.join(screenshotDir, 'session-day-end-zh-CN.png') });
  });

  it('raised no console errors or CSP violations', () => {
    expect(app.problems).toEqual([]);
  });
});
