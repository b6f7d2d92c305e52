import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// A census unit (法人 / 产业活动单位 / 个体户) and its registration answers. The answers live
// in one JSON document keyed by form item code, because the forms are data (shared/forms)
// and change between census rounds; the columns beside it are copies kept for listing,
// searching and scoping.
export const units = sqliteTable(
  'units',
  {
    id: text('id').primaryKey(),
    /** 普查小区代码: 12-digit 普查区 + 3-digit sequence. */
    areaCode: text('area_code').notNull(),
    kind: text('kind').notNull(),
    status: text('status').notNull().default('not_started'),
    name: text('name').notNull().default(''),
    uscc: text('uscc').notNull().default(''),
    address: text('address').notNull().default(''),
    industryCode: text('industry_code').notNull().default(''),
    /** name + USCC + address + pinyin initials, lower-cased, for instant search. */
    searchText: text('search_text').notNull().default(''),
    data: text('data').notNull().default('{}'),
    /** ruleId → the enumerator's written explanation of a 核实性 finding. */
    explanations: text('explanations').notNull().default('{}'),
    notFoundReason: text('not_found_reason'),
    /** 非普查对象: why the unit is not in census scope (its status is out_of_scope); null otherwise. */
    outOfScopeReason: text('out_of_scope_reason'),
    /** 'frame' (listing frame 底册) or 'field' (added on site). */
    source: text('source').notNull(),
    /** The listing-frame row as imported, kept so corrections keep their basis. */
    frameRow: text('frame_row'),
    /** The form pack the answers were filled under ('wjp5-2023@2023.1'); null = the built-in
     * pack of before packs were versioned. A draft moves to the pack in force when opened. */
    formPack: text('form_pack'),
    /** Findings of the last authoritative rule run (save/submit/import), so the list shows them
     * without re-running the rules for every row. */
    findingsMandatory: integer('findings_mandatory').notNull().default(0),
    findingsVerify: integer('findings_verify').notNull().default(0),
    findingsHint: integer('findings_hint').notNull().default(0),
    version: integer('version').notNull().default(1),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    deletedAt: text('deleted_at'),
  },
  (t) => [
    // Counts by status alone (review stages, the overview's awaiting review) seek here; without
    // it they scan units_list_idx, a few times slower once cached. The single-column area and
    // USCC indexes of 0000 went in 0014: every read by area states deleted_at IS NULL and is
    // served by the partial indexes below, no query reads units by USCC alone (duplicates use
    // units_uscc_area_idx), and each cost every unit a fresh pull writes another B-tree.
    index('units_status_idx').on(t.status),
    // The unit list reads only these columns: a covering index keeps it off the table
    // rows, whose form documents run to kilobytes and would all be decrypted by a scan
    // (10,000 units: ~120 ms scanning the table, ~2 ms scanning this index).
    index('units_list_idx')
      .on(
        t.areaCode,
        t.name,
        t.id,
        t.kind,
        t.status,
        t.uscc,
        t.address,
        t.industryCode,
        t.searchText,
        t.updatedAt,
        t.findingsMandatory,
        t.findingsVerify,
        t.findingsHint,
        // Always null here, but listing it makes the index covering for queries that name
        // deleted_at: without it SQLite reads every table row to check the filter.
        t.deletedAt,
      )
      .where(sql`${t.deletedAt} IS NULL`),
    // Counts per 普查小区 and status (sidebar, review stages) and progress: frame and
    // field-added units per 普查小区 and status, from the index alone (source sits after the
    // form document in the row: reading it costs the whole row). One index serves both: a
    // second one on (area_code, status) only cost every sync write another B-tree (0013).
    index('units_progress_idx').on(t.areaCode, t.status, t.source).where(sql`${t.deletedAt} IS NULL`),
    // Duplicate-USCC flag: same USCC within a 普查区 (the area code's first 12 digits).
    index('units_uscc_area_idx')
      .on(t.uscc, t.areaCode, t.id)
      .where(sql`${t.deletedAt} IS NULL AND ${t.uscc} <> ''`),
    // Which form packs units name, after every sync (forms/receive.ts): from the index, not a
    // read of every row with its form document (a scan of 500 MB at 100,000 units). Few
    // distinct values, so a pull's inserts land on a handful of its pages.
    index('units_form_pack_idx').on(t.formPack).where(sql`${t.formPack} IS NOT NULL`),
  ],
);

// Who changed what, when, on which device and why (修改依据和痕迹). Written in the same
// transaction as the change it describes; never updated or deleted.
export const unitChanges = sqliteTable(
  'unit_changes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    unitId: text('unit_id')
      .notNull()
      .references(() => units.id),
    at: text('at').notNull(),
    userName: text('user_name').notNull(),
    deviceName: text('device_name').notNull(),
    action: text('action').notNull(),
    /** JSON array of { path, from, to }: paths like '611.revenue', '611-1.establishments.0.estName'. */
    changes: text('changes').notNull(),
    reason: text('reason'),
  },
  (t) => [index('unit_changes_unit_idx').on(t.unitId, t.at)],
);
