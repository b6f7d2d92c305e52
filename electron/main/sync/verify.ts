import type { SqliteDatabase } from '../../../db/open';
import type { BaseFields } from '../../../db/queries/sync-outbox';
import { bucketOf, checksumLine } from '../../../shared/sync/checksum';
import { PROTOCOL_VERSION } from '../../../shared/sync/protocol';
import type { Materialiser } from './apply';
import { sha256Hex } from './chain';
import { dropEntities, fetchSnapshot, type PullContext } from './pull';

// After a sync, client and server compare checksums of the server state (shared/sync/
// checksum.ts) per bucket of entities; only differing buckets are fetched again. The client's
// bucket hashes are kept in memory and recomputed only for buckets whose entities changed,
// so verifying after a small sync costs little however large the store is.

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
      else this.hashes.set(b, sha256Hex(lines.sort(byText).join('\n')));
    }
    this.dirtyBuckets.clear();
    return Object.fromEntries([...this.hashes.entries()].sort(([a], [b]) => byText(a, b)));
  }

  private load(): Map<string, EntityLines> {
    if (this.buckets) return this.buckets;
    const buckets = new Map<string, EntityLines>();
    const rows = this.sqlite
      .prepare<[], { entity: string; entity_id: string; fields: string }>('SELECT entity, entity_id, fields FROM sync_base')
      .all();
    for (const r of rows) this.put(buckets, r.entity, r.entity_id, r.fields);
    this.materialiser.touched.clear();
    for (const b of buckets.keys()) this.dirtyBuckets.add(b);
    this.buckets = buckets;
    return buckets;
  }

  private absorbTouched(buckets: Map<string, EntityLines>): void {
    if (this.materialiser.touched.size === 0) return;
    const read = this.sqlite.prepare<[string, string], string>(
      'SELECT fields FROM sync_base WHERE entity = ? AND entity_id = ?',
    ).pluck();
    for (const key of this.materialiser.touched) {
      const [entity = '', entityId = ''] = key.split('\u0000');
      const bucket = bucketOf(entityId, sha256Hex);
      buckets.get(bucket)?.delete(key);
      const fields = read.get(entity, entityId);
      if (fields !== undefined) this.put(buckets, entity, entityId, fields);
      this.dirtyBuckets.add(bucket);
    }
    this.materialiser.touched.clear();
  }

  private put(buckets: Map<string, EntityLines>, entity: string, entityId: string, fieldsJson: string): void {
    const fields = JSON.parse(fieldsJson) as BaseFields;
    const lines = Object.entries(fields).map(([field, [version]]) => checksumLine({ entity, entityId, field, version }));
    const bucket = bucketOf(entityId, sha256Hex);
    let entities = buckets.get(bucket);
    if (!entities) {
      entities = new Map();
      buckets.set(bucket, entities);
    }
    entities.set(`${entity}\u0000${entityId}`, lines);
  }
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export type VerifyOutcome = 'match' | 'repaired' | 'mismatch' | 'stale';

/**
 * Compares with the server at `cursor`. On a mismatch, refetches the differing buckets
 * (dropping local entities there that the server no longer lists) and compares once more.
 */
export async function verifyWithServer(ctx: PullContext, cache: ChecksumCache, cursor: number): Promise<VerifyOutcome> {
  const first = await ctx.client.verify({ protocol: PROTOCOL_VERSION, buckets: cache.bucketHashes() });
  if (first.asOf !== cursor) return 'stale';
  if (first.differingBuckets.length === 0) return 'match';
  const differing = new Set(first.differingBuckets);
  const waiting = new Set(
    ctx.sqlite.prepare<[], string>('SELECT DISTINCT entity_id FROM sync_outbox').pluck().all(),
  );
  await fetchSnapshot(ctx, { buckets: first.differingBuckets }, (listed) => {
    const local = ctx.sqlite
      .prepare<[], { entity: string; entity_id: string }>('SELECT entity, entity_id FROM sync_base')
      .all()
      .filter((r) => differing.has(bucketOf(r.entity_id, sha256Hex)) && !listed.has(r.entity_id) && !waiting.has(r.entity_id));
    dropEntities(ctx, local.map((r) => ({ entity: r.entity, entityId: r.entity_id })));
  });
  const second = await ctx.client.verify({ protocol: PROTOCOL_VERSION, buckets: cache.bucketHashes() });
  if (second.asOf !== cursor) return 'stale';
  return second.differingBuckets.length === 0 ? 'repaired' : 'mismatch';
}
