import { blob, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { enterprises } from './enterprises';

// Everything kept under an enterprise: its change trace, monthly ledger, annual
// figures reported elsewhere, evidence files and their bytes. Ledger values are integers in the
// indicator's unit (shared/ledger/indicators.ts: 千元, 千瓦时, 千克标准煤, 人), never floats.

/**
 * 准规模 / 成长型 / below-threshold flags and the revenue summary they rest on, one row per
 * enterprise, derived from the ledger and the thresholds (electron/main/followup/
 * thresholds.ts is the only writer). Never typed, never synced: every device derives them
 * from the same synced figures. A missing row means "no flags, no revenue".
 */
export const enterpriseFlags = sqliteTable('enterprise_flags', {
  enterpriseId: text('enterprise_id')
    .primaryKey()
    .references(() => enterprises.id),
  isNearThreshold: integer('is_near_threshold', { mode: 'boolean' }).notNull().default(false),
  isGrowth: integer('is_growth', { mode: 'boolean' }).notNull().default(false),
  isBelowThreshold: integer('is_below_threshold', { mode: 'boolean' }).notNull().default(false),
  /** 达标: meets its rule now (never together with 准规模); reached_rule names the rule. */
  isReached: integer('is_reached', { mode: 'boolean' }).notNull().default(false),
  reachedRule: text('reached_rule'),
  /** The indicator the figures below are of (the rule's measure: mainRevenue or revenue); null without a revenue rule. */
  measure: text('measure'),
  /** The rule's measure was never entered while the other revenue was (主营业务收入未填). */
  isMeasureMissing: integer('is_measure_missing', { mode: 'boolean' }).notNull().default(false),
  /** 'YYYY-MM' of the ledger month the flags rest on. */
  asOf: text('as_of'),
  /** The measure 1–asOf month (千元) and the months of it entered; the same months last year. (Named ytd_revenue since before the measure could be 主营业务收入.) */
  ytdRevenue: integer('ytd_revenue'),
  ytdMonths: integer('ytd_months').notNull().default(0),
  lastYtdRevenue: integer('last_ytd_revenue'),
  lastYtdMonths: integer('last_ytd_months').notNull().default(0),
});

/** Who changed what about an enterprise (or anything under it), when, on which device, why. */
export const enterpriseChanges = sqliteTable(
  'enterprise_changes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    enterpriseId: text('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    at: text('at').notNull(),
    userName: text('user_name').notNull(),
    deviceName: text('device_name').notNull(),
    action: text('action').notNull(),
    /** JSON array of { path, from, to }: 'name', 'ledger.2024-03.revenue', 'followup.stage'… */
    changes: text('changes').notNull(),
    reason: text('reason'),
  },
  (t) => [index('enterprise_changes_enterprise_idx').on(t.enterpriseId, t.at)],
);

// One column per indicator, spelled out so drizzle keeps the types (order = indicatorKeys).
const indicatorColumns = () => ({
  industrialOutput: integer('industrial_output'),
  industrialSales: integer('industrial_sales'),
  exportDelivery: integer('export_delivery'),
  electricity: integer('electricity'),
  revenue: integer('revenue'),
  operatingCost: integer('operating_cost'),
  taxesAndSurcharges: integer('taxes_and_surcharges'),
  totalProfit: integer('total_profit'),
  vatPayable: integer('vat_payable'),
  payroll: integer('payroll'),
  totalAssets: integer('total_assets'),
  totalLiabilities: integer('total_liabilities'),
  employees: integer('employees'),
  energyPurchased: integer('energy_purchased'),
  energyConsumed: integer('energy_consumed'),
  mainRevenue: integer('main_revenue'),
  accountsReceivable: integer('accounts_receivable'),
  finishedGoods: integer('finished_goods'),
  avgEmployees: integer('avg_employees'),
  electricityPurchaseValue: integer('electricity_purchase_value'),
  coalPurchased: integer('coal_purchased'),
  coalPurchaseValue: integer('coal_purchase_value'),
  gasPurchased: integer('gas_purchased'),
  gasPurchaseValue: integer('gas_purchase_value'),
  gasolinePurchased: integer('gasoline_purchased'),
  gasolinePurchaseValue: integer('gasoline_purchase_value'),
  dieselPurchased: integer('diesel_purchased'),
  dieselPurchaseValue: integer('diesel_purchase_value'),
  heatPurchased: integer('heat_purchased'),
  heatPurchaseValue: integer('heat_purchase_value'),
  goodsSales: integer('goods_sales'),
  retailSales: integer('retail_sales'),
  goodsPurchases: integer('goods_purchases'),
  endInventory: integer('end_inventory'),
  onlineRetail: integer('online_retail'),
  turnover: integer('turnover'),
  roomRevenue: integer('room_revenue'),
  mealRevenue: integer('meal_revenue'),
  constructionOutput: integer('construction_output'),
  contractsSigned: integer('contracts_signed'),
  floorUnderConstruction: integer('floor_under_construction'),
  floorCompleted: integer('floor_completed'),
  investmentCompleted: integer('investment_completed'),
  housingSoldArea: integer('housing_sold_area'),
  housingSales: integer('housing_sales'),
  operatingProfit: integer('operating_profit'),
});

/** 统计台账: one row per enterprise and month, this month's values as entered (null = not entered). */
export const ledgerMonths = sqliteTable(
  'ledger_months',
  {
    enterpriseId: text('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    year: integer('year').notNull(),
    month: integer('month').notNull(),
    ...indicatorColumns(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.enterpriseId, t.year, t.month] }), index('ledger_months_year_idx').on(t.year, t.month)],
);

/** Annual figures reported elsewhere (年报 / 一套表), compared with the ledger's year. */
export const ledgerAnnual = sqliteTable(
  'ledger_annual',
  {
    enterpriseId: text('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    year: integer('year').notNull(),
    ...indicatorColumns(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.enterpriseId, t.year] })],
);

/**
 * A month's sign-off (shared/ledger/signoff.ts): one row per signer role, the local copy of the
 * enterprise's 'signoff.YYYY-MM.<role>' field. Re-signing replaces the row (the trace keeps the
 * earlier signature); a signature is never withdrawn.
 */
export const ledgerSignoffs = sqliteTable(
  'ledger_signoffs',
  {
    enterpriseId: text('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    year: integer('year').notNull(),
    month: integer('month').notNull(),
    /** 'statisticsHead' (统计负责人) | 'unitHead' (单位负责人). */
    role: text('role').notNull(),
    name: text('name').notNull(),
    date: text('date').notNull(),
    at: text('at').notNull(),
    signedBy: text('signed_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.enterpriseId, t.year, t.month, t.role] })],
);

/** 原始记录: a file of original records and the ledger figures it backs. */
export const evidence = sqliteTable(
  'evidence',
  {
    id: text('id').primaryKey(),
    enterpriseId: text('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    sha256: text('sha256').notNull(),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    size: integer('size').notNull(),
    kind: text('kind').notNull(),
    note: text('note').notNull().default(''),
    /** JSON array of { year, month, indicator }. */
    figures: text('figures').notNull().default('[]'),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    /** Removal is a tombstone with its reason: evidence once given is never silently lost. */
    removedAt: text('removed_at'),
    removedReason: text('removed_reason'),
  },
  (t) => [index('evidence_enterprise_idx').on(t.enterpriseId), index('evidence_sha_idx').on(t.sha256)],
);

/**
 * The bytes of evidence files, by SHA-256, inside the encrypted store (VAT returns and payroll
 * are confidential: a plain file beside the store would not be). The sync attachment queue
 * (sync_attachments) names the same hashes for upload.
 */
export const attachmentBlobs = sqliteTable('attachment_blobs', {
  sha256: text('sha256').primaryKey(),
  mimeType: text('mime_type').notNull(),
  size: integer('size').notNull(),
  bytes: blob('bytes', { mode: 'buffer' }).notNull(),
  createdAt: text('created_at').notNull(),
});

/**
 * Per enterprise and ledger year, what the township and bureau views count: figures
 * entered, figures backed by live evidence (数出有据), and the months with any value (bit m-1).
 * Derived, never synced, never typed: electron/main/ledger/summaries.ts is the only
 * writer and recomputes the enterprises that triggers on ledger_months and evidence list in
 * ledger_summary_dirty (migration 0012), so no write path can leave it stale. Counting 1.2 M
 * ledger rows per statistics request took seconds; these rows are read once and kept current.
 * No foreign key: an enterprise dropped by sync goes before its summary is recomputed.
 */
export const ledgerSummaries = sqliteTable(
  'ledger_summaries',
  {
    enterpriseId: text('enterprise_id').notNull(),
    year: integer('year').notNull(),
    filled: integer('filled').notNull(),
    backed: integer('backed').notNull(),
    monthMask: integer('month_mask').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.enterpriseId, t.year] }),
    // Covering: a year's summaries are read from the index alone.
    index('ledger_summaries_year_idx').on(t.year, t.enterpriseId, t.filled, t.backed, t.monthMask),
  ],
);

/** Enterprises whose ledger or evidence changed since their summaries were last computed. */
export const ledgerSummaryDirty = sqliteTable('ledger_summary_dirty', {
  enterpriseId: text('enterprise_id').primaryKey(),
});
