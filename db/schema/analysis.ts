import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// The monthly/quarterly economic analysis (shared/analysis). Two kinds of table:
//  - analysis_rollup: derived, never synced, never typed. The ledger's headline indicators
//    (shared/analysis/headlines.ts) summed per group of enterprises — township (first 9 digits
//    of division_code), 2-digit industry division, 专业 and scale — per year and month, with the
//    counts that say which enterprises' months a total leaves out. electron/main/analysis/
//    rollup.ts is its only writer: it recomputes the groups that triggers on ledger_months and
//    enterprises list in analysis_rollup_dirty (hand-written migration "analysis_rollup_triggers"),
//    so no write path — ledger edits, import, sync, a move to another township, industry or
//    scale — leaves it stale. Grouping 2.4 M ledger rows per request took seconds.
//  - analysis_targets: the bureau's yearly growth targets (synced entity 'analysisTarget').

export const analysisRollup = sqliteTable(
  'analysis_rollup',
  {
    year: integer('year').notNull(),
    township: text('township').notNull(),
    division: text('division').notNull(),
    profession: text('profession').notNull(),
    scale: text('scale').notNull(),
    indicator: text('indicator').notNull(),
    month: integer('month').notNull(),
    /** Σ of the month's values over the group's enterprises that entered one. */
    monthSum: integer('month_sum').notNull(),
    /** Enterprises with a value in the month. */
    monthCount: integer('month_count').notNull(),
    /** Σ of each enterprise's own 1–m YTD (shared/ledger/arithmetic.ts ytd: flow, stock or average). */
    ytdSum: integer('ytd_sum').notNull(),
    /** Enterprises whose 1–m YTD has a value. */
    ytdCount: integer('ytd_count').notNull(),
    /** Enterprises whose 1–m YTD leaves a month out. */
    incomplete: integer('incomplete').notNull(),
    /** Enterprises with any value of the indicator in the year: those expected every month. */
    reporters: integer('reporters').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.year, t.township, t.division, t.profession, t.scale, t.indicator, t.month] }),
  ],
);

/** Groups (year, township, division, scale) whose rollup rows must be recomputed. */
export const analysisRollupDirty = sqliteTable(
  'analysis_rollup_dirty',
  {
    year: integer('year').notNull(),
    township: text('township').notNull(),
    division: text('division').notNull(),
    scale: text('scale').notNull(),
  },
  (t) => [primaryKey({ columns: [t.year, t.township, t.division, t.scale] })],
);

/**
 * A yearly growth target 目标增速 for one indicator of one 专业, for a township (its 9 digits)
 * or the whole district (the county's 6 digits): the areaCode is also the sync scope, so a
 * township's staff receive their township's targets and the bureau all of them.
 */
export const analysisTargets = sqliteTable(
  'analysis_targets',
  {
    id: text('id').primaryKey(),
    areaCode: text('area_code').notNull(),
    year: integer('year').notNull(),
    profession: text('profession').notNull(),
    indicator: text('indicator').notNull(),
    /** Target growth in tenths of a percent (8.5 % = 85); null: cleared. */
    targetTenths: integer('target_tenths'),
    note: text('note').notNull().default(''),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull(),
    updatedBy: text('updated_by').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('analysis_targets_year_idx').on(t.year, t.areaCode)],
);
