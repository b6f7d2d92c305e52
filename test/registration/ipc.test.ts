import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultDivisionDataDir, loadRegionFromData } from '@main/divisions/queries';
import { createCore, type Core } from '@main/core';
import { dispatch } from '@main/ipc/dispatch';
import { writeState } from '@main/sync/queries/state';
import type { Result } from '@shared/result';
import { dumpStore, randomKey } from '../helpers/store';

// The registration channels through the real dispatch() and handler table: inputs parsed by
// the contract, outputs checked against it, and hostile payloads refused with nothing changed.

const ctx = { shell: 'web' } as const;
let core: Core;
let unitId: string;

beforeEach(async () => {
  core = createCore({ dbPath: ':memory:', key: randomKey(), shell: 'web', appVersion: '0.1.0-test' });
  loadRegionFromData(core.db, defaultDivisionDataDir(), '640502');
  await call('settings:update', { userName: '王小明', deviceName: '平板01', regionCode: '640502' });
  const created = value<{ id: string }>(await call('units:create', { areaCode: '640502100201001', kind: 'legal', name: '中卫市好邻居超市有限公司', uscc: '91350100m000100y43' }));
  unitId = created.id;
});
afterEach(() => core.close());

const call = (channel: string, input?: unknown) => dispatch(core.handlers, channel, input, ctx, { logError: (c, e) => console.error(c, e) });

function value<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

const csvBase64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('registration channels', () => {
  it('serve the whole workflow within the contract', async () => {
    const list = value<{ total: number; rows: { id: string; uscc: string }[] }>(await call('units:list', {}));
    expect(list.total).toBe(1);
    expect(list.rows[0]).toMatchObject({ id: unitId, uscc: '91350100M000100Y43' });
    const detail = value<{ version: number; forms: Record<string, Record<string, unknown>> }>(await call('units:get', { id: unitId }));
    const forms = { '611': { ...detail.forms['611'], legalRep: '张伟' } };
    const saved = value<{ version: number; status: string }>(await call('units:save', { id: unitId, version: 1, forms, explanations: {}, reason: '入户登记' }));
    expect(saved).toMatchObject({ version: 2, status: 'draft' });
    const submit = await call('units:submit', { id: unitId, version: 2 });
    expect(!submit.ok && submit.error.code).toBe('RULE_VIOLATION');
    const notFound = await call('units:markNotFound', { id: unitId, version: 2, reason: '三次上门无人，电话停机' });
    expect(value<{ status: string }>(notFound).status).toBe('not_found');
    expect(value<{ status: string }>(await call('units:reopen', { id: unitId, version: 3 })).status).toBe('draft');
    const history = value<{ action: string }[]>(await call('units:history', { id: unitId }));
    expect(history.map((h) => h.action)).toEqual(['create', 'save', 'not_found', 'reopen']);
  });

  it('answer rules:context with the deployment region as 12-digit codes', async () => {
    const context = value<{ today: string; deploymentCounty: string; regionDivisionCodes: string[] }>(await call('rules:context'));
    expect(context.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(context.deploymentCounty).toBe('640502');
    expect(context.regionDivisionCodes).toContain('640502000000');
    expect(context.regionDivisionCodes).toContain('640502100000');
    expect(context.regionDivisionCodes.every((c) => /^640502\d{6}$/.test(c))).toBe(true);
  });

  it('search divisions by name, pinyin initials and code, and list children', async () => {
    const byName = value<{ code: string; name: string; level: number }[]>(await call('divisions:search', { query: '滨河镇' }));
    expect(byName[0]).toEqual({ code: '640502100', name: '滨河镇', level: 4 });
    const byInitials = value<{ code: string }[]>(await call('divisions:search', { query: 'bhz', limit: 3 }));
    expect(byInitials[0]?.code).toBe('640502100');
    const byCode = value<{ code: string }[]>(await call('divisions:search', { query: '640502100201' }));
    expect(byCode[0]?.code).toBe('640502100201');
    const townships = value<{ level: number }[]>(await call('divisions:search', {}));
    expect(townships.length).toBe(13);
    expect(townships.every((t) => t.level === 4)).toBe(true);
    const villages = value<{ code: string }[]>(await call('divisions:search', { parent: '640502100', limit: 500 }));
    expect(villages.every((v) => v.code.startsWith('640502100'))).toBe(true);
  });

  it('preview and import a listing frame', async () => {
    const body = csvBase64('普查小区代码,单位名称,统一社会信用代码,单位类型\n640502100201002,老王烧烤店,,个体户\n');
    const preview = value<{ counts: { valid: number } }>(await call('frame:preview', { fileName: 'a.csv', contentBase64: body }));
    expect(preview.counts.valid).toBe(1);
    expect(value(await call('frame:import', { fileName: 'a.csv', contentBase64: body }))).toEqual({ imported: 1, skippedErrors: 0, skippedPresent: 0, skippedOutOfScope: 0 });
  });
});

describe('hostile payloads on the registration channels', () => {
  const cases: [string, string, (id: string) => unknown, string][] = [
    ['SQL in an id', 'units:get', () => ({ id: "x'; DROP TABLE units; --" }), 'INVALID_INPUT'],
    ['a status smuggled into a save', 'units:save', (id) => ({ id, version: 1, forms: {}, explanations: {}, status: 'approved' }), 'INVALID_INPUT'],
    ['a version of zero', 'units:save', (id) => ({ id, version: 0, forms: {}, explanations: {} }), 'INVALID_INPUT'],
    ['a constructor item code', 'units:save', (id) => ({ id, version: 1, forms: { '611': { constructor: 'x' } }, explanations: {} }), 'INVALID_INPUT'],
    ['an unknown form', 'units:save', (id) => ({ id, version: 1, forms: { '999-9': { name: 'x' } }, explanations: {} }), 'INVALID_INPUT'],
    ['rows under a plain item', 'units:save', (id) => ({ id, version: 1, forms: { '611': { name: [{ a: 1 }] } }, explanations: {} }), 'INVALID_INPUT'],
    ['an object as a value', 'units:save', (id) => ({ id, version: 1, forms: { '611': { name: { toString: 'x' } } }, explanations: {} }), 'INVALID_INPUT'],
    ['too many rows', 'units:save', (id) => ({ id, version: 1, forms: { '611-1': { establishments: Array.from({ length: 201 }, () => ({})) } }, explanations: {} }), 'INVALID_INPUT'],
    ['a huge text', 'units:save', (id) => ({ id, version: 1, forms: { '611': { name: 'x'.repeat(3_000) } }, explanations: {} }), 'INVALID_INPUT'],
    ['NaN in a figure', 'units:save', (id) => ({ id, version: 1, forms: { '611': { revenue: Number.NaN } }, explanations: {} }), 'INVALID_INPUT'],
    ['a stale version', 'units:save', (id) => ({ id, version: 7, forms: {}, explanations: {} }), 'CONFLICT'],
    ['a short not-found reason', 'units:markNotFound', (id) => ({ id, version: 1, reason: '没人' }), 'INVALID_INPUT'],
    ['a blank not-found reason', 'units:markNotFound', (id) => ({ id, version: 1, reason: '          ' }), 'INVALID_INPUT'],
    ['an unknown kind', 'units:create', () => ({ areaCode: '640502100201001', kind: 'admin', name: 'x' }), 'INVALID_INPUT'],
    ['a malformed area', 'units:create', () => ({ areaCode: '64050210020100X', kind: 'legal', name: 'x' }), 'INVALID_INPUT'],
    ['a zero sequence area', 'units:create', () => ({ areaCode: '640502100201000', kind: 'legal', name: 'x' }), 'INVALID_INPUT'],
    ['a huge limit', 'units:list', () => ({ limit: 1_000_000 }), 'INVALID_INPUT'],
    ['an unknown status', 'units:list', () => ({ statuses: ['deleted'] }), 'INVALID_INPUT'],
    ['a letter area prefix', 'units:list', () => ({ areaPrefix: "6405' OR 1=1" }), 'INVALID_INPUT'],
    ['an executable file', 'frame:import', () => ({ fileName: 'a.exe', contentBase64: '' }), 'INVALID_INPUT'],
    ['bytes that are not base64', 'frame:import', () => ({ fileName: 'a.csv', contentBase64: '<script>' }), 'INVALID_INPUT'],
    ['a file that is not a workbook', 'frame:import', () => ({ fileName: 'a.xlsx', contentBase64: csvBase64('PK nope') }), 'INVALID_INPUT'],
    ['SQL in a division parent', 'divisions:search', () => ({ parent: "64' OR 1=1" }), 'INVALID_INPUT'],
    ['input to rules:context', 'rules:context', () => ({ today: '2099-01-01' }), 'INVALID_INPUT'],
  ];
  it.each(cases)('refuses %s (%s) and changes nothing', async (_label, channel, input, code) => {
    const before = dumpStore(core.sqlite);
    const result = await call(channel, input(unitId));
    expect(!result.ok && result.error.code).toBe(code);
    expect(dumpStore(core.sqlite)).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('drops a __proto__ key from JSON: nothing is polluted and no such item is stored', async () => {
    const detail = value<{ forms: Record<string, Record<string, unknown>> }>(await call('units:get', { id: unitId }));
    const forms = JSON.parse(JSON.stringify(detail.forms).replace('{', '{"__proto__": {"polluted": true},').replace('"611":{', '"611":{"__proto__":{"polluted":true},')) as unknown;
    const result = await call('units:save', { id: unitId, version: 1, forms, explanations: {} });
    expect(result.ok).toBe(true);
    const stored = core.sqlite.prepare('SELECT data FROM units WHERE id = ?').pluck().get(unitId) as string;
    expect(stored).not.toContain('proto');
    expect(JSON.parse(stored)).toEqual(detail.forms);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses every change without a profile', async () => {
    await call('settings:update', { userName: '' });
    const before = dumpStore(core.sqlite);
    for (const [channel, input] of [
      ['units:save', { id: unitId, version: 1, forms: {}, explanations: {} }],
      ['units:create', { areaCode: '640502100201001', kind: 'legal', name: '某公司' }],
      ['frame:import', { fileName: 'a.csv', contentBase64: csvBase64('普查小区代码,单位名称,单位类型\n640502100201002,某店,个体户\n') }],
    ] as const) {
      const result = await call(channel, input);
      expect(!result.ok && result.error.code).toBe('PROFILE_INCOMPLETE');
    }
    expect(dumpStore(core.sqlite)).toEqual(before);
  });

  it('refuses every change to units on the leadership’s laptop, which reads them only', async () => {
    writeState(core.db, 'userRole', 'leader');
    writeState(core.db, 'userId', 'u-leader');
    const before = dumpStore(core.sqlite);
    for (const [channel, input] of [
      ['units:save', { id: unitId, version: 1, forms: {}, explanations: {} }],
      ['units:create', { areaCode: '640502100201001', kind: 'legal', name: '某公司' }],
      ['units:submit', { id: unitId, version: 1 }],
      ['units:markNotFound', { id: unitId, version: 1, reason: '多次上门无人且电话无法联系' }],
      ['frame:import', { fileName: 'a.csv', contentBase64: csvBase64('普查小区代码,单位名称,单位类型\n640502100201002,某店,个体户\n') }],
    ] as const) {
      const result = await call(channel, input);
      expect(!result.ok && result.error.code, channel).toBe('FORBIDDEN');
    }
    expect(dumpStore(core.sqlite)).toEqual(before);
    expect(value<{ id: string }>(await call('units:get', { id: unitId })).id).toBe(unitId);
  });
});
