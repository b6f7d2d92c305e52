import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '@main/core';
import { dispatch } from '@main/ipc/dispatch';
import type { Channel, Input, Output } from '@shared/ipc/contract';
import type { Result } from '@shared/result';
import { checkField } from '@shared/sync/fields';
import { uscc, VILLAGE } from '../directory/helpers';
import { World } from '../sync/world';

// 包保 between laptops: visits logged to one enterprise on two laptops that had not seen each
// other both arrive everywhere with no conflict (one field per visit); a reassignment made on two
// laptops unseen is a conflict on the 包保责任人 for a person to decide, never a silent pick; and
// a laptop of another township receives none of it.

let world: World;
afterEach(async () => world.close());

async function call<C extends Channel>(core: Core, channel: C, input?: Input<C>): Promise<Output<C>> {
  const r = (await dispatch(core.handlers, channel, input, { shell: 'web' })) as Result<Output<C>>;
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

const TOWNSHIP = VILLAGE.slice(0, 9);
const OTHER_TOWNSHIP = '640502001';

describe('企业包保 sync', () => {
  it('merges visits logged on two laptops without a conflict, reaches the bureau, and stays out of another township', async () => {
    world = new World();
    await world.start();
    await world.user('town01', 'township', [TOWNSHIP], '李娜');
    await world.user('town02', 'township', [TOWNSHIP], '张伟');
    await world.user('town03', 'township', [OTHER_TOWNSHIP], '马丽');
    await world.user('bureau', 'admin', [VILLAGE.slice(0, 6)], '刘强');
    const a = await world.client('甲', 'town01');
    const b = await world.client('乙', 'town02');
    const other = await world.client('丙', 'town03');
    const bureau = await world.client('局', 'bureau');

    const e = await call(a.core, 'enterprises:save', { fields: { uscc: uscc('931'), name: '中卫市金沙商贸有限公司', divisionCode: VILLAGE, industryCode: '5211' } });
    await call(a.core, 'liaison:assign', { enterpriseIds: [e.id], official: '李娜', department: '经济发展办', since: '2024-01-02' });
    await a.sync();
    await b.sync();
    expect((await call(b.core, 'liaison:get', { enterpriseId: e.id })).assignments.map((x) => x.official)).toEqual(['李娜']);

    // Both log a visit to the same enterprise before either syncs again.
    await call(a.core, 'liaison:addVisit', { enterpriseId: e.id, date: '2024-06-10', form: 'visit', discussed: '上门核对一季度台账', nextStep: '补齐3月凭证', nextDue: '2024-06-30' });
    await call(b.core, 'liaison:addVisit', { enterpriseId: e.id, date: '2024-06-11', form: 'phone', discussed: '电话提醒按时报送', nextStep: '', nextDue: null });
    await a.sync();
    await b.sync();
    await a.sync();
    await bureau.sync();
    await other.sync();

    for (const core of [a.core, b.core, bureau.core]) {
      const view = await call(core, 'liaison:get', { enterpriseId: e.id });
      expect(view.visits.map((v) => [v.date, v.by, v.discussed])).toEqual([
        ['2024-06-11', '张伟', '电话提醒按时报送'],
        ['2024-06-10', '李娜', '上门核对一季度台账'],
      ]);
      expect(view).toMatchObject({ official: '李娜', department: '经济发展办' });
    }
    expect(await call(a.core, 'conflicts:list')).toEqual([]);
    expect(await call(b.core, 'conflicts:list')).toEqual([]);
    // Only its author may correct a visit, on any laptop.
    const bView = await call(b.core, 'liaison:get', { enterpriseId: e.id });
    expect(bView.visits.map((v) => v.isMine)).toEqual([true, false]);
    const coverage = await call(bureau.core, 'liaison:coverage', {});
    expect(coverage.officials).toMatchObject([{ official: '李娜', enterprises: 1, visitsInWindow: expect.any(Number) }]);

    // Another township's laptop holds neither the enterprise nor its visits.
    expect((await call(other.core, 'liaison:list', {})).total).toBe(0);
    expect((await call(other.core, 'liaison:coverage', {})).total.enterprises).toBe(0);

    // A correction by the author travels, with the earlier text.
    const mine = bView.visits[0];
    if (!mine) throw new Error('no visit');
    await call(b.core, 'liaison:correctVisit', { enterpriseId: e.id, visitId: mine.id, date: mine.date, form: 'phone', discussed: '电话提醒按时报送5月报表', nextStep: '', nextDue: null });
    await b.sync();
    await a.sync();
    const onA = (await call(a.core, 'liaison:get', { enterpriseId: e.id })).visits.find((v) => v.id === mine.id);
    expect(onA).toMatchObject({ discussed: '电话提醒按时报送5月报表', isMine: false });
    expect(onA?.previous.map((p) => p.discussed)).toEqual(['电话提醒按时报送']);
  });

  it('makes two reassignments made unseen a conflict on the 包保责任人, with both kept in the history', async () => {
    world = new World();
    await world.start();
    await world.user('town01', 'township', [TOWNSHIP], '李娜');
    await world.user('town02', 'township', [TOWNSHIP], '张伟');
    const a = await world.client('甲', 'town01');
    const b = await world.client('乙', 'town02');
    const e = await call(a.core, 'enterprises:save', { fields: { uscc: uscc('932'), name: '中卫市宏达建材有限公司', divisionCode: VILLAGE, industryCode: '3011', liaison: '王敏' } });
    await a.sync();
    await b.sync();
    await call(a.core, 'liaison:assign', { enterpriseIds: [e.id], official: '赵磊', department: '统计站', since: '2024-05-01' });
    await call(b.core, 'liaison:assign', { enterpriseIds: [e.id], official: '孙悦', department: '经济发展办', since: '2024-05-02' });
    await a.sync();
    await b.sync();
    await a.sync();
    const conflicts = [...(await call(a.core, 'conflicts:list')), ...(await call(b.core, 'conflicts:list'))];
    expect(conflicts.some((c) => c.field === 'liaison')).toBe(true);
    for (const core of [a.core, b.core]) {
      const history = (await call(core, 'liaison:get', { enterpriseId: e.id })).assignments.map((x) => x.official);
      expect(history.sort()).toEqual(['孙悦', '赵磊']);
    }
  });

  it('checks 包保 fields strictly on both sides', () => {
    const visit = { date: '2024-06-10', form: 'visit', discussed: '走访', nextStep: '', nextDue: null, by: '李娜', byUserId: null, at: '2024-06-10T08:00:00.000Z', previous: [] };
    expect(checkField('enterprise', 'visit.abcdefgh1', visit)).toEqual({ ok: true });
    expect(checkField('enterprise', 'visit.abcdefgh1', { ...visit, form: 'fax' })).toMatchObject({ ok: false, code: 'INVALID_VALUE' });
    expect(checkField('enterprise', 'visit.abcdefgh1', { ...visit, discussed: '' })).toMatchObject({ ok: false, code: 'INVALID_VALUE' });
    expect(checkField('enterprise', 'visit.abcdefgh1', { ...visit, extra: 1 })).toMatchObject({ ok: false, code: 'INVALID_VALUE' });
    const assignment = { official: '李娜', department: '', since: '2024-01-02', by: '王敏', byUserId: null, at: '2024-01-02T08:00:00.000Z' };
    expect(checkField('enterprise', 'liaison.assign.abcdefgh1', assignment)).toEqual({ ok: true });
    expect(checkField('enterprise', 'liaison.assign.abcdefgh1', { ...assignment, official: 'x'.repeat(41) })).toMatchObject({ ok: false, code: 'INVALID_VALUE' });
    expect(checkField('enterprise', 'liaison.assign.x', assignment)).toMatchObject({ ok: false, code: 'INVALID_FIELD' });
  });
});
