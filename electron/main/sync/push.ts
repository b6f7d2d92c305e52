import type { AppDatabase } from '../../../db/open';
import { ackThrough, pendingOps, type OutboxRow } from '../../../db/queries/sync-outbox';
import { rejectOps } from '../../../db/queries/sync-records';
import { writeState } from '../../../db/queries/sync-state';
import type { Materialiser } from './apply';
import type { ServerClient } from './client';
import { SyncFailure } from './errors';
import { stateKeys } from './identity';

// Uploading the outbox in bounded batches. The server stores each (device, seq) once and
// acks the highest contiguous seq, so a batch lost, cut, duplicated or answered twice is
// simply sent again: nothing is applied twice. Rejected ops leave the queue with their reason.

export interface PushLimits {
  /** Ops per request (the protocol allows 1,000). */
  maxOps: number;
  /** JSON bytes per request before gzip. */
  maxBytes: number;
}

export const defaultPushLimits: PushLimits = { maxOps: 500, maxBytes: 1_000_000 };

export interface PushOutcome {
  pushed: number;
  rejected: number;
  conflicts: number;
}

export interface PushContext {
  db: AppDatabase;
  client: ServerClient;
  materialiser: Materialiser;
  deviceId: string;
  now: () => Date;
}

/** The next batch from `rows` (seq order): at least one op, then as many as fit both limits. */
export function takeBatch(rows: readonly OutboxRow[], limits: PushLimits): OutboxRow[] {
  const batch: OutboxRow[] = [];
  let bytes = 2;
  for (const row of rows) {
    bytes += row.op.length + 1;
    if (batch.length > 0 && (batch.length >= limits.maxOps || bytes > limits.maxBytes)) break;
    batch.push(row);
  }
  return batch;
}

export async function pushAll(ctx: PushContext, limits: PushLimits = defaultPushLimits): Promise<PushOutcome> {
  const outcome: PushOutcome = { pushed: 0, rejected: 0, conflicts: 0 };
  let fromSeq = 1;
  let stalls = 0;
  for (;;) {
    const rows = takeBatch(pendingOps(ctx.db, fromSeq, limits.maxOps), limits);
    const first = rows[0];
    if (!first) return outcome;
    const res = await ctx.client.push(
      ctx.deviceId,
      rows.map((r) => r.op),
    );
    const at = ctx.now().toISOString();
    ctx.db.transaction((tx) => {
      // Nothing below the batch's first op is pending (each batch starts at the oldest one).
      ackThrough(tx, res.ackedSeq, at, first.seq);
      writeState(tx, stateKeys.ackedSeq, res.ackedSeq);
      const touched = rejectOps(tx, res.rejected, at);
      // A refused op no longer sits on top: the unit shows the server's value again.
      if (touched.length > 0) ctx.materialiser.rebuildEntities(touched, at);
    });
    outcome.pushed += Math.max(0, Math.min(res.ackedSeq, rows.at(-1)?.seq ?? 0) - first.seq + 1);
    outcome.rejected += res.rejected.length;
    outcome.conflicts += res.conflicts.length;
    if (res.halted) {
      throw new SyncFailure('CHAIN_BROKEN', `seq ${res.halted.seq}: ${res.halted.message}`);
    }
    // The server missed ops before this batch (they went astray): start again from there.
    // Ops at or below ackedSeq were just marked acked, so the pending query skips them.
    const next = res.resendFrom ?? res.ackedSeq + 1;
    if (next <= first.seq && res.ackedSeq < first.seq) {
      stalls += 1;
      // The server wants ops this store no longer has pending: it lost data it had acked.
      if (stalls > 2) throw new SyncFailure('SERVER_ERROR', `server asks from seq ${next}, oldest pending is ${first.seq}`);
    } else {
      stalls = 0;
    }
    fromSeq = Math.max(1, next);
  }
}
