import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '@db/open';
import { getOverview } from '@main/overview/queries';
import { setLastSyncAt, updateSettings } from '@main/session/settings-queries';
import { enterprises, unitChanges, units } from '@db/schema';
import { Overview } from '@shared/ipc/contract';
import type { UnitStatus } from '@shared/registration/units';
import { openMemoryStore } from '../helpers/store';

const T = '2025-01-01T00:00:00.000Z';
let store: OpenedDatabase;
beforeEach(() => {
  store = openMemoryStore();
});
afterEach(() => store.sqlite.close());

function addUnit(id: string, areaCode: string, status: UnitStatus, deletedAt: string | null = null): void {
  store.db
    .insert(units)
    .values({ id, areaCode, kind: 'legal', status, source: 'frame', createdAt: T, updatedAt: T, deletedAt })
    .run();
}

function addChange(unitId: string, at: string): void {
  store.db
    .insert(unitChanges)
    .values({ unitId, at, userName: 'u', deviceName: 'd', action: 'update', changes: '[]' })
    .run();
}

describe('getOverview', () => {
  it('reports zeros for every status on an empty store', () => {
    const overview = getOverview(store.db);
    expect(Overview.parse(overview)).toEqual(overview);
    expect(overview).toEqual({
      units: {
        total: 0,
        byStatus: { not_started: 0, draft: 0, completed: 0, submitted: 0, returned: 0, approved: 0, accepted: 0, not_found: 0, out_of_scope: 0 },
        areas: 0,
      },
      enterprises: { total: 0 },
      review: { awaiting: 0 },
      sync: { isServerConfigured: false, lastSyncAt: null, localChanges: 0 },
    });
  });

  it('counts live units by status and area, ignoring deleted ones', () => {
    addUnit('a', '640502001001001', 'draft');
    addUnit('b', '640502001001001', 'submitted');
    addUnit('c', '640502001001002', 'submitted');
    addUnit('d', '640502001001003', 'approved', T); // deleted: its area does not count either
    store.db
      .insert(enterprises)
      .values([
        { id: 'e1', uscc: '91640502MA76XXXX5A', name: '甲', createdAt: T, updatedAt: T },
        { id: 'e2', uscc: '91640502MA76XXXX5B', name: '乙', createdAt: T, updatedAt: T },
      ])
      .run();

    const overview = getOverview(store.db);
    expect(overview.units.total).toBe(3);
    expect(overview.units.byStatus).toMatchObject({ draft: 1, submitted: 2, approved: 0 });
    expect(overview.units.areas).toBe(2);
    expect(overview.review.awaiting).toBe(2);
    expect(overview.enterprises.total).toBe(2);
  });

  it('counts local changes since the last sync, or all of them before the first', () => {
    addUnit('a', '640502001001001', 'draft');
    addChange('a', '2025-03-01T08:00:00.000Z');
    addChange('a', '2025-03-02T08:00:00.000Z');
    addChange('a', '2025-03-03T08:00:00.000Z');
    expect(getOverview(store.db).sync).toEqual({ isServerConfigured: false, lastSyncAt: null, localChanges: 3 });

    setLastSyncAt(store.db, '2025-03-02T08:00:00.000Z');
    updateSettings(store.db, { serverUrl: 'https://tj.example.gov.cn' });
    expect(getOverview(store.db).sync).toEqual({
      isServerConfigured: true,
      lastSyncAt: '2025-03-02T08:00:00.000Z',
      localChanges: 1,
    });
  });
});
