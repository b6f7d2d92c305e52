import type { ConflictRecord, ConflictSide } from '@shared/sync/api';
import type { JsonValue, SyncEntity } from '@shared/sync/protocol';

// A conflict row as both stores read it (conflicts joined with its current, incoming and
// resolving ops), and the record it becomes. The SQL that reads it is each store's own.

/** One side's columns, `${alias}_…` (quoted: PostgreSQL folds bare names to lower case), from the op aliased `alias` and its author `${alias}u`. */
export const side = (alias: string): string =>
  `${alias}.gseq AS "${alias}_gseq", ${alias}.value AS "${alias}_value", ${alias}.device_id AS "${alias}_deviceId",
   ${alias}.user_id AS "${alias}_userId", coalesce(${alias}u.name, ${alias}.user_id) AS "${alias}_userName",
   ${alias}.hlc AS "${alias}_hlc", ${alias}.at AS "${alias}_at", ${alias}.base_version AS "${alias}_baseVersion", ${alias}.field AS "${alias}_field"`;

export type ConflictRow = {
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

function toSide(row: ConflictRow, p: 'cur' | 'inc'): ConflictSide {
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

export function toConflictRecord(row: ConflictRow): ConflictRecord {
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

