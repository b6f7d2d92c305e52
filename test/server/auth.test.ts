import { afterEach, describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '@server/auth/password';
import { revokeDevice, setPassword } from '@server/admin/users';
import { AREA_A, call, createUser, Device, PASSWORD, startTestServer, type TestServer } from './helpers';

describe('passwords', () => {
  it('are stored as salted scrypt hashes with their parameters and verified in constant time', async () => {
    const a = await hashPassword('s3cret-password');
    const b = await hashPassword('s3cret-password');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('s3cret');
    expect(await verifyPassword('s3cret-password', a)).toBe(true);
    expect(await verifyPassword('s3cret-passworD', a)).toBe(false);
    expect(await verifyPassword('s3cret-password', 'garbage')).toBe(false);
  });
});

describe('login, tokens and devices', () => {
  let t: TestServer;
  let clock = 1_750_000_000_000;
  afterEach(async () => t.dispose());

  async function setUp(): Promise<void> {
    clock = 1_750_000_000_000;
    t = await startTestServer({ now: () => clock });
    await createUser(t.server, 'wang', 'enumerator', [AREA_A]);
  }

  it('logs in, answers tokens and scope, and authenticates with the access token', async () => {
    await setUp();
    const d = new Device(t.server.url, 'laptop-0001');
    const login = await d.login('Wang');
    expect(login.status).toBe(200);
    expect(login.body).toMatchObject({ user: { username: 'wang', role: 'enumerator' }, deviceId: 'laptop-0001', scope: [AREA_A] });
    expect(login.body.accessExpiresAt).toBe(new Date(clock + 15 * 60_000).toISOString());
    const me = await call(t.server.url, 'GET', '/me', undefined, { token: d.token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ deviceId: 'laptop-0001', scope: [AREA_A] });
    expect(me.body.serverTime).toBe(new Date(clock).toISOString());
    expect(me.headers.get('x-server-time')).toBe(new Date(clock).toISOString());
  });

  it('answers WRONG_PASSWORD alike for a wrong password and an unknown user', async () => {
    await setUp();
    const d = new Device(t.server.url, 'laptop-0001');
    const wrong = await d.login('wang', 'not the password');
    const unknown = await d.login('nobody', PASSWORD);
    for (const a of [wrong, unknown]) {
      expect(a.status).toBe(401);
      expect(a.body).toMatchObject({ error: { code: 'WRONG_PASSWORD' } });
    }
  });

  it('rate-limits failed logins per username and address: the 6th try in 15 minutes gets 429, even with the right password', async () => {
    await setUp();
    const d = new Device(t.server.url, 'laptop-0001');
    for (let i = 0; i < 5; i++) expect((await d.login('wang', `wrong-${i}`)).status).toBe(401);
    const limited = await d.login('wang', PASSWORD);
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ error: { code: 'RATE_LIMITED', retryAfterSeconds: 900 } });
    expect(limited.headers.get('retry-after')).toBe('900');
    // Another username from the same address is not affected.
    await createUser(t.server, 'li', 'enumerator');
    expect((await new Device(t.server.url, 'laptop-0002').login('li')).status).toBe(200);
    clock += 15 * 60_000 + 1;
    expect((await d.login('wang', PASSWORD)).status).toBe(200);
  });

  it('behind a trusted proxy, counts failures by the forwarded client address', async () => {
    t = await startTestServer({ trustProxy: true });
    await createUser(t.server, 'wang', 'enumerator', [AREA_A]);
    const login = (ip: string, password: string) =>
      call(t.server.url, 'POST', '/auth/login', { username: 'wang', password, deviceId: 'laptop-0001' }, { headers: { 'x-forwarded-for': `203.0.113.9, ${ip}` } });
    for (let i = 0; i < 5; i++) expect((await login('10.0.0.1', 'wrong')).status).toBe(401);
    expect((await login('10.0.0.1', PASSWORD)).status).toBe(429);
    expect((await login('10.0.0.2', PASSWORD)).status).toBe(200);
  });

  it('expires access tokens after 15 minutes; the refresh token gets a new one', async () => {
    await setUp();
    const d = new Device(t.server.url, 'laptop-0001');
    await d.login('wang');
    clock += 15 * 60_000;
    const expired = await call(t.server.url, 'GET', '/me', undefined, { token: d.token });
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({ error: { code: 'TOKEN_EXPIRED' } });
    const refreshed = await call(t.server.url, 'POST', '/auth/refresh', { refreshToken: d.tokens?.refreshToken });
    expect(refreshed.status).toBe(200);
    const me = await call(t.server.url, 'GET', '/me', undefined, { token: String(refreshed.body.accessToken) });
    expect(me.status).toBe(200);
    expect((await call(t.server.url, 'POST', '/auth/refresh', { refreshToken: 'crt_forged' })).body).toMatchObject({
      error: { code: 'UNAUTHORIZED' },
    });
  });

  it('refuses a missing or forged token with UNAUTHORIZED', async () => {
    await setUp();
    for (const token of [undefined, 'cat_forged']) {
      const a = await call(t.server.url, 'POST', '/sync/pull', { protocol: 1, cursor: 0 }, { token });
      expect(a.status).toBe(401);
      expect(a.body).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    }
  });

  it('fails every token of a revoked device with DEVICE_REVOKED, and refuses to log in on it again', async () => {
    await setUp();
    const d = new Device(t.server.url, 'laptop-0001');
    await d.login('wang');
    await revokeDevice(t.server.store, 'laptop-0001');
    const pull = await d.pull();
    expect(pull.status).toBe(403);
    expect(pull.body).toMatchObject({ error: { code: 'DEVICE_REVOKED' } });
    const refresh = await call(t.server.url, 'POST', '/auth/refresh', { refreshToken: d.tokens?.refreshToken });
    expect(refresh.body).toMatchObject({ error: { code: 'DEVICE_REVOKED' } });
    expect((await d.login('wang')).body).toMatchObject({ error: { code: 'DEVICE_REVOKED' } });
  });

  it("refuses a device registered to another user with DEVICE_IN_USE", async () => {
    await setUp();
    await createUser(t.server, 'li', 'enumerator');
    await new Device(t.server.url, 'laptop-0001').login('wang');
    const other = await new Device(t.server.url, 'laptop-0001').login('li');
    expect(other.status).toBe(409);
    expect(other.body).toMatchObject({ error: { code: 'DEVICE_IN_USE' } });
  });

  it('takes a new password at once and drops the old one', async () => {
    await setUp();
    await setPassword(t.server.store, 'wang', 'a new long password');
    const d = new Device(t.server.url, 'laptop-0001');
    expect((await d.login('wang')).status).toBe(401);
    expect((await d.login('wang', 'a new long password')).status).toBe(200);
  });
});

describe('health and client versions', () => {
  let t: TestServer;
  afterEach(async () => t.dispose());

  it('answers GET /health with the version, and unknown paths with NOT_FOUND', async () => {
    t = await startTestServer();
    const health = await call(t.server.url, 'GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ version: expect.stringMatching(/^\d+\.\d+\.\d+/), protocol: 1 });
    expect((await call(t.server.url, 'GET', '/nope')).body).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('refuses pull from an app below the minimum with 426 CLIENT_TOO_OLD but still accepts its push', async () => {
    t = await startTestServer({ minAppVersion: '1.2.0' });
    await createUser(t.server, 'wang', 'enumerator', [AREA_A]);
    const d = new Device(t.server.url, 'laptop-0001');
    await d.login('wang');
    const pull = await d.pull(0, 100, {}, { appVersion: '1.1.9' });
    expect(pull.status).toBe(426);
    expect(pull.body).toMatchObject({ error: { code: 'CLIENT_TOO_OLD', minAppVersion: '1.2.0' } });
    const push = await d.push(d.createUnit('unit-0001', AREA_A), { appVersion: '1.1.9' });
    expect(push.status).toBe(200);
    expect(push.body.ackedSeq).toBe(2);
    expect((await d.pull(0, 100, {}, { appVersion: '1.10.0' })).status).toBe(200);
  });
});
