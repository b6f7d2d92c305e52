import { randomBytes } from 'node:crypto';
import { and, asc, count, eq, inArray } from 'drizzle-orm';
import type { AppDatabase, Db } from '@db/open';
import { syncOutbox } from '@db/schema';
import { countPending } from './queries/outbox';
import { readState, writeStates } from './queries/state';
import { AppError } from '@shared/result';
import type { TokenResponse } from '@shared/sync/api';
import type { ForkRequestInfo } from '@shared/sync/client-status';
import type { ForkRequestView } from '@shared/sync/fork';
import { PROTOCOL_VERSION, type Op } from '@shared/sync/protocol';
import { signOpText } from './chain';
import type { ServerClient } from './client';
import { SyncFailure } from './errors';
import { clearFork, logForkStep, readFork, writeForkRequest } from './fork';
import { formatHlc, parseHlc } from './hlc';
import { stateKeys } from './state-keys';
import { noteUser } from './team';

// Recovery from a forked chain by a new chain branch (shared/sync/fork.ts): ask the bureau,
// follow its answer, and once approved re-sign every unsent op on the new device id — seqs
// from 1, prevHash from '', content, authorship, times and base versions kept — in one
// transaction with the new tokens, so a crash leaves either the old chain or the new one.

/** Device ids this store signed with before its current one, oldest first. */

/** The device ids this store signed with before its current one (its own ops under them are its own). */
export function formerDeviceIds(db: Db): string[] {
  const ids = readState(db, stateKeys.formerDeviceIds);
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}

const newDeviceId = (): string => `d${randomBytes(12).toString('base64url')}`;

const toInfo = (r: ForkRequestView): ForkRequestInfo => ({
  id: r.id,
  status: r.status,
  newDeviceId: r.newDeviceId,
  requestedAt: r.requestedAt,
  decidedAt: r.decidedAt,
  decidedBy: r.decidedBy,
});

/**
 * Asks the bureau for a branch (or answers the open request). A declined request may be asked
 * again: the bureau may have declined it to look first.
 */
export async function requestBranch(
  db: AppDatabase,
  client: ServerClient,
  deviceId: string,
  now: () => Date,
  userName: string,
): Promise<ForkRequestInfo> {
  const fork = readFork(db);
  if (!fork) throw new AppError('RULE_VIOLATION', '本机数据与服务器记录一致，无需申请 / This laptop’s records agree with the server: nothing to ask for');
  if (fork.request && fork.request.status !== 'declined') return fork.request;
  const res = await client.forkRequest({
    protocol: PROTOCOL_VERSION,
    deviceId,
    newDeviceId: newDeviceId(),
    forkSeq: fork.seq,
    pending: countPending(db),
  });
  const info = toInfo(res.request);
  const who = whoActs(db, userName);
  db.transaction((tx) => {
    writeForkRequest(tx, info);
    logForkStep(tx, now().toISOString(), 'fork-request', `${who} asked the bureau for a new chain branch: request ${info.id}, device ${deviceId} → ${info.newDeviceId}`);
  });
  return info;
}

/** Reads the bureau's answer to the open request; returns it (null when nothing was asked). */
export async function followRequest(db: AppDatabase, client: ServerClient, now: () => Date): Promise<ForkRequestInfo | null> {
  const request = readFork(db)?.request;
  if (!request || request.status === 'declined') return request ?? null;
  const info = toInfo((await client.forkRequestStatus(request.id)).request);
  if (info.status !== request.status) {
    db.transaction((tx) => {
      writeForkRequest(tx, info);
      logForkStep(tx, now().toISOString(), 'fork-decided', `request ${info.id} ${info.status}${info.decidedBy ? ` by ${info.decidedBy}` : ''}`);
    });
  }
  return info;
}

/** Ops acked but not yet settled by a complete pull belong to the old chain: the move waits for them. */
export function hasUnsettledAcks(db: Db): boolean {
  return (db.select({ n: count() }).from(syncOutbox).where(eq(syncOutbox.status, 'acked')).get()?.n ?? 0) > 0;
}

/**
 * The move itself, inside the caller's transaction: every waiting op is signed again on
 * `newId`, in its order; the store's stamp, tokens and fork state follow. Returns how many moved.
 */
export function moveToBranch(tx: Db, newId: string, tokens: Pick<TokenResponse, 'refreshToken'>, at: string, who: string): number {
  const fork = readFork(tx);
  if (!fork?.request) throw new Error('moveToBranch: no approved fork request');
  if (hasUnsettledAcks(tx)) throw new Error('moveToBranch: acked ops of the old chain are not settled yet');
  const stored = readState(tx, stateKeys.deviceId);
  const oldId = typeof stored === 'string' ? stored : '';
  const rows = tx
    .select({ seq: syncOutbox.seq, op: syncOutbox.op, status: syncOutbox.status })
    .from(syncOutbox)
    .where(inArray(syncOutbox.status, ['pending', 'unsealed']))
    .orderBy(asc(syncOutbox.seq))
    .all();
  if (rows.some((r) => r.status === 'unsealed')) throw new Error('moveToBranch: ops wait unsealed (log in first)');
  let prevHash = '';
  let seq = 0;
  // In ascending order each row moves to a seq no higher than its own and above every row
  // moved before it, so no two rows ever share a seq on the way.
  for (const row of rows) {
    const { hash: _old, ...op } = JSON.parse(row.op) as Op;
    seq += 1;
    const clock = parseHlc(op.hlc);
    const signed = signOpText({ ...op, deviceId: newId, seq, prevHash, hlc: clock ? formatHlc(clock, newId) : op.hlc });
    tx.update(syncOutbox).set({ seq, op: signed.text }).where(and(eq(syncOutbox.seq, row.seq), eq(syncOutbox.status, 'pending'))).run();
    prevHash = signed.op.hash;
  }
  const former = formerDeviceIds(tx);
  writeStates(tx, [
    [stateKeys.deviceId, newId],
    [stateKeys.seq, seq],
    [stateKeys.headHash, prevHash],
    [stateKeys.ackedSeq, 0],
    [stateKeys.refreshToken, tokens.refreshToken],
    [stateKeys.formerDeviceIds, [...former, oldId]],
  ]);
  clearFork(tx);
  logForkStep(tx, at, 'branch', `${who} moved ${seq} unsent changes from device ${oldId} (parted at seq ${fork.seq}) to branch device ${newId} (request ${fork.request.id})`);
  return seq;
}

/** Who acts on this laptop, for the sync log: the profile's name (`name`) and the server account. */
export function whoActs(db: AppDatabase, name: string): string {
  const account = readState(db, stateKeys.userName);
  const parts = [name, typeof account === 'string' && account !== '' && account !== name ? `(${account})` : ''];
  return parts.filter((p) => p !== '').join(' ') || 'unknown user';
}

export interface BranchHost {
  db: AppDatabase;
  now: () => Date;
  /** The profile's name (settings), for the sync log. */
  userName: () => string;
  /** The engine signs and authenticates as the branch device from now on. */
  adopt(deviceId: string, accessToken: string): void;
}

/**
 * After a complete pull of a forked store: reads the bureau's answer and, when approved, takes
 * tokens for the branch device and moves the unsent ops onto it. True when it moved.
 */
export async function branchIfApproved(host: BranchHost, client: ServerClient): Promise<boolean> {
  const request = await followRequest(host.db, client, host.now);
  const isApproved = request?.status === 'approved' || request?.status === 'completed';
  // The old chain's acked ops settle at a complete pull first (this run's, or the next).
  if (!request || !isApproved || hasUnsettledAcks(host.db)) return false;
  const tokens = await client.branch(request.id);
  if (tokens.deviceId !== request.newDeviceId) {
    throw new SyncFailure('SERVER_ERROR', `branch tokens name device ${tokens.deviceId}, the request ${request.newDeviceId}`);
  }
  const at = host.now().toISOString();
  const who = whoActs(host.db, host.userName());
  host.db.transaction((tx) => {
    moveToBranch(tx, tokens.deviceId, tokens, at, who);
    noteUser(tx, tokens.user, at);
  });
  host.adopt(tokens.deviceId, tokens.accessToken);
  return true;
}
