import type Database from 'better-sqlite3-multiple-ciphers';
import { bucketOf, type Checksum, checksumLine, hashBucketLines, totalOfBuckets } from '@shared/sync/checksum';
import { sha256Hex } from '@shared/node/hash';
import type { Scope } from '../types';
import { scopeSql, statementCache } from './scope-sql';

// Bucket checksums per scope, kept between verifies, at a cost that follows the caller's
// scope rather than the server. Recomputing every field in a county on each /sync/verify made an
// incremental sync cost grow with the county; here a bucket of a scope is recomputed only when
// a push wrote a field of one of that scope's entities in that bucket since it was last hashed.
// push.ts reports each entity it writes with its scope key (both keys when it moves), and only
// the cached scopes one of whose prefixes starts that key are told: a write in another area
// leaves this scope's cache alone, so fifty laptops pushing in fifty areas do not make each
// other's verifies start over. The dirty buckets are then read in one query over the scope
// index (the caller's entities only), or bucket by bucket over the bucket index when that reads
// less (everything's scope, or few dirty buckets of a scope as big as the server).
// Writes by another connection (the admin CLI importing a frame while the server runs) are
// noticed through PRAGMA data_version and drop the cache.
//
// Correct because a bucket's lines in a scope are the fields of the entities whose scope key
// lies in the scope and whose id hashes to the bucket: they change only when such a field is
// written (touch with the entity's key) or an entity moves into or out of the scope (touch
// with the old and the new key). Either marks the bucket dirty in every cached scope that can
// see the key. A write rolled back (a failed savepoint) only marks more than needed.

interface BucketEntry {
  hash: string | null;
  count: number;
}

interface CachedScope {
  scope: Scope;
  entries: Map<string, BucketEntry>;
  /** Buckets written since hashed (only meaningful for buckets in `entries`). */
  dirty: Set<string>;
}

const ALL_BUCKETS = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
/** Distinct scopes remembered (one per assignment pattern, so a few hundred at most). */
const MAX_SCOPES = 2_000;

export interface ScopeChecksum {
  checksum: Checksum;
  /** The newest gseq when computed: the rows are that moment's state. */
  asOf: number;
}

type LineRow = { bucket: string; entity: string; entityId: string; field: string; version: number };

export function createChecksumCache(sqlite: Database.Database) {
  const prepare = statementCache(sqlite);
  const maxGseq = sqlite.prepare<[], number>('SELECT coalesce(max(gseq), 0) FROM ops').pluck();
  const dataVersion = sqlite.prepare<[], number>('PRAGMA data_version').pluck();
  // Entities are never deleted, so the largest rowid is their number (to choose a plan).
  const entityCount = sqlite.prepare<[], number>('SELECT coalesce(max(rowid), 0) FROM entities').pluck();
  let seenDataVersion: number | null = null;
  const byScope = new Map<string, CachedScope>();
  /** Area prefix ('' for everything) → keys of the cached scopes that hold it. */
  const byPrefix = new Map<string, Set<string>>();

  // Kinds hidden are part of the key: the bureau's staff and its leadership may share an area
  // and must not share its checksums.
  const scopeKey = (scope: Scope): string => `${scope.isAll ? '*' : [...scope.prefixes].sort().join(',')}|${[...(scope.hides ?? [])].sort().join(',')}`;
  const prefixesOf = (scope: Scope): readonly string[] => (scope.isAll ? [''] : scope.prefixes);

  function forget(): void {
    byScope.clear();
    byPrefix.clear();
  }

  function remember(key: string, scope: Scope): CachedScope {
    if (byScope.size >= MAX_SCOPES) forget();
    const cached: CachedScope = { scope, entries: new Map(), dirty: new Set() };
    byScope.set(key, cached);
    for (const prefix of prefixesOf(scope)) {
      let keys = byPrefix.get(prefix);
      if (!keys) byPrefix.set(prefix, (keys = new Set()));
      keys.add(key);
    }
    return cached;
  }

  /** The lines of `buckets` in `scope`, by bucket, read bucket by bucket over the bucket index. */
  function readByBucket(scope: Scope, buckets: readonly string[]): LineRow[] {
    // '+' keeps the planner on the bucket index: by the scope index it would read the whole
    // scope for each bucket.
    const s = scopeSql(scope, '+e.scope_key');
    const st = prepare(
      `SELECT e.bucket, fs.entity, fs.entity_id AS entityId, fs.field, fs.version
       FROM entities e JOIN field_state fs ON fs.entity = e.entity AND fs.entity_id = e.entity_id
       WHERE e.bucket = ? AND ${s.sql}`,
    );
    return buckets.flatMap((bucket) => st.all(bucket, ...s.params) as LineRow[]);
  }

  /** The lines of `buckets` (null: all) in `scope`, in one pass over the scope index. */
  function readByScope(scope: Scope, buckets: readonly string[] | null): LineRow[] {
    const s = scopeSql(scope, 'e.scope_key');
    // '+' keeps the planner off the bucket index: the scope is what bounds the read.
    const filter = buckets === null ? '' : 'AND +e.bucket IN (SELECT value FROM json_each(?))';
    return prepare(
      `SELECT e.bucket, fs.entity, fs.entity_id AS entityId, fs.field, fs.version
       FROM entities e JOIN field_state fs ON fs.entity = e.entity AND fs.entity_id = e.entity_id
       WHERE ${s.sql} ${filter}`,
    ).all(...s.params, ...(buckets === null ? [] : [JSON.stringify(buckets)])) as LineRow[];
  }

  /** Hashes `buckets` of the scope again, reading whichever way reads fewer rows. */
  function rehash(cached: CachedScope, buckets: readonly string[]): void {
    const { scope } = cached;
    let rows: LineRow[];
    if (scope.isAll) rows = readByBucket(scope, buckets);
    else if (buckets.length === ALL_BUCKETS.length) rows = readByScope(scope, null);
    else {
      // The scope's lines as last counted stand for its entities (at least as many lines).
      let scopeLines = 0;
      for (const entry of cached.entries.values()) scopeLines += entry.count;
      const bucketRows = (buckets.length * (entityCount.get() ?? 0)) / ALL_BUCKETS.length;
      rows = scopeLines <= bucketRows ? readByScope(scope, buckets) : readByBucket(scope, buckets);
    }
    const lines = new Map<string, string[]>();
    for (const row of rows) {
      let list = lines.get(row.bucket);
      if (!list) lines.set(row.bucket, (list = []));
      list.push(checksumLine(row));
    }
    for (const bucket of buckets) {
      const list = lines.get(bucket);
      cached.entries.set(bucket, list ? { hash: hashBucketLines(list, sha256Hex), count: list.length } : { hash: null, count: 0 });
      cached.dirty.delete(bucket);
    }
  }

  const compute = sqlite.transaction((scope: Scope): ScopeChecksum => {
    // Read first: the snapshot this transaction sees starts here, and data_version is then
    // that snapshot's.
    const asOf = maxGseq.get() ?? 0;
    const version = dataVersion.get() ?? 0;
    if (version !== seenDataVersion) {
      forget();
      seenDataVersion = version;
    }
    const key = scopeKey(scope);
    const cached = byScope.get(key) ?? remember(key, scope);
    const stale = ALL_BUCKETS.filter((b) => !cached.entries.has(b) || cached.dirty.has(b));
    if (stale.length > 0) rehash(cached, stale);
    const buckets: Record<string, string> = {};
    let count = 0;
    for (const bucket of ALL_BUCKETS) {
      const entry = cached.entries.get(bucket);
      if (entry?.hash) buckets[bucket] = entry.hash;
      count += entry?.count ?? 0;
    }
    return { checksum: { total: totalOfBuckets(buckets, sha256Hex), count, buckets }, asOf };
  });

  return {
    /**
     * A field of `entityId`, whose scope key is `entityScopeKey`, was written (inside a push):
     * its bucket is hashed again next time in every cached scope that sees that key.
     */
    touch(entityId: string, entityScopeKey: string): void {
      if (byScope.size === 0) return;
      let bucket: string | null = null;
      for (let end = 0; end <= entityScopeKey.length; end++) {
        const keys = byPrefix.get(entityScopeKey.slice(0, end));
        if (!keys) continue;
        bucket ??= bucketOf(entityId, sha256Hex);
        for (const key of keys) byScope.get(key)?.dirty.add(bucket);
      }
    },
    compute: (scope: Scope): ScopeChecksum => compute(scope),
  };
}
