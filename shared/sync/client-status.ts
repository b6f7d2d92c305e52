import { z } from 'zod';
import { Role, SessionEndReason } from './api';

// What the renderer sees of the client sync engine: the sync page's status, log and
// the login form. The wire protocol with the server is in ./protocol.ts; these never leave the
// laptop.

/**
 * Why a sync did not (fully) work. The renderer maps each to a Chinese message; main never
 * sends text meant for people.
 */
export const syncErrorCodes = [
  'NOT_CONFIGURED', // no server address in settings
  'NOT_LOGGED_IN', // no session on this device yet (or it was logged out)
  'SERVER_UNREACHABLE', // network down, DNS, refused, timed out, cut mid-transfer
  'WRONG_PASSWORD',
  'SESSION_EXPIRED', // the refresh token was refused: log in again
  'DEVICE_REVOKED', // the bureau revoked this device: log in again after they re-enable it
  'DEVICE_IN_USE', // this store's device id is registered to another user
  'FORBIDDEN', // the account may not do this (role, scope)
  'CLIENT_TOO_OLD', // the server wants a newer app; pending ops were still pushed
  'RATE_LIMITED', // too many attempts: wait and retry
  'SERVER_BUSY', // the server refused for now (too many sign-ins at once): wait and retry
  'CHAIN_BROKEN', // the server refused this device's op chain as tampered: support must look at the store
  'STORAGE_FULL', // the server's attachment storage is full: files wait on this laptop, everything else synced
  'STORAGE_UNAVAILABLE', // the server cannot reach its attachment storage: files wait, everything else synced
  'SERVER_ERROR', // the server failed (5xx) or answered something outside the protocol
  'LOCAL_ERROR', // this laptop's store failed during the sync
] as const;
export const SyncErrorCode = z.enum(syncErrorCodes);
export type SyncErrorCode = z.infer<typeof SyncErrorCode>;

export const SyncErrorInfo = z.object({
  code: SyncErrorCode,
  /** Detail for the log and support; the UI shows the message for `code`. */
  detail: z.string(),
  at: z.string(),
});
export type SyncErrorInfo = z.infer<typeof SyncErrorInfo>;

/** Refusals whose cause may pass: the area may be assigned again, the clock put right. */
export const retryableRejectCodes = ['OUT_OF_SCOPE', 'CLOCK_AHEAD'] as const;
export const isRetryableRejectCode = (code: string): boolean => (retryableRejectCodes as readonly string[]).includes(code);

/** How many refusals the sync status lists (the newest); the count of open ones is separate. */
export const REFUSED_LIST_LIMIT = 200;

export const RejectedOp = z.object({
  seq: z.number().int(),
  entityId: z.string(),
  field: z.string(),
  /** The refused value as JSON text (shown shortened). */
  value: z.string(),
  code: z.string(),
  message: z.string(),
  rejectedAt: z.string(),
  // Added with refused-create recovery (electron/main/sync/refused.ts):
  /** The row's own id (seqs repeat once a laptop moved to a new chain branch). */
  id: z.number().int(),
  entity: z.string(),
  /** The entity's area when the op was recorded (a '$create''s area). */
  areaCode: z.string(),
  /** The unit's name in this store ('' when it is not a unit here). */
  unitName: z.string(),
  /**
   * open: nothing done yet · retried: recorded again as a new op · covered: an edit of a unit
   * whose creation was refused, carried by that creation's retry.
   */
  state: z.enum(['open', 'retried', 'covered']),
  /** The cause may pass (OUT_OF_SCOPE, CLOCK_AHEAD): the user may record it again. */
  isRetryable: z.boolean(),
  /** Retrying now can succeed as far as this laptop knows (the area is in scope again, the clock is right). */
  canRetryNow: z.boolean(),
});
export type RejectedOp = z.infer<typeof RejectedOp>;

export const ConflictNote = z.object({
  conflictId: z.string(),
  /** The kind of record ('unit', 'enterprise', …). */
  entity: z.string(),
  entityId: z.string(),
  /** The record's name in this store ('' when it is not here). */
  unitName: z.string(),
  field: z.string(),
  /** The provisional winner (JSON text) and who wrote it. */
  keptValue: z.string(),
  keptBy: z.string(),
  /** The value that lost the race (kept on the server for the supervisor). */
  otherValue: z.string(),
  otherBy: z.string(),
  reportedAt: z.string(),
});
export type ConflictNote = z.infer<typeof ConflictNote>;

/** The bureau's answer to this laptop's request for a new chain branch (shared/sync/fork.ts). */
export const ForkRequestInfo = z.object({
  id: z.string(),
  status: z.enum(['pending', 'approved', 'declined', 'completed']),
  newDeviceId: z.string(),
  requestedAt: z.string(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
});
export type ForkRequestInfo = z.infer<typeof ForkRequestInfo>;

/**
 * 本机数据与服务器记录不一致: this laptop's op chain and the server's part (its store was rolled
 * back). Pushing stops, pulling goes on, nothing is deleted, until the unsent changes move to a
 * new chain branch (after the bureau confirms) or are exported.
 */
export const ForkInfo = z.object({
  /** The first sequence number the server holds differently: where the chains part. */
  seq: z.number().int().positive(),
  /** This laptop's changes that are not on the server. */
  unsent: z.number().int().nonnegative(),
  detectedAt: z.string(),
  /** The server's words, for support. */
  detail: z.string(),
  /** The waiting changes fail this laptop's own chain check too (the store file was edited). */
  isTampered: z.boolean(),
  request: ForkRequestInfo.nullable(),
});
export type ForkInfo = z.infer<typeof ForkInfo>;
/** The server account this laptop signed in as (its name and role as the server gave them). */
export const SyncAccount = z.object({ username: z.string(), name: z.string(), role: Role });
export type SyncAccount = z.infer<typeof SyncAccount>;

/** Why the session ended on the server, and when this laptop learnt it. */
export const SessionLost = z.object({
  code: z.string(),
  detail: z.string(),
  at: z.string(),
  /** The server's reason (password changed, 30 days unused, token reused…), when it gave one. */
  reason: SessionEndReason.nullable(),
});
export type SessionLost = z.infer<typeof SessionLost>;

export const SyncStatus = z.object({
  isConfigured: z.boolean(),
  serverUrl: z.string(),
  isLoggedIn: z.boolean(),
  userName: z.string().nullable(),
  /** The account of the last login (kept after the session ends, so the login form can offer it); null before any. */
  account: SyncAccount.nullable(),
  /**
   * The server ended the session (it refused the refresh token: password changed, signed out
   * elsewhere, 30 days unused…): the password is needed again. Pending changes are kept and go
   * up after the login. Null while signed in, after a logout here, and before any login.
   */
  sessionLost: SessionLost.nullable(),
  deviceId: z.string(),
  isRunning: z.boolean(),
  isOnline: z.boolean(),
  lastSyncAt: z.string().nullable(),
  /** Local operations not yet acknowledged by the server. */
  pending: z.number().int().nonnegative(),
  conflicts: z.array(ConflictNote),
  /** The newest refusals, at most REFUSED_LIST_LIMIT of them. */
  rejected: z.array(RejectedOp),
  /** Refusals still open, all of them: the list above may hold only the newest. */
  rejectedOpenCount: z.number().int().nonnegative(),
  lastError: SyncErrorInfo.nullable(),
  /** The laptop's clock is off from the server's by more than the tolerance; sync still works. */
  isClockSkewed: z.boolean(),
  clockSkewMs: z.number().int(),
  /** Areas (普查小区 / 普查区 / township codes) the server currently assigns to this user. */
  scope: z.array(z.string()),
  intervalMinutes: z.number().int().nonnegative(),
  /** When the scheduler will try next (backoff after a failure), or null. */
  nextAttemptAt: z.string().nullable(),
  /** Set while this laptop's op chain and the server's are parted; null otherwise. */
  fork: ForkInfo.nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const syncTriggers = ['manual', 'online', 'interval', 'retry', 'login'] as const;
export const SyncTrigger = z.enum(syncTriggers);
export type SyncTrigger = z.infer<typeof SyncTrigger>;

/** What a sync log row records: a run (by its trigger), or a step of a forked chain's recovery (electron/main/sync/fork.ts). */
export const syncLogSteps = [...syncTriggers, 'fork', 'fork-request', 'fork-decided', 'branch', 'export', 'forms'] as const;

export const SyncLogEntry = z.object({
  id: z.number().int(),
  startedAt: z.string(),
  finishedAt: z.string(),
  trigger: z.string(),
  outcome: z.enum(['ok', 'error']),
  errorCode: z.string().nullable(),
  pushed: z.number().int(),
  pulled: z.number().int(),
  rejected: z.number().int(),
  conflicts: z.number().int(),
  bytesUp: z.number().int(),
  bytesDown: z.number().int(),
  /** In words, for the tooltip: a fork step (who asked, who decided, what moved), a failed run's detail for support. */
  message: z.string().nullable().optional(),
});
export type SyncLogEntry = z.infer<typeof SyncLogEntry>;

export const SyncLogin = z
  .object({
    username: z.string().trim().min(1).max(64),
    password: z.string().min(1).max(200),
  })
  .strict();
export type SyncLogin = z.infer<typeof SyncLogin>;

export const SyncConfigure = z.object({ intervalMinutes: z.number().int().min(0).max(24 * 60) }).strict();

export const SyncOnline = z.object({ isOnline: z.boolean() }).strict();

/** Record a refused change again (its cause may have passed); a refused creation may move to an area the user holds. */
export const SyncRetryRefused = z
  .object({
    id: z.number().int().positive(),
    areaCode: z.string().regex(/^\d{15}$/, '普查小区代码须为 15 位数字 / a census sub-area code has 15 digits').optional(),
  })
  .strict();
export type SyncRetryRefused = z.infer<typeof SyncRetryRefused>;
