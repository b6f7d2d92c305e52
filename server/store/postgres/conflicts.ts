import type pg from 'pg';
import type { ConflictRecord } from '@shared/sync/api';
import { type ConflictRow, side, toConflictRecord } from '../conflict-rows';
import type { ConflictFilter, ConflictViewer } from '../types';
import { pgScopeSql } from './scope-sql';

// Conflict records on PostgreSQL, read as on SQLite (store/sqlite/conflicts.ts): a conflict row
// only points at its ops by gseq, and is visible by the entity's scope now. An accepted op's
// number in the log is its gseq (push-state.ts insertOp), so its ops are found by log_no, the
// key the log is partitioned by: each lookup reads one partition's primary key, and partitions
// holding none of the conflicts' ops are never visited (run-time pruning), however long the log.

const FROM = `conflicts c
  JOIN entities e ON e.entity = c.entity AND e.entity_id = c.entity_id
  JOIN ops cur ON cur.log_no = c.current_gseq LEFT JOIN users curu ON curu.id = cur.user_id
  JOIN ops inc ON inc.log_no = c.incoming_gseq LEFT JOIN users incu ON incu.id = inc.user_id
  LEFT JOIN ops res ON res.log_no = c.resolved_gseq`;

function whereSql(viewer: ConflictViewer, status: ConflictFilter['status']): { sql: string; params: unknown[] } {
  const s = pgScopeSql(viewer.scope, 'e.scope_key', 1);
  const parts = [s.sql];
  const params: unknown[] = [...s.params];
  if (status !== 'all') {
    params.push(status);
    parts.push(`c.status = $${params.length}`);
  }
  if (viewer.onlyUserId !== null) {
    params.push(viewer.onlyUserId);
    parts.push(`(cur.user_id = $${params.length} OR inc.user_id = $${params.length})`);
  }
  return { sql: parts.join(' AND '), params };
}

export function createPgConflictReader(pool: pg.Pool) {
  return {
    async list(viewer: ConflictViewer, filter: ConflictFilter): Promise<ConflictRecord[]> {
      const w = whereSql(viewer, filter.status);
      const n = w.params.length;
      const rows = await pool.query<ConflictRow>(
        `SELECT c.id, c.entity, c.entity_id AS "entityId", c.field, e.scope_key AS "scopeKey", c.status, c.winner,
           c.created_at AS "createdAt", ${side('cur')}, ${side('inc')},
           res.gseq AS res_gseq, res.user_id AS "res_userId", res.at AS res_at, res.value AS res_value
         FROM ${FROM} WHERE ${w.sql} AND c.incoming_gseq > $${n + 1} ORDER BY c.incoming_gseq LIMIT $${n + 2}`,
        [...w.params, filter.after, filter.limit],
      );
      return rows.rows.map(toConflictRecord);
    },
    async countOpen(viewer: ConflictViewer): Promise<number> {
      const w = whereSql(viewer, 'open');
      const rows = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${FROM} WHERE ${w.sql}`, w.params);
      return rows.rows[0]?.n ?? 0;
    },
  };
}
