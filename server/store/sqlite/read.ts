import type Database from 'better-sqlite3-multiple-ciphers';
import type { SyncEntity } from '@shared/sync/protocol';
import { type EntityState, pageBytesOf, type PullPage, type Scope, type SnapshotCursor, type SnapshotFilter, type SnapshotPage, type StoredChange } from '../types';
import { statesFromRows } from '../expand-created';
import { scopeSql, type SqlPart, statementCache } from './scope-sql';

// Pull, snapshot and export reads on SQLite. Each runs in one read transaction, so
// the rows and the gseq reported with them are one consistent picture. Changes keep their
// value as stored JSON text (StoredChange); the route writes it onto the wire unparsed.

const CHANGE_COLUMNS = `fs.entity, fs.entity_id AS entityId, fs.field, fs.value AS valueJson, fs.version AS gseq,
  fs.device_id AS deviceId, fs.user_id AS userId, fs.hlc, fs.at, e.scope_key AS scopeKey`;
const JOIN = 'field_state fs JOIN entities e ON e.entity = fs.entity AND e.entity_id = fs.entity_id';

function filterSql(filter: SnapshotFilter): SqlPart {
  switch (filter.kind) {
    case 'area':
      return { sql: 'e.scope_key GLOB ?', params: [`${filter.prefix}*`] };
    case 'buckets':
      // All 256 (a laptop's first snapshot): no filter, so the pages are read in order from the
      // scope index instead of sorting the whole scope for each page.
      if (new Set(filter.buckets).size === 256 && filter.buckets.every((b) => /^[0-9a-f]{2}$/.test(b))) return { sql: '1', params: [] };
      return { sql: `e.bucket IN (${filter.buckets.map(() => '?').join(',')})`, params: [...filter.buckets] };
    case 'entities':
      return { sql: `e.entity_id IN (${filter.entityIds.map(() => '?').join(',')})`, params: [...filter.entityIds] };
  }
}

export interface Reader {
  pull(scope: Scope, cursor: number, limit: number, maxBytes: number): PullPage;
  snapshot(scope: Scope, filter: SnapshotFilter, cursor: SnapshotCursor | null, limit: number, maxBytes: number): SnapshotPage;
  entityStates(entity: SyncEntity, scope: Scope): EntityState[];
  maxGseq(): number;
}

/**
 * Collects a page's rows up to `limit` of them and, beyond the first, `maxBytes` of change
 * JSON (pageBytesOf): rows are read one at a time (iterate), so a page of huge values is never
 * read past its budget. `add` answers false for the first row that does not fit, which also
 * says that there is more.
 */
class PageBuilder {
  readonly rows: StoredChange[] = [];
  hasMore = false;
  private bytes = 0;

  constructor(
    private readonly limit: number,
    private readonly maxBytes: number,
  ) {}

  add(row: StoredChange): boolean {
    const size = pageBytesOf(row);
    if (this.rows.length >= this.limit || (this.rows.length > 0 && this.bytes + size > this.maxBytes)) {
      this.hasMore = true;
      return false;
    }
    this.rows.push(row);
    this.bytes += size;
    return true;
  }
}

export function createReader(sqlite: Database.Database): Reader {
  const prepare = statementCache(sqlite);
  const maxGseq = sqlite.prepare<[], number>('SELECT coalesce(max(gseq), 0) FROM ops').pluck();

  const pull = sqlite.transaction((scope: Scope, cursor: number, limit: number, maxBytes: number): PullPage => {
    const s = scopeSql(scope, 'e.scope_key');
    // CROSS JOIN pins the plan: walk field_state by version from the cursor, then look up each
    // entity. Left to itself the planner may start from the scope index and sort every field
    // in scope, which turns a no-op pull into a scan of the whole area.
    const rows = prepare(
      `SELECT ${CHANGE_COLUMNS} FROM field_state fs CROSS JOIN entities e ON e.entity = fs.entity AND e.entity_id = fs.entity_id
       WHERE fs.version > ? AND ${s.sql} ORDER BY fs.version LIMIT ?`,
    ).iterate(cursor, ...s.params, limit + 1) as IterableIterator<StoredChange>;
    const page = new PageBuilder(limit, maxBytes);
    for (const row of rows) if (!page.add(row)) break;
    // On the last page the cursor jumps to the newest gseq, so changes outside the scope are
    // not scanned again by every later pull.
    const next = page.hasMore ? (page.rows.at(-1)?.gseq ?? cursor) : Math.max(cursor, maxGseq.get() ?? 0);
    return { changes: page.rows, cursor: next, hasMore: page.hasMore };
  });

  const snapshot = sqlite.transaction(
    (scope: Scope, filter: SnapshotFilter, cursor: SnapshotCursor | null, limit: number, maxBytes: number): SnapshotPage => {
      const s = scopeSql(scope, 'e.scope_key');
      const f = filterSql(filter);
      const after = cursor?.after ?? ['', '', '', ''];
      // Pages go area by area (scope key, then kind and id), so a laptop writes one area's units
      // at a time: each page's commit rewrites a stretch of its area-keyed indexes rather than
      // pages all over them (by id alone, every page of a 100,000-unit snapshot dirtied nearly
      // every leaf of the units list index). The page's entities are chosen first, by key
      // alone, then each one's fields are read in key order from the primary key: ordering the
      // joined rows instead sorted every field of the page, values and all, in a temporary
      // B-tree. Each entity has at least one field; the first one listed may be the previous
      // page's last, possibly with no field left, so limit + 2 entities hold limit + 1 fields
      // when that many remain.
      const entities = prepare(
        `SELECT e.entity, e.entity_id AS entityId, e.scope_key AS scopeKey FROM entities e
         WHERE ${s.sql} AND ${f.sql} AND (e.scope_key, e.entity, e.entity_id) >= (?, ?, ?)
         ORDER BY e.scope_key, e.entity, e.entity_id LIMIT ?`,
      ).all(...s.params, ...f.params, after[0], after[1], after[2], limit + 2) as { entity: string; entityId: string; scopeKey: string }[];
      const fieldsOf = prepare(
        `SELECT entity, entity_id AS entityId, field, value AS valueJson, version AS gseq, device_id AS deviceId,
                user_id AS userId, hlc, at, ? AS scopeKey
         FROM field_state WHERE entity = ? AND entity_id = ? AND field > ? ORDER BY field`,
      );
      const page = new PageBuilder(limit, maxBytes);
      for (const e of entities) {
        const isCursorEntity = e.scopeKey === after[0] && e.entity === after[1] && e.entityId === after[2];
        const fields = fieldsOf.iterate(e.scopeKey, e.entity, e.entityId, isCursorEntity ? after[3] : '') as IterableIterator<StoredChange>;
        let isFull = false;
        for (const row of fields) {
          if (!page.add(row)) {
            isFull = true;
            break;
          }
        }
        if (isFull) break;
      }
      const hasMore = page.hasMore;
      const last = page.rows.at(-1);
      const asOf = cursor?.asOf ?? maxGseq.get() ?? 0;
      const entityIds =
        cursor === null
          ? (prepare(`SELECT e.entity_id FROM entities e WHERE ${s.sql} AND ${f.sql} ORDER BY e.entity_id`)
              .pluck()
              .all(...s.params, ...f.params) as string[])
          : null;
      return {
        changes: page.rows,
        entityIds,
        asOf,
        next: hasMore && last ? { after: [last.scopeKey, last.entity, last.entityId, last.field], asOf } : null,
      };
    },
  );

  const entityStates = sqlite.transaction((entity: SyncEntity, scope: Scope): EntityState[] => {
    const s = scopeSql(scope, 'e.scope_key');
    const rows = prepare(
      `SELECT e.entity_id AS entityId, e.scope_key AS scopeKey, fs.field, fs.value FROM ${JOIN}
       WHERE e.entity = ? AND ${s.sql} ORDER BY e.scope_key, e.entity_id, fs.field`,
    ).all(entity, ...s.params) as { entityId: string; scopeKey: string; field: string; value: string }[];
    return statesFromRows(entity, rows);
  });

  return { pull, snapshot, entityStates, maxGseq: () => maxGseq.get() ?? 0 };
}
