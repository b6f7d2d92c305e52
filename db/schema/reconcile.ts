import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// 快报衔接: the annual/快报 figures a bureau imports to join the census up with (shared/reconcile).
// Bureau-local, never synced (electron/main/reconcile/service.ts says why). A re-import of a year
// replaces that year's units and totals in one transaction; every import stays in
// annual_imports (who, when, which file), and the explanations of gaps are keyed by group, not
// by dataset row, so they survive a re-import.

/** One import of a year's figures: the dataset now in force is the year's newest row. */
export const annualImports = sqliteTable(
  'annual_imports',
  {
    id: text('id').primaryKey(),
    year: integer('year').notNull(),
    fileName: text('file_name').notNull(),
    unitCount: integer('unit_count').notNull(),
    /** Whether the file carried a totals sheet (else the totals are the unit rows' sums). */
    totalsCount: integer('totals_count').notNull(),
    /** The import this one replaced (null: the year's first). */
    replaces: text('replaces'),
    by: text('by').notNull(),
    byUserId: text('by_user_id'),
    at: text('at').notNull(),
  },
  (t) => [index('annual_imports_year_idx').on(t.year, t.at)],
);

/** One unit of the year's 快报 as imported. Money in 千元, staff in persons (integers). */
export const annualUnits = sqliteTable(
  'annual_units',
  {
    year: integer('year').notNull(),
    rowNo: integer('row_no').notNull(),
    /** 18 characters, or '' when the row gives only an org code. */
    uscc: text('uscc').notNull(),
    /** 9 characters: the row's own, or positions 9–17 of its USCC. */
    orgCode: text('org_code').notNull(),
    name: text('name').notNull(),
    /** shared/ledger/indicator-sets.ts ProfessionId. */
    profession: text('profession').notNull(),
    industryCode: text('industry_code').notNull(),
    /** 9-digit township code (from a 9- or 12-digit division code). */
    township: text('township').notNull(),
    revenue: integer('revenue'),
    employees: integer('employees'),
  },
  (t) => [
    primaryKey({ columns: [t.year, t.rowNo] }),
    index('annual_units_uscc_idx').on(t.uscc, t.year),
    index('annual_units_org_idx').on(t.orgCode, t.year),
  ],
);

/** A total as the file states it (the 快报's published figure, not a sum of its rows). */
export const annualTotals = sqliteTable(
  'annual_totals',
  {
    year: integer('year').notNull(),
    /** 'profession' | 'industry' (2-digit division) | 'township' (9 digits). */
    dimension: text('dimension').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    units: integer('units'),
    revenue: integer('revenue'),
    employees: integer('employees'),
  },
  (t) => [primaryKey({ columns: [t.year, t.dimension, t.code] })],
);

/** The explanation of one gap row; edits keep the earlier wordings in `previous`. */
export const reconcileNotes = sqliteTable(
  'reconcile_notes',
  {
    year: integer('year').notNull(),
    dimension: text('dimension').notNull(),
    code: text('code').notNull(),
    text: text('text').notNull(),
    by: text('by').notNull(),
    byUserId: text('by_user_id'),
    at: text('at').notNull(),
    /** JSON array of { text, by, at }, oldest first. */
    previous: text('previous').notNull().default('[]'),
  },
  (t) => [primaryKey({ columns: [t.year, t.dimension, t.code] })],
);
