import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

// The client side of sync. The outbox is written in the same transaction as the
// change it records; the base table is the server's state as this store last saw it (values
// and per-field versions), which is what pending local edits sit on top of.

/** Key → JSON value: device id, op chain head, HLC, pull cursor, tokens, scope. */
export const syncState = sqliteTable('sync_state', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/**
 * Field-level operations of this device, in sequence order. 'pending' until the server acks
 * them; 'acked' until a complete pull has shown the server's resulting value, then deleted.
 * `op` is the signed operation exactly as pushed (canonical JSON, hash included).
 */
export const syncOutbox = sqliteTable(
  'sync_outbox',
  {
    seq: integer('seq').primaryKey(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    field: text('field').notNull(),
    /** 普查小区 of the entity when recorded: an area is dropped only once none of its ops wait. */
    areaCode: text('area_code').notNull(),
    status: text('status').notNull().default('pending'),
    op: text('op').notNull(),
    ackedAt: text('acked_at'),
  },
  (t) => [index('sync_outbox_field_idx').on(t.entity, t.entityId, t.field), index('sync_outbox_area_idx').on(t.areaCode)],
);

/**
 * The server's value and version of every field of every entity in scope, one JSON document
 * per entity ({ field: [version, value] }): 10,000 rows for 10,000 units rather than a row per
 * field keeps a fresh pull within its time budget. Base versions for outgoing ops come from here.
 * Since migration 0013 the document is stored as SQLite jsonb (rows of ~2 KB: two now fit an
 * encrypted page): write it with jsonb(?), read it with json(fields).
 */
export const syncBase = sqliteTable(
  'sync_base',
  {
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    areaCode: text('area_code').notNull(),
    fields: text('fields').notNull(),
  },
  // No index on area_code (dropped in 0014): no statement reads the base by area (dropping an
  // area scans it once, rarely), and a fresh pull writes a row per unit.
  (t) => [primaryKey({ columns: [t.entity, t.entityId] })],
);

/**
 * Refusals as stored before chain branches existed (keyed by seq alone). No longer written:
 * migration 0016 copied its rows to sync_refused, which the app reads.
 */
export const syncRejected = sqliteTable('sync_rejected', {
  seq: integer('seq').primaryKey(),
  entity: text('entity').notNull(),
  entityId: text('entity_id').notNull(),
  field: text('field').notNull(),
  value: text('value').notNull(),
  code: text('code').notNull(),
  message: text('message').notNull(),
  rejectedAt: text('rejected_at').notNull(),
  op: text('op').notNull(),
});

/**
 * Operations the server stored but refused, with its reason; shown to the user, never pushed
 * again as they are. A refusal whose cause may pass (an area taken away and given back, a
 * clock put right) can be recorded again as a new op (electron/main/sync/refused.ts): `state`
 * then says 'retried'; edits of a unit whose creation was refused are 'covered' by that
 * creation's retry. Keyed by its own id: seqs start again from 1 on a new chain branch.
 */
export const syncRefused = sqliteTable(
  'sync_refused',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The chain (device id) the op was signed on. */
    deviceId: text('device_id').notNull(),
    seq: integer('seq').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    field: text('field').notNull(),
    value: text('value').notNull(),
    code: text('code').notNull(),
    message: text('message').notNull(),
    rejectedAt: text('rejected_at').notNull(),
    op: text('op').notNull(),
    /** The entity's area when the op was recorded. */
    areaCode: text('area_code').notNull().default(''),
    /** open | retried | covered */
    state: text('state').notNull().default('open'),
    /** When it was retried or covered. */
    settledAt: text('settled_at'),
  },
  (t) => [
    uniqueIndex('sync_refused_chain_idx').on(t.deviceId, t.seq),
    index('sync_refused_entity_idx').on(t.entity, t.entityId),
  ],
);

/**
 * Changes to an entity whose creation the server refused, held back instead of being pushed
 * into UNKNOWN_ENTITY: they are not in the op chain, and go up inside the fresh '$create'
 * that retries the creation (electron/main/sync/refused.ts), which removes them.
 */
export const syncHeld = sqliteTable(
  'sync_held',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    field: text('field').notNull(),
    /** JSON. */
    value: text('value').notNull(),
    areaCode: text('area_code').notNull(),
    at: text('at').notNull(),
  },
  (t) => [index('sync_held_entity_idx').on(t.entity, t.entityId)],
);

/**
 * Open conflicts the server lets this user see (GET /sync/conflicts), replaced after each sync:
 * the record (both values, authors, times) as the server sent it.
 */
export const syncConflicts = sqliteTable('sync_conflicts', {
  conflictId: text('conflict_id').primaryKey(),
  entityId: text('entity_id').notNull(),
  field: text('field').notNull(),
  record: text('record').notNull(),
  /** This device's own op took part in the race. */
  isOwn: integer('is_own', { mode: 'boolean' }).notNull().default(false),
});

/** One row per sync run, newest last; the sync page shows the recent ones. */
export const syncLog = sqliteTable('sync_log', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  startedAt: text('started_at').notNull(),
  finishedAt: text('finished_at').notNull(),
  trigger: text('trigger').notNull(),
  outcome: text('outcome').notNull(),
  errorCode: text('error_code'),
  message: text('message'),
  pushed: integer('pushed').notNull().default(0),
  pulled: integer('pulled').notNull().default(0),
  rejected: integer('rejected').notNull().default(0),
  conflicts: integer('conflicts').notNull().default(0),
  bytesUp: integer('bytes_up').notNull().default(0),
  bytesDown: integer('bytes_down').notNull().default(0),
});

/** Files kept by SHA-256 under <userData>/attachments, uploaded separately from the ops. */
export const syncAttachments = sqliteTable('sync_attachments', {
  sha256: text('sha256').primaryKey(),
  size: integer('size').notNull(),
  mime: text('mime').notNull(),
  /** 'pending' until the server holds every byte, then 'uploaded'. */
  status: text('status').notNull().default('pending'),
  createdAt: text('created_at').notNull(),
  uploadedAt: text('uploaded_at'),
});
