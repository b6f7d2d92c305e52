import type Database from 'better-sqlite3-multiple-ciphers';
import type { ConflictRecord, ConflictSide } from '@shared/sync/api';
import type { JsonValue, SyncEntity } from '@shared/sync/protocol';
import type { ConflictFilter, ConflictViewer } from '../types';
import { scopeSql, type SqlPart, statementCache } from './scope-sql';

// Conflict records with both sides read back from the op log: a conflict row only
// points at the two ops (and the resolving one), so values, authors and times are never copied.

const side = (alias: string): string =>
  `${alias}.gseq AS ${alias}_gseq, ${alias}.value AS ${alias}_value, ${alias}.device_id AS ${alias}_deviceId,
   ${alias}.user_id AS ${alias}_userId, coalesce(${alias}u.name, ${alias}.user_id) AS ${alias}_userName,
   ${alias}.hlc AS ${alias}_hlc, ${alias}.at AS ${alias}_at, ${alias}.base_version AS ${alias}_baseVersion, ${alias}.field AS ${alias}_field`;

type Row = {
  id: string;
  entity: SyncEntity;
  entityId: string;
  field: string;
  scopeKey: string;
  status: 'open' | 'resolved';
  winner: 'current' | 'incoming';
  createdAt: string;
  res_gseq: number | null;
  res_userId: string | null;
  res_at: string | null;
  res_value: string | null;
} & Record<`${'cur' | 'inc'}_${string}`, string | number>;

function toSide(row: Row, p: 'cur' | 'inc'): ConflictSide {
  const stored = JSON.parse(String(row[`${p}_value`])) as JsonValue;
  return {
    gseq: Number(row[`${p}_gseq`]),
    // A side may be a resolution of an earlier conflict that raced: its op's value is
    // { conflictId, value } and the field was set to `value`, as for `resolution` below.
    value: row[`${p}_field`] === '$resolve' ? (stored as { value: JsonValue }).value : stored,
    deviceId: String(row[`${p}_deviceId`]),
    userId: String(row[`${p}_userId`]),
    userName: String(row[`${p}_userName`]),
    hlc: String(row[`${p}_hlc`]),
    at: String(row[`${p}_at`]),
    baseVersion: Number(row[`${p}_baseVersion`]),
  };
}

function toRecord(row: Row): ConflictRecord {
  // The resolving op's value is { conflictId, value }; the field was set to `value`.
  const resolved =
    row.res_gseq !== null && row.res_value !== null
      ? (JSON.parse(row.res_value) as { value: JsonValue }).value
      : null;
  return {
    id: row.id,
    entity: row.entity,
    entityId: row.entityId,
    field: row.field,
    scopeKey: row.scopeKey,
    status: row.status,
    winner: row.winner,
    current: toSide(row, 'cur'),
    incoming: toSide(row, 'inc'),
    createdAt: row.createdAt,
    resolution:
      row.res_gseq !== null
        ? { gseq: row.res_gseq, userId: row.res_userId ?? '', at: row.res_at ?? '', value: resolved }
        : null,
  };
}

/**
 * Conflicts visible to `viewer`: by the entity's scope now, not the conflict's at creation, so
 * a unit moved out of someone's area takes its conflicts (values and all) with it.
 */
function whereSql(viewer: ConflictViewer, status: ConflictFilter['status']): SqlPart {
  const s = scopeSql(viewer.scope, 'e.scope_key');
  const parts = [s.sql];
  const params = [...s.params];
  if (status !== 'all') {
    parts.push('c.status = ?');
    params.push(status);
  }
  if (viewer.onlyUserId !== null) {
    parts.push('(cur.user_id = ? OR inc.user_id = ?)');
    params.push(viewer.onlyUserId, viewer.onlyUserId);
  }
  return { sql: parts.join(' AND '), params };
}

const FROM = `conflicts c
  JOIN entities e ON e.entity = c.entity AND e.entity_id = c.entity_id
  JOIN ops cur ON cur.gseq = c.current_gseq LEFT JOIN users curu ON curu.id = cur.user_id
  JOIN ops inc ON inc.gseq = c.incoming_gseq LEFT JOIN users incu ON incu.id = inc.user_id
  LEFT JOIN ops res ON res.gseq = c.resolved_gseq`;

export function createConflictReader(sqlite: Database.Database) {
  const prepare = statementCache(sqlite);
  return {
    list(viewer: ConflictViewer, filter: ConflictFilter): ConflictRecord[] {
      const w = whereSql(viewer, filter.status);
      const rows = prepare(
        `SELECT c.id, c.entity, c.entity_id AS entityId, c.field, e.scope_key AS scopeKey, c.status, c.winner,
           c.created_at AS createdAt, ${side('cur')}, ${side('inc')},
           res.gseq AS res_gseq, res.user_id AS res_userId, res.at AS res_at, res.value AS res_value
         FROM ${FROM} WHERE ${w.sql} AND c.incoming_gseq > ? ORDER BY c.incoming_gseq LIMIT ?`,
      ).all(...w.params, filter.after, filter.limit) as Row[];
      return rows.map(toRecord);
    },
    countOpen(viewer: ConflictViewer): number {
      const w = whereSql(viewer, 'open');
      return prepare(`SELECT count(*) FROM ${FROM} WHERE ${w.sql}`)
        .pluck()
        .get(...w.params) as number;
    },
  };
}
