import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// The server side of sync. `ops` is the log: every op any device pushed, stored once
// per (device, seq), accepted or not, never updated except to record its outcome in the same
// transaction that stores it. `field_state` is the current value of every field, derived from
// the accepted ops; `conflicts` records every same-field race.

export const ops = sqliteTable(
  'ops',
  {
    deviceId: text('device_id').notNull(),
    seq: integer('seq').notNull(),
    /** Global sequence, for accepted ops (applied, won or lost a race); null when rejected. */
    gseq: integer('gseq').unique(),
    hash: text('hash').notNull(),
    prevHash: text('prev_hash').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    field: text('field').notNull(),
    /** JSON. */
    value: text('value').notNull(),
    baseVersion: integer('base_version').notNull(),
    hlc: text('hlc').notNull(),
    userId: text('user_id').notNull(),
    at: text('at').notNull(),
    appVersion: text('app_version').notNull(),
    schemaVersion: text('schema_version').notNull(),
    receivedAt: text('received_at').notNull(),
    /** applied | won | lost | rejected (server/sync/outcomes.ts). */
    outcome: text('outcome').notNull(),
    rejectCode: text('reject_code'),
    rejectMessage: text('reject_message'),
    conflictId: text('conflict_id'),
  },
  (t) => [primaryKey({ columns: [t.deviceId, t.seq] }), index('ops_entity_idx').on(t.entity, t.entityId)],
);

/** Every entity ever created, with the key its scope is decided by (a unit's 普查小区). */
export const entities = sqliteTable(
  'entities',
  {
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    scopeKey: text('scope_key').notNull(),
    /** shared/sync/checksum.ts bucketOf(entityId): stored so verify and snapshot need not hash ids. */
    bucket: text('bucket').notNull(),
    createdGseq: integer('created_gseq').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.entity, t.entityId] }),
    // Scope prefixes (GLOB 'p*') and snapshot pages, which go area by area (read.ts): a laptop
    // writing a page of one area's units touches one stretch of its area-keyed indexes.
    index('entities_scope_idx').on(t.scopeKey, t.entity, t.entityId),
    index('entities_bucket_idx').on(t.bucket),
  ],
);

export const fieldState = sqliteTable(
  'field_state',
  {
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    field: text('field').notNull(),
    /** JSON. */
    value: text('value').notNull(),
    /** gseq of the op that set the value: the field's version. */
    version: integer('version').notNull(),
    deviceId: text('device_id').notNull(),
    userId: text('user_id').notNull(),
    hlc: text('hlc').notNull(),
    at: text('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.entity, t.entityId, t.field] }), index('field_state_version_idx').on(t.version)],
);

export const conflicts = sqliteTable(
  'conflicts',
  {
    id: text('id').primaryKey(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    field: text('field').notNull(),
    scopeKey: text('scope_key').notNull(),
    /** open | resolved */
    status: text('status').notNull(),
    /** current | incoming: the provisional winner. */
    winner: text('winner').notNull(),
    /** gseq of the op whose value was current when the racing op arrived. */
    currentGseq: integer('current_gseq').notNull(),
    incomingGseq: integer('incoming_gseq').notNull().unique(),
    createdAt: text('created_at').notNull(),
    resolvedGseq: integer('resolved_gseq'),
  },
  (t) => [index('conflicts_status_idx').on(t.status, t.scopeKey), index('conflicts_entity_idx').on(t.entity, t.entityId)],
);

/** Files that arrived whole and hashed right; partial uploads live only on disk. */
export const attachments = sqliteTable('attachments', {
  sha256: text('sha256').primaryKey(),
  size: integer('size').notNull(),
  uploadedBy: text('uploaded_by').notNull(),
  completedAt: text('completed_at').notNull(),
});

/**
 * A laptop's request for a new chain branch after its op chain parted from the server's
 * (shared/sync/fork.ts): asked by the laptop, approved or declined by the bureau
 * (`census admin forks` / `approve-fork` / `decline-fork`), completed when the laptop takes
 * tokens for the new device (POST /auth/branch). Kept for the record, never deleted.
 */
export const forkRequests = sqliteTable(
  'fork_requests',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    /** The device whose chain parted. */
    deviceId: text('device_id').notNull(),
    /** The device id the laptop generated for the branch. */
    newDeviceId: text('new_device_id').notNull().unique(),
    /** The laptop's first seq the server holds differently. */
    forkSeq: integer('fork_seq').notNull(),
    /** The laptop's ops the server does not hold, as it counted them. */
    pending: integer('pending').notNull(),
    /** The server's newest seq of the device when asked. */
    serverSeq: integer('server_seq').notNull(),
    requestedAt: text('requested_at').notNull(),
    /** pending | approved | declined | completed */
    status: text('status').notNull(),
    /** The bureau user who approved or declined. */
    decidedBy: text('decided_by'),
    decidedAt: text('decided_at'),
    completedAt: text('completed_at'),
  },
  (t) => [index('fork_requests_device_idx').on(t.deviceId, t.status)],
);

/**
 * Which entity references which attachment, recorded when an op naming it is accepted (an
 * enterprise's evidence.<id> field, also inside a '$create'), never removed: whoever may see
 * the entity may read the file (its current scope decides, as for the entity's fields).
 */
export const attachmentRefs = sqliteTable(
  'attachment_refs',
  {
    sha256: text('sha256').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sha256, t.entity, t.entityId] })],
);
