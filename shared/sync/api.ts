import { z } from 'zod';
import { Change, DeviceId, FieldName, JsonValue, PROTOCOL_VERSION, Sha256Hex, SyncEntity } from './protocol';

// The bureau server's HTTP API beyond push/pull: errors, auth, snapshot, verify,
// conflicts and attachments. Schemas only; endpoints and their semantics are documented in
// server/README.md. Kept beside protocol.ts (which holds ops, push and pull) so both files stay
// short; this file imports protocol.ts, never the other way round.

// 'leader' is the bureau's leadership (局领导): the only role that keeps and reads the record of
// interference in statistical work (shared/interference); the server never sends it elsewhere.
export const roles = ['enumerator', 'supervisor', 'township', 'admin', 'leader'] as const;
export const Role = z.enum(roles);
export type Role = z.infer<typeof Role>;

/** Request header carrying the client's app version (semver); below the server's minimum, reads answer 426. */
export const APP_VERSION_HEADER = 'x-census-app-version';
/** Response header on every answer (ISO time): the client flags a far-off clock. */
export const SERVER_TIME_HEADER = 'x-server-time';
/** HEAD /attachments/<sha>: bytes the server holds. */
export const UPLOAD_OFFSET_HEADER = 'upload-offset';
/** HEAD /attachments/<sha>: '1' once every byte arrived and the SHA-256 matched. */
export const ATTACHMENT_COMPLETE_HEADER = 'x-attachment-complete';

export const serverErrorCodes = [
  'INVALID_INPUT', // 400: the body failed its schema; nothing changed
  'UNAUTHORIZED', // 401: no, unknown or malformed token; a refresh token that is dead (ended, idle 30 days, reused)
  'TOKEN_EXPIRED', // 401: the access token is past its 15 minutes: POST /auth/refresh, then retry
  'WRONG_PASSWORD', // 401: unknown user or wrong password (never says which)
  'DEVICE_REVOKED', // 403: the device was revoked by an admin; its tokens are dead for good
  'DEVICE_IN_USE', // 409: the device id is registered to another user
  'DEVICE_MISMATCH', // 403: a push carries ops of a device other than the token's
  'CLIENT_TOO_OLD', // 426: reads refused below the minimum app version; push still accepted
  'RATE_LIMITED', // 429: too many failed logins (for this user from this address, from this address, or overall); see retryAfterSeconds
  'FORBIDDEN', // 403: the role may not do this
  'OUT_OF_SCOPE', // 403: outside the caller's assigned areas
  'NOT_FOUND', // 404
  'PAYLOAD_TOO_LARGE', // 413: body (after gunzip) over the cap
  'CHAIN_BROKEN', // push only, in PushResponse.halted: a tampered op
  'OFFSET_MISMATCH', // 409: an attachment chunk not at the received length; see Upload-Offset
  'HASH_MISMATCH', // 422: the complete attachment does not hash to its name; the bytes were discarded
  'INTERNAL', // 500: a server bug, logged with its stack
  'SERVER_BUSY', // 503: too many unauthenticated requests or password checks at once; retry after retryAfterSeconds
  // Added (additive) by the server hardening: per-user limits on unfinished uploads.
  'UPLOAD_QUOTA', // 413: this user's unfinished uploads would hold more bytes than allowed
  'TOO_MANY_UPLOADS', // 429: this user has as many unfinished uploads as allowed; finish or wait for them to expire
  // Added (additive) with shared attachment stores: the store itself refusing, not this user's quota.
  'STORAGE_FULL', // 507: the server's attachment storage (disk, object store) is full or over its quota; the chunk was refused, the upload keeps what it had (upload-offset); retry after retryAfterSeconds
  'STORAGE_UNAVAILABLE', // 503: the server cannot reach its attachment storage (down, refusing its credentials); as above
] as const;
export const ServerErrorCode = z.enum(serverErrorCodes);
export type ServerErrorCode = z.infer<typeof ServerErrorCode>;

/** Why the server ended a device's session (a refused refresh says which, in `sessionEnd`). */
export const sessionEndReasons = ['login', 'logout', 'password', 'reuse', 'superseded', 'expired'] as const;
export const SessionEndReason = z.enum(sessionEndReasons);
export type SessionEndReason = z.infer<typeof SessionEndReason>;

/** Every non-2xx answer with a body. */
export const SyncErrorBody = z.object({
  error: z.object({
    code: ServerErrorCode,
    message: z.string(),
    retryAfterSeconds: z.number().int().positive().optional(),
    minAppVersion: z.string().optional(),
    /** A refused refresh of a session the server ended: why (for the laptop to tell its user). */
    sessionEnd: SessionEndReason.optional(),
  }),
  serverTime: z.string(),
});
export type SyncErrorBody = z.infer<typeof SyncErrorBody>;

export const Username = z.string().regex(/^[A-Za-z0-9_.-]{2,40}$/);

export const LoginRequest = z
  .object({
    username: Username,
    password: z.string().min(1).max(200),
    deviceId: DeviceId,
    /** Shown to admins in the device list, e.g. the laptop's name. */
    deviceName: z.string().trim().max(100).default(''),
  })
  .strict();
export type LoginRequest = z.input<typeof LoginRequest>;

/**
 * The refresh token alone identifies the device. It is good once: the answer carries its
 * successor, which the client must keep instead (rotation). Presenting the previous token again
 * works only while its successor was never used (the answer was lost); after that it is reuse
 * and ends the device's session. A token unused for 30 days is dead. See server/README.md
 * "Sessions".
 */
export const RefreshRequest = z.object({ refreshToken: z.string().min(1).max(200) }).strict();

/**
 * POST /auth/logout: ends the device's session on the server (every refresh and access token of
 * the device). Any refresh token of the device's chain will do; an unknown one changes nothing.
 */
export const LogoutRequest = z.object({ refreshToken: z.string().min(1).max(200) }).strict();
export const LogoutResponse = z.object({ isEnded: z.boolean(), serverTime: z.string() });

export const UserInfo = z.object({ id: z.string(), username: z.string(), name: z.string(), role: Role });
export type UserInfo = z.infer<typeof UserInfo>;

export const TokenResponse = z.object({
  accessToken: z.string(),
  accessExpiresAt: z.string(),
  refreshToken: z.string(),
  user: UserInfo,
  deviceId: DeviceId,
  scope: z.array(z.string()),
  serverTime: z.string(),
});
export type TokenResponse = z.infer<typeof TokenResponse>;

export const MeResponse = z.object({
  user: UserInfo,
  deviceId: DeviceId,
  scope: z.array(z.string()),
  serverTime: z.string(),
});

export const Bucket = z.string().regex(/^[0-9a-f]{2}$/);

/**
 * Every current field of the caller's entities matching ONE filter (intersected with the
 * caller's scope): an area that was just assigned, checksum buckets that differ, or entities a
 * pull mentioned that the client does not hold. Paged by `page` (from the previous answer).
 */
export const SnapshotRequest = z
  .object({
    protocol: z.literal(PROTOCOL_VERSION),
    areaPrefix: z.string().regex(/^\d{1,15}$/).optional(),
    buckets: z.array(Bucket).min(1).max(256).optional(),
    entityIds: z.array(z.string().regex(/^[A-Za-z0-9_-]{8,64}$/)).min(1).max(1_000).optional(),
    page: z.string().max(300).optional(),
    limit: z.number().int().min(1).max(20_000).default(5_000),
  })
  .strict()
  .refine((r) => [r.areaPrefix, r.buckets, r.entityIds].filter((f) => f !== undefined).length === 1, {
    message: 'exactly one of areaPrefix, buckets, entityIds',
  });
export type SnapshotRequest = z.input<typeof SnapshotRequest>;

export const SnapshotResponse = z.object({
  changes: z.array(Change),
  /** Entities of the filter in scope, listed on the first page only: anything else the client holds there is gone. */
  entityIds: z.array(z.string()).nullable(),
  /** The server's newest gseq when the first page was read. */
  asOf: z.number().int().nonnegative(),
  /** Pass as `page` for the next page; null on the last one. */
  nextPage: z.string().nullable(),
  serverTime: z.string(),
});
export type SnapshotResponse = z.infer<typeof SnapshotResponse>;

/**
 * Compare state without moving it: send the client's total (and, after a mismatch, its bucket
 * hashes) computed with shared/sync/checksum.ts over its copy of the server's fields.
 */
export const VerifyRequest = z
  .object({
    protocol: z.literal(PROTOCOL_VERSION),
    total: Sha256Hex.optional(),
    buckets: z.record(Bucket, Sha256Hex).optional(),
  })
  .strict();
export type VerifyRequest = z.input<typeof VerifyRequest>;

export const VerifyResponse = z.object({
  total: Sha256Hex,
  /** Lines (fields) in the caller's scope. */
  count: z.number().int().nonnegative(),
  /** Newest gseq when computed: compare only with a client whose pull cursor equals it. */
  asOf: z.number().int().nonnegative(),
  /** null when the request sent no total. */
  isMatch: z.boolean().nullable(),
  /** The server's non-empty buckets; {} when isMatch is true. */
  buckets: z.record(Bucket, Sha256Hex),
  /** When the request sent buckets: those that differ (either side missing counts). */
  differingBuckets: z.array(Bucket),
  serverTime: z.string(),
});
export type VerifyResponse = z.infer<typeof VerifyResponse>;

/** Value of a '$resolve' op: set the conflict's field to `value` and close the conflict. */
export const ResolveValue = z.object({ conflictId: z.string().min(1).max(80), value: JsonValue }).strict();
export type ResolveValue = z.infer<typeof ResolveValue>;

export const ConflictSide = z.object({
  gseq: z.number().int().positive(),
  value: JsonValue,
  deviceId: z.string(),
  userId: z.string(),
  userName: z.string(),
  hlc: z.string(),
  at: z.string(),
  baseVersion: z.number().int().nonnegative(),
});
export type ConflictSide = z.infer<typeof ConflictSide>;

export const ConflictRecord = z.object({
  id: z.string(),
  entity: SyncEntity,
  entityId: z.string(),
  field: FieldName,
  scopeKey: z.string(),
  status: z.enum(['open', 'resolved']),
  /** The provisional winner: higher hlc, then higher deviceId. */
  winner: z.enum(['current', 'incoming']),
  /** The value that was current when the racing op arrived. */
  current: ConflictSide,
  incoming: ConflictSide,
  createdAt: z.string(),
  resolution: z
    .object({ gseq: z.number().int().positive(), userId: z.string(), at: z.string(), value: JsonValue })
    .nullable(),
});
export type ConflictRecord = z.infer<typeof ConflictRecord>;

/** GET /sync/conflicts?status=open|resolved|all&after=<gseq>&limit=N */
export const ConflictQuery = z.object({
  status: z.enum(['open', 'resolved', 'all']).default('open'),
  after: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(1_000).default(200),
});

export const ConflictList = z.object({
  conflicts: z.array(ConflictRecord),
  /** Pass as `after` for the next page; null on the last one. */
  nextAfter: z.number().int().nullable(),
  serverTime: z.string(),
});
export type ConflictList = z.infer<typeof ConflictList>;

/** PUT /attachments/<sha256>?offset=N&size=TOTAL answers this. */
export const AttachmentStatus = z.object({
  sha256: Sha256Hex,
  size: z.number().int().nonnegative(),
  received: z.number().int().nonnegative(),
  isComplete: z.boolean(),
  serverTime: z.string(),
});
export type AttachmentStatus = z.infer<typeof AttachmentStatus>;

export const HealthResponse = z.object({ version: z.string(), protocol: z.number().int(), serverTime: z.string() });

/**
 * True when `version` is below `minimum`, comparing dotted numeric parts (1.10.0 > 1.9.2);
 * a pre-release or build suffix is ignored. An unreadable version counts as below.
 */
export function isAppVersionBelow(version: string | undefined, minimum: string): boolean {
  const parse = (v: string): number[] | null => {
    const m = /^(\d+)\.(\d+)\.(\d+)/.exec(v.trim());
    return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
  };
  const want = parse(minimum);
  if (!want) return false;
  const have = version === undefined ? null : parse(version);
  if (!have) return true;
  for (let i = 0; i < 3; i++) {
    const a = have[i] ?? 0;
    const b = want[i] ?? 0;
    if (a !== b) return a < b;
  }
  return false;
}
