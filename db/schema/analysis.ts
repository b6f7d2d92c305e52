import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// The monthly/quarterly economic analysis (shared/analysis). Two kinds of table:
//  - analysis_rollup: derived, never synced, never typed. The ledger's headline indicators
//    (shared/analysis/headlines.ts) summed per group of enterprises — township (first 9 digits
//    of division_code), 2-digit industry division, 专业 and scale — per year and month, with the
//    counts that say which enterprises' months a total leaves out. electron/main/analysis/
//    rollup.ts is its only writer: for the enterprises that triggers on ledger_months and
//    enterprises list in analysis_dirty (hand-written migration "analysis_triggers") it takes
//    their old part (analysis_parts) out of the rollup and adds their new one, so no write path —
//    ledger edits, import, sync, a move to another township, industry or scale — leaves it
//    stale. Grouping 2.4 M ledger rows per request took seconds.
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
    /**
     * The group's Cells (shared/analysis/figures.ts) as JSON: per month the sum and count of the
     * values entered, the sum and count of each enterprise's own 1–m YTD (flow, stock or average),
     * the enterprises whose YTD leaves a month out; and the enterprises with any value in the year.
     */
    cells: text('cells').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.year, t.township, t.division, t.profession, t.scale, t.indicator] }),
  ],
);

/**
 * Each enterprise's part in the rollup as last added: its group then (township, division, 专业,
 * scale) and its twelve months of one headline indicator (JSON array, null = not entered). On a
 * change the rollup takes this part back out of that group and adds the enterprise's new part to
 * its group now, so a moved enterprise leaves its old township, industry or scale exactly.
 */
export const analysisParts = sqliteTable(
  'analysis_parts',
  {
    enterpriseId: text('enterprise_id').notNull(),
    year: integer('year').notNull(),
    indicator: text('indicator').notNull(),
    township: text('township').notNull(),
    division: text('division').notNull(),
    profession: text('profession').notNull(),
    scale: text('scale').notNull(),
    series: text('series').notNull(),
  },
  (t) => [primaryKey({ columns: [t.enterpriseId, t.year, t.indicator] })],
);

/** Enterprises whose part in the rollup must be recomputed (marked by triggers). */
export const analysisDirty = sqliteTable('analysis_dirty', {
  enterpriseId: text('enterprise_id').primaryKey(),
});

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

/** The analysis rollup's own bookkeeping: 'headlines' = the headline table version its parts were made with. */
export const analysisMeta = sqliteTable('analysis_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});
