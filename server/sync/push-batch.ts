import type { Op } from '@shared/sync/protocol';
import { applyOp, type ApplyState, type StoredOutcome } from './apply';
import { checkOp, type OpCheck } from './op-checks';
import type { LastOp, PushContext, PushResult } from '../store/types';

// One device's push batch, for every store: ops are taken in seq order; each (device, seq) is
// stored once; a gap stops the batch with resendFrom; a tampered op stops it with CHAIN_BROKEN
// and nothing from it on is stored; every other op is stored, accepted or rejected (apply.ts
// decides how). The store runs it inside a transaction (alone or in a group of batches) and
// supplies the chain's reads and writes.

export interface StoredOp {
  op: Op;
  valueJson: string;
  gseq: number | null;
  receivedAt: string;
  outcome: Omit<StoredOutcome, 'seq'>;
}

export interface ChainState extends ApplyState {
  lastOp(deviceId: string): LastOp;
  storedHash(deviceId: string, seq: number): string | undefined;
  /** The number an op accepted now would get: above every gseq issued so far. */
  tentativeGseq(): number;
  /** Records that the tentative number was used (the op was accepted). */
  useGseq(gseq: number): void;
  insertOp(stored: StoredOp): void;
  /** Stored outcomes other than 'applied' of the device's ops from..to, by seq. */
  outcomes(deviceId: string, from: number, to: number): StoredOutcome[];
}

export interface PushInput {
  ctx: PushContext;
  batch: readonly Op[];
  /** checkOps(batch) when the caller made them (off the request thread); else made here, op by op. */
  checks?: readonly OpCheck[] | undefined;
}

export function pushBatch(state: ChainState, { ctx, batch, checks }: PushInput): PushResult {
  const ops = batch.map((op, i) => ({ op, check: checks?.[i] })).sort((a, b) => a.op.seq - b.op.seq);
  let last = state.lastOp(ctx.deviceId);
  let resendFrom: number | null = null;
  let halted: PushResult['halted'] = null;
  let isReplay = false;
  const fresh: StoredOutcome[] = [];
  const halt = (seq: number, message: string) => ({ seq, code: 'CHAIN_BROKEN' as const, message });

  for (const { op, check: given } of ops) {
    if (op.seq <= last.seq) {
      // Already stored: a replay changes nothing, unless it claims to be a different op.
      if (state.storedHash(ctx.deviceId, op.seq) !== op.hash) {
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
    const tentative = state.tentativeGseq();
    const outcome = applyOp(state, ctx, op, { valueJson, alone: check.alone }, tentative);
    const gseq = outcome.outcome === 'rejected' ? null : tentative;
    if (gseq !== null) state.useGseq(gseq);
    state.insertOp({ op, valueJson, gseq, receivedAt: ctx.receivedAt, outcome });
    if (outcome.outcome !== 'applied') fresh.push({ seq: op.seq, ...outcome });
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
  const outcomes = isReplay ? state.outcomes(ctx.deviceId, firstSeq, ackedSeq) : fresh;
  for (const row of outcomes) {
    if (row.outcome === 'rejected' && row.rejectCode !== null) {
      rejected.push({ seq: row.seq, code: row.rejectCode, message: row.rejectMessage ?? '' });
    } else if (row.conflictId !== null) {
      conflicts.push({ seq: row.seq, conflictId: row.conflictId, isIncomingWinner: row.outcome === 'won' });
    }
  }
  return { ackedSeq, resendFrom, rejected, conflicts, halted };
}
