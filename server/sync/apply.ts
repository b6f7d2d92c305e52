import { ResolveValue } from '@shared/sync/api';
import { bucketOf } from '@shared/sync/checksum';
import { checkField } from '@shared/sync/fields';
import { canonicalJson, type JsonValue, type Op, type RejectCode } from '@shared/sync/protocol';
import { sha256Hex } from '@shared/node/hash';
import { attachmentRefs } from './references';
import {
  type Author,
  checkBounds,
  checkWriteRole,
  conflictIdFor,
  createdScopeKey,
  type CurrentField,
  decideWrite,
  isInScope,
  type Rejection,
  scopeFieldOf,
  stampAuthor,
} from './rules';
import type { PushContext } from '../store/types';

// One op of a push, once its place in the device's chain is checked (push-batch.ts): the sync
// decisions of rules.ts applied through a store's ApplyState. Creates the entity, moves it,
// writes or contests the field, resolves a conflict, indexes the files the value names. One
// definition for every store: SQLite answers the state's questions with prepared statements,
// PostgreSQL from rows it read (and locked) for the whole batch beforehand.

export type Outcome = 'applied' | 'won' | 'lost' | 'rejected';

export interface StoredOutcome {
  seq: number;
  outcome: Outcome;
  rejectCode: RejectCode | null;
  rejectMessage: string | null;
  conflictId: string | null;
}

export interface ConflictRow {
  id: string;
  entity: string;
  entityId: string;
  field: string;
  status: string;
}

export interface NewConflict {
  id: string;
  entity: string;
  entityId: string;
  field: string;
  scopeKey: string;
  winner: 'current' | 'incoming';
  currentGseq: number;
  incomingGseq: number;
  createdAt: string;
}

export interface FieldWrite {
  entity: string;
  entityId: string;
  field: string;
  valueJson: string;
  version: number;
  deviceId: string;
  userId: string;
  hlc: string;
  at: string;
}

/**
 * What applying an op reads and writes. Reads see every write made before them in the same
 * push (and group), as one transaction in arrival order would.
 */
export interface ApplyState {
  /**
   * The newest gseq given to an accepted op that this push can see (its own included): an op's
   * baseVersion may not be beyond it (rules.ts checkBounds). Numbers drawn for ops refused or
   * still in flight elsewhere are not versions anyone could have seen.
   */
  issuedGseq(): number;
  entityScope(entity: string, entityId: string): string | undefined;
  insertEntity(entity: string, entityId: string, scopeKey: string, bucket: string, gseq: number): void;
  moveEntity(entity: string, entityId: string, fromKey: string, toKey: string, gseq: number): void;
  field(entity: string, entityId: string, field: string): CurrentField | null;
  /** Whether the field's stored value is exactly this canonical JSON text. */
  fieldValueIs(entity: string, entityId: string, field: string, json: string): boolean;
  setField(write: FieldWrite, scopeKey: string): void;
  conflict(id: string): ConflictRow | undefined;
  insertConflict(conflict: NewConflict): void;
  resolveConflict(id: string, gseq: number): void;
  insertRef(sha256: string, entity: string, entityId: string): void;
  /** Whether this user's '$create' of the entity was refused (stored as rejected). */
  hasOwnRefusedCreate(entity: string, entityId: string, userId: string): boolean;
}

const authorOf = (ctx: PushContext): Author => ({ name: ctx.userName ?? ctx.userId, role: ctx.role });

/**
 * Why an edit's entity (missing, or outside the caller's scope) may not be written. Outside
 * the caller's scope, existing or not, the answer is the same and names neither the entity's
 * area nor whether it exists: a wrong guess and another township's unit look alike. Only an
 * entity whose '$create' this same user had refused is reported UNKNOWN_ENTITY (it is the
 * caller's own, so nothing leaks), and admins, who see everything, hear which it is.
 */
function unseenEntity(state: ApplyState, ctx: PushContext, op: Op, scopeKey: string | undefined): Rejection {
  if (scopeKey === undefined) {
    if (state.hasOwnRefusedCreate(op.entity, op.entityId, ctx.userId)) {
      return { code: 'UNKNOWN_ENTITY', message: `${op.entity} ${op.entityId} was never created: its $create was refused` };
    }
    if (ctx.scope.isAll) return { code: 'UNKNOWN_ENTITY', message: `${op.entity} ${op.entityId} was never created` };
  }
  return { code: 'OUT_OF_SCOPE', message: `${op.entity} ${op.entityId} is not among the ${op.entity}s of your areas` };
}

/** Sets the field to the op's value (its version the op's gseq). Module functions, not closures: called for every op of a first sync. */
function writeField(state: ApplyState, op: Op, field: string, json: string, gseq: number, scopeKey: string): void {
  state.setField({ entity: op.entity, entityId: op.entityId, field, valueJson: json, version: gseq, deviceId: op.deviceId, userId: op.userId, hlc: op.hlc, at: op.at }, scopeKey);
}

/** Records which attachments the op's value names (who may read a file follows from it). */
function indexRefs(state: ApplyState, op: Op, field: string, value: JsonValue): void {
  for (const sha of attachmentRefs(op.entity, field, value)) state.insertRef(sha, op.entity, op.entityId);
}

const rejected = (r: Rejection): Omit<StoredOutcome, 'seq'> => ({ outcome: 'rejected', rejectCode: r.code, rejectMessage: r.message, conflictId: null });
const APPLIED: Omit<StoredOutcome, 'seq'> = { outcome: 'applied', rejectCode: null, rejectMessage: null, conflictId: null };

/**
 * Applies one op that passed the chain checks; returns how it was stored. `check` is
 * op-checks.ts checkOp's answer for this op, its hash found right; `gseq` the number it gets if
 * accepted.
 */
export function applyOp(
  state: ApplyState,
  ctx: PushContext,
  op: Op,
  check: { valueJson: string; alone: Rejection | null },
  gseq: number,
): Omit<StoredOutcome, 'seq'> {
  const { valueJson } = check;
  const alone = check.alone ?? checkBounds(op, state.issuedGseq(), Date.parse(ctx.receivedAt));
  if (alone) return rejected(alone);

  if (op.field === '$create') {
    const scopeKey = createdScopeKey(op.value);
    if (scopeKey === null) return rejected({ code: 'INVALID_VALUE', message: '$create value has no areaCode' });
    // The caller's own area first: an id taken elsewhere is only ever reported to someone
    // who could have created it here, and never with where it is.
    if (!isInScope(scopeKey, ctx.scope)) {
      return rejected({ code: 'OUT_OF_SCOPE', message: `area ${scopeKey} is not assigned to you` });
    }
    if (state.entityScope(op.entity, op.entityId) !== undefined) {
      return rejected({ code: 'ALREADY_EXISTS', message: `${op.entity} ${op.entityId} already exists` });
    }
    state.insertEntity(op.entity, op.entityId, scopeKey, bucketOf(op.entityId, sha256Hex), gseq);
    const stamped = stampAuthor(op.entity, op.field, op.value, authorOf(ctx));
    writeField(state, op, op.field, stamped === null ? valueJson : canonicalJson(stamped), gseq, scopeKey);
    indexRefs(state, op, op.field, op.value);
    return APPLIED;
  }

  const scopeKey = state.entityScope(op.entity, op.entityId);
  if (scopeKey === undefined || !isInScope(scopeKey, ctx.scope)) return rejected(unseenEntity(state, ctx, op, scopeKey));

  let field = op.field;
  let value = op.value;
  let json = valueJson;
  let resolves: string | null = null;
  if (op.field === '$resolve') {
    const resolve = ResolveValue.parse(op.value);
    const conflict = state.conflict(resolve.conflictId);
    if (!conflict || conflict.entity !== op.entity || conflict.entityId !== op.entityId) {
      return rejected({ code: 'INVALID_VALUE', message: `no conflict ${resolve.conflictId} on this ${op.entity}` });
    }
    if (conflict.status !== 'open') {
      return rejected({ code: 'INVALID_VALUE', message: `conflict ${resolve.conflictId} is already resolved` });
    }
    const fieldCheck = checkField(op.entity, conflict.field, resolve.value);
    if (!fieldCheck.ok) return rejected({ code: fieldCheck.code, message: fieldCheck.message });
    const roleCheck = checkWriteRole(op.entity, conflict.field, resolve.value, ctx.role);
    if (roleCheck) return rejected(roleCheck);
    field = conflict.field;
    value = resolve.value;
    json = canonicalJson(value);
    resolves = conflict.id;
  }
  const stamped = stampAuthor(op.entity, field, value, authorOf(ctx));
  if (stamped !== null) {
    value = stamped;
    json = canonicalJson(stamped);
  }
  const isMove = field === scopeFieldOf(op.entity) && typeof value === 'string';
  if (isMove && typeof value === 'string' && !isInScope(value, ctx.scope)) {
    return rejected({ code: 'OUT_OF_SCOPE', message: `area ${value} is not assigned to you` });
  }

  // Accepted, applied or not: a losing value stays visible in its conflict, files and all.
  indexRefs(state, op, field, value);
  // Stored values are canonical JSON text (verifiedValueText), so equal texts are equal values.
  const decision = decideWrite(state.field(op.entity, op.entityId, field), op, () => state.fieldValueIs(op.entity, op.entityId, field, json));
  if (resolves !== null) state.resolveConflict(resolves, gseq);
  // A same-value write with the older clock changes nothing: the field keeps the newer one.
  if (decision.kind === 'apply' || decision.isIncomingWinner) {
    writeField(state, op, field, json, gseq, scopeKey);
    if (isMove && typeof value === 'string' && value !== scopeKey) state.moveEntity(op.entity, op.entityId, scopeKey, value, gseq);
  }
  if (decision.kind !== 'conflict') return APPLIED;
  const conflictId = conflictIdFor(gseq);
  state.insertConflict({
    id: conflictId,
    entity: op.entity,
    entityId: op.entityId,
    field,
    scopeKey,
    winner: decision.isIncomingWinner ? 'incoming' : 'current',
    currentGseq: decision.current.version,
    incomingGseq: gseq,
    createdAt: ctx.receivedAt,
  });
  return { outcome: decision.isIncomingWinner ? 'won' : 'lost', rejectCode: null, rejectMessage: null, conflictId };
}
