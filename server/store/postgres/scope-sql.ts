import type { Scope } from '../types';

// A caller's scope as PostgreSQL: prefixes (digit strings, checked on the way in) bound as
// parameters, matched with LIKE 'p%' on COLLATE "C" columns, which B-tree indexes serve as a
// range. `first` is the number of the first parameter the clause may use ($first).

export interface PgSqlPart {
  sql: string;
  params: string[];
}

export function pgScopeSql(scope: Scope, column: string, first: number): PgSqlPart {
  if (scope.isAll) return { sql: 'true', params: [] };
  if (scope.prefixes.length === 0) return { sql: 'false', params: [] };
  return {
    sql: `(${scope.prefixes.map((_, i) => `${column} LIKE $${first + i}`).join(' OR ')})`,
    params: scope.prefixes.map((p) => `${p.replace(/[\\%_]/g, (c) => `\\${c}`)}%`),
  };
}
