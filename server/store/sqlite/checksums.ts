import type Database from 'better-sqlite3-multiple-ciphers';
import { bucketOf, type Checksum, checksumLine, hashBucketLines, totalOfBuckets } from '@shared/sync/checksum';
import { sha256Hex } from '@shared/node/hash';
import type { Scope } from '../types';
import { scopeSql, statementCache } from './scope-sql';

// Bucket checksums per scope, kept between verifies. Recomputing every field in a
// county on each /sync/verify made an incremental sync cost grow with the county; here a
// bucket is recomputed only when a push wrote a field of one of its entities since it was last
// hashed (push.ts reports each entity it writes), so a verify after a small sync rereads a few
// buckets of ~1/256 of the scope each. Writes by another connection (the admin CLI importing
// a frame while the server runs) are noticed through PRAGMA data_version and drop the cache.

interface BucketEntry {
  /** `generations` of the bucket when hashed. */
  generation: number;
  hash: string | null;
  count: number;
}

const ALL_BUCKETS = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
/** Distinct scopes remembered (one per assignment pattern, so a few hundred at most). */
const MAX_SCOPES = 2_000;

export interface ScopeChecksum {
  checksum: Checksum;
  /** The newest gseq when computed: the rows are that moment's state. */
  asOf: number;
}

export function createChecksumCache(sqlite: Database.Database) {
  const prepare = statementCache(sqlite);
  const maxGseq = sqlite.prepare<[], number>('SELECT coalesce(max(gseq), 0) FROM ops').pluck();
  const dataVersion = sqlite.prepare<[], number>('PRAGMA data_version').pluck();
  /** bucket → a counter bumped whenever one of its entities' fields is written by this process. */
  const generations = new Map<string, number>();
  let clock = 0;
  let seenDataVersion: number | null = null;
  const byScope = new Map<string, Map<string, BucketEntry>>();

  const scopeKey = (scope: Scope): string => (scope.isAll ? '*' : [...scope.prefixes].sort().join(','));

  function hashBucket(scope: Scope, bucket: string): { hash: string | null; count: number } {
    // '+' keeps the planner on the bucket index: by the scope index it would read the whole
    // scope for each of the 256 buckets.
    const s = scopeSql(scope, '+e.scope_key');
    const rows = prepare(
      `SELECT fs.entity, fs.entity_id AS entityId, fs.field, fs.version
       FROM entities e JOIN field_state fs ON fs.entity = e.entity AND fs.entity_id = e.entity_id
       WHERE e.bucket = ? AND ${s.sql}`,
    ).all(bucket, ...s.params) as { entity: string; entityId: string; field: string; version: number }[];
    if (rows.length === 0) return { hash: null, count: 0 };
    return { hash: hashBucketLines(rows.map(checksumLine), sha256Hex), count: rows.length };
  }

  const compute = sqlite.transaction((scope: Scope): ScopeChecksum => {
    // Read first: the snapshot this transaction sees starts here, and data_version is then
    // that snapshot's.
    const asOf = maxGseq.get() ?? 0;
    const version = dataVersion.get() ?? 0;
    if (version !== seenDataVersion) {
      byScope.clear();
      seenDataVersion = version;
    }
    const key = scopeKey(scope);
    let entries = byScope.get(key);
    if (!entries) {
      if (byScope.size >= MAX_SCOPES) byScope.clear();
      entries = new Map();
      byScope.set(key, entries);
    }
    const buckets: Record<string, string> = {};
    let count = 0;
    for (const bucket of ALL_BUCKETS) {
      const generation = generations.get(bucket) ?? 0;
      let entry = entries.get(bucket);
      if (entry?.generation !== generation) {
        entry = { generation, ...hashBucket(scope, bucket) };
        entries.set(bucket, entry);
      }
      if (entry.hash !== null) buckets[bucket] = entry.hash;
      count += entry.count;
    }
    return { checksum: { total: totalOfBuckets(buckets, sha256Hex), count, buckets }, asOf };
  });

  return {
    /** A field of `entityId` was written (inside a push): its bucket is hashed again next time. */
    touch(entityId: string): void {
      clock += 1;
      generations.set(bucketOf(entityId, sha256Hex), clock);
    },
    compute: (scope: Scope): ScopeChecksum => compute(scope),
  };
}
