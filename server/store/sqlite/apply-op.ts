import type Database from 'better-sqlite3-multiple-ciphers';
import { ResolveValue } from '@shared/sync/api';
import { bucketOf } from '@shared/sync/checksum';
import { checkField } from '@shared/sync/fields';
import { canonicalJson, type JsonValue, type Op, type RejectCode } from '@shared/sync/protocol';
import { sha256Hex } from '@shared/node/hash';
import { attachmentRefs } from '../../sync/references';
import {
  checkBounds,
  checkFieldRole,
  conflictIdFor,
  createdScopeKey,
  type CurrentField,
  decideWrite,
  isInScope,
  type Rejection,
  scopeFieldOf,
  stampAuthor,
  type Author,
} from '../../sync/rules';
import type { PushContext } from '../types';

// One op of a push, once its place in the device's chain is checked (push.ts): the sync
// decisions of server/sync/rules.ts, applied to the SQLite tables. Creates the entity, moves it,
// writes or contests the field, resolves a conflict, indexes the files the value names.

type Outcome = 'applied' | 'won' | 'lost' | 'rejected';

export interface StoredOutcome {
  seq: number;
  outcome: Outcome;
  rejectCode: RejectCode | null;
  rejectMessage: string | null;
  conflictId: string | null;
}

interface ConflictRow {
  id: string;
  entity: string;
  entityId: string;
  field: string;
  status: string;
}

/** Scope keys read or written in one batch (entity \0 id → key): one lookup per entity, not per op. */
export type ScopeCache = Map<string, string | undefined>;

/**
 * `onFieldWritten` hears of every entity whose field state changes, with its scope key, and
 * again with the new key when it moves (the checksum cache drops that entity's bucket in the
 * scopes that see either key).
 */
export function createOpApplier(sqlite: Database.Database, onFieldWritten: (entityId: string, scopeKey: string) => void) {
  const st = {
    entityScope: sqlite
      .prepare<[string, string], string>('SELECT scope_key FROM entities WHERE entity = ? AND entity_id = ?')
      .pluck(),
    insertEntity: sqlite.prepare(
      'INSERT INTO entities (entity, entity_id, scope_key, bucket, created_gseq) VALUES (?, ?, ?, ?, ?)',
    ),
    moveEntity: sqlite.prepare('UPDATE entities SET scope_key = ? WHERE entity = ? AND entity_id = ?'),
    field: sqlite.prepare<[string, string, string], CurrentField>(
      'SELECT version, device_id AS deviceId, hlc FROM field_state WHERE entity = ? AND entity_id = ? AND field = ?',
    ),
    fieldValue: sqlite
      .prepare<[string, string, string], string>('SELECT value FROM field_state WHERE entity = ? AND entity_id = ? AND field = ?')
      .pluck(),
    setField: sqlite.prepare(
      `INSERT INTO field_state (entity, entity_id, field, value, version, device_id, user_id, hlc, at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (entity, entity_id, field) DO UPDATE SET value = excluded.value, version = excluded.version,
         device_id = excluded.device_id, user_id = excluded.user_id, hlc = excluded.hlc, at = excluded.at`,
    ),
    conflict: sqlite.prepare<[string], ConflictRow>(
      'SELECT id, entity, entity_id AS entityId, field, status FROM conflicts WHERE id = ?',
    ),
    insertConflict: sqlite.prepare(
      `INSERT INTO conflicts (id, entity, entity_id, field, scope_key, status, winner, current_gseq, incoming_gseq, created_at)
       VALUES (@id, @entity, @entityId, @field, @scopeKey, 'open', @winner, @currentGseq, @incomingGseq, @createdAt)`,
    ),
    resolveConflict: sqlite.prepare("UPDATE conflicts SET status = 'resolved', resolved_gseq = ? WHERE id = ?"),
    insertRef: sqlite.prepare('INSERT OR IGNORE INTO attachment_refs (sha256, entity, entity_id) VALUES (?, ?, ?)'),
    ownRefusedCreate: sqlite
      .prepare<[string, string, string], number>(
        "SELECT 1 FROM ops WHERE entity = ? AND entity_id = ? AND field = '$create' AND user_id = ? AND outcome = 'rejected' LIMIT 1",
      )
      .pluck(),
  };

  const scopeOf = (cache: ScopeCache, entity: string, entityId: string): string | undefined => {
    const key = `${entity}\u0000${entityId}`;
    if (cache.has(key)) return cache.get(key);
    const found = st.entityScope.get(entity, entityId);
    cache.set(key, found);
    return found;
  };

  const authorOf = (ctx: PushContext): Author => ({ name: ctx.userName ?? ctx.userId, role: ctx.role });

  /**
   * Why an edit's entity (missing, or outside the caller's scope) may not be written. Outside
   * the caller's scope, existing or not, the answer is the same and names neither the entity's
   * area nor whether it exists: a wrong guess and another township's unit look alike. Only an
   * entity whose '$create' this same user had refused is reported UNKNOWN_ENTITY (it is the
   * caller's own, so nothing leaks), and admins, who see everything, hear which it is.
   */
  function unseenEntity(ctx: PushContext, op: Op, scopeKey: string | undefined): Rejection {
    if (scopeKey === undefined) {
      if (st.ownRefusedCreate.get(op.entity, op.entityId, ctx.userId) !== undefined) {
        return { code: 'UNKNOWN_ENTITY', message: `${op.entity} ${op.entityId} was never created: its $create was refused` };
      }
      if (ctx.scope.isAll) return { code: 'UNKNOWN_ENTITY', message: `${op.entity} ${op.entityId} was never created` };
    }
    return { code: 'OUT_OF_SCOPE', message: `${op.entity} ${op.entityId} is not among the ${op.entity}s of your areas` };
  }

  /** Applies one op that passed the chain checks; returns how it was stored. */
  /** `check` is op-checks.ts checkOp's answer for this op, its hash found right. */
  function applyOne(ctx: PushContext, op: Op, check: { valueJson: string; alone: Rejection | null }, gseq: number, cache: ScopeCache): Omit<StoredOutcome, 'seq'> {
    const { valueJson } = check;
    const rejected = (r: Rejection): Omit<StoredOutcome, 'seq'> => ({
      outcome: 'rejected',
      rejectCode: r.code,
      rejectMessage: r.message,
      conflictId: null,
    });
    const alone = check.alone ?? checkBounds(op, gseq - 1, Date.parse(ctx.receivedAt));
    if (alone) return rejected(alone);

    if (op.field === '$create') {
      const scopeKey = createdScopeKey(op.value);
      if (scopeKey === null) return rejected({ code: 'INVALID_VALUE', message: '$create value has no areaCode' });
      // The caller's own area first: an id taken elsewhere is only ever reported to someone
      // who could have created it here, and never with where it is.
      if (!isInScope(scopeKey, ctx.scope)) {
        return rejected({ code: 'OUT_OF_SCOPE', message: `area ${scopeKey} is not assigned to you` });
      }
      if (scopeOf(cache, op.entity, op.entityId) !== undefined) {
        return rejected({ code: 'ALREADY_EXISTS', message: `${op.entity} ${op.entityId} already exists` });
      }
      st.insertEntity.run(op.entity, op.entityId, scopeKey, bucketOf(op.entityId, sha256Hex), gseq);
      cache.set(`${op.entity}\u0000${op.entityId}`, scopeKey);
      const stamped = stampAuthor(op.entity, op.field, op.value, authorOf(ctx));
      writeField(op, op.field, stamped === null ? valueJson : canonicalJson(stamped), gseq, scopeKey);
      indexRefs(op, op.field, op.value);
      return { outcome: 'applied', rejectCode: null, rejectMessage: null, conflictId: null };
    }

    const scopeKey = scopeOf(cache, op.entity, op.entityId);
    if (scopeKey === undefined || !isInScope(scopeKey, ctx.scope)) return rejected(unseenEntity(ctx, op, scopeKey));

    let field = op.field;
    let value = op.value;
    let json = valueJson;
    let resolves: string | null = null;
    if (op.field === '$resolve') {
      const resolve = ResolveValue.parse(op.value);
      const conflict = st.conflict.get(resolve.conflictId);
      if (!conflict || conflict.entity !== op.entity || conflict.entityId !== op.entityId) {
        return rejected({ code: 'INVALID_VALUE', message: `no conflict ${resolve.conflictId} on this ${op.entity}` });
      }
      if (conflict.status !== 'open') {
        return rejected({ code: 'INVALID_VALUE', message: `conflict ${resolve.conflictId} is already resolved` });
      }
      const check = checkField(op.entity, conflict.field, resolve.value);
      if (!check.ok) return rejected({ code: check.code, message: check.message });
      const roleCheck = op.entity === 'unit' ? checkFieldRole(conflict.field, resolve.value, ctx.role) : null;
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
    indexRefs(op, field, value);
    // Stored values are canonical JSON text (verifiedValueText), so equal texts are equal values.
    const decision = decideWrite(st.field.get(op.entity, op.entityId, field) ?? null, op, () => st.fieldValue.get(op.entity, op.entityId, field) === json);
    if (resolves !== null) st.resolveConflict.run(gseq, resolves);
    // A same-value write with the older clock changes nothing: the field keeps the newer one.
    if (decision.kind === 'apply' || decision.isIncomingWinner) {
      writeField(op, field, json, gseq, scopeKey);
      if (isMove && typeof value === 'string') {
        st.moveEntity.run(value, op.entity, op.entityId);
        onFieldWritten(op.entityId, value);
        cache.set(`${op.entity}\u0000${op.entityId}`, value);
      }
    }
    if (decision.kind !== 'conflict') return { outcome: 'applied', rejectCode: null, rejectMessage: null, conflictId: null };
    const conflictId = conflictIdFor(gseq);
    st.insertConflict.run({
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

  /** Records which attachments the op's value names (who may read a file follows from it). */
  function indexRefs(op: Op, field: string, value: JsonValue): void {
    for (const sha of attachmentRefs(op.entity, field, value)) st.insertRef.run(sha, op.entity, op.entityId);
  }

  function writeField(op: Op, field: string, valueJson: string, gseq: number, scopeKey: string): void {
    st.setField.run(op.entity, op.entityId, field, valueJson, gseq, op.deviceId, op.userId, op.hlc, op.at);
    onFieldWritten(op.entityId, scopeKey);
  }

  return applyOne;
}
