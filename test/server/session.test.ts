import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hashPassword } from '@server/auth/password';
import { hashToken } from '@server/auth/tokens';
import { openServerDatabase, serverMigrationsFolder } from '@server/db/open';
import { setPassword } from '@server/admin/users';
import { isPostgresRun } from '../helpers/test-database';
import { AREA_A, call, createUser, Device, PASSWORD, startTestServer, type TestServer } from './helpers';

// The whole token life cycle on a fake clock (server/README.md "Sessions"): access tokens
// expire after 15 minutes and keep answering TOKEN_EXPIRED; refresh tokens rotate on every use,
// survive a lost answer, detect reuse, die after 30 days unused; a password change and a
// logout end the device's session on the server.

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
let clock = 0;
let t: TestServer;

afterEach(async () => t.dispose());

async function setUp(): Promise<void> {
  clock = Date.parse('2025-06-02T08:00:00.000Z');
  t = await startTestServer({ now: () => clock });
  await createUser(t.server, 'wang', 'enumerator', [AREA_A]);
  await createUser(t.server, 'li', 'enumerator', [AREA_A]);
}

const refresh = (refreshToken: string | undefined) => call(t.server.url, 'POST', '/auth/refresh', { refreshToken });
const me = (token: string) => call(t.server.url, 'GET', '/me', undefined, { token });
const logout = (refreshToken: string | undefined) => call(t.server.url, 'POST', '/auth/logout', { refreshToken });
const errorCode = (a: { body: Record<string, unknown> }) => (a.body.error as { code?: string } | undefined)?.code;

async function loggedIn(deviceId: string, username = 'wang'): Promise<Device> {
  const d = new Device(t.server.url, deviceId);
  expect((await d.login(username)).status).toBe(200);
  return d;
}

describe('access tokens', () => {
  it('answer TOKEN_EXPIRED after 15 minutes even after other devices logged in, for as long as a session could live', async () => {
    await setUp();
    const a = await loggedIn('laptop-0001');
    clock += 16 * MINUTE;
    // Issuing tokens to other devices used to delete every expired token, so a's became "unknown".
    await loggedIn('laptop-0002', 'li');
    expect(errorCode(await me(a.token))).toBe('TOKEN_EXPIRED');
    for (let i = 0; i < 3; i++) {
      clock += 2 * 60 * MINUTE;
      await loggedIn(`laptop-01${i}0`, 'li');
    }
    clock += 20 * DAY;
    await loggedIn('laptop-0003', 'li');
    expect(errorCode(await me(a.token))).toBe('TOKEN_EXPIRED');
  });
});

describe('refresh tokens', () => {
  it('rotate on every refresh: the answer carries a new refresh token and the one presented is retired', async () => {
    await setUp();
    const a = await loggedIn('laptop-0001');
    const first = a.tokens?.refreshToken;
    clock += 16 * MINUTE;
    const r1 = await refresh(first);
    expect(r1.status).toBe(200);
    const second = String(r1.body.refreshToken);
    expect(second).not.toBe(first);
    expect((await me(String(r1.body.accessToken))).status).toBe(200);
    clock += 16 * MINUTE;
    const r2 = await refresh(second);
    expect(r2.status).toBe(200);
    expect(r2.body.refreshToken).not.toBe(second);
  });

  it('take the previous token again when the answer was lost (its successor never used), then rotate again', async () => {
    await setUp();
    const a = await loggedIn('laptop-0001');
    const held = a.tokens?.refreshToken;
    clock += 16 * MINUTE;
    // The server rotated, but the answer never reached the laptop.
    const lost = await refresh(held);
    expect(lost.status).toBe(200);
    clock += 60 * MINUTE;
    const retry = await refresh(held);
    expect(retry.status).toBe(200);
    const next = String(retry.body.refreshToken);
    expect(next).not.toBe(lost.body.refreshToken);
    // The discarded successor is dead; the new one works, and the chain goes on.
    expect(errorCode(await refresh(String(lost.body.refreshToken)))).toBe('UNAUTHORIZED');
    clock += 16 * MINUTE;
    const after = await refresh(next);
    expect(after.status).toBe(200);
    expect((await me(String(after.body.accessToken))).status).toBe(200);
  });

  it('detect reuse: a retired token presented after its successor was used ends every session of the device', async () => {
    await setUp();
    const a = await loggedIn('laptop-0001');
    const stolen = String(a.tokens?.refreshToken);
    clock += 16 * MINUTE;
    const legit = await refresh(stolen);
    const successor = String(legit.body.refreshToken);
    clock += 16 * MINUTE;
    const legit2 = await refresh(successor);
    expect(legit2.status).toBe(200);
    const access = String(legit2.body.accessToken);
    expect((await me(access)).status).toBe(200);
    // The thief's copy: the successor of this token was used, so somebody else holds the chain.
    const thief = await refresh(stolen);
    expect(thief.status).toBe(401);
    expect(thief.body).toMatchObject({ error: { code: 'UNAUTHORIZED', sessionEnd: 'reuse', message: expect.stringContaining('reused') } });
    // The whole session is over: the live refresh token and the access token stop working.
    expect(errorCode(await refresh(String(legit2.body.refreshToken)))).toBe('UNAUTHORIZED');
    expect(errorCode(await me(access))).toBe('UNAUTHORIZED');
    // The owner signs in again with the password; the device is not revoked.
    expect((await a.login('wang')).status).toBe(200);
    expect((await me(a.token)).status).toBe(200);
  });

  it('detect reuse by the laptop when the thief refreshed first', async () => {
    await setUp();
    const a = await loggedIn('laptop-0001');
    const copy = String(a.tokens?.refreshToken);
    clock += 16 * MINUTE;
    const thief = await refresh(copy);
    clock += 16 * MINUTE;
    const thief2 = await refresh(String(thief.body.refreshToken));
    expect(thief2.status).toBe(200);
    // The laptop presents the token it holds: retired, and its successor was used.
    expect(errorCode(await refresh(copy))).toBe('UNAUTHORIZED');
    expect(errorCode(await me(String(thief2.body.accessToken)))).toBe('UNAUTHORIZED');
    expect(errorCode(await refresh(String(thief2.body.refreshToken)))).toBe('UNAUTHORIZED');
  });

  it('die after 30 days unused; any use within them keeps the session going', async () => {
    await setUp();
    const a = await loggedIn('laptop-0001');
    let held = String(a.tokens?.refreshToken);
    for (let i = 0; i < 3; i++) {
      clock += 29 * DAY;
      const r = await refresh(held);
      expect(r.status).toBe(200);
      held = String(r.body.refreshToken);
    }
    clock += 30 * DAY;
    const dead = await refresh(held);
    expect(dead.status).toBe(401);
    expect(dead.body).toMatchObject({ error: { code: 'UNAUTHORIZED', sessionEnd: 'expired', message: expect.stringContaining('30') } });
  });

  it('are replaced by a new login on the device', async () => {
    await setUp();
    const a = await loggedIn('laptop-0001');
    const old = a.tokens?.refreshToken;
    await a.login('wang');
    expect(errorCode(await refresh(old))).toBe('UNAUTHORIZED');
    expect((await refresh(a.tokens?.refreshToken)).status).toBe(200);
  });
});

describe('what ends a session', () => {
  it('a password change ends every session of the user: old access and refresh tokens stop working', async () => {
    await setUp();
    const a = await loggedIn('laptop-0001');
    const b = await loggedIn('laptop-0002');
    const other = await loggedIn('laptop-0003', 'li');
    await setPassword(t.server.store, 'wang', 'a new long password');
    for (const d of [a, b]) {
      expect(errorCode(await me(d.token))).toBe('UNAUTHORIZED');
      const r = await refresh(d.tokens?.refreshToken);
      expect(r.body).toMatchObject({ error: { code: 'UNAUTHORIZED', sessionEnd: 'password', message: expect.stringContaining('password') } });
    }
    // Another user's session is untouched; wang signs in with the new password.
    expect((await me(other.token)).status).toBe(200);
    expect((await a.login('wang', PASSWORD)).status).toBe(401);
    expect((await a.login('wang', 'a new long password')).status).toBe(200);
    expect((await me(a.token)).status).toBe(200);
  });

  it('logout ends this device session on the server, and only this one; it is idempotent', async () => {
    await setUp();
    const a = await loggedIn('laptop-0001');
    const b = await loggedIn('laptop-0002');
    const out = await logout(a.tokens?.refreshToken);
    expect(out.status).toBe(200);
    expect(out.body).toMatchObject({ isEnded: true });
    expect(errorCode(await me(a.token))).toBe('UNAUTHORIZED');
    expect((await refresh(a.tokens?.refreshToken)).body).toMatchObject({ error: { code: 'UNAUTHORIZED', sessionEnd: 'logout' } });
    expect((await me(b.token)).status).toBe(200);
    expect((await logout(a.tokens?.refreshToken)).body).toMatchObject({ isEnded: false });
    expect((await logout('crt_unknown')).body).toMatchObject({ isEnded: false });
  });

  it('a logout with a retired token of the chain still ends the session', async () => {
    await setUp();
    const a = await loggedIn('laptop-0001');
    const first = a.tokens?.refreshToken;
    clock += 16 * MINUTE;
    const r = await refresh(first);
    expect((await logout(first)).body).toMatchObject({ isEnded: true });
    expect(errorCode(await refresh(String(r.body.refreshToken)))).toBe('UNAUTHORIZED');
  });
});

describe('the whole life cycle of one laptop on one clock', () => {
  it('login → expiry → refresh → rotation → lost answer → reuse → login → password change → login → logout → 30 days idle', async () => {
    await setUp();
    const a = await loggedIn('laptop-0001');
    clock += 15 * MINUTE;
    expect(errorCode(await me(a.token))).toBe('TOKEN_EXPIRED');
    const r1 = await refresh(a.tokens?.refreshToken);
    expect((await me(String(r1.body.accessToken))).status).toBe(200);
    clock += 3 * 60 * MINUTE;
    const r2lost = await refresh(String(r1.body.refreshToken));
    expect(r2lost.status).toBe(200);
    const r2 = await refresh(String(r1.body.refreshToken));
    expect(r2.status).toBe(200);
    clock += DAY;
    const r3 = await refresh(String(r2.body.refreshToken));
    expect(r3.status).toBe(200);
    expect(errorCode(await refresh(String(r1.body.refreshToken)))).toBe('UNAUTHORIZED');
    expect(errorCode(await refresh(String(r3.body.refreshToken)))).toBe('UNAUTHORIZED');
    expect((await a.login('wang')).status).toBe(200);
    await setPassword(t.server.store, 'wang', 'another long password');
    expect(errorCode(await me(a.token))).toBe('UNAUTHORIZED');
    expect((await a.login('wang', 'another long password')).status).toBe(200);
    expect((await logout(a.tokens?.refreshToken)).body).toMatchObject({ isEnded: true });
    expect((await a.login('wang', 'another long password')).status).toBe(200);
    clock += 31 * DAY;
    expect(errorCode(await me(a.token))).toBe('TOKEN_EXPIRED');
    expect(errorCode(await refresh(a.tokens?.refreshToken))).toBe('UNAUTHORIZED');
  });
});

describe('upgrading a server whose devices hold the old single refresh token', () => {
  // A migration of the embedded store's own history: nothing to migrate on PostgreSQL.
  it.skipIf(isPostgresRun())('keeps every laptop signed in: the device token becomes the head of its chain', async () => {
    // The first migration alone: the store as the previous release left it.
    const old = fs.mkdtempSync(path.join(os.tmpdir(), 'census-server-migrations-'));
    fs.mkdirSync(path.join(old, 'meta'));
    fs.copyFileSync(path.join(serverMigrationsFolder(), '0000_server_foundation.sql'), path.join(old, '0000_server_foundation.sql'));
    const journal = JSON.parse(fs.readFileSync(path.join(serverMigrationsFolder(), 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
    fs.writeFileSync(path.join(old, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, 1) }));
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'census-server-'));
    const before = openServerDatabase(path.join(dataDir, 'server.db'), { migrationsFolder: old });
    const lastSeen = '2025-06-01T08:00:00.000Z';
    before.sqlite
      .prepare("INSERT INTO users (id, username, name, role, password_hash, created_at, updated_at) VALUES ('u_1', 'wang', '王五', 'enumerator', ?, ?, ?)")
      .run(await hashPassword(PASSWORD), lastSeen, lastSeen);
    before.sqlite
      .prepare("INSERT INTO devices (id, user_id, name, refresh_hash, created_at, last_seen_at) VALUES ('laptop-0001', 'u_1', 'x', ?, ?, ?)")
      .run(hashToken('crt_old-token'), lastSeen, lastSeen);
    before.sqlite.close();
    fs.rmSync(old, { recursive: true, force: true });

    clock = Date.parse('2025-06-02T08:00:00.000Z');
    t = await startTestServer({ dataDir, now: () => clock });
    const r = await refresh('crt_old-token');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ user: { username: 'wang' }, deviceId: 'laptop-0001' });
    expect(await t.server.store.findRefreshToken(hashToken('crt_old-token'))).toMatchObject({
      issuedAt: Date.parse(lastSeen),
      usedAt: clock,
    });
  });
});
