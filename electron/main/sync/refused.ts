import type { AppDatabase, Db } from '@db/open';
import { opsOnTop, readBase } from './queries/outbox';
import {
  coveredRefusals,
  deleteHeld,
  heldChanges,
  listRefused,
  refusalById,
  refusedCreate,
  refusedCreateIds,
  settleRefusal,
  type RefusedRow,
} from './queries/refused';
import { AppError } from '@shared/result';
import { isRetryableRejectCode, type RejectedOp } from '@shared/sync/client-status';
import type { JsonValue, Op, SyncEntity } from '@shared/sync/protocol';
import type { Materialiser } from './apply';
import type { EntityRegistry } from './registry';
import { readStamp, writeStamp } from './identity';
import { recordOps } from './outbox';
import { createdFields } from '@shared/sync/created-fields';

// Ops the server refused, and what the user can do about them (server/README.md lists the
// codes). Most refusals are final (an invalid value, a right the role lacks) and stay listed.
// Two may pass: OUT_OF_SCOPE (the area is assigned again) and CLOCK_AHEAD (the clock is put
// right). Retrying records the refused change again as a new op, from what the user sees now:
// a refused creation becomes a fresh '$create' carrying the entity's current state (its later
// edits, refused as UNKNOWN_ENTITY or held back, folded in), optionally in another area the
// user holds; a refused edit is recorded again unless a later edit of the field replaced it.
// A refused creation is never dropped: its unit stays listed, marked, until it is retried.

export interface RetryConditions {
  /** The synced kinds: where each keeps its area (the field a move edits) and its identity fields. */
  registry: EntityRegistry;
  /** The areas the server assigned at the last pull (null before the first). */
  scope: readonly string[] | null;
  isClockSkewed: boolean;
}

const isInScope = (area: string, scope: readonly string[]): boolean => scope.some((p) => area.startsWith(p));
const parseJson = (text: string): JsonValue => JSON.parse(text) as JsonValue;

/** The areas a retry of `row` would write in: all must be the user's again. */
function areasOf(db: Db, row: RefusedRow, registry: EntityRegistry): string[] {
  if (row.field === '$create') return [row.areaCode];
  const current = readBase(db, row.entity, row.entityId)?.areaCode ?? row.areaCode;
  const value = parseJson(row.value);
  return row.field === registry.get(row.entity)?.scopeField && typeof value === 'string' ? [current, value] : [current];
}

/** A '$resolve' is never recorded again: the conflict is resolved afresh from the conflicts page. */
const isRetryable = (row: RefusedRow): boolean => isRetryableRejectCode(row.code) && row.field !== '$resolve';

function canRetryNow(db: Db, row: RefusedRow, when: RetryConditions): boolean {
  if (row.state !== 'open' || !isRetryable(row)) return false;
  if (row.code === 'CLOCK_AHEAD') return !when.isClockSkewed;
  const scope = when.scope;
  if (scope === null) return false;
  // An edit needs its entity here (an area taken away drops it until the area comes back).
  if (row.field !== '$create' && readBase(db, row.entity, row.entityId) === undefined) return false;
  return areasOf(db, row, when.registry).every((a) => isInScope(a, scope));
}

/** Entities of a kind among `ids` whose creation stands refused, with the server's reason (lists and pages mark them). */
export function refusedCreations(db: Pick<Db, 'select'>, entity: string, ids: readonly string[]): Map<string, { code: string; message: string }> {
  const marks = new Map<string, { code: string; message: string }>();
  if (ids.length === 0) return marks;
  for (const id of refusedCreateIds(db, entity, ids)) {
    const row = refusedCreate(db, entity, id);
    if (row) marks.set(id, { code: row.code, message: row.message });
  }
  return marks;
}

export function refusedList(db: AppDatabase, when: RetryConditions): RejectedOp[] {
  const rows = listRefused(db);
  const names = new Map<string, Map<string, string>>();
  for (const entity of new Set(rows.map((r) => r.entity))) {
    names.set(entity, when.registry.names([...new Set(rows.filter((r) => r.entity === entity).map((r) => r.entityId))], entity));
  }
  return rows.map((r) => ({
    seq: r.seq,
    entityId: r.entityId,
    field: r.field,
    value: r.value,
    code: r.code,
    message: r.message,
    rejectedAt: r.rejectedAt,
    id: r.id,
    entity: r.entity,
    areaCode: r.areaCode,
    unitName: names.get(r.entity)?.get(r.entityId) ?? '',
    state: r.state === 'retried' || r.state === 'covered' ? r.state : 'open',
    isRetryable: isRetryable(r),
    canRetryNow: canRetryNow(db, r, when),
  }));
}

/**
 * A refused creation's entity as this laptop shows it now: the refused '$create' with every
 * later change of the entity on top (edits refused because the creation was, then changes held
 * back since), as one fresh '$create' value. `areaCode` moves it.
 */
function currentCreate(db: Db, row: RefusedRow, areaCode: string | undefined, registry: EntityRegistry): { value: JsonValue; areaCode: string } {
  const op = JSON.parse(row.op) as Op;
  const created = op.value;
  if (typeof created !== 'object' || created === null || Array.isArray(created)) throw new Error(`refused $create ${row.id} has no identity`);
  const identity: Record<string, JsonValue> = { ...created };
  const fields: Record<string, JsonValue> = { ...createdFields(created) };
  const adapter = registry.get(row.entity);
  const scopeField = adapter?.scopeField;
  const put = (field: string, value: JsonValue): void => {
    if (field === scopeField && typeof value === 'string') identity.areaCode = value;
    else if (adapter?.identityFields?.includes(field)) identity[field] = value;
    // Absent and null mean the same (unit-fields.ts): a cleared answer leaves the create.
    else if (value === null) delete fields[field];
    else fields[field] = value;
  };
  // Only edits refused after this creation: those of an earlier, already retried creation are
  // inside its value (a creation refused again after a retry must not fall back to them).
  for (const c of coveredRefusals(db, row.entity, row.entityId)) if (c.id > row.id) put(c.field, parseJson(c.value));
  for (const h of heldChanges(db, row.entity, row.entityId)) put(h.field, parseJson(h.value));
  if (areaCode !== undefined) identity.areaCode = areaCode;
  const area = typeof identity.areaCode === 'string' ? identity.areaCode : row.areaCode;
  return { value: { ...identity, fields }, areaCode: area };
}

/** True when a later local change of the same field replaces the refused one (it goes up itself). */
function isReplaced(db: Db, row: RefusedRow): boolean {
  if (heldChanges(db, row.entity, row.entityId).some((h) => h.field === row.field)) return true;
  const chain = readStamp(db).deviceId;
  // On the refused op's own chain only a later seq is newer; after a move to a branch, every waiting op is.
  return opsOnTop(db, row.entity, row.entityId).some((o) => o.field === row.field && (chain !== row.deviceId || o.seq > row.seq));
}

/**
 * A wall clock put right after running far ahead leaves this store's HLC in the future, and
 * every new op would carry it (and be refused again): start it again from the clock. A
 * device's own later edits still win over its earlier ones (the server applies a device's
 * edit over its own without comparing clocks).
 */
function rewindClock(tx: Db, now: Date, toleranceMs: number): void {
  const stamp = readStamp(tx);
  if (stamp.hlc.wall > now.getTime() + toleranceMs) writeStamp(tx, { seq: stamp.seq, headHash: stamp.headHash, hlc: { wall: now.getTime(), counter: 0 } });
}

export interface RetryInput {
  id: number;
  /** A 普查小区 the user holds, for a refused creation moved before it is tried again. */
  areaCode?: string;
}

/** Records the refused change again as a new op (see the top of this file); one transaction. */
export function retryRefused(
  db: AppDatabase,
  materialiser: Materialiser,
  input: RetryInput,
  when: RetryConditions & { clockToleranceMs: number },
  now: Date,
): void {
  const at = now.toISOString();
  db.transaction((tx) => {
    const row = refusalById(tx, input.id);
    if (!row) throw new AppError('NOT_FOUND', `没有此被拒绝的记录 / No refused change ${input.id}`);
    if (row.state !== 'open') throw new AppError('RULE_VIOLATION', '此记录已重新提交 / This change was already recorded again');
    if (!isRetryable(row)) {
      throw new AppError('RULE_VIOLATION', '此拒绝原因不会自行消除，不能重试 / This refusal does not pass by itself and cannot be retried');
    }
    if (input.areaCode !== undefined) {
      if (row.field !== '$create') throw new AppError('INVALID_INPUT', '只有新建的单位可以换区域 / Only a refused creation can move');
      if (when.scope === null || !isInScope(input.areaCode, when.scope)) {
        throw new AppError('INVALID_INPUT', `普查小区 ${input.areaCode} 不在您的区域内 / Area ${input.areaCode} is not assigned to you`, [
          { path: 'areaCode', message: '不在您的区域内 / not in your areas' },
        ]);
      }
    } else if (!canRetryNow(tx, row, when)) {
      throw new AppError(
        'RULE_VIOLATION',
        row.code === 'CLOCK_AHEAD'
          ? '本机时钟仍与服务器相差过大，请先校准时间 / The clock is still far from the server’s: set it right first'
          : '该区域仍未分配给您；可改到您负责的普查小区后重试 / The area is still not assigned to you; move it to one of your areas',
      );
    }
    if (row.code === 'CLOCK_AHEAD') rewindClock(tx, now, when.clockToleranceMs);
    if (row.field === '$create') {
      const next = currentCreate(tx, row, input.areaCode, when.registry);
      recordOps(tx, [{ entity: row.entity as SyncEntity, entityId: row.entityId, areaCode: next.areaCode, field: '$create', value: next.value }], now);
      deleteHeld(tx, row.entity, row.entityId);
      settleRefusal(tx, row.id, 'retried', at);
    } else if (isReplaced(tx, row)) {
      settleRefusal(tx, row.id, 'covered', at);
    } else {
      const area = readBase(tx, row.entity, row.entityId)?.areaCode ?? row.areaCode;
      recordOps(tx, [{ entity: row.entity as SyncEntity, entityId: row.entityId, areaCode: area, field: row.field, value: parseJson(row.value) }], now);
      settleRefusal(tx, row.id, 'retried', at);
    }
    materialiser.rebuildEntities([{ entity: row.entity, entityId: row.entityId }], at);
  });
}
