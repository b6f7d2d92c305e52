import { bigint, customType, index, integer, pgSequence, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

// The server's schema on PostgreSQL: the same tables as the embedded store (server/db/schema),
// plus what several processes need to share (gseq_claims, login_failures, entity_moves). The op
// log itself (`ops`) is partitioned by its number, which drizzle-kit cannot declare: it is
// created by the hand-written migration 0001_op_log.sql. Keys compare and sort byte-wise
// (COLLATE "C") whatever the database's locale, as they do on SQLite: scope prefixes are matched
// with LIKE 'p%' over ordinary B-tree indexes and snapshot pages are ordered by them.

const key = customType<{ data: string; driverData: string }>({ dataType: () => 'text COLLATE "C"' });
const epochMs = (name: string) => bigint(name, { mode: 'number' });

/** Global order of accepted ops (gseq) and the number of every stored op. CACHE 1: one order for every process. */
export const gseqSeq = pgSequence('gseq_seq', { startWith: 1, cache: 1 });

export const users = pgTable('users', {
  id: key('id').primaryKey(),
  username: text('username').notNull().unique(),
  name: text('name').notNull(),
  role: text('role').notNull(),
  passwordHash: text('password_hash').notNull(),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});

export const assignments = pgTable(
  'assignments',
  {
    userId: key('user_id')
      .notNull()
      .references(() => users.id),
    areaPrefix: key('area_prefix').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.areaPrefix] })],
);

export const devices = pgTable(
  'devices',
  {
    id: key('id').primaryKey(),
    userId: key('user_id')
      .notNull()
      .references(() => users.id),
    name: text('name').notNull(),
    appVersion: text('app_version').notNull().default(''),
    createdAt: text('created_at').notNull(),
    lastSeenAt: text('last_seen_at').notNull(),
    revokedAt: text('revoked_at'),
  },
  (t) => [index('devices_user_idx').on(t.userId)],
);

export const accessTokens = pgTable(
  'access_tokens',
  {
    tokenHash: key('token_hash').primaryKey(),
    deviceId: key('device_id')
      .notNull()
      .references(() => devices.id),
    userId: key('user_id')
      .notNull()
      .references(() => users.id),
    expiresAt: epochMs('expires_at').notNull(),
  },
  (t) => [index('access_tokens_expiry_idx').on(t.expiresAt), index('access_tokens_device_idx').on(t.deviceId)],
);

export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    tokenHash: key('token_hash').primaryKey(),
    deviceId: key('device_id')
      .notNull()
      .references(() => devices.id),
    issuedAt: epochMs('issued_at').notNull(),
    usedAt: epochMs('used_at'),
    successorHash: key('successor_hash'),
    endedAt: epochMs('ended_at'),
    endReason: text('end_reason'),
  },
  (t) => [index('refresh_tokens_device_idx').on(t.deviceId)],
);

/**
 * Failed logins, so that the budgets (server/auth/rate-limit.ts) hold across every process: 5
 * failures on one and 1 on another are 6. Rows older than the longest window are pruned.
 */
export const loginFailures = pgTable(
  'login_failures',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** The budget's key: 'u:<username>\0<address>', 'a:<address>' or 'all'. */
    budget: key('budget').notNull(),
    at: epochMs('at').notNull(),
  },
  (t) => [index('login_failures_budget_idx').on(t.budget, t.at)],
);

/** Every entity ever created, with the key its scope is decided by (a unit's 普查小区). */
export const entities = pgTable(
  'entities',
  {
    entity: key('entity').notNull(),
    entityId: key('entity_id').notNull(),
    scopeKey: key('scope_key').notNull(),
    bucket: key('bucket').notNull(),
    /** 0 while a push holds the row as a placeholder (never committed so). */
    createdGseq: bigint('created_gseq', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.entity, t.entityId] }),
    index('entities_scope_idx').on(t.scopeKey, t.entity, t.entityId),
    index('entities_bucket_idx').on(t.bucket, t.scopeKey),
  ],
);

/**
 * Moves of an entity from one scope key to another (its area changed), by gseq: a verify cache
 * in any process learns from it which buckets of the old area's scopes changed.
 */
export const entityMoves = pgTable(
  'entity_moves',
  {
    gseq: bigint('gseq', { mode: 'number' }).primaryKey(),
    entity: key('entity').notNull(),
    entityId: key('entity_id').notNull(),
    fromKey: key('from_key').notNull(),
    toKey: key('to_key').notNull(),
    bucket: key('bucket').notNull(),
  },
);

export const fieldState = pgTable(
  'field_state',
  {
    entity: key('entity').notNull(),
    entityId: key('entity_id').notNull(),
    field: key('field').notNull(),
    value: text('value').notNull(),
    version: bigint('version', { mode: 'number' }).notNull(),
    deviceId: key('device_id').notNull(),
    userId: key('user_id').notNull(),
    hlc: key('hlc').notNull(),
    at: text('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.entity, t.entityId, t.field] }), index('field_state_version_idx').on(t.version)],
);

export const conflicts = pgTable(
  'conflicts',
  {
    id: key('id').primaryKey(),
    entity: key('entity').notNull(),
    entityId: key('entity_id').notNull(),
    field: key('field').notNull(),
    scopeKey: key('scope_key').notNull(),
    status: text('status').notNull(),
    winner: text('winner').notNull(),
    currentGseq: bigint('current_gseq', { mode: 'number' }).notNull(),
    incomingGseq: bigint('incoming_gseq', { mode: 'number' }).notNull().unique(),
    createdAt: text('created_at').notNull(),
    resolvedGseq: bigint('resolved_gseq', { mode: 'number' }),
  },
  (t) => [index('conflicts_status_idx').on(t.status, t.scopeKey), index('conflicts_entity_idx').on(t.entity, t.entityId)],
);

export const attachments = pgTable('attachments', {
  sha256: key('sha256').primaryKey(),
  size: bigint('size', { mode: 'number' }).notNull(),
  uploadedBy: key('uploaded_by').notNull(),
  completedAt: text('completed_at').notNull(),
});

export const forkRequests = pgTable(
  'fork_requests',
  {
    id: key('id').primaryKey(),
    userId: key('user_id').notNull(),
    deviceId: key('device_id').notNull(),
    newDeviceId: key('new_device_id').notNull().unique(),
    forkSeq: integer('fork_seq').notNull(),
    pending: integer('pending').notNull(),
    serverSeq: integer('server_seq').notNull(),
    requestedAt: text('requested_at').notNull(),
    status: text('status').notNull(),
    decidedBy: text('decided_by'),
    decidedAt: text('decided_at'),
    completedAt: text('completed_at'),
  },
  (t) => [index('fork_requests_device_idx').on(t.deviceId, t.status)],
);

export const attachmentRefs = pgTable(
  'attachment_refs',
  {
    sha256: key('sha256').notNull(),
    entity: key('entity').notNull(),
    entityId: key('entity_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sha256, t.entity, t.entityId] })],
);

export const formPacks = pgTable(
  'form_packs',
  {
    ref: key('ref').primaryKey(),
    packId: text('pack_id').notNull(),
    version: text('version').notNull(),
    hash: text('hash').notNull(),
    body: text('body').notNull(),
    publishedBy: text('published_by').notNull(),
    publishedAt: text('published_at').notNull(),
    currentSince: text('current_since').notNull(),
    currentSeq: integer('current_seq').notNull(),
  },
  (t) => [index('form_packs_current_idx').on(t.currentSeq)],
);
