import { execServer } from '../helpers/test-database';
import { afterEach, describe, expect, it } from 'vitest';
import { readState } from '@main/sync/queries/state';
import { httpTransport, type Transport } from '@main/sync/transport';
import { setPassword } from '@server/admin/users';
import { createUnit, editItem, newUnit } from './helpers';
import { PASSWORD, seeded, World, type Client } from './world';

// The laptop's session against a real server whose clock the test moves: an access token
// lives 15 minutes, field laptops sync hours apart, and other devices log in meanwhile. A sync
// after any pause refreshes silently; only a session the server truly ended asks for the
// password again, and nothing pending is lost on the way.

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
let clock = Date.parse('2025-06-02T08:00:00.000Z');
let world: World;

async function startWorld(): Promise<void> {
  clock = Date.parse('2025-06-02T08:00:00.000Z');
  world = new World({ now: () => clock });
  await world.start();
  await world.user('enum01', 'enumerator', ['640502100001']);
  await world.user('enum02', 'enumerator', ['640502100001']);
  await world.user('super01', 'supervisor', ['640502100']);
}

afterEach(async () => world.close());

describe('a laptop session across access-token lifetimes', () => {
  it('syncs after the access token expired while another device logged in (no password asked)', async () => {
    await startWorld();
    const a = await world.client('a', 'enum01');
    createUnit(a.core.db, 'unit-a0001', newUnit());
    await a.sync();
    clock += 16 * MINUTE;
    // Another laptop logs in: the server issues a token while a's has expired.
    await world.client('b', 'enum02');
    editItem(a.core.db, 'unit-a0001', '611', 'employees', 13);
    await a.sync();
    const status = a.core.sync.status();
    expect(status).toMatchObject({ isLoggedIn: true, pending: 0, lastError: null });
  });
});

/** A transport that counts requests per path and can lose the next answer of one path. */
function watchedTransport() {
  const inner = httpTransport();
  const counts = new Map<string, number>();
  let loseNext: string | null = null;
  let isOffline = false;
  const transport: Transport = async (req) => {
    if (isOffline) throw new Error('offline');
    const p = new URL(req.url).pathname;
    counts.set(p, (counts.get(p) ?? 0) + 1);
    const res = await inner(req);
    if (loseNext === p) {
      loseNext = null;
      throw new Error('connection reset mid-response');
    }
    return res;
  };
  return {
    transport,
    count: (p: string) => counts.get(p) ?? 0,
    loseNextAnswerOf(p: string) {
      loseNext = p;
    },
    setOffline(v: boolean) {
      isOffline = v;
    },
  };
}

/** Forgets every access token on the server, as the old pruning did (a token it no longer knows). */
function forgetAccessTokens(): Promise<void> {
  return execServer(world, 'DELETE FROM access_tokens');
}

const refreshTokenOf = (c: Client): string => String(readState(c.core.db, 'refreshToken'));

describe('a simulated day', () => {
  it('three laptops syncing at intervals over eight hours never need the password', async () => {
    await startWorld();
    const laptops = [await world.client('a', 'enum01'), await world.client('b', 'enum02'), await world.client('c', 'super01')];
    createUnit(laptops[0]!.core.db, 'unit-a0001', newUnit());
    const rand = seeded(20250602);
    for (let step = 0; step < 48; step++) {
      clock += (5 + Math.floor(rand() * 10)) * MINUTE;
      const laptop = laptops[Math.floor(rand() * laptops.length)]!;
      if (laptop.name === 'a') editItem(laptop.core.db, 'unit-a0001', '611', 'employees', 12 + step);
      // Now and then someone signs in somewhere else (each login issues tokens).
      if (step % 7 === 3) await world.client(`x${step}`, 'enum02');
      await laptop.sync();
    }
    for (const laptop of laptops) {
      await laptop.sync();
      expect(laptop.core.sync.status()).toMatchObject({ isLoggedIn: true, pending: 0, lastError: null, sessionLost: null });
    }
  });
});

describe('refreshing', () => {
  it('refreshes on a 401 for a token the server no longer knows, instead of calling the session dead', async () => {
    await startWorld();
    const a = await world.client('a', 'enum01');
    await a.sync();
    await forgetAccessTokens();
    createUnit(a.core.db, 'unit-a0001', newUnit());
    await a.sync();
    expect(a.core.sync.status()).toMatchObject({ isLoggedIn: true, pending: 0, lastError: null });
  });

  it('keeps the rotated refresh token, and survives a refresh answer lost on the way', async () => {
    await startWorld();
    const net = watchedTransport();
    const a = await world.client('a', 'enum01', net.transport);
    const first = refreshTokenOf(a);
    clock += 16 * MINUTE;
    await a.sync();
    const second = refreshTokenOf(a);
    expect(second).not.toBe(first);
    clock += 16 * MINUTE;
    net.loseNextAnswerOf('/auth/refresh');
    createUnit(a.core.db, 'unit-a0001', newUnit());
    expect(await a.core.sync.engine.sync('manual')).toBeNull();
    expect(a.core.sync.status()).toMatchObject({ isLoggedIn: true, lastError: { code: 'SERVER_UNREACHABLE' }, sessionLost: null });
    expect(refreshTokenOf(a)).toBe(second);
    // The next sync presents the same token: its successor was never used, so the server takes it.
    await a.sync();
    expect(a.core.sync.status()).toMatchObject({ isLoggedIn: true, pending: 0, lastError: null });
    expect(refreshTokenOf(a)).not.toBe(second);
  });

  it('refreshes once per expiry even when several requests meet the expired token at once', async () => {
    await startWorld();
    const net = watchedTransport();
    const a = await world.client('a', 'enum01', net.transport);
    await a.sync();
    const session = a.core.sync.engine.session;
    const stale = session.token;
    clock += 16 * MINUTE;
    // Two requests answered 401 together, and a third that left with the old token just after.
    await Promise.all([session.refresh(world.server.url, stale), session.refresh(world.server.url, stale)]);
    await session.refresh(world.server.url, stale);
    expect(net.count('/auth/refresh')).toBe(1);
    // Two refreshes with one rotated token would have discarded the answer kept here.
    await a.sync();
    expect(a.core.sync.status()).toMatchObject({ isLoggedIn: true, lastError: null });
  });
});

describe('a session the server ended', () => {
  it('asks for the password after a password change, keeping every pending change, and syncs them after the login', async () => {
    await startWorld();
    const a = await world.client('a', 'enum01');
    createUnit(a.core.db, 'unit-a0001', newUnit());
    await a.sync();
    createUnit(a.core.db, 'unit-a0002', newUnit({ name: '中卫市黄河建材经营部' }));
    editItem(a.core.db, 'unit-a0001', '611', 'employees', 30);
    const pending = a.core.sync.status().pending;
    expect(pending).toBeGreaterThan(0);
    await setPassword(world.server.store, 'enum01', 'the new password 1');
    clock += 16 * MINUTE;
    expect(await a.core.sync.engine.sync('interval')).toBeNull();
    const lost = a.core.sync.status();
    expect(lost).toMatchObject({
      isLoggedIn: false,
      pending,
      lastError: { code: 'SESSION_EXPIRED' },
      sessionLost: { code: 'SESSION_EXPIRED', reason: 'password' },
      account: { username: 'enum01', role: 'enumerator' },
    });
    // The login form's submit (sync:login) signs in and syncs at once.
    const after = await a.core.sync.login('enum01', 'the new password 1');
    expect(after).toMatchObject({ isLoggedIn: true, pending: 0, lastError: null, sessionLost: null });
  });

  it('asks for the password after 30 days without a sync', async () => {
    await startWorld();
    const a = await world.client('a', 'enum01');
    await a.sync();
    clock += 31 * DAY;
    expect(await a.core.sync.engine.sync('manual')).toBeNull();
    expect(a.core.sync.status()).toMatchObject({ isLoggedIn: false, sessionLost: { code: 'SESSION_EXPIRED', reason: 'expired' } });
  });

  it('keeps the session through a refresh that fails for any other reason (server down)', async () => {
    await startWorld();
    const a = await world.client('a', 'enum01');
    await a.sync();
    clock += 16 * MINUTE;
    await world.server.close();
    expect(await a.core.sync.engine.sync('manual')).toBeNull();
    expect(a.core.sync.status()).toMatchObject({ isLoggedIn: true, lastError: { code: 'SERVER_UNREACHABLE' }, sessionLost: null });
    await world.start();
    await a.sync();
  });
});

describe('logging out', () => {
  it('ends the session on the server too; pending changes stay for the next login', async () => {
    await startWorld();
    const a = await world.client('a', 'enum01');
    createUnit(a.core.db, 'unit-a0001', newUnit());
    const held = refreshTokenOf(a);
    const status = await a.core.sync.logout();
    expect(status).toMatchObject({ isLoggedIn: false, sessionLost: null });
    expect(status.pending).toBeGreaterThan(0);
    const refresh = await fetch(`${world.server.url}/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: held }),
    });
    expect(refresh.status).toBe(401);
    expect(await a.core.sync.login('enum01', PASSWORD)).toMatchObject({ isLoggedIn: true, pending: 0 });
  });

  it('forgets the session here even when the server cannot be told', async () => {
    await startWorld();
    const net = watchedTransport();
    const a = await world.client('a', 'enum01', net.transport);
    const held = refreshTokenOf(a);
    net.setOffline(true);
    expect(await a.core.sync.logout()).toMatchObject({ isLoggedIn: false });
    expect(readState(a.core.db, 'refreshToken')).toBeUndefined();
    // The server was not told: its token dies unused (30 days) or at the next login here.
    net.setOffline(false);
    await a.core.sync.login('enum01', PASSWORD);
    const refresh = await fetch(`${world.server.url}/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: held }),
    });
    expect(refresh.status).toBe(401);
  });
});
