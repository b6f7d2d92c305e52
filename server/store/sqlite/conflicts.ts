import type Database from 'better-sqlite3-multiple-ciphers';
import type { ConflictRecord } from '@shared/sync/api';
import { type ConflictRow, side, toConflictRecord } from '../conflict-rows';
import type { ConflictFilter, ConflictViewer } from '../types';
import { scopeSql, type SqlPart, statementCache } from './scope-sql';

// Conflict records with both sides read back from the op log: a conflict row only
// points at the two ops (and the resolving one), so values, authors and times are never copied.

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
      ).all(...w.params, filter.after, filter.limit) as ConflictRow[];
      return rows.map(toConflictRecord);
    },
    countOpen(viewer: ConflictViewer): number {
      const w = whereSql(viewer, 'open');
      return prepare(`SELECT count(*) FROM ${FROM} WHERE ${w.sql}`)
        .pluck()
        .get(...w.params) as number;
    },
  };
}
