import type Database from 'better-sqlite3-multiple-ciphers';
import type { Scope } from '../types';

// A caller's scope as SQL. Prefixes are digit strings checked on the way in (assign), and are
// still bound as parameters, never spliced; GLOB 'p*' is a prefix match that can use the index.

export interface SqlPart {
  sql: string;
  params: string[];
}

export function scopeSql(scope: Scope, column: string): SqlPart {
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
