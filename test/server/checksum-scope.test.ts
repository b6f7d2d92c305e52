import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { bucketOf } from '@shared/sync/checksum';
import { sha256Hex } from '@shared/node/hash';
import { openServerDatabase } from '@server/db/open';
import { createChecksumCache } from '@server/store/sqlite/checksums';
import { createPusher } from '@server/store/sqlite/push';
import type { Scope } from '@server/store/types';
import { AREA_A, AREA_B, AREA_OTHER_TOWNSHIP, Device, pushContextOf } from './helpers';

// The verify checksum cache keeps each scope's buckets until a write that scope can see: a
// write in another area leaves them alone (so many laptops in many areas do not make each
// other's verifies start over), a write inside (or a move in or out) makes the bucket be hashed
// again. Checked against the cache's own answer and against a cache made afresh.

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'census-checksum-scope-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
let opened = 0;

function openParts() {
  opened += 1;
  const { sqlite } = openServerDatabase(path.join(root, `server-${opened}.db`));
  const checksums = createChecksumCache(sqlite);
  const pusher = createPusher(sqlite, (id, key) => checksums.touch(id, key));
  return { sqlite, checksums, pusher };
}

const scopeOf = (...prefixes: string[]): Scope => ({ isAll: false, prefixes });
const TOWNSHIP_001 = AREA_A.slice(0, 12);

function device(name: string, wallMs = 1_700_000_000_000): Device {
  const d = new Device('', `${name}-device`, wallMs);
  d.offlineUserId = `u-${name}`;
  return d;
}


/** An entity id of `bucket`, not in `taken`. */
function idInBucket(bucket: string, prefix: string): string {
  for (let i = 0; ; i++) {
    const id = `${prefix}-${String(i).padStart(6, '0')}`;
    if (bucketOf(id, sha256Hex) === bucket) return id;
  }
}

describe('verify checksums are invalidated per scope', () => {
  it('keeps a scope’s bucket through a write in another area of the same bucket, and hashes it again after a write inside', async () => {
    const { sqlite, checksums, pusher } = openParts();
    try {
      const mine = device('mine');
      const other = device('other');
      const inside = 'unit-inside-0001';
      const bucket = bucketOf(inside, sha256Hex);
      const outside = idInBucket(bucket, 'unit-outside');
      await pusher.push(pushContextOf(mine, scopeOf(AREA_A)), mine.createUnit(inside, AREA_A));
      await pusher.push(pushContextOf(other, scopeOf(AREA_OTHER_TOWNSHIP)), other.createUnit(outside, AREA_OTHER_TOWNSHIP));
      const before = checksums.compute(scopeOf(AREA_A)).checksum;
      expect(before.count).toBe(2);

      // Change the scope's field behind the cache's back (same connection, so data_version
      // stays): only a recompute of the bucket can see it.
      sqlite.prepare("UPDATE field_state SET version = version + 100 WHERE entity_id = ? AND field = 'name'").run(inside);
      await pusher.push(pushContextOf(other, scopeOf(AREA_OTHER_TOWNSHIP)), [other.op(outside, 'address', '应理南街 9 号')]);
      expect(checksums.compute(scopeOf(AREA_A)).checksum).toEqual(before);

      await pusher.push(pushContextOf(mine, scopeOf(AREA_A)), [mine.op(inside, 'address', '文萃路 1 号')]);
      const after = checksums.compute(scopeOf(AREA_A)).checksum;
      expect(after.buckets[bucket]).not.toBe(before.buckets[bucket]);
      expect(after).toEqual(createChecksumCache(sqlite).compute(scopeOf(AREA_A)).checksum);
    } finally {
      sqlite.close();
    }
  });

  it('hashes both scopes’ bucket again when a unit moves from one area to another', async () => {
    const { sqlite, checksums, pusher } = openParts();
    try {
      const supervisor = device('sup');
      const township = scopeOf(TOWNSHIP_001);
      await pusher.push(pushContextOf(supervisor, township), supervisor.createUnit('unit-moving-0001', AREA_A));
      const a = checksums.compute(scopeOf(AREA_A)).checksum;
      const b = checksums.compute(scopeOf(AREA_B)).checksum;
      expect([a.count, b.count]).toEqual([2, 0]);
      await pusher.push(pushContextOf(supervisor, township), [supervisor.op('unit-moving-0001', 'areaCode', AREA_B)]);
      expect(checksums.compute(scopeOf(AREA_A)).checksum.count).toBe(0);
      expect(checksums.compute(scopeOf(AREA_B)).checksum.count).toBe(3);
    } finally {
      sqlite.close();
    }
  });
});

// Property: after any pushes across areas (creates, edits, moves, some refused), interleaved
// with verifies of any scopes, every scope's cached checksum equals one computed from scratch.

const AREAS = [AREA_A, AREA_B, AREA_OTHER_TOWNSHIP] as const;
const SCOPES: Scope[] = [
  scopeOf(AREA_A),
  scopeOf(AREA_B),
  scopeOf(AREA_OTHER_TOWNSHIP),
  scopeOf(TOWNSHIP_001),
  scopeOf(AREA_A, AREA_OTHER_TOWNSHIP),
  scopeOf('640502'),
  { isAll: true },
];
/** Device i pushes with scope DEVICE_SCOPES[i]. */
const DEVICE_SCOPES: Scope[] = [scopeOf(TOWNSHIP_001), scopeOf(AREA_OTHER_TOWNSHIP), scopeOf(AREA_B)];

const step = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), device: fc.nat(2), unit: fc.nat(7), area: fc.nat(2) }),
  fc.record({ kind: fc.constant('edit' as const), device: fc.nat(2), unit: fc.nat(7), value: fc.nat(3) }),
  fc.record({ kind: fc.constant('move' as const), device: fc.nat(2), unit: fc.nat(7), area: fc.nat(2) }),
  fc.record({ kind: fc.constant('verify' as const), scope: fc.nat(SCOPES.length - 1) }),
);
/** Steps, cut into rounds: the pushes of a round arrive together (one group commit). */
const rounds = fc.array(fc.array(step, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 });

describe('cached checksums equal checksums computed afresh', () => {
  it('for every scope after random pushes across scopes', async () => {
    await fc.assert(
      fc.asyncProperty(rounds, async (plan) => {
        const { sqlite, checksums, pusher } = openParts();
        try {
          const devices = DEVICE_SCOPES.map((_, i) => device(`dev${i}`, 1_700_000_000_000 + i));
          const unitId = (n: number) => `unit-prop-${String(n).padStart(4, '0')}`;
          for (const round of plan) {
            const pushes: Promise<unknown>[] = [];
            for (const s of round) {
              if (s.kind === 'verify') {
                await Promise.all(pushes.splice(0));
                checksums.compute(SCOPES[s.scope]!);
                continue;
              }
              const d = devices[s.device]!;
              const op =
                s.kind === 'create'
                  ? d.op(unitId(s.unit), '$create', { areaCode: AREAS[s.area]!, kind: 'legal' })
                  : s.kind === 'edit'
                    ? d.op(unitId(s.unit), 'name', `名称${s.value}`)
                    : d.op(unitId(s.unit), 'areaCode', AREAS[s.area]!);
              pushes.push(pusher.push(pushContextOf(d, DEVICE_SCOPES[s.device]!), [op]));
            }
            await Promise.all(pushes);
          }
          const fresh = createChecksumCache(sqlite);
          for (const scope of SCOPES) expect(checksums.compute(scope).checksum).toEqual(fresh.compute(scope).checksum);
        } finally {
          sqlite.close();
        }
      }),
      { numRuns: 60 },
    );
  });
});
