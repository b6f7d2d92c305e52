import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '@db/open';
import { defaultDivisionDataDir, loadRegionFromData } from '@main/divisions/queries';
import { storePack } from '@main/forms/packs';
import { updateSettings } from '@main/session/settings-queries';
import { createRegistrationService, type RegistrationService } from '@main/registration/service';
import { openMemoryStore } from '../helpers/store';
import { editItem, nextPack } from '../forms-packs/fixtures';

// Main stores computed (carried) items on every save of a unit: 611's 从业人员 carried from 611-2,
// so what is stored, exported and synced holds it. A value typed into the item before it was
// computed is replaced only when there is a value to carry.

let store: OpenedDatabase;
let svc: RegistrationService;

beforeEach(() => {
  store = openMemoryStore();
  updateSettings(store.db, { userName: '王小明', deviceName: '沙坡头-平板01', regionCode: '640502' });
  loadRegionFromData(store.db, defaultDivisionDataDir(), '640502');
  const pack = nextPack('2023.9', (p) => {
    editItem(p, '611', 'employees').compute = ['f611_2.employees'];
  });
  expect(storePack(store.db, pack, { activate: true, at: new Date('2024-03-01T00:00:00Z') }).ok).toBe(true);
  let ids = 0;
  svc = createRegistrationService(store.db, { now: () => new Date('2024-03-15T02:00:00.000Z'), newId: () => `unit-${++ids}` });
});
afterEach(() => store.sqlite.close());

const stored = (id: string) => JSON.parse((store.sqlite.prepare('SELECT data FROM units WHERE id = ?').get(id) as { data: string }).data) as Record<string, Record<string, unknown>>;

describe('saving a unit with a computed item', () => {
  it('stores the value carried from its source, replacing one typed before', () => {
    const unit = svc.create({ areaCode: '640502100201001', kind: 'legal', name: '沙坡头测试商贸有限公司', uscc: '' });
    const saved = svc.save({ id: unit.id, version: unit.version, forms: { ...unit.forms, '611': { ...unit.forms['611'], employees: 12 }, '611-2': { employees: 40 } }, explanations: {} });
    expect(saved.forms['611']?.employees).toBe(40);
    expect(stored(unit.id)['611']?.employees).toBe(40);
  });

  it('keeps a value typed before while the source is blank', () => {
    const unit = svc.create({ areaCode: '640502100201001', kind: 'legal', name: '沙坡头测试商贸有限公司', uscc: '' });
    const saved = svc.save({ id: unit.id, version: unit.version, forms: { ...unit.forms, '611': { ...unit.forms['611'], employees: 12 }, '611-2': {} }, explanations: {} });
    expect(saved.forms['611']?.employees).toBe(12);
    expect(stored(unit.id)['611']?.employees).toBe(12);
  });
});
