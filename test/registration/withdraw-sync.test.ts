import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '@main/ipc/dispatch';
import type { Core } from '@main/core';
import type { Channel, Input, Output } from '@shared/ipc/contract';
import type { AppErrorShape } from '@shared/result';
import { Op } from '@shared/sync/protocol';
import { usccFor } from '../helpers/import-files';
import { World } from '../sync/world';

// Duplicates at the door and a unit withdrawn by mistake, on two real laptops and the bureau
// server: adding a USCC the store holds needs the user to have seen the holder; a withdrawn
// unit leaves the lists on both laptops but is listed under 已撤销 with who, when and why.

const AREA = '640502100002001';
let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

async function call<C extends Channel>(core: Core, channel: C, input: Input<C>): Promise<Output<C>> {
  const r = await dispatch(core.handlers, channel, input, { shell: 'web' });
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value as Output<C>;
}
async function refusal<C extends Channel>(core: Core, channel: C, input: Input<C>): Promise<AppErrorShape> {
  const r = await dispatch(core.handlers, channel, input, { shell: 'web' });
  if (r.ok) throw new Error(`${channel} was accepted`);
  return r.error;
}

describe('duplicates at the door', () => {
  it('warns before adding a USCC the store holds, and adds it once the user confirms', async () => {
    world = new World();
    await world.start();
    await world.user('ma', 'enumerator', ['640502100002']);
    const a = await world.client('a', 'ma');
    const uscc = usccFor(7);
    const first = await call(a.core, 'units:create', { areaCode: AREA, kind: 'legal', name: '中卫市鑫源商贸有限公司', uscc });
    expect(await call(a.core, 'units:sameUscc', { uscc: uscc.toLowerCase() })).toEqual([
      { id: first.id, areaCode: AREA, name: '中卫市鑫源商贸有限公司', kind: 'legal', status: 'draft' },
    ]);
    const refused = await refusal(a.core, 'units:create', { areaCode: '640502100002002', kind: 'legal', name: '鑫源商贸', uscc });
    expect(refused.code).toBe('RULE_VIOLATION');
    expect(refused.reason?.zh).toContain('本机已有统一社会信用代码相同的单位：中卫市鑫源商贸有限公司（640502100002001）');
    expect(refused.issues).toEqual([{ path: 'uscc', message: `DUPLICATE:${first.id}` }]);
    const second = await call(a.core, 'units:create', { areaCode: '640502100002002', kind: 'establishment', name: '鑫源商贸东园店', uscc, duplicateOf: [first.id] });
    const [trace] = await call(a.core, 'units:history', { id: second.id });
    expect(trace?.reason).toContain(`Confirmed as another unit than those with the same USCC: 中卫市鑫源商贸有限公司 (${AREA}, ${first.id})`);
  });
});

describe('withdrawing a unit added by mistake', () => {
  it('takes it out of every list on both laptops and keeps it on record with the reason', async () => {
    world = new World();
    await world.start();
    await world.user('ma', 'enumerator', ['640502100002']);
    await world.user('li', 'supervisor', ['640502100002']);
    const a = await world.client('a', 'ma');
    const b = await world.client('b', 'li');
    const mistake = await call(a.core, 'units:create', { areaCode: AREA, kind: 'individual', name: '重复录入的老马拉面馆' });
    const kept = await call(a.core, 'units:create', { areaCode: AREA, kind: 'individual', name: '老马拉面馆' });
    await a.sync();
    await b.sync();
    expect((await call(b.core, 'units:list', { areaPrefix: AREA })).rows.map((r) => r.name).sort()).toEqual(['老马拉面馆', '重复录入的老马拉面馆']);

    const withdrawn = await call(a.core, 'units:withdraw', { id: mistake.id, version: mistake.version, reason: '与“老马拉面馆”是同一家，重复录入' });
    expect(withdrawn).toMatchObject({ id: mistake.id, by: 'a', reason: '与“老马拉面馆”是同一家，重复录入' });
    const op = (a.core.sqlite.prepare("SELECT op FROM sync_outbox WHERE field = '$delete'").pluck().all() as string[]).map((t) => Op.parse(JSON.parse(t)));
    expect(op).toMatchObject([{ entityId: mistake.id, value: { reason: '与“老马拉面馆”是同一家，重复录入' } }]);
    expect((await call(a.core, 'units:list', { areaPrefix: AREA })).rows.map((r) => r.id)).toEqual([kept.id]);
    expect((await call(a.core, 'units:history', { id: mistake.id })).at(-1)).toMatchObject({ action: 'withdraw', reason: '与“老马拉面馆”是同一家，重复录入' });

    await a.sync();
    await b.sync();
    expect((await call(b.core, 'units:list', { areaPrefix: AREA })).rows.map((r) => r.id)).toEqual([kept.id]);
    const onB = await call(b.core, 'units:withdrawn', undefined);
    expect(onB).toEqual([expect.objectContaining({ id: mistake.id, name: '重复录入的老马拉面馆', reason: '与“老马拉面馆”是同一家，重复录入' })]);
    expect(onB[0]?.by).not.toBe('');

    // A laptop that first syncs afterwards receives the tombstone in its snapshot, reason included.
    await world.user('zhao', 'supervisor', ['640502100002']);
    const c = await world.client('c', 'zhao');
    await c.sync();
    expect(await call(c.core, 'units:withdrawn', undefined)).toEqual([expect.objectContaining({ id: mistake.id, reason: '与“老马拉面馆”是同一家，重复录入' })]);
  });

  it('refuses frame units and units already submitted, changing nothing', async () => {
    world = new World();
    await world.start();
    await world.user('ma', 'enumerator', ['640502100002']);
    const a = await world.client('a', 'ma');
    const unit = await call(a.core, 'units:create', { areaCode: AREA, kind: 'individual', name: '沙坡头区马记拉面馆' });
    a.core.sqlite.prepare("UPDATE units SET status = 'submitted' WHERE id = ?").run(unit.id);
    const refused = await refusal(a.core, 'units:withdraw', { id: unit.id, version: unit.version, reason: '重复' });
    expect(refused.reason?.zh).toBe('已提交审核的单位不能撤销；请联系普查指导员退回后再处理。');
    a.core.sqlite.prepare("UPDATE units SET status = 'draft', source = 'frame' WHERE id = ?").run(unit.id);
    expect((await refusal(a.core, 'units:withdraw', { id: unit.id, version: unit.version, reason: '重复' })).reason?.zh).toContain('底册中的单位不能撤销');
    expect(await call(a.core, 'units:withdrawn', undefined)).toEqual([]);
    expect(a.core.sqlite.prepare("SELECT count(*) FROM sync_outbox WHERE field = '$delete'").pluck().get()).toBe(0);
  });
});
