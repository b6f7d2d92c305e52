import { index, real, sqliteTable, text, integer } from 'drizzle-orm/sqlite-core';

// 企业包保 (shared/liaison/sync-fields.ts) and training sessions (shared/training/training.ts).
// The current 包保责任人 is enterprises.liaison; these tables keep who followed each enterprise
// from when, and the contacts logged. No foreign keys to enterprises: rows arrive by sync with
// their enterprise's fields and go with it (directory/sync-adapter.ts drop).

/** One assignment of an enterprise to an official, from a day on; never edited. */
export const liaisonAssignments = sqliteTable(
  'liaison_assignments',
  {
    id: text('id').primaryKey(),
    enterpriseId: text('enterprise_id').notNull(),
    official: text('official').notNull(),
    department: text('department').notNull().default(''),
    since: text('since').notNull(),
    by: text('by').notNull(),
    byUserId: text('by_user_id'),
    at: text('at').notNull(),
  },
  (t) => [index('liaison_assignments_enterprise_idx').on(t.enterpriseId, t.since)],
);

/** One contact with an enterprise; a correction rewrites the row and keeps the earlier wording in `previous`. */
export const liaisonVisits = sqliteTable(
  'liaison_visits',
  {
    id: text('id').primaryKey(),
    enterpriseId: text('enterprise_id').notNull(),
    date: text('date').notNull(),
    form: text('form').notNull(),
    discussed: text('discussed').notNull(),
    nextStep: text('next_step').notNull().default(''),
    nextDue: text('next_due'),
    by: text('by').notNull(),
    byUserId: text('by_user_id'),
    at: text('at').notNull(),
    /** JSON array of earlier wordings, oldest first. */
    previous: text('previous').notNull().default('[]'),
  },
  (t) => [index('liaison_visits_enterprise_idx').on(t.enterpriseId, t.date), index('liaison_visits_date_idx').on(t.date)],
);

/** A training session (the 'training' sync entity), as its fields last read. */
export const trainingSessions = sqliteTable(
  'training_sessions',
  {
    id: text('id').primaryKey(),
    /** The county's 6 digits or a township's 9: the sync scope key. */
    areaCode: text('area_code').notNull(),
    date: text('date').notNull(),
    topic: text('topic').notNull(),
    audience: text('audience').notNull(),
    trainer: text('trainer').notNull(),
    attendeeCount: integer('attendee_count').notNull(),
    /** JSON array of { name, enterprise }. */
    attendees: text('attendees').notNull().default('[]'),
    hours: real('hours').notNull(),
    notes: text('notes').notNull().default(''),
    /** JSON { reason, by, at } or null. */
    cancelled: text('cancelled'),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('training_sessions_date_idx').on(t.date)],
);
