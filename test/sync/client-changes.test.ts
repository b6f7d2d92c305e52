import { describe, expect, it } from 'vitest';
import { isChangeShape } from '@main/sync/client';
import { Change } from '@shared/sync/protocol';

// The client checks pulled changes by hand (a zod object per change cost 60 ms of a fresh
// pull); it must accept and refuse exactly what Change accepts and refuses, value aside.

const valid = {
  gseq: 17,
  entity: 'unit',
  entityId: 'unit-0001-abcd',
  field: '611.employees',
  value: { any: ['json', 1, null] },
  deviceId: 'laptop-0001',
  userId: 'u-wang',
  hlc: '1710468000000-000001-laptop-0001',
  at: '2024-03-15T02:00:00.000Z',
  scopeKey: '640502100002001',
};

const variants: Record<string, unknown>[] = [
  valid,
  { ...valid, entity: 'enterprise', field: '$create' },
  { ...valid, field: '$delete', value: null },
  { ...valid, field: '$resolve', value: false },
  { ...valid, field: '611-1.establishments.0.estName', value: '分店' },
  { ...valid, field: 'review.e-0001' },
  { ...valid, extra: 'ignored member' },
  { ...valid, gseq: 0 },
  { ...valid, gseq: -3 },
  { ...valid, gseq: 1.5 },
  { ...valid, gseq: 2 ** 53 },
  { ...valid, gseq: '17' },
  { ...valid, entity: 'review' },
  { ...valid, entity: undefined },
  { ...valid, entityId: 5 },
  { ...valid, field: '' },
  { ...valid, field: '611.a.b.c.d' },
  { ...valid, field: 'name; DROP TABLE units' },
  { ...valid, field: '$other' },
  { ...valid, field: `a.${'x'.repeat(200)}` },
  { ...valid, value: undefined },
  { ...valid, deviceId: null },
  { ...valid, userId: 1 },
  { ...valid, hlc: [] },
  { ...valid, at: {} },
  { ...valid, scopeKey: undefined },
];

describe('the client check of pulled changes', () => {
  it('gives the verdict of the Change schema for valid and malformed changes', () => {
    for (const v of variants) {
      const { value, ...rest } = v;
      // Change walks the value; the hand check only requires one. Compare on the rest.
      const expected = value !== undefined && Change.safeParse({ ...rest, value: null }).success;
      expect(isChangeShape(v), JSON.stringify(v)).toBe(expected);
    }
    expect(isChangeShape(null)).toBe(false);
    expect(isChangeShape([valid])).toBe(false);
    expect(isChangeShape('change')).toBe(false);
  });
});
