import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The interference register (领导干部干预统计工作记录, shared/interference/entry.ts): one row per
 * entry, written once. Append-only: triggers in migration 0026_interference_append_only.sql
 * refuse every UPDATE and DELETE, whoever issues it. A correction is a new row naming the one it
 * corrects (`corrects`, no foreign key: the corrected entry may arrive by sync after it).
 */
export const interferenceEntries = sqliteTable(
  'interference_entries',
  {
    id: text('id').primaryKey(),
    /** The county (6 digits): the entry's scope key on the server. */
    areaCode: text('area_code').notNull(),
    actorName: text('actor_name').notNull(),
    actorPost: text('actor_post').notNull(),
    actorUnit: text('actor_unit').notNull(),
    /** ISO date the attempt was made. */
    occurredOn: text('occurred_on').notNull(),
    manner: text('manner').notNull(),
    indicator: text('indicator').notNull(),
    period: text('period').notNull(),
    subject: text('subject').notNull(),
    request: text('request').notNull(),
    response: text('response').notNull(),
    reportedTo: text('reported_to').notNull(),
    responseNote: text('response_note').notNull(),
    corrects: text('corrects'),
    correctionReason: text('correction_reason').notNull(),
    recordedAt: text('recorded_at').notNull(),
    recordedById: text('recorded_by_id').notNull(),
    recordedByName: text('recorded_by_name').notNull(),
  },
  (t) => [index('interference_entries_occurred_idx').on(t.occurredOn)],
);
