import { sha256Hex } from '@shared/node/hash';
import type { ConflictRow, FieldWrite, NewConflict, StoredOutcome } from '../../sync/apply';
import type { ChainState, StoredOp } from '../../sync/push-batch';
import type { CurrentField } from '../../sync/rules';
import type { LastOp } from '../types';

// The state a group of pushes decides over on PostgreSQL (sync/push-batch.ts, sync/apply.ts),
// in memory: the rows the group's ops can read were read (and locked) before the first decision
// (push.ts), and every write goes into buffers written in bulk before the commit. Reads see the
// group's own earlier writes, as one transaction in arrival order would.

export const entityKey = (entity: string, entityId: string): string => `${entity}\u0000${entityId}`;
export const fieldKey = (entity: string, entityId: string, field: string): string => `${entity}\u0000${entityId}\u0000${field}`;

/** A field as read from the store (its value's sha256) or as written by this group (its text). */
export type LoadedField = CurrentField & ({ valueSha: string } | { valueJson: string });

export interface NewEntity {
  entity: string;
  entityId: string;
  scopeKey: string;
  bucket: string;
  gseq: number;
}

export interface Move {
  entity: string;
  entityId: string;
  fromKey: string;
  toKey: string;
  gseq: number;
}

export interface StoredOpRow extends StoredOp {
  logNo: number;
}

export class GroupState implements ChainState {
  readonly heads = new Map<string, LastOp>();
  /** device \0 seq → hash of ops stored before (replays) or in this group. */
  readonly hashes = new Map<string, string>();
  /** Stored outcomes (not 'applied') by device, of the replayed ranges and of this group. */
  readonly storedOutcomes = new Map<string, StoredOutcome[]>();
  readonly scopes = new Map<string, string | undefined>();
  readonly fields = new Map<string, LoadedField>();
  readonly conflicts = new Map<string, ConflictRow>();
  /** entity \0 id \0 user of refused '$create's. */
  readonly refusedCreates = new Set<string>();

  // Writes, in the order made.
  readonly ops: StoredOpRow[] = [];
  readonly newEntities = new Map<string, NewEntity>();
  readonly moves: Move[] = [];
  readonly fieldWrites = new Map<string, FieldWrite>();
  readonly newConflicts: NewConflict[] = [];
  readonly resolved = new Map<string, number>();
  readonly refs = new Set<string>();

  private next = 0;

  /**
   * `numbers`: drawn from gseq_seq for this group, ascending; one per op is enough. `issued`: the
   * newest accepted gseq visible when the group began (rules.ts checkBounds).
   */
  constructor(
    private readonly numbers: readonly number[],
    private issued: number,
  ) {}

  issuedGseq(): number {
    return this.issued;
  }

  lastOp(deviceId: string): LastOp {
    return this.heads.get(deviceId) ?? { seq: 0, hash: '' };
  }

  storedHash(deviceId: string, seq: number): string | undefined {
    return this.hashes.get(`${deviceId}\u0000${seq}`);
  }

  private number(): number {
    const n = this.numbers[this.next];
    if (n === undefined) throw new Error('a push group ran out of drawn numbers');
    return n;
  }

  tentativeGseq(): number {
    return this.number();
  }

  useGseq(gseq: number): void {
    this.next += 1;
    this.issued = Math.max(this.issued, gseq);
  }

  insertOp(stored: StoredOp): void {
    // Rejected ops take a number too (the log's own, not a gseq): the log is partitioned by it.
    let logNo = stored.gseq;
    if (logNo === null) {
      logNo = this.number();
      this.next += 1;
    }
    this.ops.push({ ...stored, logNo });
    const { op, outcome } = stored;
    this.heads.set(op.deviceId, { seq: op.seq, hash: op.hash });
    this.hashes.set(`${op.deviceId}\u0000${op.seq}`, op.hash);
    if (outcome.outcome !== 'applied') {
      let list = this.storedOutcomes.get(op.deviceId);
      if (!list) this.storedOutcomes.set(op.deviceId, (list = []));
      list.push({ seq: op.seq, ...outcome });
    }
    if (outcome.outcome === 'rejected' && op.field === '$create') this.refusedCreates.add(`${entityKey(op.entity, op.entityId)}\u0000${op.userId}`);
  }

  outcomes(deviceId: string, from: number, to: number): StoredOutcome[] {
    return (this.storedOutcomes.get(deviceId) ?? []).filter((o) => o.seq >= from && o.seq <= to).sort((a, b) => a.seq - b.seq);
  }

  entityScope(entity: string, entityId: string): string | undefined {
    return this.scopes.get(entityKey(entity, entityId));
  }

  insertEntity(entity: string, entityId: string, scopeKey: string, bucket: string, gseq: number): void {
    const key = entityKey(entity, entityId);
    this.scopes.set(key, scopeKey);
    this.newEntities.set(key, { entity, entityId, scopeKey, bucket, gseq });
  }

  moveEntity(entity: string, entityId: string, fromKey: string, toKey: string, gseq: number): void {
    const key = entityKey(entity, entityId);
    this.scopes.set(key, toKey);
    this.moves.push({ entity, entityId, fromKey, toKey, gseq });
    const created = this.newEntities.get(key);
    if (created) created.scopeKey = toKey;
  }

  field(entity: string, entityId: string, field: string): CurrentField | null {
    return this.fields.get(fieldKey(entity, entityId, field)) ?? null;
  }

  fieldValueIs(entity: string, entityId: string, field: string, json: string): boolean {
    const found = this.fields.get(fieldKey(entity, entityId, field));
    if (found === undefined) return false;
    return 'valueJson' in found ? found.valueJson === json : found.valueSha === sha256Hex(json);
  }

  setField(write: FieldWrite): void {
    const key = fieldKey(write.entity, write.entityId, write.field);
    this.fieldWrites.set(key, write);
    this.fields.set(key, { version: write.version, deviceId: write.deviceId, hlc: write.hlc, valueJson: write.valueJson });
  }

  conflict(id: string): ConflictRow | undefined {
    return this.conflicts.get(id);
  }

  insertConflict(conflict: NewConflict): void {
    this.newConflicts.push(conflict);
    this.conflicts.set(conflict.id, { id: conflict.id, entity: conflict.entity, entityId: conflict.entityId, field: conflict.field, status: 'open' });
  }

  resolveConflict(id: string, gseq: number): void {
    this.resolved.set(id, gseq);
    const row = this.conflicts.get(id);
    if (row) row.status = 'resolved';
  }

  insertRef(sha256: string, entity: string, entityId: string): void {
    this.refs.add(`${sha256}\u0000${entity}\u0000${entityId}`);
  }

  hasOwnRefusedCreate(entity: string, entityId: string, userId: string): boolean {
    return this.refusedCreates.has(`${entityKey(entity, entityId)}\u0000${userId}`);
  }
}
