import type Database from 'better-sqlite3-multiple-ciphers';
import type { Op } from '@shared/sync/protocol';
import { checkOp, type OpCheck } from '../../sync/op-checks';
import type { LastOp, PushContext, PushResult } from '../types';
import { createOpApplier, type ScopeCache, type StoredOutcome } from './apply-op';
import { createGroupCommit } from './group-commit';

// Push on SQLite: the whole batch in one transaction (better-sqlite3 is synchronous, so
// nothing is awaited inside it): a SAVEPOINT inside the IMMEDIATE transaction of the batches
// that arrived with it (group-commit.ts), so it is stored or not as a whole and alone. Ops are taken in seq order; each (device, seq)
// is stored once; a gap stops the batch with resendFrom; a tampered op stops it with
// CHAIN_BROKEN and nothing from it on is stored; every other op is stored, accepted or rejected
// (apply-op.ts decides how). Each value is serialised once: a first sync stores 10,000 ops of
// ~2 KB each, and per-op overhead is what bounds its speed.

interface PushInput {
  ctx: PushContext;
  batch: readonly Op[];
  /** checkOps(batch) when the caller made them (off the request thread); else made here, op by op. */
  checks?: readonly OpCheck[];
}

/**
 * `onFieldWritten` hears of every entity whose field state changes inside a push, with its
 * scope key (apply-op.ts; the checksum cache drops that entity's bucket in the scopes that see it).
 */
export function createPusher(sqlite: Database.Database, onFieldWritten: (entityId: string, scopeKey: string) => void = () => undefined) {
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
  };
  const applyOne = createOpApplier(sqlite, onFieldWritten);
  const lastOp = (deviceId: string): LastOp => st.lastOp.get(deviceId) ?? { seq: 0, hash: '' };

  function pushBatch({ ctx, batch, checks }: PushInput): PushResult {
    const ops = batch.map((op, i) => ({ op, check: checks?.[i] })).sort((a, b) => a.op.seq - b.op.seq);
    let last = lastOp(ctx.deviceId);
    let nextGseq = st.maxGseq.get() ?? 0;
    let resendFrom: number | null = null;
    let halted: PushResult['halted'] = null;
    let isReplay = false;
    const fresh: StoredOutcome[] = [];
    const cache: ScopeCache = new Map();
    const halt = (seq: number, message: string) => ({ seq, code: 'CHAIN_BROKEN' as const, message });

    for (const { op, check: given } of ops) {
      if (op.seq <= last.seq) {
        // Already stored: a replay changes nothing, unless it claims to be a different op.
        const stored = st.opHashAt.get(ctx.deviceId, op.seq);
        if (stored !== op.hash) {
          halted = halt(op.seq, `seq ${op.seq} is already stored with another hash`);
          break;
        }
        isReplay = true;
        continue;
      }
      if (op.seq > last.seq + 1) {
        resendFrom = last.seq + 1;
        break;
      }
      const check = given ?? checkOp(op, ctx);
      const valueJson = check.valueJson;
      if (valueJson === null) {
        halted = halt(op.seq, `op ${op.seq}: hash does not match its content`);
        break;
      }
      if (op.prevHash !== last.hash) {
        halted = halt(op.seq, `op ${op.seq}: prevHash does not match the hash of op ${last.seq}`);
        break;
      }
      const tentative = nextGseq + 1;
      const result = applyOne(ctx, op, { valueJson, alone: check.alone }, tentative, cache);
      const gseq = result.outcome === 'rejected' ? null : tentative;
      if (gseq !== null) nextGseq = gseq;
      st.insertOp.run(
        op.deviceId,
        op.seq,
        gseq,
        op.hash,
        op.prevHash,
        op.entity,
        op.entityId,
        op.field,
        valueJson,
        op.baseVersion,
        op.hlc,
        op.userId,
        op.at,
        op.appVersion,
        op.schemaVersion,
        ctx.receivedAt,
        result.outcome,
        result.rejectCode,
        result.rejectMessage,
        result.conflictId,
      );
      if (result.outcome !== 'applied') fresh.push({ seq: op.seq, ...result });
      last = { seq: op.seq, hash: op.hash };
    }

    // The stored outcome of every seq from the batch's first to ackedSeq, new or replayed: the
    // same answer twice, and a client whose earlier answer was lost learns of every op it is
    // about to mark acked, also those stored by a request it never heard back from. Without a
    // replay, this batch stored all of them just now.
    const firstSeq = ops[0]?.op.seq ?? 1;
    // A halt acks no further than the op before it, even when this device's stored chain goes
    // on past it (a laptop rolled back re-sends a seq held with another hash): the client must
    // never take the op the server just refused as stored.
    const ackedSeq = halted === null ? last.seq : Math.min(last.seq, halted.seq - 1);
    const rejected: PushResult['rejected'] = [];
    const conflicts: PushResult['conflicts'] = [];
    const outcomes = isReplay ? st.outcomes.all(ctx.deviceId, firstSeq, ackedSeq) : fresh;
    for (const row of outcomes) {
      if (row.outcome === 'rejected' && row.rejectCode !== null) {
        rejected.push({ seq: row.seq, code: row.rejectCode, message: row.rejectMessage ?? '' });
      } else if (row.conflictId !== null) {
        conflicts.push({ seq: row.seq, conflictId: row.conflictId, isIncomingWinner: row.outcome === 'won' });
      }
    }
    return { ackedSeq, resendFrom, rejected, conflicts, halted };
  }

  // 8,000 ops (16 full batches of a first sync) a group: one fsync for all of them, while the
  // first batch's answer waits a fraction of a second and the parsed batches held stay small.
  const group = createGroupCommit(sqlite, pushBatch, { maxWeight: 8_000, weight: (input) => input.batch.length });
  return {
    lastOp,
    push: (ctx: PushContext, ops: readonly Op[], checks?: readonly OpCheck[]): Promise<PushResult> =>
      group.submit(checks === undefined ? { ctx, batch: ops } : { ctx, batch: ops, checks }),
    /** Stores the pushes still waiting for their group (the store is about to close). */
    flush: (): void => group.flush(),
  };
}
