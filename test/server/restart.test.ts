import { afterEach, describe, expect, it } from 'vitest';
import type { ConflictList } from '@shared/sync/api';
import { AREA_A, call, createUser, Device, startTestServer, type TestServer } from './helpers';

describe('server restart', () => {
  let t: TestServer;
  afterEach(async () => t.dispose());

  it('keeps users, devices, tokens, ops, chains, field state and conflicts across close and reopen', async () => {
    t = await startTestServer();
    await createUser(t.server, 'wang', 'enumerator', [AREA_A]);
    await createUser(t.server, 'zhao', 'enumerator', [AREA_A]);
    const a = new Device(t.server.url, 'laptop-aaaa');
    const b = new Device(t.server.url, 'laptop-bbbb');
    await a.login('wang');
    await b.login('zhao');
    await a.push([...a.createUnit('unit-0001', AREA_A), a.op('unit-0001', '611.revenue', 10)]);
    await b.push([b.op('unit-0001', '611.revenue', 20, 0)]);
    const before = await a.pullAll();

    await t.server.close();
    t = await startTestServer({ dataDir: t.dataDir });
    const a2 = Object.assign(new Device(t.server.url, 'laptop-aaaa'), { tokens: a.tokens, seq: a.seq, lastHash: a.lastHash });
    // The access token issued before the restart still works.
    const after = await a2.pullAll();
    expect(after).toEqual(before);
    // The chain continues where it was: a replay is a no-op and the next op is accepted.
    expect((await a2.push([a2.op('unit-0001', 'status', 'draft')])).body).toMatchObject({ ackedSeq: 4, halted: null });
    const conflicts = await call<ConflictList>(t.server.url, 'GET', '/sync/conflicts', undefined, { token: a2.token });
    expect(conflicts.body.conflicts).toHaveLength(1);
  });
});
