import { afterEach, describe, expect, it } from 'vitest';
import { syncOutbox } from '@db/schema';
import { writeState } from '@main/sync/queries/state';
import { stateKeys } from '@main/sync/state-keys';
import { httpTransport, type Transport } from '@main/sync/transport';
import { recordOps } from '@main/sync/outbox';
import { MAX_FIELD_VALUE_BYTES } from '@shared/sync/fields';
import { openMemoryStore } from '../helpers/store';
import { AREA, createUnit, newUnit } from './helpers';
import { clientChecksum, visibleUnits, World } from './world';

// The byte caps are checked by the laptop before it queues an op, with the server's own code
// (shared/sync/fields.ts): an op the server would refuse never enters the chain. And a fresh
// laptop syncs an area of large units page by page when pages are capped by bytes.

const rows = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    estName: `中卫市沙坡头区第${i}分店`.padEnd(100, '国'),
    estAddrDetail: '宁夏中卫市沙坡头区鼓楼东街'.padEnd(100, '路'),
    estDivisionCode: '640502100201',
    estIndustryCode: '5212',
    estOperatingStatus: '1',
    estEmployees: 12,
    estRevenue: 1200,
  }));

describe('the laptop checks the byte caps before queueing', () => {
  it('refuses an over-cap value and an unknown $create key, and queues nothing', () => {
    const store = openMemoryStore();
    try {
      writeState(store.db, stateKeys.userId, 'u-enum01');
      const huge = Array.from({ length: 999 }, () => ({ estName: '国'.repeat(700) }));
      const change = (field: string, value: never) => ({ entity: 'unit' as const, entityId: 'unit-0001', areaCode: AREA, field, value });
      expect(() => store.db.transaction((tx) => recordOps(tx, [change('611-1.establishments', huge as never)]))).toThrow(
        new RegExp(`more than the ${MAX_FIELD_VALUE_BYTES}`),
      );
      expect(() =>
        store.db.transaction((tx) => recordOps(tx, [change('$create', { areaCode: AREA, kind: 'legal', source: 'field', junk: 'x' } as never)])),
      ).toThrow(/INVALID_VALUE/);
      expect(() =>
        store.db.transaction((tx) =>
          recordOps(tx, [change('$create', { areaCode: AREA, kind: 'legal', source: 'field', fields: { '611-1.establishments': huge } } as never)]),
        ),
      ).toThrow(new RegExp(`more than the ${MAX_FIELD_VALUE_BYTES}`));
      expect(store.db.select().from(syncOutbox).all()).toEqual([]);
    } finally {
      store.sqlite.close();
    }
  });
});

describe('a fresh laptop under byte-capped pages', () => {
  let world: World | undefined;
  afterEach(async () => world?.close());

  it('receives every large unit page by page and converges', async () => {
    world = new World({ maxPageBytes: 128 * 1024 });
    await world.start();
    await world.user('enum01', 'enumerator', ['640502100001']);
    await world.user('super01', 'supervisor', ['640502100']);
    const a = await world.client('a', 'enum01');
    for (let i = 0; i < 12; i++) {
      const data = JSON.stringify({ '611': { name: `单位${i}`, employees: 12 }, '611-1': { establishments: rows(60) } });
      createUnit(a.core.db, `unit-big-${String(i).padStart(3, '0')}`, newUnit({ name: `单位${i}`, data }));
    }
    await a.sync();
    const inner = httpTransport();
    let snapshotPages = 0;
    const counting: Transport = (req) => {
      if (req.url.endsWith('/sync/snapshot')) snapshotPages += 1;
      return inner(req);
    };
    const s = await world.client('s', 'super01', counting);
    await s.sync();
    expect(snapshotPages).toBeGreaterThan(3);
    expect(Object.keys(visibleUnits(s.core))).toHaveLength(12);
    expect(visibleUnits(s.core)).toEqual(visibleUnits(a.core));
    expect(clientChecksum(s.core)).toBe(clientChecksum(a.core));
    expect(s.core.sync.status().lastError).toBeNull();
  });
});
