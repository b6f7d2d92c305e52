import { afterEach, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '@db/open';
import { writeState } from '@main/sync/queries/state';
import { Materialiser } from '@main/sync/apply';
import { createEntityRegistry } from '@main/entities';
import { stateKeys } from '@main/sync/state-keys';
import { dropAreas, settleAcked } from '@main/sync/pull';
import type { Change, JsonValue } from '@shared/sync/protocol';
import { openMemoryStore } from '../helpers/store';
import { AREA, createUnit, editItem, newUnit, readContent } from './helpers';

let store: OpenedDatabase;
afterEach(() => store?.sqlite.close());

let gseq = 0;
const change = (entityId: string, field: string, value: JsonValue, deviceId = 'dOtherDevice01'): Change => ({
  gseq: ++gseq,
  entity: 'unit',
  entityId,
  field,
  value,
  deviceId,
  userId: 'u-other',
  hlc: `${String(1_700_000_000_000 + gseq).padStart(13, '0')}-000000-${deviceId}`,
  at: '2024-03-01T08:00:00.000Z',
  scopeKey: AREA,
});

const forms = (id: string) => JSON.parse(readContent(store.db, id)?.data ?? '{}') as Record<string, Record<string, unknown>>;

describe('applying server changes', () => {
  it('creates units from server fields and skips duplicates and older versions', () => {
    store = openMemoryStore();
    const m = new Materialiser(store.sqlite, createEntityRegistry(store.db, store.sqlite));
    const create = change('unit-0100', '$create', { areaCode: AREA, kind: 'individual', source: 'frame' });
    const name = change('unit-0100', 'name', '沙坡头区马记拉面馆');
    const item = change('unit-0100', 'individual.name', '沙坡头区马记拉面馆');
    const older = { ...item, gseq: 1, value: '旧名' };
    const r = store.sqlite.transaction(() => m.applyChanges([item, create, name, item, older], { ownDeviceId: 'dMine', trace: true }))();
    // The older version lands first (gseq order) and is overwritten; the duplicate is skipped.
    expect(r.applied).toBe(4);
    const unit = readContent(store.db, 'unit-0100');
    expect(unit?.kind).toBe('individual');
    expect(unit?.name).toBe('沙坡头区马记拉面馆');
    expect(forms('unit-0100')).toEqual({ individual: { name: '沙坡头区马记拉面馆' } });
  });

  it('keeps a pending local edit on top of a pulled change to the same field, and shows the server value once settled', () => {
    store = openMemoryStore();
    writeState(store.db, stateKeys.userId, 'u-me');
    const m = new Materialiser(store.sqlite, createEntityRegistry(store.db, store.sqlite));
    createUnit(store.db, 'unit-0200', newUnit());
    editItem(store.db, 'unit-0200', '611', 'employees', 30);
    // The server had the unit (someone else's copy of it) and another edit to the same field.
    store.sqlite.transaction(() =>
      m.applyChanges(
        [
          change('unit-0200', '$create', { areaCode: AREA, kind: 'legal', source: 'field' }),
          change('unit-0200', '611.employees', 44),
          change('unit-0200', '611.revenue', 9_000),
        ],
        { ownDeviceId: 'dMine', trace: true },
      ),
    )();
    expect(forms('unit-0200')['611']).toMatchObject({ employees: 30, revenue: 9_000 });
    // The op is acked and a complete pull has shown the server's result: the server wins here.
    store.sqlite.prepare("UPDATE sync_outbox SET status = 'acked', acked_at = '2024-01-01T00:00:00.000Z'").run();
    settleAcked({ db: store.db, sqlite: store.sqlite, materialiser: m }, '2024-01-02T00:00:00.000Z');
    expect(forms('unit-0200')['611']).toMatchObject({ employees: 44, revenue: 9_000 });
  });

  it('leaves the row alone when every pulled field is one this device\'s ops still override, and rebuilds once one is not', () => {
    store = openMemoryStore();
    writeState(store.db, stateKeys.userId, 'u-me');
    const m = new Materialiser(store.sqlite, createEntityRegistry(store.db, store.sqlite));
    createUnit(store.db, 'unit-0250', newUnit());
    editItem(store.db, 'unit-0250', '611', 'employees', 30);
    const ops = store.sqlite
      .prepare("SELECT field, op FROM sync_outbox WHERE entity_id = 'unit-0250' ORDER BY seq")
      .all() as { field: string; op: string }[];
    const ownValue = (field: string) => (JSON.parse(ops.find((o) => o.field === field)?.op ?? '{}') as { value: JsonValue }).value;
    const version = () => store.sqlite.prepare("SELECT version FROM units WHERE id = 'unit-0250'").pluck().get();
    const before = { content: readContent(store.db, 'unit-0250'), version: version() };
    // This device's own changes come back from the server after its push.
    const own = [change('unit-0250', '$create', ownValue('$create'), 'dMine'), change('unit-0250', '611.employees', 30, 'dMine')];
    store.sqlite.transaction(() => m.applyChanges(own, { ownDeviceId: 'dMine', trace: true }))();
    expect({ content: readContent(store.db, 'unit-0250'), version: version() }).toEqual(before);
    expect(m.readBase('unit', 'unit-0250')?.fields['611.employees']?.[1]).toBe(30);
    // Another device's edits: the one to a field no op of this device covers shows, beside the
    // one its pending op still overrides.
    store.sqlite.transaction(() =>
      m.applyChanges([change('unit-0250', '611.employees', 31), change('unit-0250', '611.revenue', 800)], {
        ownDeviceId: 'dMine',
        trace: true,
      }),
    )();
    expect(forms('unit-0250')['611']).toMatchObject({ employees: 30, revenue: 800 });
    expect(version()).toBe(Number(before.version) + 1);
  });

  it('settles acked ops the base agrees with without touching their units, and rebuilds the one it contradicts', () => {
    store = openMemoryStore();
    writeState(store.db, stateKeys.userId, 'u-me');
    const m = new Materialiser(store.sqlite, createEntityRegistry(store.db, store.sqlite));
    for (const id of ['unit-0260', 'unit-0261']) {
      createUnit(store.db, id, newUnit());
      editItem(store.db, id, '611', 'employees', 30);
    }
    const opValue = (id: string, field: string): JsonValue => {
      const text = store.sqlite.prepare('SELECT op FROM sync_outbox WHERE entity_id = ? AND field = ?').pluck().get(id, field);
      return (JSON.parse(String(text)) as { value: JsonValue }).value;
    };
    // The server took unit-0260 as sent; on unit-0261 another device's edit to employees won.
    store.sqlite.transaction(() =>
      m.applyChanges(
        [
          change('unit-0260', '$create', opValue('unit-0260', '$create'), 'dMine'),
          change('unit-0260', '611.employees', 30, 'dMine'),
          change('unit-0261', '$create', opValue('unit-0261', '$create'), 'dMine'),
          change('unit-0261', '611.employees', 55),
        ],
        { ownDeviceId: 'dMine', trace: false },
      ),
    )();
    const versions = () =>
      store.sqlite.prepare("SELECT id, version FROM units WHERE id LIKE 'unit-026%' ORDER BY id").all() as { id: string; version: number }[];
    const before = versions();
    store.sqlite.prepare("UPDATE sync_outbox SET status = 'acked', acked_at = '2024-01-01T00:00:00.000Z'").run();
    settleAcked({ db: store.db, sqlite: store.sqlite, materialiser: m }, '2024-01-02T00:00:00.000Z');
    expect(store.sqlite.prepare('SELECT count(*) FROM sync_outbox').pluck().get()).toBe(0);
    expect(versions()).toEqual([before[0], { id: 'unit-0261', version: (before[1]?.version ?? 0) + 1 }]);
    expect(forms('unit-0260')['611']).toMatchObject({ employees: 30 });
    expect(forms('unit-0261')['611']).toMatchObject({ employees: 55 });
  });

  it('writes a trace row naming the other author of a pulled change', () => {
    store = openMemoryStore();
    const m = new Materialiser(store.sqlite, createEntityRegistry(store.db, store.sqlite));
    store.sqlite.transaction(() =>
      m.applyChanges([change('unit-0300', '$create', { areaCode: AREA, kind: 'legal', source: 'field' })], {
        ownDeviceId: 'dMine',
        trace: true,
      }),
    )();
    store.sqlite.transaction(() =>
      m.applyChanges([change('unit-0300', 'status', 'completed')], { ownDeviceId: 'dMine', trace: true }),
    )();
    const rows = store.sqlite.prepare('SELECT user_name, device_name, action, changes FROM unit_changes').all();
    expect(rows).toContainEqual({
      user_name: 'u-other',
      device_name: 'dOtherDevice01',
      action: 'sync',
      changes: JSON.stringify([{ path: 'status', from: null, to: 'completed' }]),
    });
  });

  it('keeps a taken-away area while an op of this device waits there, and drops it after', () => {
    store = openMemoryStore();
    writeState(store.db, stateKeys.userId, 'u-me');
    const m = new Materialiser(store.sqlite, createEntityRegistry(store.db, store.sqlite));
    const create = change('unit-0400', '$create', { areaCode: AREA, kind: 'legal', source: 'field' });
    store.sqlite.transaction(() => m.applyChanges([create], { ownDeviceId: 'dMine', trace: false }))();
    editItem(store.db, 'unit-0400', '611', 'employees', 5);
    const ctx = { db: store.db, sqlite: store.sqlite, materialiser: m };
    expect(dropAreas(ctx, ['640502100001'], [])).toEqual(['640502100001']);
    expect(readContent(store.db, 'unit-0400')).toBeDefined();
    store.sqlite.prepare('DELETE FROM sync_outbox').run();
    expect(dropAreas(ctx, ['640502100001'], [])).toEqual([]);
    expect(readContent(store.db, 'unit-0400')).toBeUndefined();
  });
});
