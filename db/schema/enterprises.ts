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
    /**
     * Legacy single "有资质/有开发活动" flag, read by nothing since qualification_kind and
     * has_development_activity replaced it: kept so the data move (migration
     * 0032_admission_attributes_data) could read it and older laptops' ops still land somewhere.
     */
    hasQualification: integer('has_qualification', { mode: 'boolean' }).notNull().default(false),
    /** 'legal' 法人单位, 'establishment' 产业活动单位, 'individual' 个体经营户. */
    unitKind: text('unit_kind').notNull().default('legal'),
    /** An 产业活动单位's 法人单位, by its USCC ('' for the others). */
    parentUscc: text('parent_uscc').notNull().default(''),
    /** 建筑业 资质: none | general 总承包 | specialty 专业承包 | labour 劳务 | specialistWork 专业作业 | unconfirmed (a legacy "有资质" nobody has stated the kind of). */
    qualificationKind: text('qualification_kind').notNull().default('none'),
    /** 本地注册 (建筑业 enters only where registered); null: not stated. */
    isLocallyRegistered: integer('is_locally_registered', { mode: 'boolean' }),
    /** 房地产开发经营: has development activity. */
    hasDevelopmentActivity: integer('has_development_activity', { mode: 'boolean' }).notNull().default(false),
    /** 成立日期 (ISO date) or ''. */
    foundedOn: text('founded_on').notNull().default(''),
    /** 新建投产 (a new unit that started production/business): its application carries a statement. */
    isNewBuild: integer('is_new_build', { mode: 'boolean' }).notNull().default(false),
    /** 计划总投资 of its project, 千元; null without one. */
    projectInvestment: integer('project_investment'),
    isProjectUnderConstruction: integer('is_project_under_construction', { mode: 'boolean' }).notNull().default(false),
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
    // An 产业活动单位 without codes of its own is known by its 法人单位 and its name (checked in
    // main: directory/service.ts assertUniqueIdentity).
    index('enterprises_parent_idx').on(t.parentUscc).where(sql`${t.parentUscc} <> ''`),
    // Lists, filters and search run on the in-memory directory index (directory-index.ts), kept
    // current through enterprise_dirty (migration 0006); single-column indexes on the filter
    // columns were dropped in 0005 as they served nothing.
    index('enterprises_name_idx').on(t.name, t.id),
  ],
);
