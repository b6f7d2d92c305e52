import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

// The district's enterprise directory 辖区企业库. Identity columns are what the user
// edits (shared/directory/directory.ts EnterpriseFields); `stage` is a copy of the 入规纳统 follow-up
// stage kept here so lists can filter on it without a join. The flags derived from the ledger
// live in enterprise_flags (directory.ts), a narrow table: recomputing them for 100,000
// enterprises then rewrites a few megabytes, not the pages of this wide table.
export const enterprises = sqliteTable(
  'enterprises',
  {
    id: text('id').primaryKey(),
    /** 统一社会信用代码, or '' for an enterprise known by its 组织机构代码 alone. */
    uscc: text('uscc').notNull(),
    /** 组织机构代码 as entered (9 characters), or ''; an enterprise has a USCC, this, or both. */
    orgCode: text('org_code').notNull().default(''),
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
    version: integer('version').notNull().default(1),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    deletedAt: text('deleted_at'),
  },
  (t) => [
    index('enterprises_uscc_idx').on(t.uscc),
    index('enterprises_division_idx').on(t.divisionCode),
    // One live enterprise per USCC: import upserts by it. Enterprises without one (uscc '') are
    // kept apart by their 组织机构代码, checked in main (directory/queries.ts liveByOrgCode): it
    // may also be the org code inside another's USCC, which an index cannot see.
    uniqueIndex('enterprises_uscc_live_idx').on(t.uscc).where(sql`${t.deletedAt} IS NULL AND ${t.uscc} <> ''`),
    index('enterprises_org_code_idx').on(t.orgCode).where(sql`${t.orgCode} <> ''`),
    // Lists, filters and search run on the in-memory directory index (directory-index.ts), kept
    // current through enterprise_dirty (migration 0006); single-column indexes on the filter
    // columns were dropped in 0005 as they served nothing.
    index('enterprises_name_idx').on(t.name, t.id),
  ],
);
