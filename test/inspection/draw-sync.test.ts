import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '@main/core';
import { dispatch } from '@main/ipc/dispatch';
import type { Channel, Input, Output } from '@shared/ipc/contract';
import type { Result } from '@shared/result';
import { repeatsOf } from '@shared/inspection/draw-repeats';
import { checkField } from '@shared/sync/fields';
import { uscc, VILLAGE } from '../directory/helpers';
import { World } from '../sync/world';

// 双随机 draws sync ('draw'): a draw run on one laptop, and the findings recorded on another,
// reach every laptop of the area and the bureau, so a draw repeated until it suits someone is
// seen as several draws over the same list.

let world: World;
afterEach(async () => world.close());

async function call<C extends Channel>(core: Core, channel: C, input?: Input<C>): Promise<Output<C>> {
  const r = (await dispatch(core.handlers, channel, input, { shell: 'web' })) as Result<Output<C>>;
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

const TOWNSHIP = VILLAGE.slice(0, 9);

describe('双随机 draws sync', () => {
  it('reach the bureau and the other laptops of the area with who drew and when, findings included, repeats visible', async () => {
    world = new World();
    await world.start();
    await world.user('town01', 'township', [TOWNSHIP]);
    await world.user('town02', 'township', [TOWNSHIP]);
    await world.user('bureau', 'admin', [VILLAGE.slice(0, 6)]);
    const a = await world.client('甲', 'town01');
    const b = await world.client('乙', 'town02');
    const bureau = await world.client('局', 'bureau');
    for (const [serial, name] of [['911', '中卫市金沙商贸有限公司'], ['912', '中卫市宏达建材有限公司'], ['913', '中卫市沙坡头餐饮有限公司']] as const) {
      await call(a.core, 'enterprises:save', { fields: { uscc: uscc(serial), name, divisionCode: VILLAGE, industryCode: '5211', liaison: '李娜' } });
    }
    await a.sync();
    await b.sync();

    const input = { title: '2024年第一批', filter: {}, count: 2, inspectors: ['张三', '李四'], seed: 'SPT-2024-001' };
    const first = await call(a.core, 'draw:run', input);
    // Drawn again with another seed over the same list: the bureau must see both.
    const again = await call(a.core, 'draw:run', { ...input, seed: 'SPT-2024-002' });
    await a.sync();
    await bureau.sync();
    await b.sync();

    const seen = await call(bureau.core, 'draw:list');
    expect(seen.map((d) => d.id).sort()).toEqual([first.id, again.id].sort());
    expect(seen.every((d) => d.createdBy === '甲' && d.poolHash === first.poolHash)).toBe(true);
    // The list the inspection screen shows marks the list as drawn twice, oldest first.
    expect(repeatsOf(seen)).toEqual(new Map([[first.id, { n: 1, total: 2 }], [again.id, { n: 2, total: 2 }]]));
    const onBureau = await call(bureau.core, 'draw:get', { id: first.id });
    expect(onBureau).toMatchObject({ title: '2024年第一批', seed: 'SPT-2024-001', createdAt: first.createdAt, createdBy: '甲', algorithm: first.algorithm });
    expect(onBureau.items.map((i) => [i.enterpriseId, i.inspectors])).toEqual(first.items.map((i) => [i.enterpriseId, i.inspectors]));

    // Findings recorded on another laptop reach the one that drew.
    const target = first.items[0];
    if (!target) throw new Error('nothing drawn');
    await call(b.core, 'inspection:record', { drawId: first.id, enterpriseId: target.enterpriseId, result: 'issues_found', findings: '台账与凭证不符', isClosed: true, closingNote: '已责令整改' });
    await b.sync();
    await a.sync();
    await bureau.sync();
    for (const core of [a.core, bureau.core]) {
      const item = (await call(core, 'draw:get', { id: first.id })).items.find((i) => i.enterpriseId === target.enterpriseId);
      expect(item).toMatchObject({ result: 'issues_found', findings: '台账与凭证不符', isClosed: true, closingNote: '已责令整改' });
    }
    expect((await call(a.core, 'draw:list')).find((d) => d.id === first.id)?.closed).toBe(1);
  });

  it('are checked strictly on both sides: unknown fields and members, bad values', () => {
    const finding = { result: 'no_issue', findings: '', isClosed: false, closedAt: null, closingNote: '', updatedAt: '2024-03-01T08:00:00.000Z', by: '甲' };
    expect(checkField('draw', 'item.ent-00000001', finding)).toEqual({ ok: true });
    expect(checkField('draw', 'item.ent-00000001', { ...finding, extra: 1 })).toMatchObject({ ok: false, code: 'INVALID_VALUE' });
    expect(checkField('draw', 'item.ent-00000001', { ...finding, result: 'fine' })).toMatchObject({ ok: false, code: 'INVALID_VALUE' });
    expect(checkField('draw', 'title', '改过的标题')).toMatchObject({ ok: false, code: 'INVALID_FIELD' });
    expect(checkField('draw', '$create', { areaCode: '6405', title: 'x' })).toMatchObject({ ok: false, code: 'INVALID_VALUE' });
  });
});
