import { afterEach, describe, expect, it } from 'vitest';
import { revokeDevice } from '@server/admin/users';
import { SERVER_TIME_HEADER } from '@shared/sync/api';
import { httpTransport, type Transport } from '@main/sync/transport';
import { createUnit, newUnit } from './helpers';
import { PASSWORD, World } from './world';

// Each failure the user can meet ends the run with its own code, shown on the sync page.

let world: World;
afterEach(async () => world.close());

async function startWorld(options: { minAppVersion?: string } = {}): Promise<void> {
  world = new World(options);
  await world.start();
  await world.user('enum01', 'enumerator', ['640502100001']);
}

describe('sync errors', () => {
  it('says WRONG_PASSWORD and stores no session, then RATE_LIMITED after repeated failures', async () => {
    await startWorld();
    const c = world.offlineClient('a');
    const status = await c.core.sync.engine.login('enum01', 'not-the-password');
    expect(status.isLoggedIn).toBe(false);
    expect(status.lastError?.code).toBe('WRONG_PASSWORD');
    let code = status.lastError?.code;
    for (let i = 0; i < 20 && code !== 'RATE_LIMITED'; i++) {
      code = (await c.core.sync.engine.login('enum01', 'not-the-password')).lastError?.code;
    }
    expect(code).toBe('RATE_LIMITED');
    const stored = c.core.sqlite.prepare("SELECT count(*) AS n FROM sync_state WHERE value LIKE ?").get(`%${PASSWORD}%`);
    expect(stored).toEqual({ n: 0 });
  });

  it('says SERVER_BUSY when the server has too many sign-ins in hand, and keeps no session', async () => {
    world = new World({ passwordChecks: { concurrency: 1, queue: 0 } });
    await world.start();
    await world.user('enum01', 'enumerator', ['640502100001']);
    const clients = [world.offlineClient('a'), world.offlineClient('b'), world.offlineClient('c')];
    const statuses = await Promise.all(clients.map((c) => c.core.sync.engine.login('enum01', 'not-the-password')));
    const codes = statuses.map((s) => s.lastError?.code);
    expect(codes).toContain('SERVER_BUSY');
    expect(statuses.every((s) => !s.isLoggedIn)).toBe(true);
  });

  it('says SERVER_UNREACHABLE when nothing answers, and keeps the ops', async () => {
    await startWorld();
    const c = await world.client('a', 'enum01');
    createUnit(c.core.db, 'unit-e0001', newUnit());
    await world.server.close();
    expect(await c.core.sync.engine.sync('manual')).toBeNull();
    expect(c.core.sync.status().lastError?.code).toBe('SERVER_UNREACHABLE');
    expect(c.core.sync.status().pending).toBeGreaterThan(0);
    await world.start();
  });

  it('says DEVICE_REVOKED once the bureau revokes the laptop', async () => {
    await startWorld();
    const c = await world.client('a', 'enum01');
    await c.sync();
    await revokeDevice(world.server.store, c.core.sync.engine.deviceId);
    expect(await c.core.sync.engine.sync('manual')).toBeNull();
    expect(c.core.sync.status().lastError?.code).toBe('DEVICE_REVOKED');
  });

  it('says CLIENT_TOO_OLD but still pushes the pending ops', async () => {
    await startWorld({ minAppVersion: '9.0.0' });
    const c = await world.client('a', 'enum01');
    createUnit(c.core.db, 'unit-e0002', newUnit());
    expect(await c.core.sync.engine.sync('manual')).toBeNull();
    const status = c.core.sync.status();
    expect(status.lastError?.code).toBe('CLIENT_TOO_OLD');
    expect(status.pending).toBe(0);
    expect((await world.server.store.lastOp(c.core.sync.engine.deviceId)).seq).toBeGreaterThan(0);
  });

  it('flags a clock far off and syncs anyway', async () => {
    await startWorld();
    const inner = httpTransport();
    const hourAhead: Transport = async (req) => {
      const res = await inner(req);
      return { ...res, headers: { ...res.headers, [SERVER_TIME_HEADER]: new Date(Date.now() + 3_600_000).toISOString() } };
    };
    const c = await world.client('a', 'enum01', hourAhead);
    createUnit(c.core.db, 'unit-e0003', newUnit());
    await c.sync();
    const status = c.core.sync.status();
    expect(status.isClockSkewed).toBe(true);
    expect(status.lastError).toBeNull();
    expect(status.pending).toBe(0);
  });
});
