import { z } from 'zod';
import { EnterpriseId } from '../directory/directory';
import { IndicatorKey, indicatorKeys, LedgerValue, Month, Year } from './indicators';
import { SignatureValue, SignoffRole } from './signoff';

// Wire schemas of the monthly ledger 统计台账 and its evidence 原始记录.

/** One month's entered values; an indicator not entered is absent (or null). */
export const MonthValues = z.partialRecord(IndicatorKey, LedgerValue.nullable());
export type MonthValues = z.infer<typeof MonthValues>;

/** The computed columns of one indicator in one month (shared/ledger/arithmetic.ts). */
export const ComputedCell = z.object({
  /** This month as entered (null: not entered). */
  month: z.number().int().nullable(),
  /** 1–本月累计 (flow) or the month-end value (stock); null when no month is entered. */
  ytd: z.number().int().nullable(),
  /** Months 1..m without a value (flow): the YTD leaves them out. */
  missingMonths: z.array(z.number().int()),
  /** The same period last year (YTD to the same month), null when last year has no value. */
  lastYtd: z.number().int().nullable(),
  lastYearMissingMonths: z.array(z.number().int()),
  /** ytd / lastYtd − 1, for display only; null when either side is missing or the base ≤ 0. */
  growth: z.number().nullable(),
  /** Same month last year and its growth, for display. */
  lastMonth: z.number().int().nullable(),
  monthGrowth: z.number().nullable(),
});
export type ComputedCell = z.infer<typeof ComputedCell>;

export const EvidenceFigure = z.object({ year: Year, month: Month, indicator: IndicatorKey });
export type EvidenceFigure = z.infer<typeof EvidenceFigure>;

export const evidenceKinds = [
  'voucher', // 会计凭证
  'vat_return', // 增值税纳税申报表
  'warehouse_slip', // 出入库单
  'energy_bill', // 能源（电费）票据
  'payroll', // 工资表
  'income_statement', // 利润表
  'licence', // 营业执照
  'site_photo', // 现场照片
  'pledge', // 真实性承诺书
  'other',
] as const;
export const EvidenceKind = z.enum(evidenceKinds);
export type EvidenceKind = z.infer<typeof EvidenceKind>;

export const EvidenceId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

export const EvidenceItem = z.object({
  id: EvidenceId,
  enterpriseId: EnterpriseId,
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  fileName: z.string(),
  mimeType: z.string(),
  size: z.number().int().nonnegative(),
  kind: EvidenceKind,
  note: z.string(),
  /** The ledger figures this record backs (may be none, e.g. a licence for the materials list). */
  figures: z.array(EvidenceFigure),
  createdAt: z.string(),
  createdBy: z.string(),
  /** The file's bytes are on this device (false while a synced file still downloads). */
  isAvailable: z.boolean(),
});
export type EvidenceItem = z.infer<typeof EvidenceItem>;

export const LedgerFinding = z.object({
  /** 'census' (611 form of the same USCC) or 'annual' (imported annual figures). */
  source: z.enum(['census', 'annual']),
  year: z.number().int(),
  indicator: IndicatorKey,
  ledgerValue: z.number().int(),
  reportedValue: z.number().int(),
  /** |ledger − reported| / reported, for display. */
  difference: z.number(),
  messageZh: z.string(),
  messageEn: z.string(),
});
export type LedgerFinding = z.infer<typeof LedgerFinding>;

export const LedgerYearView = z.object({
  enterpriseId: EnterpriseId,
  year: z.number().int(),
  /** Index 0 = January. Entered values of this year and of last year (same-period base). */
  months: z.array(MonthValues).length(12),
  lastYearMonths: z.array(MonthValues).length(12),
  /** computed[indicator][monthIndex]. */
  computed: z.partialRecord(IndicatorKey, z.array(ComputedCell).length(12)),
  /** Indicators the grid shows for this enterprise (industrial ones only for sections B–D). */
  indicators: z.array(IndicatorKey),
  /** `${month}.${indicator}` → number of evidence items backing that figure. */
  evidenceCounts: z.record(z.string(), z.number().int()),
  coverage: z.object({
    /** Entered figures of the year, and those with at least one evidence item. */
    filled: z.number().int(),
    backed: z.number().int(),
  }),
  /** Months (1–12) with no value at all, up to the latest month entered. */
  missingMonths: z.array(z.number().int()),
  findings: z.array(LedgerFinding),
  /** The year's annual figures as stored (年报 / 一套表), so the form shows what is kept; {} when none. */
  annual: MonthValues,
  /** The 入规纳统 flags the directory shows (followup/thresholds.ts): 达标, 准规模, 成长型, and a
   * missing measure (主营业务收入 not entered: not judged, never a 0). */
  flags: z.object({
    isReached: z.boolean(),
    isMeasureMissing: z.boolean(),
    measure: z.enum(['mainRevenue', 'revenue']).nullable(),
    isNearThreshold: z.boolean(),
    isGrowth: z.boolean(),
  }),
  /** The 专业 set the enterprise keeps (shared/ledger/indicator-sets.ts) and its version and source. */
  set: z.object({ id: z.string(), zh: z.string(), en: z.string(), version: z.string(), source: z.string() }),
  /** How many of `indicators` are the set's own; the rest hold values kept under another set. */
  setSize: z.number().int().nonnegative(),
  /** "其中" above its whole (shared/ledger/part-of.ts): findings, not refusals. */
  partsAboveWhole: z.array(
    z.object({ month: Month, whole: IndicatorKey, parts: z.array(IndicatorKey), partsValue: z.number().int(), wholeValue: z.number().int() }),
  ),
  /** Index 0 = January: the month's signatures and whether a figure changed after one of them. */
  signoffs: z
    .array(
      z.object({
        statisticsHead: SignatureValue.nullable(),
        unitHead: SignatureValue.nullable(),
        state: z.enum(['unsigned', 'signed', 'changedAfterSigning']),
        lastChangeAt: z.string().nullable(),
      }),
    )
    .length(12),
});
export type LedgerYearView = z.infer<typeof LedgerYearView>;

export const LedgerGetYear = z.object({ enterpriseId: EnterpriseId, year: Year }).strict();

export const LedgerCellEdit = z
  .object({
    month: Month,
    indicator: IndicatorKey,
    /** The value the user saw before editing; a different stored value is a CONFLICT. */
    from: LedgerValue.nullable(),
    /** null clears the cell. */
    to: LedgerValue.nullable(),
  })
  .strict();

export const LedgerSaveCells = z
  .object({
    enterpriseId: EnterpriseId,
    year: Year,
    cells: z.array(LedgerCellEdit).min(1).max(12 * indicatorKeys.length),
    reason: z.string().trim().max(500).optional(),
  })
  .strict();
export type LedgerSaveCells = z.input<typeof LedgerSaveCells>;

/** Signing one month as one of its two signers (shared/ledger/signoff.ts). */
export const LedgerSign = z
  .object({
    enterpriseId: EnterpriseId,
    year: Year,
    month: Month,
    role: SignoffRole,
    name: z.string().trim().min(1).max(40),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  })
  .strict();
export type LedgerSign = z.input<typeof LedgerSign>;

/** Annual figures as reported elsewhere (年报, 一套表), the basis of the consistency findings. */
export const AnnualFiguresSave = z
  .object({
    enterpriseId: EnterpriseId,
    year: Year,
    values: MonthValues,
    reason: z.string().trim().max(500).optional(),
  })
  .strict();

export const EvidenceAttach = z
  .object({
    enterpriseId: EnterpriseId,
    fileName: z.string().trim().min(1).max(255),
    /** image/png, image/jpeg, application/pdf, XLSX/XLS/CSV; checked against the bytes. */
    mimeType: z.string().max(100),
    /** Base64 of the file; 10 MB of file at most. */
    contentBase64: z.string().min(1).max(14_000_000),
    kind: EvidenceKind,
    note: z.string().trim().max(500),
    figures: z.array(EvidenceFigure).max(200).default([]),
  })
  .strict();
export type EvidenceAttach = z.input<typeof EvidenceAttach>;

export const EvidenceUpdate = z
  .object({
    id: EvidenceId,
    note: z.string().trim().max(500).optional(),
    kind: EvidenceKind.optional(),
    figures: z.array(EvidenceFigure).max(200).optional(),
  })
  .strict();

export const EvidenceRemove = z.object({ id: EvidenceId, reason: z.string().trim().min(2).max(500) }).strict();

export const EvidenceListQuery = z
  .object({ enterpriseId: EnterpriseId, year: Year.optional() })
  .strict();

export const EvidenceContent = z.object({
  item: EvidenceItem,
  /** null while the file has not arrived on this device. */
  contentBase64: z.string().nullable(),
});
