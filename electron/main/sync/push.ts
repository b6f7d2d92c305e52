import type { AppDatabase } from '@db/open';
import { ackThrough, pendingOps, type OutboxRow } from './queries/outbox';
import { rejectOps } from './queries/refused';
import { writeState } from './queries/state';
import type { Materialiser } from './apply';
import type { ServerClient } from './client';
import { SyncFailure } from './errors';
import { noteFork, readFork } from './fork';
import { stateKeys } from './state-keys';

// Uploading the outbox in bounded batches. The server stores each (device, seq) once and
// acks the highest contiguous seq, so a batch lost, cut, duplicated or answered twice is
// simply sent again: nothing is applied twice. Rejected ops leave the queue with their reason.
// A batch that halts (CHAIN_BROKEN: the server holds another op at a seq, or the chain does not
// link) acks at most the op before the halt: an op the server refused to store is never marked
// acked, so settling never deletes it (fork.ts then keeps it until it can go up on a branch).

export interface PushLimits {
  /** Ops per request (the protocol allows 1,000). */
  maxOps: number;
  /** JSON bytes per request before gzip. */
  maxBytes: number;
  /**
   * Ops in a run's first request. Each answer then says how many the server wants next
   * (PushResponse.nextMaxOps: what it stores within its latency target at its present load), up
   * to maxOps; a first request of maxOps from fifty laptops at once would be answered only after
   * all of them were stored. An idle server asks for more at once: it costs one round trip a run.
   * Default FIRST_PUSH_OPS.
   */
  firstOps?: number;
}

export const FIRST_PUSH_OPS = 100;
export const defaultPushLimits: PushLimits = { maxOps: 500, maxBytes: 1_000_000, firstOps: FIRST_PUSH_OPS };

/** The size of the request after one answered with `hint` (absent: an older server, no hint). */
export function nextBatchOps(limits: PushLimits, hint: number | undefined): number {
  return Math.max(1, Math.min(limits.maxOps, hint ?? limits.maxOps));
}

export interface PushOutcome {
  pushed: number;
  rejected: number;
  conflicts: number;
  /** The server stopped at this seq (nothing from it on was stored): the chains part there. */
  halted: { seq: number; message: string } | null;
}

export interface PushContext {
  db: AppDatabase;
  client: ServerClient;
  materialiser: Materialiser;
  deviceId: string;
  now: () => Date;
}

/** The next batch from `rows` (seq order): at least one op, then as many as fit both limits. */
export function takeBatch(rows: readonly OutboxRow[], limits: Pick<PushLimits, 'maxOps' | 'maxBytes'>): OutboxRow[] {
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
  const outcome: PushOutcome = { pushed: 0, rejected: 0, conflicts: 0, halted: null };
  let fromSeq = 1;
  let stalls = 0;
  let maxOps = Math.max(1, Math.min(limits.firstOps ?? FIRST_PUSH_OPS, limits.maxOps));
  for (;;) {
    const rows = takeBatch(pendingOps(ctx.db, fromSeq, maxOps), { maxOps, maxBytes: limits.maxBytes });
    const first = rows[0];
    if (!first) return outcome;
    const res = await ctx.client.push(
      ctx.deviceId,
      rows.map((r) => r.op),
    );
    maxOps = nextBatchOps(limits, res.nextMaxOps);
    const at = ctx.now().toISOString();
    // Whatever the server says it holds, nothing from the halt on is this laptop's op: a server
    // whose head is past a rolled-back laptop's seq would otherwise ack the op it just refused.
    const acked = res.halted ? Math.min(res.ackedSeq, res.halted.seq - 1) : res.ackedSeq;
    const rejected = res.rejected.filter((r) => r.seq <= acked);
    ctx.db.transaction((tx) => {
      // Nothing below the batch's first op is pending (each batch starts at the oldest one).
      ackThrough(tx, acked, at, first.seq);
      writeState(tx, stateKeys.ackedSeq, acked);
      const touched = rejectOps(tx, rejected, at);
      // A refused op no longer sits on top: the unit shows the server's value again.
      if (touched.length > 0) ctx.materialiser.rebuildEntities(touched, at);
    });
    outcome.pushed += Math.max(0, Math.min(acked, rows.at(-1)?.seq ?? 0) - first.seq + 1);
    outcome.rejected += rejected.length;
    outcome.conflicts += res.conflicts.filter((c) => c.seq <= acked).length;
    if (res.halted) {
      outcome.halted = { seq: res.halted.seq, message: res.halted.message };
      return outcome;
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

/**
 * Pushes, unless this store's chain has parted from the server's (fork.ts): then nothing goes
 * up until its ops move to a branch. A push that halts records the fork; the run goes on to
 * pull either way, so the user still receives the others' work.
 */
export async function pushUnlessForked(ctx: PushContext, limits: PushLimits): Promise<PushOutcome> {
  if (readFork(ctx.db) !== null) return { pushed: 0, rejected: 0, conflicts: 0, halted: null };
  const pushed = await pushAll(ctx, limits);
  const halted = pushed.halted;
  if (halted) ctx.db.transaction((tx) => noteFork(tx, halted, ctx.now().toISOString()));
  return pushed;
}

/** Adds a push's counts to a run's. */
export function addPushCounts(into: Omit<PushOutcome, 'halted'>, pushed: PushOutcome): void {
  into.pushed += pushed.pushed;
  into.rejected += pushed.rejected;
  into.conflicts += pushed.conflicts;
}
