import type { Change, JsonValue, Op, PushResponse, SyncEntity } from '@shared/sync/protocol';
import type { ConflictRecord, Role, SessionEndReason } from '@shared/sync/api';
import type { Checksum } from '@shared/sync/checksum';
import type { ForkRequestStatus } from '@shared/sync/fork';
import type { CountyFinding } from '@shared/registration/county-check';
import type { OpCheck } from '../sync/op-checks';
import type { FailureLog } from '../auth/rate-limit';
import type { KeyedLock } from '../attachments/lock';

// The server's storage, behind an interface so a PostgreSQL store can follow the embedded
// SQLite one. Methods are async for that reason even though SQLite answers
// synchronously. The sync decisions (what is a conflict, who wins, what is in scope) are pure
// functions in server/sync/rules.ts that every store calls, so stores differ only in I/O.

export interface UserRecord {
  id: string;
  username: string;
  name: string;
  role: Role;
  passwordHash: string;
  createdAt: string;
}

export interface DeviceRecord {
  id: string;
  userId: string;
  name: string;
  appVersion: string;
  createdAt: string;
  lastSeenAt: string;
  revokedAt: string | null;
}

export interface AccessTokenRecord {
  tokenHash: string;
  deviceId: string;
  userId: string;
  /** Epoch ms. */
  expiresAt: number;
}

/** Why a session ended (refresh_tokens.end_reason); see server/auth/session-rules.ts. */
export type { SessionEndReason };

/** One refresh token of a device's chain (stored as its sha256). */
export interface RefreshTokenRecord {
  tokenHash: string;
  deviceId: string;
  /** Epoch ms. */
  issuedAt: number;
  /** When it was presented and rotated (retired); null for the head of the chain. */
  usedAt: number | null;
  successorHash: string | null;
  endedAt: number | null;
  endReason: SessionEndReason | null;
}

/** What a refresh did (store.refreshSession). */
export type RefreshOutcome =
  | { kind: 'rotated'; device: DeviceRecord }
  | { kind: 'revoked'; device: DeviceRecord }
  | { kind: 'refused'; why: 'unknown' | 'ended' | 'expired'; reason: SessionEndReason | null }
  /** A retired token presented after its successor was used: every session of the device was ended. */
  | { kind: 'reused'; device: DeviceRecord };

/**
 * Everything (admins) or the entities whose scope key starts with one of the prefixes; in either
 * case never an entity of a kind in `hides` (shared/sync/entity-access.ts: kinds restricted to
 * other roles). Absent `hides` hides nothing: server-side readers (the admin CLI's exports) use it.
 */
export type Scope = ({ isAll: true } | { isAll: false; prefixes: readonly string[] }) & { hides?: readonly string[] };

/** Who is pushing: the authenticated user and device, resolved by the auth layer. */
export interface PushContext {
  userId: string;
  /** The account's display name, stamped as the author of review events (default: userId). */
  userName?: string;
  role: Role;
  deviceId: string;
  scope: Scope;
  /** ISO time stamped on stored ops. */
  receivedAt: string;
}

export type PushResult = Omit<PushResponse, 'serverTime' | 'nextMaxOps'>;

/**
 * A Change as stored: the value as its JSON text, which goes onto the wire as it is (a fresh
 * pull sends 10,000 form documents; parsing and serialising them again cost more than reading
 * them). Stored values are JSON written by the push path.
 */
export type StoredChange = Omit<Change, 'value'> & { valueJson: string };

/**
 * How much of a pull or snapshot page's answer may be change JSON: 16 MiB. A fresh pull of
 * 10,000 units (~2 KB each) still comes in the same three snapshot pages as with counts alone
 * (server/README.md, "Limits"); the largest single change (a '$create' at MAX_OP_VALUE_BYTES)
 * always fits a page of its own.
 */
export const DEFAULT_PAGE_BYTES = 16 * 1024 * 1024;

/** The bytes a change takes on the wire: its value's UTF-8 text plus its other members (~250 B). */
export const pageBytesOf = (c: Pick<StoredChange, 'valueJson' | 'entityId' | 'field'>): number =>
  Buffer.byteLength(c.valueJson, 'utf8') + c.entityId.length + c.field.length + 250;

export interface PullPage {
  changes: StoredChange[];
  cursor: number;
  hasMore: boolean;
}

export type SnapshotFilter =
  | { kind: 'area'; prefix: string }
  | { kind: 'buckets'; buckets: readonly string[] }
  | { kind: 'entities'; entityIds: readonly string[] };

/** Where a snapshot page starts (exclusive), and the gseq its first page was read at. */
export interface SnapshotCursor {
  /** The last change of the page before, in snapshot order (area, kind, id, field). */
  after: [scopeKey: string, entity: string, entityId: string, field: string];
  asOf: number;
}

export interface SnapshotPage {
  changes: StoredChange[];
  entityIds: string[] | null;
  asOf: number;
  next: SnapshotCursor | null;
}

/** Whose conflicts a caller sees: in scope, and for enumerators only races they took part in. */
export interface ConflictViewer {
  scope: Scope;
  onlyUserId: string | null;
}

export interface ConflictFilter {
  status: 'open' | 'resolved' | 'all';
  /** incoming gseq, exclusive. */
  after: number;
  limit: number;
}

/**
 * One entity's current fields, for exports and the admin CLI. A '$create' value's initial
 * `fields` are expanded: each appears as a field of its own unless a later op set it.
 */
export interface EntityState {
  entity: SyncEntity;
  entityId: string;
  scopeKey: string;
  fields: Record<string, JsonValue>;
}

export interface AttachmentRecord {
  sha256: string;
  size: number;
  uploadedBy: string;
  completedAt: string;
}

export interface LastOp {
  seq: number;
  hash: string;
}

/** A laptop's request for a new chain branch (shared/sync/fork.ts). */
export interface ForkRequestRecord {
  id: string;
  userId: string;
  deviceId: string;
  newDeviceId: string;
  forkSeq: number;
  pending: number;
  serverSeq: number;
  requestedAt: string;
  status: ForkRequestStatus;
  decidedBy: string | null;
  decidedAt: string | null;
  completedAt: string | null;
}

/** A published form pack (shared/packs), as the server keeps it. */
export interface PackRecord {
  ref: string;
  packId: string;
  version: string;
  hash: string;
  /** The pack document as published (JSON text: sent to laptops as it is). */
  bodyJson: string;
  publishedBy: string;
  publishedAt: string;
  /** When it last became the current pack. */
  currentSince: string;
}

export type PackSummaryRecord = Omit<PackRecord, 'bodyJson'> & { isCurrent: boolean };

/** The county check as of `asOf`; findings null when `knownAsOf` is still current (nothing to send). */
export interface CountyCheckResult {
  asOf: string;
  /** The newest accepted op (gseq) the answer reflects. */
  gseq: number;
  findings: CountyFinding[] | null;
}

export class StoreConflictError extends Error {
  constructor(
    readonly code: 'USERNAME_TAKEN' | 'DEVICE_IN_USE' | 'PACK_VERSION_TAKEN',
    message: string,
  ) {
    super(message);
    this.name = 'StoreConflictError';
  }
}

export interface ServerStore {
  // ---- users and assignments
  createUser(user: Omit<UserRecord, 'id' | 'createdAt'>, at: string): Promise<UserRecord>;
  findUserByUsername(username: string): Promise<UserRecord | null>;
  findUserById(id: string): Promise<UserRecord | null>;
  listUsers(): Promise<UserRecord[]>;
  /** Sets the password and, in the same transaction, ends every session of the user's devices ('password'). */
  setPasswordHash(userId: string, passwordHash: string, at: string): Promise<void>;
  /** Adds prefixes (already present ones are kept as they are); returns the user's prefixes. */
  assign(userId: string, prefixes: readonly string[], at: string): Promise<string[]>;
  unassign(userId: string, prefixes: readonly string[]): Promise<string[]>;
  prefixesOf(userId: string): Promise<string[]>;

  // ---- devices and sessions (server/README.md "Sessions")
  findDevice(id: string): Promise<DeviceRecord | null>;
  /**
   * Registers the device to the user, or re-registers it, and starts a new session on it with
   * `refreshHash` as the head of its chain: the device's earlier tokens end ('login'). Throws
   * DEVICE_IN_USE for another user's device. `at` is also the token's issue time.
   */
  registerDevice(device: { id: string; userId: string; name: string; appVersion: string; refreshHash: string }, at: string): Promise<DeviceRecord>;
  touchDevice(id: string, at: string, appVersion: string): Promise<void>;
  listDevices(userId?: string): Promise<DeviceRecord[]>;
  /** Marks the device revoked (its tokens then fail with DEVICE_REVOKED); false when there is no such device. */
  revokeDevice(id: string, at: string): Promise<boolean>;
  findRefreshToken(tokenHash: string): Promise<RefreshTokenRecord | null>;
  /**
   * Decides (server/auth/session-rules.ts decideRefresh) and applies a refresh in one
   * transaction: on rotation `successorHash` becomes the head of the chain; on reuse every
   * session of the device ends. Tokens idle for `idleMs` are refused.
   */
  refreshSession(presentedHash: string, successorHash: string, nowMs: number, idleMs: number): Promise<RefreshOutcome>;
  /**
   * Ends every session of a device, or of all of a user's devices: their refresh tokens answer
   * UNAUTHORIZED from now on and their access tokens are deleted. Returns the tokens ended.
   */
  endSessions(target: { deviceId: string } | { userId: string }, reason: SessionEndReason, nowMs: number): Promise<number>;
  saveAccessToken(token: AccessTokenRecord): Promise<void>;
  findAccessToken(tokenHash: string): Promise<AccessTokenRecord | null>;
  /**
   * Deletes access tokens expired before `beforeMs` and refresh tokens whose last event (issue,
   * use, end) is before it. Kept until then so an expired access token answers TOKEN_EXPIRED
   * (not "unknown") and a retired refresh token presented again is recognised.
   */
  pruneTokens(beforeMs: number): Promise<void>;

  // ---- sync
  /**
   * Stores and applies a device's ops (sorted by seq) in one transaction. `checks`, when given,
   * are sync/op-checks.ts checkOps(ops, ctx), index by index (made off the request thread,
   * push-body-pool.ts); without them the store makes each when it needs it.
   */
  push(ctx: PushContext, ops: readonly Op[], checks?: readonly OpCheck[]): Promise<PushResult>;
  /** The device's newest stored op, or { seq: 0, hash: '' }. */
  lastOp(deviceId: string): Promise<LastOp>;
  /**
   * A page of changes after `cursor`: at most `limit` of them and, beyond the first, no more
   * than `maxBytes` of change JSON (pageBytesOf), so a page's size is bounded whatever the
   * values hold. Default maxBytes: DEFAULT_PAGE_BYTES.
   */
  pull(scope: Scope, cursor: number, limit: number, maxBytes?: number): Promise<PullPage>;
  /** Bounded as pull is: `limit` fields and `maxBytes`. */
  snapshot(scope: Scope, filter: SnapshotFilter, cursor: SnapshotCursor | null, limit: number, maxBytes?: number): Promise<SnapshotPage>;
  /**
   * The checksum (shared/sync/checksum.ts) of every current field in scope and the gseq it was
   * computed at. Stores keep bucket hashes between calls: a verify after a small sync must not
   * cost in proportion to the scope.
   */
  checksum(scope: Scope): Promise<{ checksum: Checksum; asOf: number }>;
  listConflicts(viewer: ConflictViewer, filter: ConflictFilter): Promise<ConflictRecord[]>;
  countOpenConflicts(viewer: ConflictViewer): Promise<number>;
  /**
   * The county-wide check (shared/registration/county-check.ts) for the units in `scope`,
   * decided over every unit the server holds: the other units sharing their USCC, and the
   * 法人 ↔ 产业活动单位 links. Other units appear only by identification (id, name, area, type).
   */
  countyCheck(scope: Scope, knownAsOf: string | null): Promise<CountyCheckResult>;
  /** Current state of every entity of a kind in scope, in scope-key order. */
  entityStates(entity: SyncEntity, scope: Scope): Promise<EntityState[]>;

  // ---- forked chains (shared/sync/fork.ts)
  /**
   * Saves a new pending request, unless the device already has an open one (pending or
   * approved): that one is returned instead, so a laptop that lost the answer and asks again
   * (with another new device id) does not leave the bureau two requests to decide.
   */
  openForkRequest(request: Omit<ForkRequestRecord, 'id' | 'status' | 'decidedBy' | 'decidedAt' | 'completedAt'>): Promise<ForkRequestRecord>;
  findForkRequest(id: string): Promise<ForkRequestRecord | null>;
  /** Newest first; all of them, or those in one status. */
  listForkRequests(status?: ForkRequestStatus): Promise<ForkRequestRecord[]>;
  /** Approves or declines a pending request; null when there is none pending with that id. */
  decideForkRequest(id: string, status: 'approved' | 'declined', by: string, at: string): Promise<ForkRequestRecord | null>;
  /** Marks an approved request completed (the laptop took its branch tokens); keeps the first time. */
  completeForkRequest(id: string, at: string): Promise<void>;

  // ---- form packs (server/forms/publish.ts decides; these only read and write)
  findPack(ref: string): Promise<PackRecord | null>;
  /** The pack in force: the one that became current last; null before any publication. */
  currentPack(): Promise<PackRecord | null>;
  /** Every published version, newest publication first. */
  listPacks(): Promise<PackSummaryRecord[]>;
  /**
   * Stores a new version and makes it current, or makes an already stored one with the same
   * hash current again, in one transaction. Throws PACK_VERSION_TAKEN when the version is
   * stored with other content (a concurrent publication won).
   */
  publishPack(pack: Omit<PackRecord, 'currentSince' | 'publishedAt'>, at: string): Promise<PackRecord>;

  // ---- attachments
  findAttachment(sha256: string): Promise<AttachmentRecord | null>;
  saveAttachment(record: AttachmentRecord): Promise<void>;
  /** Whether an entity now within `scope` references the attachment (an accepted op named it). */
  isAttachmentInScope(sha256: string, scope: Scope): Promise<boolean>;

  /**
   * Where failed logins are counted when several server processes must share the budgets
   * (auth/rate-limit.ts); absent, each process counts in memory (the embedded store: one process).
   */
  readonly failureLog?: FailureLog;

  /**
   * A lock every process serving this store sees (PostgreSQL advisory locks), for the uploads'
   * check-then-write (attachments/lock.ts); absent, a lock within the process does (one process).
   */
  readonly sharedLock?: KeyedLock;

  close(): Promise<void>;
}
