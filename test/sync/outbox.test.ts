import { afterEach, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '@db/open';
import { syncOutbox } from '@db/schema';
import { writeState } from '@main/sync/queries/state';
import { opHash } from '@shared/node/hash';
import { findChainBreak } from '@main/sync/chain';
import { formatHlc, parseHlc, receive, tick } from '@main/sync/hlc';
import { stateKeys } from '@main/sync/state-keys';
import { recordOps, sealOps } from '@main/sync/outbox';
import { takeBatch } from '@main/sync/push';
import { Op } from '@shared/sync/protocol';
import { openMemoryStore } from '../helpers/store';
import { AREA, createUnit, editItem, newUnit } from './helpers';

let store: OpenedDatabase;
afterEach(() => store?.sqlite.close());

const outbox = () =>
  store.db
    .select()
    .from(syncOutbox)
    .all()
    .map((r) => ({ ...r, parsed: JSON.parse(r.op) as Op }));

function loggedIn(): void {
  writeState(store.db, stateKeys.userId, 'u-enum01');
}

describe('hybrid logical clock', () => {
  it('always moves forward, even when the wall clock steps back', () => {
    let s = tick({ wall: 0, counter: 0 }, 1_700_000_000_000);
    const a = formatHlc(s, 'device01');
    s = tick(s, 1_699_999_999_000);
    const b = formatHlc(s, 'device01');
    s = tick(s, 1_700_000_000_500);
    const c = formatHlc(s, 'device01');
    expect(a < b && b < c).toBe(true);
    expect(parseHlc(b)).toEqual({ wall: 1_700_000_000_000, counter: 1 });
  });

  it('orders a local event after a received one, but ignores a clock a year ahead', () => {
    const local = { wall: 1_000, counter: 0 };
    expect(receive(local, { wall: 5_000, counter: 3 }, 2_000)).toEqual({ wall: 5_000, counter: 4 });
    const farAhead = { wall: 2_000 + 365 * 86_400_000, counter: 0 };
    expect(receive(local, farAhead, 2_000)).toEqual(local);
  });
});

describe('outbox', () => {
  it('writes one signed, chained op per changed field in the same transaction as the unit', () => {
    store = openMemoryStore();
    loggedIn();
    createUnit(store.db, 'unit-0001', newUnit());
    editItem(store.db, 'unit-0001', '611', 'employees', 15);
    const ops = outbox().map((r) => Op.parse(r.parsed));
    // A new unit is one '$create' op holding its initial fields; an edit, one op per field.
    expect(ops.map((o) => o.field)).toEqual(['$create', '611.employees']);
    expect(ops.map((o) => o.seq)).toEqual([1, 2]);
    expect(ops[0]?.value).toEqual({
      areaCode: AREA,
      kind: 'legal',
      source: 'field',
      fields: {
        status: 'draft',
        name: '中卫市宏达商贸有限公司',
        address: '宁夏中卫市沙坡头区鼓楼东街1号',
        industryCode: '5212',
        '611.employees': 12,
        '611.name': '中卫市宏达商贸有限公司',
      },
    });
    expect(ops.at(-1)?.value).toBe(15);
    expect(new Set(ops.map((o) => o.deviceId)).size).toBe(1);
    expect(ops.every((o) => o.userId === 'u-enum01' && o.baseVersion === 0)).toBe(true);
    expect(findChainBreak(ops, '')).toBeNull();
    const hlcs = ops.map((o) => o.hlc);
    expect([...hlcs].sort()).toEqual(hlcs);
  });

  it('continues the sequence and chain across many writes in one transaction and the next', () => {
    store = openMemoryStore();
    loggedIn();
    store.db.transaction((tx) => {
      for (const id of ['unit-0010', 'unit-0011', 'unit-0012']) {
        recordOps(tx, [{ entity: 'unit', entityId: id, areaCode: AREA, field: 'status', value: 'draft' }]);
      }
    });
    createUnit(store.db, 'unit-0013', newUnit());
    const ops = outbox().map((r) => Op.parse(r.parsed));
    expect(ops.map((o) => o.seq)).toEqual([1, 2, 3, 4]);
    expect(findChainBreak(ops, '')).toBeNull();
  });

  it('writes nothing when the change is rolled back', () => {
    store = openMemoryStore();
    loggedIn();
    expect(() =>
      store.db.transaction((tx) => {
        recordOps(tx, [{ entity: 'unit', entityId: 'unit-0002', areaCode: AREA, field: 'status', value: 'draft' }]);
        throw new Error('the unit write failed');
      }),
    ).toThrow('the unit write failed');
    expect(outbox()).toEqual([]);
    createUnit(store.db, 'unit-0003', newUnit());
    expect(outbox()[0]?.seq).toBe(1);
  });

  it('refuses a field outside the whitelist and stores nothing', () => {
    store = openMemoryStore();
    loggedIn();
    expect(() =>
      store.db.transaction((tx) =>
        recordOps(tx, [{ entity: 'unit', entityId: 'unit-0004', areaCode: AREA, field: 'nosuch.form', value: 1 }]),
      ),
    ).toThrow(/INVALID_FIELD/);
    expect(outbox()).toEqual([]);
  });

  it('keeps ops made before the first login unsigned, then seals them into the chain at login', () => {
    store = openMemoryStore();
    createUnit(store.db, 'unit-0005', newUnit());
    expect(outbox().every((r) => r.status === 'unsealed' && r.parsed.hash === '')).toBe(true);
    store.db.transaction((tx) => sealOps(tx, 'u-enum01'));
    loggedIn();
    editItem(store.db, 'unit-0005', '611', 'employees', 20);
    const ops = outbox().map((r) => Op.parse(r.parsed));
    expect(ops.every((o) => o.userId === 'u-enum01')).toBe(true);
    expect(findChainBreak(ops, '')).toBeNull();
  });

  it('detects a tampered op anywhere in the chain', () => {
    store = openMemoryStore();
    loggedIn();
    createUnit(store.db, 'unit-0006', newUnit());
    for (const n of [13, 14, 15]) editItem(store.db, 'unit-0006', '611', 'employees', n);
    const ops = outbox().map((r) => r.parsed);
    const tampered = ops.map((o) => (o.seq === 3 ? { ...o, value: '改过的名称' } : o));
    expect(findChainBreak(tampered, '')).toBe(3);
    const resigned = tampered.map((o) => (o.seq === 3 ? { ...o, hash: opHash(o) } : o));
    expect(findChainBreak(resigned, '')).toBe(4);
  });
});

describe('push batches', () => {
  const row = (seq: number, size: number) => ({
    seq,
    entity: 'unit',
    entityId: 'u',
    field: 'f',
    areaCode: AREA,
    status: 'pending',
    op: 'x'.repeat(size),
    ackedAt: null,
  });
  it('are bounded by count and by bytes, and always carry at least one op', () => {
    const rows = Array.from({ length: 20 }, (_, i) => row(i + 1, 100));
    expect(takeBatch(rows, { maxOps: 5, maxBytes: 1_000_000 })).toHaveLength(5);
    expect(takeBatch(rows, { maxOps: 500, maxBytes: 350 })).toHaveLength(3);
    expect(takeBatch([row(1, 5_000)], { maxOps: 500, maxBytes: 350 })).toHaveLength(1);
  });
});
