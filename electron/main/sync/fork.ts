import { stateKeys } from './state-keys';
import type { AppDatabase, Db } from '@db/open';
import { countPending, pendingOps } from './queries/outbox';
import { insertLog } from './queries/records';
import { deleteState, readState, writeState } from './queries/state';
import { ForkRequestInfo, type ForkInfo } from '@shared/sync/client-status';
import type { Op } from '@shared/sync/protocol';
import { findChainBreak } from './chain';
import { SyncFailure } from './errors';

// A forked op chain, as this laptop keeps it (shared/sync/fork.ts says what a fork is). The
// state is stored (sync_state 'fork'), so it survives restarts: from the first halted push on,
// every sync skips pushing, still pulls, and ends in CHAIN_BROKEN, never "synced", until the
// unsent ops move to a new chain branch (branch.ts). Nothing is deleted meanwhile: new local
// changes keep joining this store's chain and move with the rest.


interface StoredFork {
  seq: number;
  detectedAt: string;
  detail: string;
  isTampered: boolean;
  request: ForkRequestInfo | null;
}

function parseStored(v: unknown): StoredFork | null {
  if (typeof v !== 'object' || v === null) return null;
  const s = v as Partial<StoredFork>;
  if (typeof s.seq !== 'number' || typeof s.detectedAt !== 'string') return null;
  const request = ForkRequestInfo.safeParse(s.request);
  return {
    seq: s.seq,
    detectedAt: s.detectedAt,
    detail: typeof s.detail === 'string' ? s.detail : '',
    isTampered: s.isTampered === true,
    request: request.success ? request.data : null,
  };
}

export function readFork(db: Db): StoredFork | null {
  return parseStored(readState(db, stateKeys.fork));
}

/** What the sync page shows: the stored fork with the count of changes not on the server. */
export function forkInfo(db: AppDatabase): ForkInfo | null {
  const fork = readFork(db);
  return fork && { ...fork, unsent: countPending(db) };
}

/**
 * Records that the server halted this device's chain at `seq`. Also says whether the waiting
 * ops fail this laptop's own check (an op edited in the file): then it is not only a fork, and
 * support should look before the ops go anywhere. Keeps an earlier record (the first parting).
 */
export function noteFork(tx: Db, halted: { seq: number; message: string }, at: string): void {
  if (readFork(tx)) return;
  const ops = pendingOps(tx, halted.seq, 100_000).map((r) => JSON.parse(r.op) as Op);
  const isTampered = ops.length > 0 && findChainBreak(ops, ops[0]?.prevHash ?? '') !== null;
  const fork: StoredFork = { seq: halted.seq, detectedAt: at, detail: halted.message, isTampered, request: null };
  writeState(tx, stateKeys.fork, fork);
  logForkStep(tx, at, 'fork', `chain parted at seq ${halted.seq}: ${halted.message}`);
}

export function writeForkRequest(tx: Db, request: ForkRequestInfo): void {
  const fork = readFork(tx);
  if (!fork) return;
  writeState(tx, stateKeys.fork, { ...fork, request });
}

export function clearFork(tx: Db): void {
  deleteState(tx, [stateKeys.fork]);
}

/**
 * One line in the sync log per step of a fork's life (found, asked, decided, branched,
 * exported): the page's run list shows them beside the syncs, with who and what in `message`.
 */
export function logForkStep(tx: Db, at: string, trigger: string, message: string): void {
  insertLog(tx, {
    startedAt: at,
    finishedAt: at,
    trigger,
    outcome: trigger === 'fork' ? 'error' : 'ok',
    errorCode: trigger === 'fork' ? 'CHAIN_BROKEN' : null,
    message,
  });
}

/** The failure a run of a forked store ends in (null when the chain is whole). */
export function forkFailure(db: AppDatabase): SyncFailure | null {
  const fork = readFork(db);
  if (!fork) return null;
  return new SyncFailure('CHAIN_BROKEN', `this laptop's op chain and the server's part at seq ${fork.seq} (${fork.detail}); ${countPending(db)} changes wait`);
}
