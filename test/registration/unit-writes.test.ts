import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '@db/open';
import { getUnit, unitHistory } from '@main/registration/units-queries';
import { insertChange, insertUnit } from '@main/registration/unit-writes';
import { openMemoryStore } from '../helpers/store';

// The unit queries take the one handle type, Db: inside db.transaction((tx) => …) a caller
// passes tx, and the unit row and its trace row commit or roll back with everything else.
let store: OpenedDatabase;
beforeEach(() => {
  store = openMemoryStore();
});
afterEach(() => store.sqlite.close());

const stamp = '2026-03-01T08:00:00.000Z';
const unit = (id: string) => ({ id, areaCode: '640502100002001', kind: 'legal' as const, source: 'field' as const, createdAt: stamp, updatedAt: stamp });
const change = (unitId: string) => ({ unitId, at: stamp, userName: '王小明', deviceName: '平板', action: 'create' as const, changes: [], reason: null });

describe('unit writes inside a transaction', () => {
  it('commit together through tx', () => {
    store.db.transaction((tx) => {
      insertUnit(tx, unit('u-1'));
      insertChange(tx, change('u-1'));
      expect(getUnit(tx, 'u-1')?.id).toBe('u-1');
    });
    expect(getUnit(store.db, 'u-1')?.version).toBe(1);
    expect(unitHistory(store.db, 'u-1')).toHaveLength(1);
  });

  it('roll back together when the transaction fails, and the next transaction writes again', () => {
    expect(() =>
      store.db.transaction((tx) => {
        insertUnit(tx, unit('u-2'));
        insertChange(tx, change('u-2'));
        throw new Error('refused');
      }),
    ).toThrow('refused');
    expect(getUnit(store.db, 'u-2')).toBeUndefined();
    expect(unitHistory(store.db, 'u-2')).toEqual([]);
    store.db.transaction((tx) => {
      insertUnit(tx, unit('u-3'));
      insertChange(tx, change('u-3'));
    });
    expect(unitHistory(store.db, 'u-3')).toHaveLength(1);
  });
});
