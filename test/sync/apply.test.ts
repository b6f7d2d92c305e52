import { afterEach, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../db/open';
import { writeState } from '../../db/queries/sync-state';
import { Materialiser } from '../../electron/main/sync/apply';
import { stateKeys } from '../../electron/main/sync/identity';
import { dropAreas, settleAcked } from '../../electron/main/sync/pull';
import type { Change, JsonValue } from '../../shared/sync/protocol';
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
    const m = new Materialiser(store.sqlite);
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
    const m = new Materialiser(store.sqlite);
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

  it('writes a trace row naming the other author of a pulled change', () => {
    store = openMemoryStore();
    const m = new Materialiser(store.sqlite);
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
    const m = new Materialiser(store.sqlite);
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
