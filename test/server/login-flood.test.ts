import { afterEach, describe, expect, it } from 'vitest';
import { GateFull, WorkGate } from '@server/auth/work-gate';
import { AREA_A, call, createUser, Device, PASSWORD, startTestServer, type TestServer } from './helpers';

// A login flood must not starve sync: failed logins are budgeted per username + address, per
// address and overall, and password checks (scrypt, on libuv's thread pool) run at most two at
// a time with a bounded queue, refused with 503 beyond it. Latency is the benchmark's business
// (scripts/bench/login-flood.ts); here a pull must simply complete during a flood.

let t: TestServer;
afterEach(async () => t.dispose());

const loginFrom = (ip: string, username: string, password: string, deviceId = 'laptop-0009') =>
  call(t.server.url, 'POST', '/auth/login', { username, password, deviceId }, { headers: { 'x-forwarded-for': ip } });

describe('failed-login budgets', () => {
  it('limit many usernames from one address, not other addresses', async () => {
    t = await startTestServer({ trustProxy: true, loginLimit: { perAddress: { failures: 6, windowMs: 15 * 60_000 } } });
    await createUser(t.server, 'wang', 'enumerator', [AREA_A]);
    for (let i = 0; i < 6; i++) expect((await loginFrom('198.51.100.7', `guess${i}`, 'wrong-password')).status).toBe(401);
    // A seventh username, even the right password of a real one, from the same address: refused unchecked.
    const limited = await loginFrom('198.51.100.7', 'wang', PASSWORD);
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await loginFrom('198.51.100.8', 'wang', PASSWORD)).status).toBe(200);
  });

  it('an overall budget stops a guesser spread over many addresses, while open sessions keep syncing', async () => {
    t = await startTestServer({ trustProxy: true, loginLimit: { overall: { failures: 10, windowMs: 15 * 60_000 } } });
    await createUser(t.server, 'wang', 'enumerator', [AREA_A]);
    const d = new Device(t.server.url, 'laptop-0001');
    await d.login('wang');
    for (let i = 0; i < 10; i++) expect((await loginFrom(`203.0.113.${i + 1}`, `guess${i}`, 'wrong-password')).status).toBe(401);
    expect((await loginFrom('203.0.113.200', 'wang', PASSWORD)).status).toBe(429);
    const refreshed = await call(t.server.url, 'POST', '/auth/refresh', { refreshToken: d.tokens?.refreshToken });
    expect(refreshed.status).toBe(200);
    expect((await call(t.server.url, 'POST', '/sync/pull', { protocol: 1, cursor: 0 }, { token: String(refreshed.body.accessToken) })).status).toBe(200);
  });

  it('a success does not reset the address budget spent on other usernames', async () => {
    t = await startTestServer({ trustProxy: true, loginLimit: { perAddress: { failures: 4, windowMs: 15 * 60_000 } } });
    await createUser(t.server, 'wang', 'enumerator', [AREA_A]);
    for (let i = 0; i < 3; i++) expect((await loginFrom('198.51.100.7', `guess${i}`, 'wrong-password')).status).toBe(401);
    expect((await loginFrom('198.51.100.7', 'wang', PASSWORD)).status).toBe(200);
    expect((await loginFrom('198.51.100.7', 'guess9', 'wrong-password')).status).toBe(401);
    expect((await loginFrom('198.51.100.7', 'guess10', 'wrong-password')).status).toBe(429);
  });
});

describe('password checks under a flood', () => {
  it('never run more than the bound at once, refuse beyond the queue with 503, and a pull still answers', async () => {
    t = await startTestServer({ trustProxy: true, passwordChecks: { concurrency: 2, queue: 16 } });
    await createUser(t.server, 'wang', 'enumerator', [AREA_A]);
    const d = new Device(t.server.url, 'laptop-0001');
    await d.login('wang');
    const statuses: number[] = [];
    let isFlooding = true;
    // 64 connections, each a different address and username per attempt (no budget is spent
    // quickly), at most 4 attempts each.
    const flood = Array.from({ length: 64 }, async (_, c) => {
      for (let i = 0; i < 4 && isFlooding; i++) {
        const a = await loginFrom(`10.${c}.${i}.1`, `flood${c}x${i}`, 'wrong-password');
        statuses.push(a.status);
      }
    });
    // A pull during the flood completes.
    await new Promise((r) => setTimeout(r, 50));
    const pull = await d.pull();
    expect(pull.status).toBe(200);
    isFlooding = false;
    await Promise.all(flood);
    expect(t.server.passwordGate.peak).toBeLessThanOrEqual(2);
    expect(statuses.every((s) => s === 401 || s === 503)).toBe(true);
    expect(statuses).toContain(503);
    expect(statuses).toContain(401);
  });
});

describe('the work gate', () => {
  it('runs at most `concurrency` at once, queues up to `queue`, refuses beyond', async () => {
    const gate = new WorkGate({ concurrency: 2, queue: 3 });
    let running = 0;
    let peak = 0;
    const releases: (() => void)[] = [];
    const work = () =>
      gate.run(async () => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise<void>((r) => releases.push(r));
        running -= 1;
      });
    const accepted = Array.from({ length: 5 }, work);
    await expect(work()).rejects.toBeInstanceOf(GateFull);
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setTimeout(r, 0));
      releases.shift()?.();
    }
    await Promise.all(accepted);
    expect(peak).toBe(2);
    expect(gate.peak).toBe(2);
    // Free again: a new run starts at once.
    await gate.run(async () => undefined);
  });
});
