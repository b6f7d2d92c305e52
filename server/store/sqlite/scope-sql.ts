import type Database from 'better-sqlite3-multiple-ciphers';
import type { Scope } from '../types';

// A caller's scope as SQL. Prefixes are digit strings checked on the way in (assign), and are
// still bound as parameters, never spliced; GLOB 'p*' is a prefix match that can use the index.

export interface SqlPart {
  sql: string;
  params: string[];
}

/**
 * `column` is a scope key column (`e.scope_key`, `+e.scope_key`…) of a table whose `entity`
 * column sits beside it under the same alias: kinds the scope hides are left out through it.
 */
export function scopeSql(scope: Scope, column: string): SqlPart {
  const area = areaSql(scope, column);
  const hides = scope.hides ?? [];
  if (hides.length === 0 || area.sql === '0') return area;
  const entity = column.replace(/[a-z_]+$/, 'entity');
  return { sql: `(${area.sql} AND ${entity} NOT IN (${hides.map(() => '?').join(', ')}))`, params: [...area.params, ...hides] };
}

function areaSql(scope: Scope, column: string): SqlPart {
  if (scope.isAll) return { sql: '1', params: [] };
  if (scope.prefixes.length === 0) return { sql: '0', params: [] };
  return {
    sql: `(${scope.prefixes.map(() => `${column} GLOB ?`).join(' OR ')})`,
    params: scope.prefixes.map((p) => `${p}*`),
  };
}

/** Prepared statements by SQL text: scope clauses vary only in their number of prefixes. */
export function statementCache(sqlite: Database.Database) {
  const cache = new Map<string, Database.Statement>();
  return (sql: string): Database.Statement => {
    let st = cache.get(sql);
    if (!st) {
      st = sqlite.prepare(sql);
      if (cache.size > 500) cache.clear();
      cache.set(sql, st);
    }
    return st;
  };
}
