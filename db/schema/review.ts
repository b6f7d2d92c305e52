import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// Review events, indexed. The events themselves are synced unit fields
// ('review.e-<id>', shared/review/review.ts) and live where every synced field lives: the server's
// state in sync_base, this laptop's unsent ones in sync_outbox. This table is a derived index
// of them, so queues, the trend and the "reopened" flag are queries rather than a parse of
// every unit's fields. Triggers on sync_base and sync_outbox name the units to re-read in
// review_dirty (migration 'review_triggers'), so no write path (services, pull, snapshot,
// verify repair, scope removal) can leave the index stale; electron/main/review/queries.ts re-reads them.

export const reviewEvents = sqliteTable(
  'review_events',
  {
    unitId: text('unit_id').notNull(),
    /** 'e-…' (the field name without 'review.'). */
    eventId: text('event_id').notNull(),
    kind: text('kind').notNull(),
    /** The author's ISO time. */
    at: text('at').notNull(),
    byName: text('by_name').notNull(),
    byRole: text('by_role').notNull(),
    /** The event value as synced (JSON, a ReviewEventValue). */
    value: text('value').notNull(),
    /** Still in this laptop's outbox, not yet on the server. */
    isPending: integer('is_pending', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.eventId] }), index('review_events_kind_at_idx').on(t.kind, t.at)],
);

/** Units whose review events must be re-read into review_events (filled by triggers). */
export const reviewDirty = sqliteTable('review_dirty', {
  unitId: text('unit_id').primaryKey(),
});
