import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '@main/core';
import { dispatch } from '@main/ipc/dispatch';
import { updateSettings } from '@main/session/settings-queries';
import type { Channel, Input, Output } from '@shared/ipc/contract';
import type { Result } from '@shared/result';
import { checkField } from '@shared/sync/fields';
import type { Op } from '@shared/sync/protocol';
import { checkOpAlone } from '@server/sync/rules';
import { uscc, VILLAGE } from '../directory/helpers';
import { World } from '../sync/world';
import { card } from './helpers';

// The roster ('inspector') and cases ('case') travel between two bureau laptops through the
// server, with the draw published on one and run and checked on the other; a township laptop
// sees its township's cases but not the county's roster, and may not change either.

let world: World;
afterEach(async () => world.close());

async function attempt<C extends Channel>(core: Core, channel: C, input?: Input<C>): Promise<Result<Output<C>>> {
  return (await dispatch(core.handlers, channel, input, { shell: 'web' }, { logError: () => undefined })) as Result<Output<C>>;
}
async function call<C extends Channel>(core: Core, channel: C, input?: Input<C>): Promise<Output<C>> {
  const r = await attempt(core, channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

const TOWNSHIP = VILLAGE.slice(0, 9);
const COUNTY = VILLAGE.slice(0, 6);

describe('统计执法 records sync', () => {
  it('carry the roster, a published draw and a case between two laptops and the server, each step attributed', async () => {
    world = new World();
    await world.start();
    await world.user('bureau1', 'admin', [COUNTY], '马局');
    await world.user('bureau2', 'admin', [COUNTY], '周科长');
    await world.user('town01', 'township', [TOWNSHIP], '乡镇甲');
    const a = await world.client('马局', 'bureau1');
    const b = await world.client('周科长', 'bureau2');
    const town = await world.client('乡镇甲', 'town01');
    for (const c of [a, b, town]) updateSettings(c.core.db, { regionCode: COUNTY });

    const e1 = await call(a.core, 'enterprises:save', { fields: { uscc: uscc('911'), name: '中卫市金沙商贸有限公司', divisionCode: VILLAGE, industryCode: '5211', liaison: '张三' } });
    await call(a.core, 'enterprises:save', { fields: { uscc: uscc('912'), name: '中卫市宏达建材有限公司', divisionCode: VILLAGE, industryCode: '5211', liaison: '' } });
    const zhang = await call(a.core, 'enforce:inspectorAdd', card(0));
    const li = await call(a.core, 'enforce:inspectorAdd', card(1));
    await call(a.core, 'enforce:inspectorAdd', card(2));
    await call(a.core, 'enforce:inspectorRelate', { id: li.id, entry: { enterpriseId: e1.id, enterpriseName: e1.name, reason: '亲属在该企业任职' } });
    const pub = await call(a.core, 'enforce:drawPublish', { title: '2024年第二批', filter: {}, count: 2, perEnterprise: 1 });
    await a.sync();
    await b.sync();

    // The roster arrived whole, 回避 list included.
    const roster = await call(b.core, 'enforce:inspectors');
    expect(roster.map((i) => [i.name, i.createdBy])).toEqual([['张三', '马局'], ['李四', '马局'], ['王五', '马局']].sort((x, y) => (x[0] as string).localeCompare(y[0] as string, 'en')));
    expect(roster.find((i) => i.id === li.id)?.related).toMatchObject([{ enterpriseId: e1.id, reason: '亲属在该企业任职', by: '马局' }]);
    // The publication arrived without its seed: B cannot run it unless the seed is typed.
    const onB = await call(b.core, 'enforce:draw', { id: pub.id });
    expect(onB).toMatchObject({ seedHash: pub.seedHash, poolHash: pub.poolHash, rosterHash: pub.rosterHash, holdsSeed: false, run: null });

    // A runs it; B sees the run, re-runs it from the record and finds it matches.
    const ran = await call(a.core, 'enforce:drawRun', { id: pub.id });
    const pairOf = (id: string) => ran.run?.items.find((i) => i.enterpriseId === id)?.inspectors.map((x) => x.inspectorId) ?? [];
    expect(pairOf(e1.id)).not.toContain(zhang.id);
    expect(pairOf(e1.id)).not.toContain(li.id);
    const opened = await call(a.core, 'enforce:caseOpen', { enterpriseId: e1.id, drawId: pub.id, caseNo: '沙统立〔2024〕7号', filedOn: '2024-07-01', violations: ['concealment'] });
    await a.sync();
    await b.sync();
    expect((await call(b.core, 'enforce:draw', { id: pub.id })).run?.seed).toBe(ran.run?.seed);
    expect(await call(b.core, 'enforce:drawVerify', { id: pub.id })).toEqual({ ok: true, reason: null });
    expect((await call(b.core, 'draw:list')).map((d) => d.id)).toContain(pub.id);

    // B takes the next step; A sees it, attributed to B.
    const caseOnB = await call(b.core, 'enforce:case', { id: opened.id });
    expect(caseOnB).toMatchObject({ caseNo: '沙统立〔2024〕7号', state: 'filed', createdBy: { name: '马局' } });
    await call(b.core, 'enforce:caseAct', { id: opened.id, action: 'investigate', on: '2024-07-02', note: '现场核查' });
    await b.sync();
    await a.sync();
    const caseOnA = await call(a.core, 'enforce:case', { id: opened.id });
    expect(caseOnA.state).toBe('investigating');
    expect(caseOnA.steps[1]).toMatchObject({ state: 'investigating', on: '2024-07-02', note: '现场核查', by: { name: '周科长' } });

    // The same step taken on both laptops differently is a visible conflict, never a silent overwrite.
    await call(a.core, 'enforce:caseAct', { id: opened.id, action: 'notify', on: '2024-07-05' });
    await call(b.core, 'enforce:caseAct', { id: opened.id, action: 'notify', on: '2024-07-06' });
    await a.sync();
    await b.sync();
    await a.sync();
    await b.sync();
    for (const laptop of [a, b]) {
      const conflicts = await call(laptop.core, 'conflicts:list');
      expect(conflicts.filter((c) => c.entityId === opened.id).map((c) => c.field)).toEqual(['step.notified']);
    }

    // The township sees its township's case, not the county's roster, and may change neither.
    await town.sync();
    expect((await call(town.core, 'enforce:cases', {})).map((c) => c.id)).toEqual([opened.id]);
    expect(await call(town.core, 'enforce:inspectors')).toEqual([]);
    const refused = await attempt(town.core, 'enforce:caseAct', { id: opened.id, action: 'notify', on: '2024-07-07' });
    expect(refused.ok ? null : refused.error.code).toBe('FORBIDDEN');
  });

  it('are checked strictly on both sides: unknown fields and members, bad values', () => {
    const by = { userId: 'u1', name: '马局' };
    const step = { on: '2024-07-02', note: '', decision: null, at: '2024-07-02T08:00:00.000Z', by };
    expect(checkField('case', 'step.investigating', step)).toEqual({ ok: true });
    expect(checkField('case', 'step.filed', step)).toMatchObject({ ok: false, code: 'INVALID_FIELD' });
    expect(checkField('case', 'step.decided', { ...step, decision: { penalties: ['fine'], fineYuan: 0, documentNo: 'x' } })).toMatchObject({ ok: false, code: 'INVALID_VALUE' });
    expect(checkField('case', 'step.investigating', { ...step, extra: 1 })).toMatchObject({ ok: false, code: 'INVALID_VALUE' });
    expect(checkField('case', 'state', 'closed')).toMatchObject({ ok: false, code: 'INVALID_FIELD' });
    const created = { areaCode: COUNTY, name: '张三', certNo: 'NX640502000', validFrom: '2023-01-01', validTo: '2027-12-31', unit: '沙坡头区统计局', at: '2024-07-02T08:00:00.000Z', by };
    expect(checkField('inspector', '$create', created)).toEqual({ ok: true });
    expect(checkField('inspector', '$create', { ...created, areaCode: VILLAGE })).toMatchObject({ ok: false, code: 'INVALID_VALUE' });
    expect(checkField('inspector', 'related.ent-00000001', { enterpriseName: '甲', reason: '亲属', at: created.at, by, removed: null })).toEqual({ ok: true });
    expect(checkField('inspector', 'name', '李四')).toMatchObject({ ok: false, code: 'INVALID_FIELD' });
    expect(checkField('draw', 'run', { seed: 's', items: [], exclusions: [], at: created.at, by })).toMatchObject({ ok: false, code: 'INVALID_VALUE' });
  });

  it('are refused by the server from anyone but the bureau (a township, a supervisor), conflict resolutions included', () => {
    const op: Op = {
      deviceId: 'dev-00000001',
      seq: 1,
      entity: 'case',
      entityId: 'case-00000001',
      field: 'step.investigating',
      value: { on: '2024-07-02', note: '', decision: null, at: '2024-07-02T08:00:00.000Z', by: { userId: 'u1', name: '乡镇甲' } },
      baseVersion: 0,
      hlc: '1720000000000-000001-dev-00000001',
      userId: 'u1',
      at: '2024-07-02T08:00:00.000Z',
      appVersion: '0.1.0',
      schemaVersion: '1',
      prevHash: '',
      hash: '0'.repeat(64),
    };
    expect(checkOpAlone(op, 'u1', 'admin')).toBeNull();
    for (const role of ['township', 'supervisor', 'enumerator'] as const) {
      expect(checkOpAlone(op, 'u1', role)).toMatchObject({ code: 'FORBIDDEN' });
      expect(checkOpAlone({ ...op, entity: 'inspector', field: '$resolve', value: { conflictId: 'c1', value: null } }, 'u1', role)).toMatchObject({ code: 'FORBIDDEN' });
    }
  });
});
