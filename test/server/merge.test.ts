import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConflictList } from '@shared/sync/api';
import { AREA_A, call, createUser, Device, startTestServer, type TestServer } from './helpers';

// Apply semantics: different fields merge; the same field edited without seeing the other is
// exactly one conflict; an edit made after seeing another always applies, whatever the clocks.

describe('apply: merge and conflict', () => {
  let t: TestServer;
  let a: Device;
  let b: Device;
  let sup: Device;
  beforeEach(async () => {
    t = await startTestServer();
    await createUser(t.server, 'wang', 'enumerator', [AREA_A]);
    await createUser(t.server, 'zhao', 'enumerator', [AREA_A]);
    await createUser(t.server, 'chen', 'supervisor', ['640502001']);
    a = new Device(t.server.url, 'laptop-aaaa');
    b = new Device(t.server.url, 'laptop-bbbb');
    sup = new Device(t.server.url, 'laptop-ssss');
    await a.login('wang');
    await b.login('zhao');
    await sup.login('chen');
    await a.push(a.createUnit('unit-0001', AREA_A));
  });
  afterEach(async () => t.dispose());

  const conflicts = async (d: Device, status = 'open') =>
    (await call<ConflictList>(t.server.url, 'GET', `/sync/conflicts?status=${status}`, undefined, { token: d.token })).body.conflicts;

  it('merges edits of different fields made without seeing each other', async () => {
    const pa = await a.push([a.op('unit-0001', '611.revenue', 500, 0)]);
    const pb = await b.push([b.op('unit-0001', '611.employees', 12, 0)]);
    expect(pa.body.conflicts).toEqual([]);
    expect(pb.body.conflicts).toEqual([]);
    const values = Object.fromEntries((await sup.pullAll()).changes.map((c) => [c.field, c.value]));
    expect(values).toMatchObject({ '611.revenue': 500, '611.employees': 12, name: '某某有限公司' });
    expect(await conflicts(sup)).toEqual([]);
  });

  it('records exactly one conflict for two same-field edits made without seeing each other; the higher HLC wins provisionally', async () => {
    a.wallMs += 1000; // a's clock is later: a wins whichever arrives first
    await b.push([b.op('unit-0001', 'address', 'B 的名称', 0)]);
    const pa = await a.push([a.op('unit-0001', 'address', 'A 的名称', 0)]);
    expect(pa.body.conflicts).toEqual([{ seq: 3, conflictId: expect.stringMatching(/^cf-/), isIncomingWinner: true }]);
    const list = await conflicts(sup);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      entityId: 'unit-0001',
      field: 'address',
      status: 'open',
      winner: 'incoming',
      current: { value: 'B 的名称', deviceId: 'laptop-bbbb', userName: 'zhao 姓名' },
      incoming: { value: 'A 的名称', deviceId: 'laptop-aaaa', userName: 'wang 姓名' },
    });
    const name = (await sup.pullAll()).changes.find((c) => c.field === 'address');
    expect(name?.value).toBe('A 的名称');
    // Replays add no second conflict.
    await b.push([]);
    expect(await conflicts(sup, 'all')).toHaveLength(1);
  });

  it('keeps the current value when the incoming edit loses, and stores the loser as history', async () => {
    b.wallMs += 1000;
    await b.push([b.op('unit-0001', 'address', 'B 的名称', 0)]);
    const pa = await a.push([a.op('unit-0001', 'address', 'A 的名称', 0)]);
    expect(pa.body.conflicts[0]?.isIncomingWinner).toBe(false);
    expect((await sup.pullAll()).changes.find((c) => c.field === 'address')?.value).toBe('B 的名称');
    const [c] = await conflicts(sup);
    expect(c?.incoming.value).toBe('A 的名称');
  });

  it('applies an edit made after seeing the current value, even from a clock far behind', async () => {
    await b.push([b.op('unit-0001', 'name', 'B 的名称', 0)]);
    const seen = (await a.pullAll()).changes.find((c) => c.field === 'name');
    a.wallMs -= 86_400_000; // a's clock is a day slow
    const pa = await a.push([a.op('unit-0001', 'name', 'A 看过后改', seen?.gseq ?? 0)]);
    expect(pa.body.conflicts).toEqual([]);
    expect((await sup.pullAll()).changes.find((c) => c.field === 'name')?.value).toBe('A 看过后改');
  });

  it("never conflicts a device with its own earlier edit it has not pulled back yet", async () => {
    const pa = await a.push([a.op('unit-0001', 'name', 'first', 0), a.op('unit-0001', 'name', 'second', 0)]);
    expect(pa.body.conflicts).toEqual([]);
    expect((await a.pullAll()).changes.find((c) => c.field === 'name')?.value).toBe('second');
  });

  it('shows conflicts to the supervisor in scope and to each enumerator only their own', async () => {
    await createUser(t.server, 'sun', 'enumerator', [AREA_A]);
    const c = new Device(t.server.url, 'laptop-cccc');
    await c.login('sun');
    await b.push([b.op('unit-0001', 'name', 'B', 0)]);
    await a.push([a.op('unit-0001', 'name', 'A', 0)]);
    expect(await conflicts(sup)).toHaveLength(1);
    expect(await conflicts(a)).toHaveLength(1);
    expect(await conflicts(c)).toHaveLength(0);
    expect((await c.pull()).body.openConflicts).toBe(0);
    expect((await sup.pull()).body.openConflicts).toBe(1);
  });

  it('resolves a conflict by a $resolve op from a supervisor: the field takes the chosen value and the record closes', async () => {
    await b.push([b.op('unit-0001', 'name', 'B', 0)]);
    await a.push([a.op('unit-0001', 'name', 'A', 0)]);
    const [open] = await conflicts(sup);
    const current = (await sup.pullAll()).changes.find((c) => c.field === 'name');
    // An enumerator may not resolve.
    const byEnumerator = await b.push([b.op('unit-0001', '$resolve', { conflictId: open!.id, value: 'B' }, current!.gseq)]);
    expect(byEnumerator.body.rejected[0]?.code).toBe('FORBIDDEN');
    const resolved = await sup.push([sup.op('unit-0001', '$resolve', { conflictId: open!.id, value: '核实后的名称' }, current!.gseq)]);
    expect(resolved.body).toMatchObject({ ackedSeq: 1, rejected: [], conflicts: [] });
    expect(await conflicts(sup)).toEqual([]);
    const [closed] = await conflicts(sup, 'resolved');
    expect(closed?.resolution).toMatchObject({ value: '核实后的名称', userId: sup.userId });
    expect((await a.pullAll()).changes.find((c) => c.field === 'name')?.value).toBe('核实后的名称');
    const again = await sup.push([sup.op('unit-0001', '$resolve', { conflictId: open!.id, value: 'x' }, current!.gseq)]);
    expect(again.body.rejected[0]?.code).toBe('INVALID_VALUE');
  });

  it('makes one conflict per racing pair when three devices edit one field concurrently', async () => {
    const c = new Device(t.server.url, 'laptop-cccc');
    await createUser(t.server, 'sun', 'enumerator', [AREA_A]);
    await c.login('sun');
    await a.push([a.op('unit-0001', '611.revenue', 1, 0)]);
    await b.push([b.op('unit-0001', '611.revenue', 2, 0)]);
    await c.push([c.op('unit-0001', '611.revenue', 3, 0)]);
    expect(await conflicts(sup)).toHaveLength(2);
  });
});
