import type { SqliteDatabase } from '@db/open';
import { bucketOf, checksumLine, differingBuckets, hashBucketLines, totalOfBuckets } from '@shared/sync/checksum';
import { PROTOCOL_VERSION } from '@shared/sync/protocol';
import { entityKey, type Materialiser } from './apply';
import { sha256Hex } from '@shared/node/hash';
import { dropEntities, fetchSnapshot, type PullContext } from './pull';

// After a sync, client and server compare checksums of the server state (shared/sync/
// checksum.ts): first the total alone (a few hundred bytes each way), then, on a mismatch, per
// bucket of entities, and only differing buckets are fetched again. The client's bucket
// hashes are kept in memory and recomputed only for buckets whose entities changed, from the
// lines the materialiser hands over as it writes, so verifying after a small sync costs little
// however large the store is, and a fresh pull is never read back to be hashed.

type EntityLines = Map<string, string[]>;

export class ChecksumCache {
  private buckets: Map<string, EntityLines> | null = null;
  private readonly hashes = new Map<string, string>();
  private readonly dirtyBuckets = new Set<string>();

  constructor(
    private readonly sqlite: SqliteDatabase,
    private readonly materialiser: Materialiser,
  ) {}

  /** Bucket → hash of its lines, for every non-empty bucket. */
  bucketHashes(): Record<string, string> {
    const buckets = this.load();
    this.absorbTouched(buckets);
    for (const b of this.dirtyBuckets) {
      const entities = buckets.get(b);
      const lines = entities ? [...entities.values()].flat() : [];
      if (lines.length === 0) this.hashes.delete(b);
      else this.hashes.set(b, hashBucketLines(lines, sha256Hex));
    }
    this.dirtyBuckets.clear();
    return Object.fromEntries([...this.hashes.entries()].sort(([a], [b]) => byText(a, b)));
  }

  /** The checksum total over bucketHashes(). */
  total(): string {
    return totalOfBuckets(this.bucketHashes(), sha256Hex);
  }

  /**
   * Reads the base now if it is not held yet. The engine calls it before pulling: an empty
   * store costs nothing, and what the pull writes then arrives as lines, not as rows to reread.
   */
  prime(): void {
    this.load();
  }

  /** Forgets everything (after a failed run: a rolled-back write may have reported lines). */
  reset(): void {
    this.buckets = null;
    this.hashes.clear();
    this.dirtyBuckets.clear();
  }

  private load(): Map<string, EntityLines> {
    if (this.buckets) return this.buckets;
    const buckets = new Map<string, EntityLines>();
    // Only the versions matter here: json_each hands them over without the values, which
    // are most of the ~20 MB a store of 10,000 units holds in sync_base.
    const rows = this.sqlite
      .prepare<[], { entity: string; entity_id: string; field: string; version: number }>(
        `SELECT b.entity, b.entity_id, j.key AS field, j.value ->> 0 AS version
         FROM sync_base b, json_each(b.fields) j ORDER BY b.entity, b.entity_id`,
      )
      .all();
    let i = 0;
    while (i < rows.length) {
      const first = rows[i] as (typeof rows)[number];
      const lines: string[] = [];
      for (; i < rows.length && rows[i]?.entity === first.entity && rows[i]?.entity_id === first.entity_id; i++) {
        const r = rows[i] as (typeof rows)[number];
        lines.push(checksumLine({ entity: r.entity, entityId: r.entity_id, field: r.field, version: r.version }));
      }
      this.put(buckets, entityKey(first.entity, first.entity_id), first.entity_id, lines);
    }
    this.materialiser.touched.clear();
    this.hashes.clear();
    for (const b of buckets.keys()) this.dirtyBuckets.add(b);
    this.buckets = buckets;
    return buckets;
  }

  private absorbTouched(buckets: Map<string, EntityLines>): void {
    for (const [key, lines] of this.materialiser.touched) {
      const entityId = key.slice(key.indexOf('\u0000') + 1);
      const bucket = bucketOf(entityId, sha256Hex);
      if (lines === null) buckets.get(bucket)?.delete(key);
      else this.put(buckets, key, entityId, lines);
      this.dirtyBuckets.add(bucket);
    }
    this.materialiser.touched.clear();
  }

  /** `key` is entityKey(entity, entityId): the materialiser's own string is kept, not a copy of it. */
  private put(buckets: Map<string, EntityLines>, key: string, entityId: string, lines: string[]): void {
    const bucket = bucketOf(entityId, sha256Hex);
    let entities = buckets.get(bucket);
    if (!entities) {
      entities = new Map();
      buckets.set(bucket, entities);
    }
    entities.set(key, lines);
  }
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export type VerifyOutcome = 'match' | 'repaired' | 'mismatch' | 'stale';

/**
 * Compares with the server at `cursor`: the totals first; on a mismatch, refetches the buckets
 * whose hashes differ (dropping local entities there that the server no longer lists) and
 * compares once more.
 */
export async function verifyWithServer(ctx: PullContext, cache: ChecksumCache, cursor: number): Promise<VerifyOutcome> {
  const mine = cache.bucketHashes();
  const first = await ctx.client.verify({ protocol: PROTOCOL_VERSION, total: totalOfBuckets(mine, sha256Hex) });
  if (first.asOf !== cursor) return 'stale';
  if (first.isMatch === true) return 'match';
  const differing = differingBuckets(first.buckets, mine);
  // Equal buckets are equal state (a server that writes its total another way still agrees).
  if (differing.length === 0) return 'match';
  const differingSet = new Set(differing);
  const waiting = new Set(
    ctx.sqlite.prepare<[], string>('SELECT DISTINCT entity_id FROM sync_outbox').pluck().all(),
  );
  await fetchSnapshot(ctx, { buckets: differing }, (listed) => {
    const local = ctx.sqlite
      .prepare<[], { entity: string; entity_id: string }>('SELECT entity, entity_id FROM sync_base')
      .all()
      .filter((r) => differingSet.has(bucketOf(r.entity_id, sha256Hex)) && !listed.has(r.entity_id) && !waiting.has(r.entity_id));
    dropEntities(ctx, local.map((r) => ({ entity: r.entity, entityId: r.entity_id })));
  });
  const after = cache.bucketHashes();
  const second = await ctx.client.verify({ protocol: PROTOCOL_VERSION, total: totalOfBuckets(after, sha256Hex) });
  if (second.asOf !== cursor) return 'stale';
  return second.isMatch === true || differingBuckets(second.buckets, after).length === 0 ? 'repaired' : 'mismatch';
}
