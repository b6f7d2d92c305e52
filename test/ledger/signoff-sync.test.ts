import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '@main/core';
import { dispatch } from '@main/ipc/dispatch';
import type { Channel, Input, Output } from '@shared/ipc/contract';
import type { Result } from '@shared/result';
import { uscc, VILLAGE } from '../directory/helpers';
import { World } from '../sync/world';

// A month's two signatures are two fields of the enterprise: signed on two laptops, both reach
// the other through the server, without a conflict, and the month is then signed on both.

let world: World;
afterEach(async () => world.close());

async function call<C extends Channel>(core: Core, channel: C, input?: Input<C>): Promise<Result<Output<C>>> {
  return (await dispatch(core.handlers, channel, input, { shell: 'web' })) as Result<Output<C>>;
}
async function ok<C extends Channel>(core: Core, channel: C, input?: Input<C>): Promise<Output<C>> {
  const r = await call(core, channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

describe('sign-off sync', () => {
  it('carries each head’s signature to the other laptop; signing on two laptops never conflicts', async () => {
    world = new World();
    await world.start();
    const township = VILLAGE.slice(0, 9);
    await world.user('town01', 'township', [township]);
    await world.user('town02', 'township', [township]);
    const a = await world.client('a', 'town01');
    const b = await world.client('b', 'town02');

    const e = await ok(a.core, 'enterprises:save', { fields: { uscc: uscc('951'), name: '中卫市沙坡头百货有限公司', divisionCode: VILLAGE, industryCode: '5211' } });
    await ok(a.core, 'ledger:saveCells', { enterpriseId: e.id, year: 2024, cells: [{ month: 3, indicator: 'retailSales', from: null, to: 800 }] });
    await a.sync();
    await b.sync();
    // The two heads sign the same month, each on a laptop that has not seen the other's signature.
    await ok(a.core, 'ledger:sign', { enterpriseId: e.id, year: 2024, month: 3, role: 'statisticsHead', name: '张会计', date: '2024-04-05' });
    await ok(b.core, 'ledger:sign', { enterpriseId: e.id, year: 2024, month: 3, role: 'unitHead', name: '李经理', date: '2024-04-06' });
    await a.sync();
    await b.sync();
    await a.sync();

    for (const c of [a, b]) {
      const march = (await ok(c.core, 'ledger:getYear', { enterpriseId: e.id, year: 2024 })).signoffs[2];
      expect(march).toMatchObject({ statisticsHead: { name: '张会计', date: '2024-04-05' }, unitHead: { name: '李经理', date: '2024-04-06' }, state: 'signed' });
      expect(c.core.sync.status().conflicts).toEqual([]);
    }
    // The signature that arrived holds on the receiving laptop too: no change without a reason.
    const refused = await call(b.core, 'ledger:saveCells', { enterpriseId: e.id, year: 2024, cells: [{ month: 3, indicator: 'retailSales', from: 800, to: 900 }] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    await ok(b.core, 'ledger:saveCells', { enterpriseId: e.id, year: 2024, cells: [{ month: 3, indicator: 'retailSales', from: 800, to: 900 }], reason: '更正录入错误' });
    await b.sync();
    await a.sync();
    // On the first laptop the change arrives after both signatures: the month reads as changed after signing.
    const onA = await ok(a.core, 'ledger:getYear', { enterpriseId: e.id, year: 2024 });
    expect(onA.months[2]).toEqual({ retailSales: 900 });
    expect(onA.signoffs[2]?.state).toBe('changedAfterSigning');
  });
});
