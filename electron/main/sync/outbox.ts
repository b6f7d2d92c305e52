import { SQLiteTransaction } from 'drizzle-orm/sqlite-core';
import { canonicalJson, type JsonValue, type Op, type SyncEntity } from '@shared/sync/protocol';
import { insertOutbox, markSealed, readBase, unsealedOps } from './queries/outbox';
import { hasRefusedCreates, insertHeld, refusedCreate } from './queries/refused';
import { readState, writeState } from './queries/state';
import { AppError } from '@shared/result';
import { ResolveValue } from '@shared/sync/api';
import { checkField, checkInitialFields, type FieldCheck } from '@shared/sync/fields';
import { signOpText } from './chain';
import { correctedNow, formatHlc, tick } from './hlc';
import { readStamp, writeStamp, type Stamp } from './identity';
import { stateKeys } from './state-keys';
import type { Db } from '@db/open';

// The outbox: every local change becomes one signed op per changed field, written by the
// caller inside the same transaction as the change itself — both or neither are stored.

export interface OutboxChange {
  entity: SyncEntity;
  entityId: string;
  /** 普查小区 of the entity (scope bookkeeping: an area with waiting ops is never dropped). */
  areaCode: string;
  field: string;
  value: JsonValue;
  /**
   * The field whose server version the op was made against, when it is not `field` itself: a
   * '$resolve' refers to its conflict's field (server/README.md, "Resolving a conflict").
   */
  baseField?: string;
}

/**
 * Appends `changes` to the outbox, stamped with this device, the next sequence numbers, the
 * user, the HLC, the build and the server version of each field as this store last saw it,
 * each chained to the previous op by hash. Must run inside the caller's transaction.
 */
export function recordOps(tx: Db, changes: readonly OutboxChange[], now: Date = new Date()): Op[] {
  if (changes.length === 0) return [];
  // Within one transaction the stamp is read once: a frame import records 10,000 units in one.
  const cached = tx instanceof SQLiteTransaction ? stampsByTx.get(tx) : undefined;
  const stamp = cached ?? readStamp(tx);
  const isSealed = stamp.accountId !== '';
  let { seq, headHash, hlc } = stamp;
  const at = now.toISOString();
  const bases = new Map<string, Record<string, [number, JsonValue]>>();
  const held = new Map<string, boolean>();
  const ops: Op[] = [];
  for (const change of changes) {
    // The server checks the same whitelist and byte caps; refusing here keeps a bad op out of
    // the chain. The value's canonical text is written once, for the check and the signature.
    const valueText = canonicalJson(change.value);
    const check = change.field === '$resolve' ? checkResolve(change) : checkField(change.entity, change.field, change.value, valueText);
    if (!check.ok) throw new AppError('INVALID_INPUT', `${check.code} ${check.message}`);
    if (change.field === '$create') {
      const inner = checkInitialFields(change.entity, change.value, valueText);
      if (!inner.ok) throw new AppError('INVALID_INPUT', `$create: ${inner.code} ${inner.message}`);
    }
    const key = `${change.entity}\u0000${change.entityId}`;
    // An entity whose creation the server refused: its edits wait beside the chain, to go up
    // inside the creation's retry (refused.ts) rather than be refused as UNKNOWN_ENTITY.
    if (change.field !== '$create' && isHeld(tx, held, key, change)) {
      insertHeld(tx, { entity: change.entity, entityId: change.entityId, field: change.field, value: JSON.stringify(change.value), areaCode: change.areaCode, at });
      continue;
    }
    let base = bases.get(key);
    if (!base) {
      // A '$create' has no server version to refer to.
      base = change.field === '$create' ? {} : (readBase(tx, change.entity, change.entityId)?.fields ?? {});
      bases.set(key, base);
    }
    seq += 1;
    hlc = tick(hlc, correctedNow(now.getTime(), stamp.clockSkewMs));
    const unsigned = {
      deviceId: stamp.deviceId,
      seq,
      entity: change.entity,
      entityId: change.entityId,
      field: change.field,
      value: change.value,
      baseVersion: base[change.baseField ?? change.field]?.[0] ?? 0,
      hlc: formatHlc(hlc, stamp.deviceId),
      userId: stamp.accountId,
      at,
      appVersion: stamp.appVersion,
      schemaVersion: stamp.schemaVersion,
      prevHash: headHash,
    };
    // Without an account the server would refuse the op (it must be its author's): it waits
    // unsigned, in sequence, and is sealed into the chain when the user logs in (sealOps).
    const signed = isSealed ? signOpText(unsigned, valueText) : null;
    const op: Op = signed?.op ?? { ...unsigned, prevHash: '', hash: '' };
    insertOutbox(tx, {
      seq,
      entity: op.entity,
      entityId: op.entityId,
      field: op.field,
      areaCode: change.areaCode,
      status: isSealed ? 'pending' : 'unsealed',
      op: signed?.text ?? JSON.stringify(op),
    });
    if (isSealed) headHash = op.hash;
    ops.push(op);
  }
  writeStamp(tx, { seq, headHash, hlc });
  if (!isSealed) writeState(tx, stateKeys.hasUnsealed, true);
  if (tx instanceof SQLiteTransaction) stampsByTx.set(tx, { ...stamp, seq, headHash, hlc });
  return ops;
}

/** Whether the change's entity has a refused creation not yet retried (looked up once per entity and call). */
function isHeld(tx: Db, held: Map<string, boolean>, key: string, change: OutboxChange): boolean {
  // One look per call whether any creation stands refused: an import of 20,000 enterprise
  // edits then costs one query, not one per enterprise.
  if (!held.has('')) held.set('', hasRefusedCreates(tx));
  if (held.get('') === false) return false;
  let isEntityHeld = held.get(key);
  if (isEntityHeld === undefined) {
    isEntityHeld = refusedCreate(tx, change.entity, change.entityId) !== undefined;
    held.set(key, isEntityHeld);
  }
  return isEntityHeld;
}

/** A '$resolve' carries { conflictId, value }; the value must fit the conflict's field (its baseField). */
function checkResolve(change: OutboxChange): FieldCheck {
  const parsed = ResolveValue.safeParse(change.value);
  if (!parsed.success || change.baseField === undefined) {
    return { ok: false, code: 'INVALID_VALUE', message: '$resolve needs { conflictId, value } and the conflict field' };
  }
  return checkField(change.entity, change.baseField, parsed.data.value);
}

/** Stamps as written by this transaction (a rolled-back transaction's object is never used again). */
const stampsByTx = new WeakMap<object, Stamp>();

/**
 * Signs the ops written before this device had an account, in sequence order, as `accountId`,
 * continuing the chain. Runs in the login transaction, before any new op can be written.
 */
export function sealOps(tx: Db, accountId: string): number {
  // Every sync starts here: only look through the outbox (10,000 ops after a frame import)
  // when ops may wait unsealed, i.e. some were recorded without an account since the last look.
  if (readState(tx, stateKeys.hasUnsealed) === false) return 0;
  const rows = unsealedOps(tx);
  writeState(tx, stateKeys.hasUnsealed, false);
  if (rows.length === 0) return 0;
  let { headHash } = readStamp(tx);
  for (const row of rows) {
    const draft = JSON.parse(row.op) as Op;
    const { op, text } = signOpText({ ...draft, userId: accountId, prevHash: headHash });
    markSealed(tx, row.seq, text);
    headHash = op.hash;
  }
  writeState(tx, stateKeys.headHash, headHash);
  stampsByTx.delete(tx);
  return rows.length;
}
