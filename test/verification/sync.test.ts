import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '@main/core';
import { dispatch } from '@main/ipc/dispatch';
import type { Channel, Input, Output } from '@shared/ipc/contract';
import type { Result } from '@shared/result';
import { checkField } from '@shared/sync/fields';
import { OTHER_VILLAGE, uscc, VILLAGE } from '../directory/helpers';
import { recordOps } from '@main/sync/outbox';
import { World } from '../sync/world';

// 核查 tasks sync ('verification'): the bureau makes them, the township whose enterprise it is
// (and only that one) receives its task, works it, and the bureau sees every step with who did
// it; the bureau's 退库 then reaches the township's directory. The same field written on two
// laptops unseen is a conflict to decide, never a silent overwrite.

let world: World;
afterEach(async () => world.close());

async function call<C extends Channel>(core: Core, channel: C, input?: Input<C>): Promise<Output<C>> {
  const r = (await dispatch(core.handlers, channel, input, { shell: 'web' })) as Result<Output<C>>;
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

const period = { year: 2024, month: 6 };

async function setUp() {
  world = new World();
  await world.start();
  await world.user('bureau', 'admin', [VILLAGE.slice(0, 6)], '马海燕');
  await world.user('town01', 'township', [VILLAGE.slice(0, 9)], '王敏');
  await world.user('town02', 'township', [VILLAGE.slice(0, 9)], '李娜');
  await world.user('town09', 'township', [OTHER_VILLAGE.slice(0, 9)], '赵强');
  const bureau = await world.client('局', 'bureau');
  const a = await world.client('甲', 'town01');
  const b = await world.client('乙', 'town02');
  const other = await world.client('丙', 'town09');
  const here = await call(bureau.core, 'enterprises:save', { fields: { uscc: uscc('921'), name: '中卫市鑫源金属结构有限公司', divisionCode: VILLAGE, industryCode: '3311', scale: 'above', status: 'deregistered', statusNote: '2024-06-30 注销' } });
  const there = await call(bureau.core, 'enterprises:save', { fields: { uscc: uscc('922'), name: '中卫市宣和砖厂', divisionCode: OTHER_VILLAGE, industryCode: '3031', scale: 'above', status: 'closed' } });
  const made = await call(bureau.core, 'verification:create', { kind: 'exit', title: '2024年退库核查', period, enterpriseIds: [here.id, there.id], assignee: { name: '王敏', userId: null } });
  for (const c of [bureau, a, b, other]) await c.sync();
  const byEnterprise = async (core: Core) => new Map((await call(core, 'verification:list', {})).rows.map((r) => [r.enterpriseId, r.id]));
  const ids = await byEnterprise(bureau.core);
  return { bureau, a, b, other, here, there, made, byEnterprise, hereTask: ids.get(here.id) ?? '', thereTask: ids.get(there.id) ?? '' };
}

describe('核查 tasks sync', () => {
  it('reach only the township of their enterprise, carry every step with who did it, and the 退库 reaches its directory', async () => {
    const w = await setUp();
    expect(w.made.taskIds).toHaveLength(2);
    expect([...(await w.byEnterprise(w.a.core)).keys()]).toEqual([w.here.id]);
    expect([...(await w.byEnterprise(w.other.core)).keys()]).toEqual([w.there.id]);

    const id = w.hereTask;
    await call(w.a.core, 'verification:figures', { id, figures: [{ key: 'revenue', reported: 3_000, found: 0 }] });
    for (const key of ['licence', 'income_statement', 'vat_return', 'payroll', 'site_visit'] as const) await call(w.a.core, 'verification:check', { id, key, result: 'consistent', note: '' });
    await call(w.a.core, 'verification:conclude', { id, result: 'inconsistent', note: '已停产' });
    await call(w.a.core, 'verification:sign', { id, role: 'checker', signature: { name: '王敏', date: '2024-07-02' } });
    // The contact signs on the other township laptop: a different field, no conflict.
    await w.a.sync();
    await w.b.sync();
    await call(w.b.core, 'verification:sign', { id, role: 'contact', signature: { name: '刘会计', date: '2024-07-02' } });
    await w.b.sync();
    await w.a.sync();
    await call(w.a.core, 'verification:step', { id, action: 'complete' });
    await call(w.a.core, 'verification:exitStep', { id, action: 'verify' });
    await w.a.sync();
    await w.bureau.sync();

    let seen = await call(w.bureau.core, 'verification:get', { id });
    expect(seen).toMatchObject({ state: 'completed', exitState: 'verified', conclusion: 'inconsistent', assignee: '王敏', signatures: { checker: { name: '王敏' }, contact: { name: '刘会计', confirmedBy: '李娜' } } });
    expect(seen.figures.find((f) => f.key === 'revenue')).toMatchObject({ reported: 3_000, reportedSource: 'typed', found: 0, diff: -3_000, pct: -100 });
    expect(seen.history.map((h) => `${h.kind}:${h.by}`)).toEqual([
      'create:马海燕',
      'assign:马海燕',
      'propose:马海燕',
      'start:王敏',
      'figure:王敏',
      ...Array.from({ length: 5 }, () => 'check:王敏'),
      'conclude:王敏',
      'sign:王敏',
      'sign:李娜',
      'complete:王敏',
      'verify:王敏',
    ]);

    await call(w.bureau.core, 'verification:exitStep', { id, action: 'approve' });
    await call(w.bureau.core, 'verification:exitStep', { id, action: 'remove', date: '2024-07-05' });
    expect((await call(w.bureau.core, 'enterprises:history', { id: w.here.id }))[0]?.reason).toBe('退库：2024-06-30 注销（2024-07-05） / Removed from the directory');
    await w.bureau.sync();
    await w.a.sync();
    seen = await call(w.a.core, 'verification:get', { id });
    expect(seen.exit).toMatchObject({ state: 'removed', date: '2024-07-05', by: '马海燕' });
    expect(await call(w.a.core, 'enterprises:get', { id: w.here.id })).toMatchObject({ scale: 'below', status: 'deregistered' });
    expect((await call(w.a.core, 'exits:list', {})).rows).toEqual([]);
    // The other township never held this task.
    await w.other.sync();
    expect([...(await w.byEnterprise(w.other.core)).keys()]).toEqual([w.there.id]);
  });

  it('makes the same field written on two laptops unseen a conflict to decide', async () => {
    const w = await setUp();
    const id = w.hereTask;
    await call(w.a.core, 'verification:figures', { id, figures: [{ key: 'employees', reported: 40, found: 12 }] });
    await call(w.b.core, 'verification:figures', { id, figures: [{ key: 'employees', reported: 40, found: 15 }] });
    await w.a.sync();
    await w.b.sync();
    await w.a.sync();
    const conflicts = [...(await call(w.a.core, 'conflicts:list')), ...(await call(w.b.core, 'conflicts:list'))];
    expect(conflicts.map((c) => [c.entityId, c.field])).toContainEqual([id, 'figure.employees']);
  });

  it('are refused by the server when a township writes what only the bureau may (approve a 退库, make a task)', async () => {
    const w = await setUp();
    const id = w.hereTask;
    const at = new Date().toISOString();
    // Around its own checks, as a tampered laptop would: straight into the outbox.
    w.a.core.db.transaction((tx) =>
      recordOps(tx, [{ entity: 'verification', entityId: id, areaCode: VILLAGE, field: 'exit', value: { state: 'approved', action: 'approve', reasons: ['deregistered'], note: '', date: null, at, by: '王敏' } }]),
    );
    w.a.core.db.transaction((tx) =>
      recordOps(tx, [{ entity: 'verification', entityId: 'forged-task-0001', areaCode: VILLAGE, field: '$create', value: { areaCode: VILLAGE, kind: 'exit', enterpriseId: w.here.id, uscc: uscc('921'), name: '伪造', batchId: 'batch-00000001', batchTitle: 'x', source: { list: 'exits', drawId: null, seed: null, poolHash: null, poolSize: null }, period, createdAt: at, createdBy: '王敏' } }]),
    );
    await w.a.sync();
    expect(w.a.core.sync.status().rejected.map((r) => [r.entityId, r.field, r.code])).toEqual(
      expect.arrayContaining([
        [id, 'exit', 'FORBIDDEN'],
        ['forged-task-0001', '$create', 'FORBIDDEN'],
      ]),
    );
    await w.bureau.sync();
    expect((await call(w.bureau.core, 'verification:get', { id })).exitState).toBe('proposed');
    expect((await call(w.bureau.core, 'verification:list', {})).rows.map((r) => r.id)).not.toContain('forged-task-0001');
  });

  it('are checked strictly on both sides: unknown fields and members, bad values', () => {
    const state = { state: 'completed', action: 'complete', reason: '', at: '2024-07-01T08:00:00.000Z', by: '王敏' };
    expect(checkField('verification', 'state', state)).toEqual({ ok: true });
    expect(checkField('verification', 'state', { ...state, state: 'done' })).toMatchObject({ ok: false, code: 'INVALID_VALUE' });
    expect(checkField('verification', 'state', { ...state, extra: 1 })).toMatchObject({ ok: false, code: 'INVALID_VALUE' });
    expect(checkField('verification', 'figure.revenue', { reported: 1.5, reportedSource: 'typed', found: 1, at: state.at, by: '王敏' })).toMatchObject({ ok: false, code: 'INVALID_VALUE' });
    expect(checkField('verification', 'figure.assets', { reported: 1, reportedSource: 'typed', found: 1, at: state.at, by: '王敏' })).toMatchObject({ ok: false, code: 'INVALID_FIELD' });
    expect(checkField('verification', 'sign.checker', { name: ' ', date: '2024-07-01', confirmedBy: '王敏', at: state.at })).toMatchObject({ ok: false, code: 'INVALID_VALUE' });
    expect(checkField('verification', 'name', '改名')).toMatchObject({ ok: false, code: 'INVALID_FIELD' });
    expect(checkField('verification', '$create', { areaCode: '640502', kind: 'exit' })).toMatchObject({ ok: false, code: 'INVALID_VALUE' });
  });
});
