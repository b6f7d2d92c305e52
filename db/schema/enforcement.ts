import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// 统计执法: the inspector roster, cases, and draws published before they run. Each row keeps its
// synced fields as they stand (JSON: field → value), the one source the screens fold from
// (shared/enforcement/records.ts), so a local write and a pulled change show the same thing.

export const inspectors = sqliteTable('inspectors', {
  id: text('id').primaryKey(),
  /** JSON object: synced field → value ('$create', 'card', 'related.<enterpriseId>'). */
  fields: text('fields').notNull(),
  updatedAt: text('updated_at').notNull(),
});

export const enforcementCases = sqliteTable(
  'enforcement_cases',
  {
    id: text('id').primaryKey(),
    /** No foreign key: a case syncs and may arrive before its enterprise. */
    enterpriseId: text('enterprise_id').notNull(),
    /** Day of 立案 (ISO date): the year lists and counts select on it. */
    filedOn: text('filed_on').notNull(),
    /** JSON object: synced field → value ('$create', 'step.<state>', 'doc.<id>', 'transfer.<target>', 'violations'). */
    fields: text('fields').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('enforcement_cases_enterprise_idx').on(t.enterpriseId)],
);

/** A draw published before it runs ('draw' entity with a published '$create'); once run, its result is also a row of draws/draw_items. */
export const publishedDraws = sqliteTable('published_draws', {
  id: text('id').primaryKey(),
  /** JSON object: synced field → value ('$create', 'run'). */
  fields: text('fields').notNull(),
  publishedAt: text('published_at').notNull(),
});

/**
 * The seed of a draw published here, kept back until the draw runs. Never synced: what the
 * 公示 sheet shows is its SHA-256; the run reveals it.
 */
export const publishedDrawSeeds = sqliteTable('published_draw_seeds', {
  drawId: text('draw_id').primaryKey(),
  seed: text('seed').notNull(),
});
