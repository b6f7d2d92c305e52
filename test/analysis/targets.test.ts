import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '@main/core';
import { dispatch } from '@main/ipc/dispatch';
import { parseTargetPercent } from '@shared/analysis/targets';
import type { Channel, Input, Output } from '@shared/ipc/contract';
import type { Result } from '@shared/result';
import { checkField } from '@shared/sync/fields';
import type { Op } from '@shared/sync/protocol';
import { checkOpAlone } from '@server/sync/rules';
import { World } from '../sync/world';
import { analysisStore, T_BINHE, T_WENCHANG } from './helpers';
import { signIn } from '../liaison/session';

// The bureau's yearly growth targets: set and corrected on one laptop (the bureau's right only),
// and the 'analysisTarget' entity between laptops through a server: a township's targets reach
// its staff, the district's stay with the bureau, an edit on two bureau laptops unseen is a
// conflict, and a township account cannot set one (refused by the laptop and by the server).

let world: World | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

async function call<C extends Channel>(core: Core, channel: C, input?: Input<C>): Promise<Output<C>> {
  const r = (await dispatch(core.handlers, channel, input, { shell: 'web' })) as Result<Output<C>>;
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

describe('targets on one laptop', () => {
  it('are set, corrected and cleared by the bureau, one record per year, area and line', async () => {
    const s = analysisStore();
    const set = (targetTenths: number | null, note = '') => s.ok('analysis:setTarget', { year: 2024, areaCode: T_BINHE, line: 'trade.retailSales', targetTenths, note });
    const first = await set(75, '区政府工作报告');
    expect(first).toMatchObject({ id: 'tgt-2024-640502100-trade-retailSales', targetTenths: 75, note: '区政府工作报告', createdBy: '刘强' });
    await set(80, '区政府工作报告');
    await set(null, '区政府工作报告');
    const list = await s.ok('analysis:targets', { year: 2024 });
    expect(list.targets.map((t) => [t.areaCode, t.line, t.targetTenths])).toEqual([[T_BINHE, 'trade.retailSales', null]]);
    expect(list.canEdit).toBe(true);
    expect(list.areas.slice(0, 2)).toEqual([{ code: '640502', name: '沙坡头区' }, { code: '640502100', name: '滨河镇' }]);
    // One op per change: the create, then the value twice; no op for an unchanged note.
    const ops = s.sqlite.prepare("SELECT field FROM sync_outbox WHERE entity = 'analysisTarget' ORDER BY seq").pluck().all();
    expect(ops).toEqual(['$create', 'targetTenths', 'targetTenths']);
    // Outside the district, an unknown line, a target out of range: refused, nothing written.
    for (const bad of [{ areaCode: '640521100' }, { line: 'trade.payroll' }, { targetTenths: 20_000 }]) {
      expect((await s.call('analysis:setTarget', { year: 2024, areaCode: T_BINHE, line: 'trade.retailSales', targetTenths: 50, note: '', ...bad })).ok).toBe(false);
    }
    expect(s.sqlite.prepare("SELECT count(*) FROM sync_outbox WHERE entity = 'analysisTarget'").pluck().get()).toBe(3);
    signIn(s.db, 'township', 'u-binhe', '李娜', [T_BINHE]);
    expect((await s.ok('analysis:targets', { year: 2024 })).canEdit).toBe(false);
  });

  it('reads a typed percentage exactly', () => {
    expect(parseTargetPercent('8.5')).toBe(85);
    expect(parseTargetPercent(' -2 %')).toBe(-20);
    expect(parseTargetPercent('')).toBeNull();
    expect(parseTargetPercent('8.55')).toBeUndefined();
    expect(parseTargetPercent('abc')).toBeUndefined();
  });

  it('checks target fields strictly on both sides', () => {
    expect(checkField('analysisTarget', 'targetTenths', 85)).toEqual({ ok: true });
    expect(checkField('analysisTarget', 'targetTenths', 8.5)).toMatchObject({ ok: false, code: 'INVALID_VALUE' });
    expect(checkField('analysisTarget', 'year', 2025)).toMatchObject({ ok: false, code: 'INVALID_FIELD' });
  });

  it('are refused by the server from anyone but the bureau, conflict resolutions included', () => {
    const op: Op = {
      deviceId: 'dev-00000001',
      seq: 1,
      entity: 'analysisTarget',
      entityId: 'tgt-2024-640502100-trade-retailSales',
      field: 'targetTenths',
      value: 200,
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
    for (const role of ['township', 'supervisor', 'enumerator', 'leader'] as const) {
      expect(checkOpAlone(op, 'u1', role)).toMatchObject({ code: 'FORBIDDEN' });
      expect(checkOpAlone({ ...op, field: '$resolve', value: { conflictId: 'c1', value: 300 } }, 'u1', role)).toMatchObject({ code: 'FORBIDDEN' });
    }
  });
});

describe('targets between laptops', () => {
  it('reach the township they are for and the bureau, conflict when edited on two bureau laptops, and are the bureau’s to set', async () => {
    const w = new World();
    world = w;
    await w.start();
    await w.user('bureau1', 'admin', ['640502'], '刘强');
    await w.user('bureau2', 'admin', ['640502'], '王敏');
    await w.user('binhe', 'township', [T_BINHE], '李娜');
    await w.user('wenchang', 'township', [T_WENCHANG], '马丽');
    const b1 = await w.client('局1', 'bureau1');
    const b2 = await w.client('局2', 'bureau2');
    const binhe = await w.client('滨河', 'binhe');
    const wenchang = await w.client('文昌', 'wenchang');
    for (const c of [b1, b2, binhe, wenchang]) await call(c.core, 'settings:update', { regionCode: '640502' });

    await call(b1.core, 'analysis:setTarget', { year: 2024, areaCode: T_BINHE, line: 'industry.industrialOutput', targetTenths: 85, note: '' });
    await call(b1.core, 'analysis:setTarget', { year: 2024, areaCode: '640502', line: 'industry.industrialOutput', targetTenths: 70, note: '全区' });
    for (const c of [b1, b2, binhe, wenchang]) await c.sync();
    const seen = async (c: { core: Core }) => (await call(c.core, 'analysis:targets', { year: 2024 })).targets.map((t) => [t.areaCode, t.targetTenths]).sort();
    expect(await seen(b2)).toEqual([['640502', 70], [T_BINHE, 85]]);
    expect(await seen(binhe)).toEqual([[T_BINHE, 85]]);
    expect(await seen(wenchang)).toEqual([]);

    // The same target changed on both bureau laptops before either synced: a conflict, not a silent win.
    await call(b1.core, 'analysis:setTarget', { year: 2024, areaCode: T_BINHE, line: 'industry.industrialOutput', targetTenths: 90, note: '' });
    await call(b2.core, 'analysis:setTarget', { year: 2024, areaCode: T_BINHE, line: 'industry.industrialOutput', targetTenths: 95, note: '' });
    for (const c of [b1, b2, b1]) await c.sync();
    const conflicts = [...(await call(b1.core, 'conflicts:list')), ...(await call(b2.core, 'conflicts:list'))];
    expect(conflicts.some((c) => c.entityId === 'tgt-2024-640502100-industry-industrialOutput' && c.field === 'targetTenths')).toBe(true);

    // A township account may not set targets: the laptop refuses, and the server would too.
    await expect(call(binhe.core, 'analysis:setTarget', { year: 2024, areaCode: T_BINHE, line: 'industry.industrialOutput', targetTenths: 200, note: '' })).rejects.toThrow(/FORBIDDEN/);
  });
});
