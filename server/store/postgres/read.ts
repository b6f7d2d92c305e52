import type pg from 'pg';
import type { SyncEntity } from '@shared/sync/protocol';
import type { EntityState, PullPage, Scope, SnapshotCursor, SnapshotFilter, SnapshotPage, StoredChange } from '../types';
import { statesFromRows } from '../expand-created';
import { pgScopeSql } from './scope-sql';
import { readAtWatermark } from './watermark';

// Pull, snapshot and export reads on PostgreSQL, each in one REPEATABLE READ snapshot capped at
// its watermark (watermark.ts): a pull never returns, and its cursor never passes, a gseq that
// may still appear. A page is chosen by the rows' keys and sizes first (octet_length: the
// value's UTF-8 bytes, as pageBytesOf counts them), then only its own values are read, so a page
// of huge values is never read past its budget.

interface KeyRow {
  entity: string;
  entity_id: string;
  field: string;
  version: number;
  scope_key: string;
  bytes: number;
}

const ALL_BUCKETS = /^[0-9a-f]{2}$/;

/** How many of `rows` fit a page: at most `limit` and, beyond the first, `maxBytes` (pageBytesOf). */
function fit(rows: readonly KeyRow[], limit: number, maxBytes: number): { count: number; hasMore: boolean } {
  let bytes = 0;
  let count = 0;
  for (const r of rows) {
    const size = r.bytes + r.entity_id.length + r.field.length + 250;
    if (count >= limit || (count > 0 && bytes + size > maxBytes)) return { count, hasMore: true };
    bytes += size;
    count += 1;
  }
  return { count, hasMore: false };
}

async function valuesOf(client: pg.ClientBase, rows: readonly KeyRow[]): Promise<StoredChange[]> {
  if (rows.length === 0) return [];
  const found = await client.query<{ entity: string; entity_id: string; field: string; value: string; device_id: string; user_id: string; hlc: string; at: string; version: number }>(
    `SELECT fs.entity, fs.entity_id, fs.field, fs.value, fs.device_id, fs.user_id, fs.hlc, fs.at, fs.version
     FROM unnest($1::text[], $2::text[], $3::text[]) AS k(e, i, f)
     JOIN field_state fs ON fs.entity = k.e AND fs.entity_id = k.i AND fs.field = k.f`,
    [rows.map((r) => r.entity), rows.map((r) => r.entity_id), rows.map((r) => r.field)],
  );
  const byKey = new Map(found.rows.map((r) => [`${r.entity}\u0000${r.entity_id}\u0000${r.field}`, r]));
  return rows.map((k) => {
    const r = byKey.get(`${k.entity}\u0000${k.entity_id}\u0000${k.field}`);
    if (!r) throw new Error(`field ${k.entity}/${k.entity_id}/${k.field} vanished inside a snapshot`);
    return {
      entity: r.entity as SyncEntity,
      entityId: r.entity_id,
      field: r.field,
      valueJson: r.value,
      gseq: r.version,
      deviceId: r.device_id,
      userId: r.user_id,
      hlc: r.hlc,
      at: r.at,
      scopeKey: k.scope_key,
    };
  });
}

export function createPgReader(pool: pg.Pool) {
  return {
    pull(scope: Scope, cursor: number, limit: number, maxBytes: number): Promise<PullPage> {
      return readAtWatermark(pool, async (client, watermark) => {
        const s = pgScopeSql(scope, 'e.scope_key', 4);
        // Walk field_state by version from the cursor (its index), looking up each entity.
        const keys = await client.query<KeyRow>(
          `SELECT fs.entity, fs.entity_id, fs.field, fs.version, e.scope_key, octet_length(fs.value) AS bytes
           FROM field_state fs JOIN entities e ON e.entity = fs.entity AND e.entity_id = fs.entity_id
           WHERE fs.version > $1 AND fs.version <= $2 AND ${s.sql} ORDER BY fs.version LIMIT $3`,
          [cursor, watermark, limit + 1, ...s.params],
        );
        const { count, hasMore } = fit(keys.rows, limit, maxBytes);
        const changes = await valuesOf(client, keys.rows.slice(0, count));
        // On the last page the cursor jumps to the watermark, so changes outside the scope are
        // not scanned again by every later pull.
        const next = hasMore ? (changes.at(-1)?.gseq ?? cursor) : Math.max(cursor, watermark);
        return { changes, cursor: next, hasMore };
      });
    },

    snapshot(scope: Scope, filter: SnapshotFilter, cursor: SnapshotCursor | null, limit: number, maxBytes: number): Promise<SnapshotPage> {
      return readAtWatermark(pool, async (client, watermark) => {
        const s = pgScopeSql(scope, 'e.scope_key', 1);
        let f = { sql: 'true', params: [] as unknown[] };
        if (filter.kind === 'area') f = { sql: `e.scope_key LIKE $${1 + s.params.length}`, params: [`${filter.prefix}%`] };
        else if (filter.kind === 'buckets' && !(new Set(filter.buckets).size === 256 && filter.buckets.every((b) => ALL_BUCKETS.test(b)))) {
          f = { sql: `e.bucket = ANY($${1 + s.params.length}::text[])`, params: [[...filter.buckets]] };
        } else if (filter.kind === 'entities') f = { sql: `e.entity_id = ANY($${1 + s.params.length}::text[])`, params: [[...filter.entityIds]] };
        const base = [...s.params, ...f.params];
        const n = base.length;
        const after = cursor?.after ?? ['', '', '', ''];
        // Area by area (scope key, kind, id), as on SQLite (store/sqlite/read.ts); created_gseq > 0
        // leaves out placeholders of pushes still running.
        const entities = await client.query<{ entity: string; entity_id: string; scope_key: string }>(
          `SELECT e.entity, e.entity_id, e.scope_key FROM entities e
           WHERE ${s.sql} AND ${f.sql} AND e.created_gseq > 0 AND (e.scope_key, e.entity, e.entity_id) >= ($${n + 1}, $${n + 2}, $${n + 3})
           ORDER BY e.scope_key, e.entity, e.entity_id LIMIT $${n + 4}`,
          [...base, after[0], after[1], after[2], limit + 2],
        );
        const keys: KeyRow[] = [];
        if (entities.rows.length > 0) {
          const rows = await client.query<KeyRow & { ord: number }>(
            `SELECT fs.entity, fs.entity_id, fs.field, fs.version, k.s AS scope_key, octet_length(fs.value) AS bytes, k.ord
             FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS k(e, i, s, ord)
             JOIN field_state fs ON fs.entity = k.e AND fs.entity_id = k.i
             WHERE NOT (k.ord = 1 AND k.s = $4 AND k.e = $5 AND k.i = $6 AND fs.field <= $7)
             ORDER BY k.ord, fs.field`,
            [entities.rows.map((r) => r.entity), entities.rows.map((r) => r.entity_id), entities.rows.map((r) => r.scope_key), after[0], after[1], after[2], after[3]],
          );
          for (const r of rows.rows) {
            keys.push(r);
            if (keys.length > limit) break;
          }
        }
        const { count, hasMore } = fit(keys, limit, maxBytes);
        const changes = await valuesOf(client, keys.slice(0, count));
        const asOf = cursor?.asOf ?? watermark;
        const last = changes.at(-1);
        const entityIds =
          cursor === null
            ? (
                await client.query<{ entity_id: string }>(
                  `SELECT e.entity_id FROM entities e WHERE ${s.sql} AND ${f.sql} AND e.created_gseq > 0 ORDER BY e.entity_id`,
                  base,
                )
              ).rows.map((r) => r.entity_id)
            : null;
        return {
          changes,
          entityIds,
          asOf,
          next: hasMore && last ? { after: [last.scopeKey, last.entity, last.entityId, last.field], asOf } : null,
        };
      });
    },

    entityStates(entity: SyncEntity, scope: Scope): Promise<EntityState[]> {
      return readAtWatermark(pool, async (client) => {
        const s = pgScopeSql(scope, 'e.scope_key', 2);
        const rows = await client.query<{ entityId: string; scopeKey: string; field: string; value: string }>(
          `SELECT e.entity_id AS "entityId", e.scope_key AS "scopeKey", fs.field, fs.value FROM field_state fs JOIN entities e ON e.entity = fs.entity AND e.entity_id = fs.entity_id
           WHERE e.entity = $1 AND ${s.sql} ORDER BY e.scope_key, e.entity_id, fs.field`,
          [entity, ...s.params],
        );
        return statesFromRows(entity, rows.rows);
      });
    },
  };
}
