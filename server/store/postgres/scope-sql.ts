import type { Scope } from '../types';

// A caller's scope as PostgreSQL: prefixes (digit strings, checked on the way in) bound as
// parameters, matched with LIKE 'p%' on COLLATE "C" columns, which B-tree indexes serve as a
// range. `first` is the number of the first parameter the clause may use ($first).

export interface PgSqlPart {
  sql: string;
  params: string[];
}

/**
 * `column` is a scope key column (`e.scope_key`, `m.from_key`…) of a table whose `entity` column
 * sits beside it under the same alias: kinds the scope hides are left out through it. Their
 * parameters come after the prefixes', so two clauses over one scope share one parameter list.
 */
export function pgScopeSql(scope: Scope, column: string, first: number): PgSqlPart {
  const area = areaSql(scope, column, first);
  const hides = scope.hides ?? [];
  if (hides.length === 0 || area.sql === 'false') return area;
  const entity = column.replace(/[a-z_]+$/, 'entity');
  const from = first + area.params.length;
  return { sql: `(${area.sql} AND ${entity} NOT IN (${hides.map((_, i) => `$${from + i}`).join(', ')}))`, params: [...area.params, ...hides] };
}

function areaSql(scope: Scope, column: string, first: number): PgSqlPart {
  if (scope.isAll) return { sql: 'true', params: [] };
  if (scope.prefixes.length === 0) return { sql: 'false', params: [] };
  return {
    sql: `(${scope.prefixes.map((_, i) => `${column} LIKE $${first + i}`).join(' OR ')})`,
    params: scope.prefixes.map((p) => `${p.replace(/[\\%_]/g, (c) => `\\${c}`)}%`),
  };
}
