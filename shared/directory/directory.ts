import { z } from 'zod';
import { normaliseIdentifier } from '../census/identifiers';
import { ImportScope } from '../session/import-scope';
import { ImportFile } from '../files/imports';

// Wire schemas of the enterprise directory 辖区企业库: identity, list/search, change
// history, import/export. Ledger and evidence schemas are in ledger/wire.ts; 入规纳统, 退库 and
// 双随机 in directory-work.ts; statistics in directory-stats.ts.

export const EnterpriseId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
export type EnterpriseId = z.infer<typeof EnterpriseId>;

/** 统一社会信用代码 in its normal form (normaliseIdentifier); its parts are checked by main on save and import. */
export const Uscc = z.string().transform(normaliseIdentifier).pipe(z.string().regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/));
/** An enterprise's USCC, or '' for one known by its 组织机构代码 alone. */
export const EnterpriseUscc = z.string().max(80).transform(normaliseIdentifier).pipe(z.union([z.literal(''), z.string().regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/)]));
/** 组织机构代码 (GB 11714) in its normal form, 9 characters, or ''; main checks its check character. */
export const EnterpriseOrgCode = z.string().max(40).transform(normaliseIdentifier).pipe(z.union([z.literal(''), z.string().regex(/^[0-9A-Z]{9}$/)]));
/** 12-digit 统计用区划代码 (village level); the township is characters 7–9 (the first 9 digits). */
export const DivisionCode = z.string().regex(/^\d{12}$/);

// 在营 / 停业 / 关闭 / 注销 / 吊销 / 破产 / 迁出 / 合并: every status but 'active' is a reason to leave
// the above-size directory (退库).
export const enterpriseStatuses = [
  'active',
  'suspended',
  'closed',
  'deregistered',
  'revoked',
  'bankrupt',
  'moved_away',
  'merged',
] as const;
export const EnterpriseStatus = z.enum(enterpriseStatuses);
export type EnterpriseStatus = z.infer<typeof EnterpriseStatus>;

/** 规上 (above designated size) / 规下. */
export const Scale = z.enum(['above', 'below']);
export type Scale = z.infer<typeof Scale>;

// 入规纳统 follow-up stages: 候选 → 培育中 → 已申报 → 已入库 / 未通过.
export const followUpStages = ['candidate', 'nurturing', 'applied', 'admitted', 'rejected'] as const;
export const FollowUpStage = z.enum(followUpStages);
export type FollowUpStage = z.infer<typeof FollowUpStage>;

const text = (max: number) => z.string().trim().max(max);

/**
 * 法人单位 / 产业活动单位 / 个体经营户. 限上 批零住餐 takes all three (shared/followup/thresholds-data.ts
 * unitKinds); every other rule judges legal units only.
 */
export const unitKinds = ['legal', 'establishment', 'individual'] as const;
export const UnitKind = z.enum(unitKinds);
export type UnitKind = z.infer<typeof UnitKind>;

/** 建筑业 资质: 总承包, 专业承包 (these enter), 劳务, 专业作业 (these do not), none, or a legacy
 * "有资质" whose kind nobody stated (migration 0032): it admits nothing until confirmed. */
export const qualificationKinds = ['none', 'general', 'specialty', 'labour', 'specialistWork', 'unconfirmed'] as const;
export const QualificationKind = z.enum(qualificationKinds);
export type QualificationKind = z.infer<typeof QualificationKind>;

const IsoDay = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/);

/** What a user edits about an enterprise (import rows carry the same fields). */
export const EnterpriseFields = z
  .object({
    uscc: EnterpriseUscc.default(''),
    /** Needed only without a USCC (older registrations, some 机关 and 事业单位); one of the two identifies the enterprise. */
    orgCode: EnterpriseOrgCode.default(''),
    name: z.string().trim().min(1).max(100),
    address: text(200).default(''),
    /** Where it is: the township's work list and the sync scope both key on it, so it is required. */
    divisionCode: DivisionCode,
    /** GB/T 4754-2017 4-digit class, or '' while unknown. */
    industryCode: z.union([z.literal(''), z.string().regex(/^\d{4}$/)]).default(''),
    /** 登记注册统计类别 code (codeLists.registrationCategory), or ''. */
    registrationCategory: z.union([z.literal(''), z.string().regex(/^\d{3}$/)]).default(''),
    /** 机构类型 code (codeLists.institutionType), or ''. */
    institutionType: z.union([z.literal(''), z.string().regex(/^\d{2}$/)]).default(''),
    scale: Scale.default('below'),
    /** 一套表单位: reports online itself. */
    isOnlineReporter: z.boolean().default(false),
    /** 包保责任人 (the official who follows the enterprise). */
    liaison: text(40).default(''),
    legalRepresentative: text(40).default(''),
    phone: text(40).default(''),
    unitKind: UnitKind.default('legal'),
    /** An 产业活动单位's 法人单位 (its USCC); '' for the other kinds. */
    parentUscc: EnterpriseUscc.default(''),
    /** 建筑业: the qualification it holds. */
    qualificationKind: QualificationKind.default('none'),
    /** 建筑业: registered in this district (it enters where registered); null while nobody said. */
    isLocallyRegistered: z.boolean().nullable().default(null),
    /** 房地产开发经营: has development activity. */
    hasDevelopmentActivity: z.boolean().default(false),
    /** 成立日期 (ISO), or '': its age decides the VAT returns an application carries. */
    foundedOn: z.union([z.literal(''), IsoDay]).default(''),
    /** 新建投产: a new unit (its application carries a 新建投产 statement). */
    isNewBuild: z.boolean().default(false),
    /** 计划总投资 of a project, 千元 (the fifth kind: ≥ 50,000 and under construction). */
    projectInvestment: z.number().int().min(0).max(1_000_000_000_000).nullable().default(null),
    isProjectUnderConstruction: z.boolean().default(false),
    status: EnterpriseStatus.default('active'),
    /** Why the status is what it is (e.g. 迁往 …, 注销日期 …). */
    statusNote: text(200).default(''),
  })
  .strict()
  .superRefine((f, ctx) => {
    // Identity per unit kind: a 个体经营户 is registered with a 92… USCC; an 产业活动单位 names its
    // 法人单位 and may have no code of its own; a legal unit has a USCC or an org code.
    if (f.unitKind === 'individual' && !f.uscc.startsWith('92')) ctx.addIssue({ code: 'custom', path: ['uscc'], message: 'INDIVIDUAL_USCC' });
    else if (f.unitKind === 'establishment') {
      if (f.parentUscc === '') ctx.addIssue({ code: 'custom', path: ['parentUscc'], message: 'PARENT_USCC' });
      else if (f.parentUscc === f.uscc) ctx.addIssue({ code: 'custom', path: ['parentUscc'], message: 'PARENT_IS_SELF' });
    } else if (f.unitKind === 'legal' && f.uscc === '' && f.orgCode === '') ctx.addIssue({ code: 'custom', path: ['uscc'], message: 'USCC_OR_ORG_CODE' });
    if (f.unitKind !== 'establishment' && f.parentUscc !== '') ctx.addIssue({ code: 'custom', path: ['parentUscc'], message: 'PARENT_ONLY_ESTABLISHMENT' });
  });
export type EnterpriseFields = z.infer<typeof EnterpriseFields>;

/** Flags computed from the ledger and the thresholds; recomputed on every ledger save. */
export const EnterpriseFlags = z.object({
  isNearThreshold: z.boolean(),
  isGrowth: z.boolean(),
  /** Below the threshold while 规上 (annualised), a 退库 reason. */
  isBelowThreshold: z.boolean(),
  /** 达标 (meets its rule now: apply); never together with 准规模. reachedRule: which rule. */
  isReached: z.boolean(),
  reachedRule: z.string().nullable(),
  /** The ledger indicator the figures are of (主营业务收入 or 营业收入), null without a revenue rule. */
  measure: z.enum(['mainRevenue', 'revenue']).nullable(),
  /** The measure was never entered while the other revenue was: not judged (e.g. 主营业务收入未填). */
  isMeasureMissing: z.boolean(),
  /** The ledger month the flags were computed from ('2024-07'), or null without a ledger. */
  asOf: z.string().nullable(),
  /** The measure year-to-date at asOf, 千元 (named for 营业收入, the one measure it once was). */
  ytdRevenue: z.number().int().nullable(),
  /** YoY growth of YTD revenue, for display only (0.25 = +25 %); null without a base. */
  growth: z.number().nullable(),
});
export type EnterpriseFlags = z.infer<typeof EnterpriseFlags>;

export const EnterpriseRow = z.object({
  id: EnterpriseId,
  uscc: z.string(),
  /** The 组织机构代码 entered ('' for most: a USCC holds one at positions 9–17). */
  orgCode: z.string(),
  name: z.string(),
  address: z.string(),
  divisionCode: z.string(),
  industryCode: z.string(),
  scale: Scale,
  isOnlineReporter: z.boolean(),
  unitKind: UnitKind,
  liaison: z.string(),
  status: EnterpriseStatus,
  stage: FollowUpStage.nullable(),
  flags: EnterpriseFlags,
  updatedAt: z.string(),
});
export type EnterpriseRow = z.infer<typeof EnterpriseRow>;

export const enterpriseSortFields = ['name', 'uscc', 'divisionCode', 'industryCode', 'ytdRevenue', 'updatedAt'] as const;

/** Filters shared by the list, export, candidates, 退库, the draw and the statistics. */
export const EnterpriseFilter = z
  .object({
    /** Name, USCC, pinyin initials of the name, or address; case-insensitive substring. */
    query: text(100).optional(),
    /** A division-code prefix: 6 (county), 9 (township = characters 7–9) or 12 digits. */
    divisionPrefix: z.string().regex(/^\d{1,12}$/).optional(),
    /** A GB/T 4754 section letter ('C') or 2-digit division ('36'), or a longer code prefix. */
    industry: z.string().regex(/^([A-T]|\d{2,4})$/).optional(),
    scale: Scale.optional(),
    isOnlineReporter: z.boolean().optional(),
    /** Exact 包保责任人; '' selects enterprises with none. */
    liaison: text(40).optional(),
    statuses: z.array(EnterpriseStatus).max(8).optional(),
    isNearThreshold: z.boolean().optional(),
    /** 达标. */
    isReached: z.boolean().optional(),
    isGrowth: z.boolean().optional(),
    unitKinds: z.array(UnitKind).max(3).optional(),
    /** 'none' selects enterprises without a follow-up record. */
    stages: z.array(z.union([FollowUpStage, z.literal('none')])).max(6).optional(),
  })
  .strict();
export type EnterpriseFilter = z.infer<typeof EnterpriseFilter>;

export const EnterpriseQuery = EnterpriseFilter.extend({
  sort: z.enum(enterpriseSortFields).default('name'),
  direction: z.enum(['asc', 'desc']).default('asc'),
  /** A page of the virtualised table: rows [offset, offset + limit). */
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
}).strict();
export type EnterpriseQuery = z.input<typeof EnterpriseQuery>;

export const EnterprisePage = z.object({
  rows: z.array(EnterpriseRow),
  /** All rows matching the filter (the table's scroll height). */
  total: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
});
export type EnterprisePage = z.infer<typeof EnterprisePage>;

export const EnterpriseDetail = EnterpriseRow.extend({
  fields: EnterpriseFields,
  version: z.number().int().positive(),
  createdAt: z.string(),
  /** The 规上 threshold that applies to its industry, or null for an unknown industry. */
  threshold: z
    .object({
      ruleId: z.string(),
      kind: z.enum(['revenue', 'qualification', 'activity', 'investment']),
      measure: z.enum(['mainRevenue', 'revenue']).nullable(),
      minRevenue: z.number().int().nullable(),
      zh: z.string(),
      en: z.string(),
      /** false: the rule does not judge this kind of unit (only 批零住餐 takes 产业活动单位 and 个体经营户). */
      judgesUnitKind: z.boolean(),
    })
    .nullable(),
  /** What keeps the unit from being judged, or asks to be confirmed (admission-flags.ts admissionHints). */
  admissionHints: z.array(z.enum(['measureMissing', 'qualificationUnconfirmed', 'registrationUnknown', 'unitKindNotJudged'])),
  /** Ledger years held (newest first), so the ledger screen can offer them. */
  ledgerYears: z.array(z.number().int()),
});
export type EnterpriseDetail = z.infer<typeof EnterpriseDetail>;

export const EnterpriseSave = z
  .object({
    /** Absent: create a new enterprise. */
    id: EnterpriseId.optional(),
    /** The version the user edited (required with id); a stale one is a CONFLICT. */
    version: z.number().int().positive().optional(),
    fields: EnterpriseFields,
    /** 修改依据, e.g. "工商变更登记 2024-05-10". */
    reason: text(500).optional(),
  })
  .strict();
export type EnterpriseSave = z.input<typeof EnterpriseSave>;

/** One traced change of an enterprise or of anything under it (ledger cells, evidence, follow-up). */
export const EnterpriseChange = z.object({
  id: z.number().int(),
  at: z.string(),
  userName: z.string(),
  deviceName: z.string(),
  /** create | update | import | ledger | evidence | followup | materials | inspection | sync */
  action: z.string(),
  changes: z.array(z.object({ path: z.string(), from: z.unknown(), to: z.unknown() })),
  reason: z.string().nullable(),
});
export type EnterpriseChange = z.infer<typeof EnterpriseChange>;

// Import: the renderer sends the file's bytes; main parses (CSV or XLSX), checks each row and
// upserts by USCC. Preview and import parse the same bytes the same way.
export const DirectoryFile = ImportFile;

export const ImportMessage = z.object({ column: z.string(), messageZh: z.string(), messageEn: z.string() });

export const ImportRowResult = z.object({
  rowNo: z.number().int(),
  uscc: z.string(),
  /** The row's 组织机构代码 (what names a row without a USCC). */
  orgCode: z.string(),
  name: z.string(),
  /** 'outOfScope': readable, but its division is outside the account's areas; not imported. */
  action: z.enum(['insert', 'update', 'unchanged', 'error', 'outOfScope']),
  /** For 'update': what would change (field → from/to). */
  changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
  errors: z.array(ImportMessage),
  warnings: z.array(ImportMessage),
});
export type ImportRowResult = z.infer<typeof ImportRowResult>;

export const ImportCounts = z.object({
  total: z.number().int(),
  insert: z.number().int(),
  update: z.number().int(),
  unchanged: z.number().int(),
  error: z.number().int(),
  outOfScope: z.number().int(),
});

export const DirectoryImportPreview = z.object({
  /** Each header and the field it was recognised as (null: ignored). */
  columns: z.array(z.object({ header: z.string(), field: z.string().nullable() })),
  /** Rows with errors and changes first, at most 2,000 (see isTruncated). */
  rows: z.array(ImportRowResult),
  isTruncated: z.boolean(),
  counts: ImportCounts,
  /** The areas rows were checked against (see ImportScope). */
  scope: ImportScope,
});
export type DirectoryImportPreview = z.infer<typeof DirectoryImportPreview>;

export const DirectoryImport = DirectoryFile.extend({ reason: text(500).optional() }).strict();

export const DirectoryImportReport = z.object({
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** Rows skipped because their division is outside the account's areas. */
  outOfScope: z.number().int(),
  /** Rows skipped for errors; nothing of them was written. */
  errors: z.array(z.object({ rowNo: z.number().int(), uscc: z.string(), orgCode: z.string(), name: z.string(), messages: z.array(ImportMessage) })),
  /** Rows written with notes: a cell that could not be read was left out, a code was restored. */
  warnings: z.array(z.object({ rowNo: z.number().int(), uscc: z.string(), orgCode: z.string(), name: z.string(), messages: z.array(ImportMessage) })),
});
export type DirectoryImportReport = z.infer<typeof DirectoryImportReport>;

/** An XLSX file for the renderer to offer as a download. */
export const FileDownload = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  contentBase64: z.string(),
});
export type FileDownload = z.infer<typeof FileDownload>;
