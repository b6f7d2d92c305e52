import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isAppVersionBelow } from '@shared/sync/api';
import { bucketOf, checksumLine, computeChecksum, differingBuckets } from '@shared/sync/checksum';
import { checkField } from '@shared/sync/fields';
import { canonicalJson, canonicalOpText, type JsonValue } from '@shared/sync/protocol';
import { Device } from './helpers';

const sha = (t: string): string => createHash('sha256').update(t).digest('hex');

describe('canonical op text', () => {
  it('is exactly canonicalJson of the op without its hash, for every kind of value', () => {
    const d = new Device('', 'device-0001');
    d.offlineUserId = 'u_1';
    const values: JsonValue[] = [null, true, 0, -1.5, 1e21, '', '中文 "quoted" \\ \n', [1, 'a', null], { b: 1, a: [{ d: 2, c: 3 }] }];
    for (const value of values) {
      const { hash, ...unsigned } = d.op('unit-0001', '611.revenue', value, 7);
      expect(canonicalOpText(unsigned)).toBe(canonicalJson(unsigned));
      expect(sha(canonicalOpText(unsigned))).toBe(hash);
    }
  });
});

describe('checksum', () => {
  const rows = [
    { entity: 'unit', entityId: 'unit-0002', field: 'name', version: 9 },
    { entity: 'unit', entityId: 'unit-0001', field: '$create', version: 1 },
    { entity: 'unit', entityId: 'unit-0001', field: 'name', version: 2 },
  ];

  it('hashes sorted tab-separated lines, whatever the row order, with 2-hex-digit buckets', () => {
    const a = computeChecksum(rows, sha);
    const b = computeChecksum([...rows].reverse(), sha);
    expect(a).toEqual(b);
    expect(checksumLine(rows[0]!)).toBe('unit\tunit-0002\tname\t9');
    // The total hashes the sorted `bucket \t hash` lines of the non-empty buckets.
    const expectedBuckets: Record<string, string[]> = {};
    for (const line of ['unit\tunit-0001\t$create\t1', 'unit\tunit-0001\tname\t2', 'unit\tunit-0002\tname\t9']) {
      (expectedBuckets[bucketOf(line.split('\t')[1]!, sha)] ??= []).push(line);
    }
    const bucketLines = Object.keys(expectedBuckets)
      .sort()
      .map((b) => `${b}\t${sha(expectedBuckets[b]!.sort().join('\n'))}`);
    expect(a.buckets).toEqual(Object.fromEntries(bucketLines.map((l) => l.split('\t') as [string, string])));
    expect(a.total).toBe(sha(bucketLines.join('\n')));
    expect(a.count).toBe(3);
    expect(bucketOf('unit-0001', sha)).toBe(sha('unit-0001').slice(0, 2));
    expect(Object.keys(a.buckets).sort()).toEqual([...new Set(['unit-0001', 'unit-0002'].map((id) => bucketOf(id, sha)))].sort());
    expect(computeChecksum([], sha)).toEqual({ total: sha(''), count: 0, buckets: {} });
  });

  it('finds the buckets that differ, a bucket missing on either side included', () => {
    expect(differingBuckets({ '00': 'x', '01': 'y' }, { '01': 'y', '02': 'z' })).toEqual(['00', '02']);
  });
});

describe('field whitelist', () => {
  it('accepts unit attributes and form items of known forms, refuses the rest', () => {
    expect(checkField('unit', '611.revenue', 1200)).toEqual({ ok: true });
    expect(checkField('unit', '611-1.establishments', [{ estName: '分店', estRevenue: 10 }])).toEqual({ ok: true });
    expect(checkField('unit', '611-1.establishments.3.estName', '分店')).toEqual({ ok: true });
    expect(checkField('unit', 'individual.operatorName', '张三')).toEqual({ ok: true });
    expect(checkField('unit', 'explanations', null)).toEqual({ ok: true });
    expect(checkField('unit', '$create', { areaCode: '640502001001001', kind: 'legal' })).toEqual({ ok: true });
    expect(checkField('unit', '999.revenue', 1)).toMatchObject({ ok: false, code: 'INVALID_FIELD' });
    expect(checkField('unit', 'constructor', 1)).toMatchObject({ ok: false, code: 'INVALID_FIELD' });
    expect(checkField('unit', 'status', 'flying')).toMatchObject({ ok: false, code: 'INVALID_VALUE' });
    expect(checkField('unit', '611.revenue', { nested: true })).toMatchObject({ ok: false, code: 'INVALID_VALUE' });
    expect(checkField('unit', '$create', { areaCode: '6405', kind: 'legal' })).toMatchObject({ ok: false, code: 'INVALID_VALUE' });
  });
});

describe('app versions', () => {
  it('compares dotted numbers, treating a missing or unreadable version as too old', () => {
    expect(isAppVersionBelow('1.9.9', '1.10.0')).toBe(true);
    expect(isAppVersionBelow('1.10.0', '1.10.0')).toBe(false);
    expect(isAppVersionBelow('2.0.0-beta.1', '1.10.0')).toBe(false);
    expect(isAppVersionBelow(undefined, '1.0.0')).toBe(true);
    expect(isAppVersionBelow('garbage', '1.0.0')).toBe(true);
  });
});
