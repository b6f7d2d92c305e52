import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

// The district's enterprise directory 辖区企业库 (issue 5). Identity columns are what the user
// edits (shared/directory.ts EnterpriseFields); the flag columns are derived from the ledger and
// the thresholds and rewritten by the flag recomputation, never typed; `stage` is a copy of the
// 入规纳统 follow-up stage kept here so the list can filter on it without a join.
export const enterprises = sqliteTable(
  'enterprises',
  {
    id: text('id').primaryKey(),
    uscc: text('uscc').notNull(),
    name: text('name').notNull(),
    address: text('address').notNull().default(''),
    /** 12-digit 统计用区划代码; its first 9 digits are the township. The sync scope key. */
    divisionCode: text('division_code').notNull().default(''),
    industryCode: text('industry_code').notNull().default(''),
    registrationCategory: text('registration_category').notNull().default(''),
    institutionType: text('institution_type').notNull().default(''),
    /** 'above' (规上) or 'below' (规下). */
    scale: text('scale').notNull().default('below'),
    isOnlineReporter: integer('is_online_reporter', { mode: 'boolean' }).notNull().default(false),
    /** 包保责任人. */
    liaison: text('liaison').notNull().default(''),
    legalRepresentative: text('legal_representative').notNull().default(''),
    phone: text('phone').notNull().default(''),
    hasQualification: integer('has_qualification', { mode: 'boolean' }).notNull().default(false),
    status: text('status').notNull().default('active'),
    statusNote: text('status_note').notNull().default(''),
    /** name + USCC + address + pinyin initials of the name, lower-cased, for instant search. */
    searchText: text('search_text').notNull().default(''),
    stage: text('stage'),
    isNearThreshold: integer('is_near_threshold', { mode: 'boolean' }).notNull().default(false),
    isGrowth: integer('is_growth', { mode: 'boolean' }).notNull().default(false),
    isBelowThreshold: integer('is_below_threshold', { mode: 'boolean' }).notNull().default(false),
    /** 'YYYY-MM' of the ledger month the flags rest on. */
    flagsAsOf: text('flags_as_of'),
    /** 营业收入 1–asOf month, 千元, and the same months of the year before (null: none entered). */
    ytdRevenue: integer('ytd_revenue'),
    lastYtdRevenue: integer('last_ytd_revenue'),
    version: integer('version').notNull().default(1),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    deletedAt: text('deleted_at'),
  },
  (t) => [
    index('enterprises_uscc_idx').on(t.uscc),
    index('enterprises_division_idx').on(t.divisionCode),
    // One live enterprise per USCC: import upserts by it.
    uniqueIndex('enterprises_uscc_live_idx').on(t.uscc).where(sql`${t.deletedAt} IS NULL`),
    index('enterprises_name_idx').on(t.name, t.id),
    index('enterprises_industry_idx').on(t.industryCode),
    index('enterprises_liaison_idx').on(t.liaison),
    index('enterprises_stage_idx').on(t.stage).where(sql`${t.stage} IS NOT NULL`),
    index('enterprises_flags_idx').on(t.isNearThreshold, t.isGrowth),
  ],
);
