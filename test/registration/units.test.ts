import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '@db/open';
import { defaultDivisionDataDir, loadRegionFromData } from '@main/divisions/queries';
import { updateSettings } from '@main/session/settings-queries';
import { createRegistrationService, type RegistrationService } from '@main/registration/service';
import type { FormsDoc } from '@shared/registration/registration';
import { AppError } from '@shared/result';
import { generateUnits } from '../../scripts/bench/registration-seed';
import { dumpStore, openMemoryStore } from '../helpers/store';

// The registration service on a real (in-memory) store with the real migrations: the workflow,
// the change trace and its atomicity, conflicts and attribution.

let store: OpenedDatabase;
let svc: RegistrationService;
let clock: Date;
let ids: number;

beforeEach(() => {
  store = openMemoryStore();
  updateSettings(store.db, { userName: '王小明', deviceName: '沙坡头-平板01', regionCode: '640502' });
  loadRegionFromData(store.db, defaultDivisionDataDir(), '640502');
  clock = new Date('2024-03-15T02:00:00.000Z');
  ids = 0;
  svc = createRegistrationService(store.db, { now: () => clock, newId: () => `unit-${String(++ids).padStart(4, '0')}` });
});
afterEach(() => store.sqlite.close());

/** A complete, clean legal unit's forms (611, 611-2, 611-3, 611-8) in sub-district 640502100201001. */
function cleanLegal(): { forms: FormsDoc; areaCode: string; name: string; uscc: string } {
  const unit = generateUnits(1, { seed: 11 })[0];
  if (!unit || unit.kind !== 'legal') throw new Error('seed 11 should give a legal unit first');
  return { forms: unit.forms as FormsDoc, areaCode: unit.areaCode, name: unit.name, uscc: unit.uscc };
}

function createLegal() {
  const clean = cleanLegal();
  const created = svc.create({ areaCode: clean.areaCode, kind: 'legal', name: clean.name, uscc: clean.uscc });
  return { created, clean };
}

const traceRows = () => store.sqlite.prepare('SELECT * FROM unit_changes ORDER BY id').all() as { action: string; changes: string; reason: string | null; user_name: string; device_name: string }[];

function expectAppError(fn: () => unknown, code: string): AppError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe(code);
    return e as AppError;
  }
  throw new Error(`expected AppError ${code}`);
}

describe('creating a unit in the field', () => {
  it('starts a draft with what its creator typed, attributed and traced', () => {
    const { created, clean } = createLegal();
    expect(created).toMatchObject({ id: 'unit-0001', status: 'draft', kind: 'legal', source: 'field', version: 1, name: clean.name, uscc: clean.uscc });
    expect(created.forms).toEqual({ '611': { areaCode: clean.areaCode, name: clean.name, unitType: '1', uscc: clean.uscc } });
    expect(created.findings.mandatory).toBeGreaterThan(0);
    const [trace] = traceRows();
    expect(trace).toMatchObject({ action: 'create', user_name: '王小明', device_name: '沙坡头-平板01' });
    expect(JSON.parse(trace?.changes ?? '[]')).toContainEqual({ path: '611.name', from: null, to: clean.name });
  });

  it('refuses a malformed sub-district code and writes nothing', () => {
    const before = dumpStore(store.sqlite);
    expectAppError(() => svc.create({ areaCode: '640502100201000', kind: 'legal', name: '某公司' }), 'INVALID_INPUT');
    expect(dumpStore(store.sqlite)).toEqual(before);
  });
});

describe('saving', () => {
  it('records who, when, which device and each item changed from what to what', () => {
    const { created, clean } = createLegal();
    clock = new Date('2024-03-15T03:00:00.000Z');
    const saved = svc.save({ id: created.id, version: 1, forms: clean.forms, explanations: {}, reason: '入户登记' });
    expect(saved).toMatchObject({ version: 2, status: 'completed', updatedAt: '2024-03-15T03:00:00.000Z' });
    expect(saved.findings).toEqual({ mandatory: 0, verify: 0, hint: 0 });

    // 营业收入 is typed on 611-3 and carried into 611 (shared/forms/computed.ts): the change shows on both.
    const forms = structuredClone(clean.forms);
    const f611_3 = forms['611-3'] ?? {};
    const oldRevenue = f611_3.revenue;
    f611_3.revenue = 1;
    const after = svc.save({ id: created.id, version: 2, forms, explanations: {} });
    expect(after.version).toBe(3);
    expect(after.forms['611']?.revenue).toBe(1);
    const history = svc.history(created.id);
    expect(history.map((h) => h.action)).toEqual(['create', 'save', 'save']);
    expect(history[1]).toMatchObject({ userName: '王小明', deviceName: '沙坡头-平板01', at: '2024-03-15T03:00:00.000Z', reason: '入户登记' });
    expect(history[1]?.changes).toContainEqual({ path: 'status', from: 'draft', to: 'completed' });
    expect(history[2]?.changes).toContainEqual({ path: '611-3.revenue', from: oldRevenue, to: 1 });
    expect(history[2]?.changes).toContainEqual({ path: '611.revenue', from: oldRevenue, to: 1 });
  });

  it('names repeating rows in the diff path', () => {
    const { created, clean } = createLegal();
    const forms = structuredClone(clean.forms);
    forms['611'] = { ...forms['611'], hasEstablishments: true };
    forms['611-1'] = { establishments: [{ estName: '文昌店', estEmployees: 3 }] };
    svc.save({ id: created.id, version: 1, forms, explanations: {} });
    forms['611-1'] = { establishments: [{ estName: '文昌路店', estEmployees: 3 }] };
    svc.save({ id: created.id, version: 2, forms, explanations: {} });
    expect(svc.history(created.id).at(-1)?.changes).toEqual([{ path: '611-1.establishments.0.estName', from: '文昌店', to: '文昌路店' }]);
  });

  it('writes nothing when nothing changed (the same answer typed as text counts as unchanged)', () => {
    const { created, clean } = createLegal();
    svc.save({ id: created.id, version: 1, forms: clean.forms, explanations: {} });
    const before = dumpStore(store.sqlite);
    const forms = structuredClone(clean.forms);
    const f611 = forms['611'] ?? {};
    f611.employees = String(f611.employees);
    f611.website = '';
    const again = svc.save({ id: created.id, version: 2, forms, explanations: { 'R-X@y': '  ' } });
    expect(again.version).toBe(2);
    expect(dumpStore(store.sqlite)).toEqual(before);
  });

  it('copies name, USCC, address and industry from the 611 into the list columns', () => {
    const { created, clean } = createLegal();
    const forms = structuredClone(clean.forms);
    forms['611'] = { ...forms['611'], name: '中卫市新名称商贸有限公司' };
    svc.save({ id: created.id, version: 1, forms, explanations: {} });
    const row = svc.list({ limit: 10, offset: 0 }).rows[0];
    expect(row).toMatchObject({ name: '中卫市新名称商贸有限公司', industryCode: clean.forms['611']?.industryCode });
    expect(row?.address).toContain('宁夏回族自治区中卫市沙坡头区');
    expect(svc.list({ query: 'zwsxmc', limit: 10, offset: 0 }).total).toBe(1);
  });

  it('refuses a stale version with CONFLICT and changes nothing', () => {
    const { created, clean } = createLegal();
    svc.save({ id: created.id, version: 1, forms: clean.forms, explanations: {} });
    const before = dumpStore(store.sqlite);
    expectAppError(() => svc.save({ id: created.id, version: 1, forms: {}, explanations: {} }), 'CONFLICT');
    expectAppError(() => svc.submit({ id: created.id, version: 1 }), 'CONFLICT');
    expect(dumpStore(store.sqlite)).toEqual(before);
  });

  it('refuses forms and items the specs do not have', () => {
    const { created } = createLegal();
    const before = dumpStore(store.sqlite);
    const error = expectAppError(
      () => svc.save({ id: created.id, version: 1, forms: { '611': { noSuchItem: 'x' }, '999': {} }, explanations: {} }),
      'INVALID_INPUT',
    );
    expect(error.issues?.map((i) => i.path).sort()).toEqual(['611.noSuchItem', '999']);
    expect(dumpStore(store.sqlite)).toEqual(before);
  });

  it('keeps neither the unit change nor the trace when the trace cannot be written', () => {
    const { created, clean } = createLegal();
    const before = dumpStore(store.sqlite);
    store.sqlite.exec(`CREATE TRIGGER fail_trace BEFORE INSERT ON unit_changes BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    expect(() => svc.save({ id: created.id, version: 1, forms: clean.forms, explanations: {} })).toThrow(/disk full/);
    store.sqlite.exec('DROP TRIGGER fail_trace');
    expect(dumpStore(store.sqlite)).toEqual(before);
  });

  it('needs a user and device name for every change', () => {
    const { created, clean } = createLegal();
    updateSettings(store.db, { deviceName: '' });
    const before = dumpStore(store.sqlite);
    expectAppError(() => svc.save({ id: created.id, version: 1, forms: clean.forms, explanations: {} }), 'PROFILE_INCOMPLETE');
    expectAppError(() => svc.submit({ id: created.id, version: 1 }), 'PROFILE_INCOMPLETE');
    expectAppError(() => svc.markNotFound({ id: created.id, version: 1, reason: '多次上门无人' }), 'PROFILE_INCOMPLETE');
    expectAppError(() => svc.reopen({ id: created.id, version: 1 }), 'PROFILE_INCOMPLETE');
    expectAppError(() => svc.create({ areaCode: '640502100201001', kind: 'individual', name: '老王烧烤' }), 'PROFILE_INCOMPLETE');
    expect(dumpStore(store.sqlite)).toEqual(before);
  });
});

describe('submitting', () => {
  it('refuses while 强制性 findings remain, listing them, and changes nothing', () => {
    const { created } = createLegal();
    const before = dumpStore(store.sqlite);
    const error = expectAppError(() => svc.submit({ id: created.id, version: 1 }), 'RULE_VIOLATION');
    expect(error.issues?.length).toBeGreaterThan(0);
    expect(error.issues?.some((i) => i.path === '611.legalRep')).toBe(true);
    expect(dumpStore(store.sqlite)).toEqual(before);
  });

  it('needs a written explanation for each 核实性 finding', () => {
    const { created, clean } = createLegal();
    const forms = structuredClone(clean.forms);
    // 100 persons and 1 千元 revenue: revenue per employee far below any industry's range.
    forms['611'] = { ...forms['611'], employees: 100, femaleEmployees: 10, revenue: 1, taxes: 0 };
    forms['611-2'] = { ...forms['611-2'], employees: 100, femaleEmployees: 10, eduBachelor: 50, eduCollege: 20 };
    forms['611-3'] = { ...forms['611-3'], revenue: 1, mainRevenue: 1, operatingCost: 1, mainCost: 1, taxes: 0 };
    const draft = svc.save({ id: created.id, version: 1, forms, explanations: {} });
    const verify = draft.findingList.filter((f) => f.severity === 'verify');
    expect(draft.findings.mandatory).toBe(0);
    expect(verify.length).toBeGreaterThan(0);
    expect(draft.status).toBe('draft');
    const error = expectAppError(() => svc.submit({ id: created.id, version: 2 }), 'RULE_VIOLATION');
    expect(error.issues?.length).toBe(verify.length);

    const explanations = Object.fromEntries(verify.map((f) => [`${f.ruleId}@${f.path}`, '新开业，营业收入刚起步，已看账本核实']));
    const explained = svc.save({ id: created.id, version: 2, forms, explanations });
    expect(explained.status).toBe('completed');
    expect(svc.history(created.id).at(-1)?.reason).toContain('新开业，营业收入刚起步');
    const submitted = svc.submit({ id: created.id, version: 3 });
    expect(submitted).toMatchObject({ status: 'submitted', version: 4 });
    const trace = svc.history(created.id).at(-1);
    expect(trace).toMatchObject({ action: 'submit', changes: [{ path: 'status', from: 'completed', to: 'submitted' }] });
    expect(trace?.reason).toContain('已看账本核实');
  });

  it('moves an edited submitted unit back, and says so in the trace', () => {
    const { created, clean } = createLegal();
    svc.save({ id: created.id, version: 1, forms: clean.forms, explanations: {} });
    svc.submit({ id: created.id, version: 2 });
    const forms = structuredClone(clean.forms);
    forms['611'] = { ...forms['611'], legalRep: '' };
    const edited = svc.save({ id: created.id, version: 3, forms, explanations: {}, reason: '法人变更待核实' });
    expect(edited.status).toBe('draft');
    const trace = svc.history(created.id).at(-1);
    expect(trace?.changes).toContainEqual({ path: 'status', from: 'submitted', to: 'draft' });
    expect(trace?.reason).toMatch(/已提交的单位被修改/);
  });

  it('keeps a returned unit returned until it is resubmitted', () => {
    const { created, clean } = createLegal();
    store.sqlite.prepare(`UPDATE units SET status = 'returned' WHERE id = ?`).run(created.id);
    const saved = svc.save({ id: created.id, version: 1, forms: clean.forms, explanations: {} });
    expect(saved.status).toBe('returned');
    expect(svc.submit({ id: created.id, version: 2 }).status).toBe('submitted');
  });
});

describe('not found (找不到且无法电话联系)', () => {
  it('records the reason and leaves every answer as it was; reopening returns it to draft', () => {
    const { created, clean } = createLegal();
    const saved = svc.save({ id: created.id, version: 1, forms: clean.forms, explanations: {} });
    const marked = svc.markNotFound({ id: created.id, version: 2, reason: '三次上门无人，电话停机' });
    expect(marked).toMatchObject({ status: 'not_found', notFoundReason: '三次上门无人，电话停机', version: 3 });
    expect(marked.forms).toEqual(saved.forms);
    expect(marked.forms).toMatchObject(clean.forms);
    expect(svc.history(created.id).at(-1)).toMatchObject({ action: 'not_found', reason: '三次上门无人，电话停机' });

    expectAppError(() => svc.save({ id: created.id, version: 3, forms: {}, explanations: {} }), 'RULE_VIOLATION');
    expectAppError(() => svc.submit({ id: created.id, version: 3 }), 'RULE_VIOLATION');
    expectAppError(() => svc.markNotFound({ id: created.id, version: 3, reason: '再次确认' }), 'RULE_VIOLATION');

    const reopened = svc.reopen({ id: created.id, version: 3 });
    expect(reopened).toMatchObject({ status: 'draft', notFoundReason: null, version: 4 });
    expect(reopened.forms).toEqual(saved.forms);
    expect(svc.history(created.id).at(-1)?.changes).toEqual([
      { path: 'notFoundReason', from: '三次上门无人，电话停机', to: null },
      { path: 'status', from: 'not_found', to: 'draft' },
    ]);
  });

  it('reopens only not-found or submitted units', () => {
    const { created } = createLegal();
    expectAppError(() => svc.reopen({ id: created.id, version: 1 }), 'RULE_VIOLATION');
  });

  it('answers NOT_FOUND for a unit that does not exist', () => {
    expectAppError(() => svc.get('no-such-unit'), 'NOT_FOUND');
    expectAppError(() => svc.save({ id: 'no-such-unit', version: 1, forms: {}, explanations: {} }), 'NOT_FOUND');
    expectAppError(() => svc.history('no-such-unit'), 'NOT_FOUND');
  });
});

describe('rules in main', () => {
  it('checks division codes against the loaded divisions and last year against the frame row', () => {
    const { created, clean } = createLegal();
    const forms = structuredClone(clean.forms);
    forms['611'] = { ...forms['611'], divisionCode: '640502100299' };
    store.sqlite
      .prepare(`UPDATE units SET frame_row = ? WHERE id = ?`)
      .run(JSON.stringify({ '上年营业收入（万元）': '99999', 单位详细名称: clean.name }), created.id);
    const saved = svc.save({ id: created.id, version: 1, forms, explanations: {} });
    expect(saved.lastYear).toEqual({ revenue: 999990 });
    const ruleIds = saved.findingList.map((f) => f.ruleId);
    expect(ruleIds).toContain('R611-DIV-EXISTS');
    expect(ruleIds.some((id) => /REVENUE.*(YEAR|PERIOD)|CROSS/.test(id))).toBe(true);
  });

  it('says nothing about existence where no division of that county is loaded', () => {
    const { created, clean } = createLegal();
    const forms = structuredClone(clean.forms);
    forms['611'] = { ...forms['611'], divisionCode: '110101001001' };
    const saved = svc.save({ id: created.id, version: 1, forms, explanations: {} });
    const ruleIds = saved.findingList.filter((f) => f.path === 'divisionCode').map((f) => f.ruleId);
    expect(ruleIds).not.toContain('R611-DIV-EXISTS');
    expect(ruleIds.length).toBeGreaterThan(0); // outside the deployment county: still reported
  });
});
