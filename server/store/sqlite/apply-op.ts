import type Database from 'better-sqlite3-multiple-ciphers';
import type { ChainState } from '../../sync/push-batch';
import type { ConflictRow, StoredOutcome } from '../../sync/apply';
import type { CurrentField } from '../../sync/rules';
import type { LastOp } from '../types';

// The state a push reads and writes (sync/push-batch.ts, sync/apply.ts) as SQLite statements.
// better-sqlite3 is synchronous and the push runs inside one transaction, so each question is
// answered from the store as it stands, this batch's own writes included.

/**
 * `onFieldWritten` hears of every entity whose field state changes, with its scope key, and
 * again with the new key when it moves (the checksum cache drops that entity's bucket in the
 * scopes that see either key).
 */
export function createSqliteChain(sqlite: Database.Database, onFieldWritten: (entityId: string, scopeKey: string) => void) {
  const st = {
    lastOp: sqlite.prepare<[string], LastOp>('SELECT seq, hash FROM ops WHERE device_id = ? ORDER BY seq DESC LIMIT 1'),
    opHashAt: sqlite.prepare<[string, number], string>('SELECT hash FROM ops WHERE device_id = ? AND seq = ?').pluck(),
    maxGseq: sqlite.prepare<[], number>('SELECT coalesce(max(gseq), 0) FROM ops').pluck(),
    insertOp: sqlite.prepare(
      `INSERT INTO ops (device_id, seq, gseq, hash, prev_hash, entity, entity_id, field, value, base_version, hlc,
         user_id, at, app_version, schema_version, received_at, outcome, reject_code, reject_message, conflict_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    outcomes: sqlite.prepare<[string, number, number], StoredOutcome>(
      `SELECT seq, outcome, reject_code AS rejectCode, reject_message AS rejectMessage, conflict_id AS conflictId
       FROM ops WHERE device_id = ? AND seq BETWEEN ? AND ? AND outcome <> 'applied' ORDER BY seq`,
    ),
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

  /** The state for one batch: scope keys are cached for it (one lookup per entity, not per op). */
  return function chainState(): ChainState {
    const scopes = new Map<string, string | undefined>();
    let issued: number | null = null;
    const keyOf = (entity: string, entityId: string): string => `${entity}\u0000${entityId}`;
    return {
      lastOp: (deviceId) => st.lastOp.get(deviceId) ?? { seq: 0, hash: '' },
      storedHash: (deviceId, seq) => st.opHashAt.get(deviceId, seq),
      issuedGseq: () => (issued ??= st.maxGseq.get() ?? 0),
      tentativeGseq: () => (issued ??= st.maxGseq.get() ?? 0) + 1,
      useGseq: (gseq) => {
        issued = gseq;
      },
      insertOp: ({ op, valueJson, gseq, receivedAt, outcome }) => {
        st.insertOp.run(op.deviceId, op.seq, gseq, op.hash, op.prevHash, op.entity, op.entityId, op.field, valueJson, op.baseVersion, op.hlc, op.userId, op.at,
          op.appVersion, op.schemaVersion, receivedAt, outcome.outcome, outcome.rejectCode, outcome.rejectMessage, outcome.conflictId);
      },
      outcomes: (deviceId, from, to) => st.outcomes.all(deviceId, from, to),
      entityScope(entity, entityId) {
        const key = keyOf(entity, entityId);
        if (scopes.has(key)) return scopes.get(key);
        const found = st.entityScope.get(entity, entityId);
        scopes.set(key, found);
        return found;
      },
      insertEntity(entity, entityId, scopeKey, bucket, gseq) {
        st.insertEntity.run(entity, entityId, scopeKey, bucket, gseq);
        scopes.set(keyOf(entity, entityId), scopeKey);
      },
      moveEntity(entity, entityId, _fromKey, toKey) {
        st.moveEntity.run(toKey, entity, entityId);
        onFieldWritten(entityId, toKey);
        scopes.set(keyOf(entity, entityId), toKey);
      },
      field: (entity, entityId, field) => st.field.get(entity, entityId, field) ?? null,
      fieldValueIs: (entity, entityId, field, json) => st.fieldValue.get(entity, entityId, field) === json,
      setField(w, scopeKey) {
        st.setField.run(w.entity, w.entityId, w.field, w.valueJson, w.version, w.deviceId, w.userId, w.hlc, w.at);
        onFieldWritten(w.entityId, scopeKey);
      },
      conflict: (id) => st.conflict.get(id),
      insertConflict: (c) => st.insertConflict.run(c),
      resolveConflict: (id, gseq) => st.resolveConflict.run(gseq, id),
      insertRef: (sha, entity, entityId) => st.insertRef.run(sha, entity, entityId),
      hasOwnRefusedCreate: (entity, entityId, userId) => st.ownRefusedCreate.get(entity, entityId, userId) !== undefined,
    };
  };
}
