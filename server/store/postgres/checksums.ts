import type pg from 'pg';
import { type Checksum, checksumLine, hashBucketLines, totalOfBuckets } from '@shared/sync/checksum';
import { sha256Hex } from '@shared/node/hash';
import type { Scope } from '../types';
import { pgScopeSql } from './scope-sql';
import { readAtWatermark } from './watermark';

// Verify checksums on PostgreSQL, per scope, kept between calls in each process and brought up
// to date from the database itself, so that any process's writes are seen: a scope's buckets
// were hashed in a snapshot whose watermark was W (watermark.ts); every change not in that
// snapshot has a gseq above W. The next call asks the database which buckets of the scope hold a
// field written above W (field_state's version index) or an entity that moved out of the scope
// above W (entity_moves: a move into the scope writes the area field, which the first question
// sees), and hashes only those again. Its cost follows what changed since, not the scope's size
// or the server's.

const ALL_BUCKETS = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const BUCKETS_PER_READ = 32;
/** Distinct scopes remembered (one per assignment pattern, so a few hundred at most). */
const MAX_SCOPES = 2_000;

interface CachedScope {
  hashes: Map<string, { hash: string | null; count: number }>;
  /** The watermark of the snapshot the hashes were computed in. */
  base: number;
}

type LineRow = { bucket: string; entity: string; entityId: string; field: string; version: number };

export function createPgChecksums(pool: pg.Pool) {
  const byScope = new Map<string, CachedScope>();
  /** The computation running per scope: the next one for the scope waits for it (one cache entry, one writer). */
  const running = new Map<string, Promise<unknown>>();
  // Kinds hidden are part of the key: the bureau's staff and its leadership may share an area
  // and must not share its checksums.
  const scopeKey = (scope: Scope): string => `${scope.isAll ? '*' : [...scope.prefixes].sort().join(',')}|${[...(scope.hides ?? [])].sort().join(',')}`;

  async function lines(client: pg.ClientBase, scope: Scope, buckets: readonly string[]): Promise<LineRow[]> {
    const s = pgScopeSql(scope, 'e.scope_key', 2);
    const rows = await client.query<LineRow>(
      `SELECT e.bucket, fs.entity, fs.entity_id AS "entityId", fs.field, fs.version
       FROM entities e JOIN field_state fs ON fs.entity = e.entity AND fs.entity_id = e.entity_id
       WHERE e.bucket = ANY($1::text[]) AND ${s.sql}`,
      [buckets, ...s.params],
    );
    return rows.rows;
  }

  async function changedBuckets(client: pg.ClientBase, scope: Scope, since: number): Promise<string[]> {
    const s = pgScopeSql(scope, 'e.scope_key', 2);
    const moved = pgScopeSql(scope, 'm.from_key', 2);
    const rows = await client.query<{ bucket: string }>(
      `SELECT e.bucket FROM field_state fs JOIN entities e ON e.entity = fs.entity AND e.entity_id = fs.entity_id
       WHERE fs.version > $1 AND ${s.sql}
       UNION SELECT m.bucket FROM entity_moves m WHERE m.gseq > $1 AND ${moved.sql}`,
      [since, ...s.params],
    );
    return rows.rows.map((r) => r.bucket);
  }

  return {
    compute(scope: Scope): Promise<{ checksum: Checksum; asOf: number }> {
      const key = scopeKey(scope);
      const before = running.get(key) ?? Promise.resolve();
      const next = before.catch(() => undefined).then(() => computeNow(scope));
      running.set(key, next);
      void next.finally(() => {
        if (running.get(key) === next) running.delete(key);
      }).catch(() => undefined);
      return next;
    },
  };

  function computeNow(scope: Scope): Promise<{ checksum: Checksum; asOf: number }> {
    return readAtWatermark(pool, async (client, watermark) => {
      const key = scopeKey(scope);
      let cached = byScope.get(key);
      let stale: readonly string[];
      if (!cached) {
        if (byScope.size >= MAX_SCOPES) byScope.clear();
        cached = { hashes: new Map(), base: watermark };
        byScope.set(key, cached);
        stale = ALL_BUCKETS;
      } else {
        stale = await changedBuckets(client, scope, cached.base);
      }
      // A scope's first verify reads it 32 buckets at a time (an eighth of its lines in memory at
      // once: a whole city's lines in one answer took 1.7 GB); later ones read the few changed.
      for (let i = 0; i < stale.length; i += BUCKETS_PER_READ) {
        const part = stale.slice(i, i + BUCKETS_PER_READ);
        const byBucket = new Map<string, string[]>();
        for (const row of await lines(client, scope, part)) {
          let list = byBucket.get(row.bucket);
          if (!list) byBucket.set(row.bucket, (list = []));
          list.push(checksumLine(row));
        }
        for (const bucket of part) {
          const list = byBucket.get(bucket);
          cached.hashes.set(bucket, list ? { hash: hashBucketLines(list, sha256Hex), count: list.length } : { hash: null, count: 0 });
        }
      }
      cached.base = watermark;
      const buckets: Record<string, string> = {};
      let count = 0;
      for (const bucket of ALL_BUCKETS) {
        const entry = cached.hashes.get(bucket);
        if (entry?.hash) buckets[bucket] = entry.hash;
        count += entry?.count ?? 0;
      }
      // The state is as of the watermark unless changes above it are already visible (a push
      // still running holds the watermark below a later one's commit): then say so, and the
      // laptop, whose cursor is at most the watermark, verifies another time.
      const newest = (await client.query<{ v: number | null }>('SELECT max(version) AS v FROM field_state')).rows[0]?.v ?? 0;
      return { checksum: { total: totalOfBuckets(buckets, sha256Hex), count, buckets }, asOf: Math.max(watermark, Number(newest)) };
    });
  }
}
