import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '@main/ipc/dispatch';
import { httpTransport, type HttpRequest } from '@main/sync/transport';
import type { Channel, Input, Output } from '@shared/ipc/contract';
import type { Result } from '@shared/result';
import { createUnit, editItem, newUnit, readContent } from './helpers';
import { World, type Client } from './world';

// A resolution recorded on a supervisor's laptop goes up, is settled by the next pull, and the
// conflict list must not show the conflict open again when the list refresh after that pull
// fails (a cut connection on GET /sync/conflicts): a second decision would be refused by the
// server (already resolved) and the supervisor's choice silently lost.

let world: World;
afterEach(async () => world.close());

async function call<C extends Channel>(client: Client, channel: C, input: Input<C>): Promise<Output<C>> {
  const res = (await dispatch(client.core.handlers, channel, input, { shell: 'web' })) as Result<Output<C>>;
  if (!res.ok) throw new Error(`${client.name} ${channel}: ${res.error.code} ${res.error.message}`);
  return res.value;
}

/** A transport that refuses GET /sync/conflicts while `isCut` is set (the other requests go through). */
function cuttableTransport() {
  const inner = httpTransport();
  const state = { isCut: false };
  const transport = async (req: HttpRequest) => {
    if (state.isCut && req.url.includes('/sync/conflicts')) throw new Error('fault: connection reset on the conflict list');
    return inner(req);
  };
  return { transport, state };
}

beforeEach(async () => {
  world = new World();
  await world.start();
  await world.user('enum01', 'enumerator', ['640502100001']);
  await world.user('enum02', 'enumerator', ['640502100001']);
  await world.user('super01', 'supervisor', ['640502100']);
});

describe('a resolved conflict after a failed conflict-list refresh', () => {
  it('stays resolved, and the decision reaches the server once', async () => {
    const a = await world.client('a', 'enum01');
    const b = await world.client('b', 'enum02');
    const cut = cuttableTransport();
    const s = await world.client('s', 'super01', cut.transport);
    createUnit(a.core.db, 'unit-race-0001', newUnit());
    await a.sync();
    await b.sync();
    // Both enumerators change the same items without seeing each other: two conflicts (one
    // stays open, so the list is asked for after the resolution goes up).
    editItem(a.core.db, 'unit-race-0001', '611', 'employees', 30);
    editItem(b.core.db, 'unit-race-0001', '611', 'employees', 31);
    editItem(a.core.db, 'unit-race-0001', '611', 'legalRep', '张三');
    editItem(b.core.db, 'unit-race-0001', '611', 'legalRep', '李四');
    await a.sync();
    await b.sync();
    await s.sync();
    const listed = await call(s, 'conflicts:list', undefined);
    expect(listed).toHaveLength(2);
    const open = listed.find((c) => c.field === '611.employees');
    if (!open) throw new Error('no conflict on 611.employees');
    await call(s, 'conflicts:resolve', { conflictId: open.conflictId, choice: 'other', value: 35 });

    // The resolution goes up and the pull settles it; then the list refresh is cut.
    cut.state.isCut = true;
    expect(await s.core.sync.engine.sync('manual')).toBeNull();
    expect(s.core.sync.status().lastError?.code).toBe('SERVER_UNREACHABLE');
    // Not open again: the settled resolution took the conflict off the list.
    const after = await call(s, 'conflicts:list', undefined);
    expect(after.filter((c) => c.conflictId === open.conflictId && c.pendingResolution === null)).toEqual([]);
    expect(s.core.sync.status().conflicts.map((c) => c.field)).toEqual(['611.legalRep']);

    cut.state.isCut = false;
    await s.sync();
    expect(s.core.sync.status()).toMatchObject({ rejected: [], pending: 0 });
    expect(s.core.sync.status().conflicts.map((c) => c.field)).toEqual(['611.legalRep']);
    await a.sync();
    expect(JSON.parse(readContent(a.core.db, 'unit-race-0001')?.data ?? '{}')).toMatchObject({ '611': { employees: 35 } });
    const resolved = await world.server.store.listConflicts({ scope: { isAll: true }, onlyUserId: null }, { status: 'resolved', after: 0, limit: 10 });
    expect(resolved.map((c) => [c.id, c.resolution?.value])).toEqual([[open.conflictId, 35]]);
  });
});
