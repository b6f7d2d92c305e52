import { z } from 'zod';
import { normaliseIdentifier } from '../census/identifiers';
import { CountyFinding } from './county-check';
import { UnitKind, UnitStatus, unitStatuses } from './units';

import { ImportScope } from '../session/import-scope';
import { ImportFile } from '../files/imports';
// Wire schemas for registration. Form answers travel as one document per form id
// ({ '611': {...}, '611-1': {...} }); their content is checked by the rule engine, not by zod,
// so zod only bounds the shape and size of what the untrusted renderer may send.

const MAX_TEXT = 2_000;
const FormScalar = z.union([z.string().max(MAX_TEXT), z.number().finite(), z.boolean(), z.null()]);
const ItemCode = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/);
const FormRow = z.record(ItemCode, FormScalar);
export const FormValuesWire = z.record(ItemCode, z.union([FormScalar, z.array(FormRow).max(200)]));
export const FormId = z.string().regex(/^[A-Za-z0-9-]{1,20}$/);
export const FormsDoc = z.record(FormId, FormValuesWire);
export type FormsDoc = z.infer<typeof FormsDoc>;

/** Explanations of 核实性 findings, keyed by `${ruleId}@${path}`. */
export const Explanations = z.record(z.string().max(200), z.string().trim().max(500));
export type Explanations = z.infer<typeof Explanations>;

export const UnitId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
/** 普查小区代码: 12-digit 普查区 + 3-digit sequence. */
export const AreaCode = z.string().regex(/^\d{15}$/);

/** A listing-frame value offered for one item. */
export const FrameValue = z.object({ value: z.string().max(MAX_TEXT), column: z.string(), isDerived: z.boolean() });

export const FindingCounts = z.object({
  mandatory: z.number().int().nonnegative(),
  verify: z.number().int().nonnegative(),
  hint: z.number().int().nonnegative(),
});

export const Finding = z.object({
  ruleId: z.string(),
  formId: z.string(),
  severity: z.enum(['mandatory', 'verify', 'hint']),
  item: z.string(),
  path: z.string(),
  messageZh: z.string(),
  messageEn: z.string(),
});

/** Columns the unit list sorts by; the default is 普查小区 then name. */
export const unitSortFields = ['area', 'name', 'uscc', 'address', 'status', 'findings', 'updatedAt'] as const;
export const UnitSort = z
  .object({ field: z.enum(unitSortFields), direction: z.enum(['asc', 'desc']) })
  .strict();
export type UnitSort = z.infer<typeof UnitSort>;

export const UnitQuery = z
  .object({
    /** A 普查区 (12) or 普查小区 (15) code, or any prefix of one. */
    areaPrefix: z.string().regex(/^\d{0,15}$/).optional(),
    statuses: z.array(UnitStatus).max(unitStatuses.length).optional(),
    query: z.string().trim().max(100).optional(),
    sort: UnitSort.optional(),
    limit: z.number().int().min(1).max(500).default(200),
    offset: z.number().int().min(0).default(0),
  })
  .strict();
export type UnitQuery = z.input<typeof UnitQuery>;

export const UnitRow = z.object({
  id: UnitId,
  areaCode: z.string(),
  kind: UnitKind,
  status: UnitStatus,
  name: z.string(),
  uscc: z.string(),
  address: z.string(),
  industryCode: z.string(),
  updatedAt: z.string(),
  findings: FindingCounts,
  /** Another unit in the same 普查区 carries the same USCC. */
  isDuplicateUscc: z.boolean(),
  /**
   * The server refused this unit's creation (sync page: retry, or move to an area you hold);
   * until then it exists only on this laptop. Absent or null: not refused.
   */
  syncRefused: z.object({ code: z.string(), message: z.string() }).nullable().optional(),
  /** The bureau's county-wide check (查重, 法人 ↔ 产业活动单位 links) has a finding that still holds. */
  hasCountyFinding: z.boolean().optional(),
});
export type UnitRow = z.infer<typeof UnitRow>;

export const AreaCount = z.object({
  areaCode: z.string(),
  total: z.number().int().nonnegative(),
  byStatus: z.record(UnitStatus, z.number().int().nonnegative()),
});

export const UnitList = z.object({
  rows: z.array(UnitRow),
  total: z.number().int().nonnegative(),
  areas: z.array(AreaCount),
});
export type UnitList = z.infer<typeof UnitList>;

export const UnitDetail = UnitRow.extend({
  version: z.number().int().positive(),
  source: z.enum(['frame', 'field']),
  forms: FormsDoc,
  explanations: Explanations,
  notFoundReason: z.string().nullable(),
  /** 非普查对象: the recorded reason while the unit is out_of_scope. */
  outOfScopeReason: z.string().nullable(),
  /** The listing-frame row as imported (column → text). */
  frameRow: z.record(z.string(), z.string()).nullable(),
  /** Last year's annual-report figures from the frame, for cross-period rules. */
  lastYear: z.object({ revenue: z.number().optional(), employees: z.number().optional() }).nullable(),
  findingList: z.array(Finding),
  duplicateIds: z.array(UnitId),
  /**
   * The bureau's county-wide check of this unit as this laptop last received it: the findings
   * that still hold, and when the server computed them (electron/main/registration/county-cache.ts).
   */
  county: z.object({ computedAt: z.string().max(40), findings: z.array(CountyFinding).max(1000) }).nullable().optional(),
  /**
   * What the listing frame offers each item (shared/forms/preload.ts): shown beside an item
   * whose answer is absent as "来自底册", for the enumerator to confirm or correct; never an answer.
   */
  preload: z.record(FormId, z.record(ItemCode, FrameValue)),
  /**
   * The form pack the unit is shown and checked with ('wjp5-2023@2023.2'): the one it was filled
   * under. `packFallback`: that pack is not on this laptop (yet), so the one in force is used.
   */
  formPack: z.string().max(100),
  packFallback: z.boolean(),
  /**
   * Values the unit holds under items its pack does not have (kept from an earlier version,
   * never dropped): where, the item's name in the pack that had it (else its code), the value.
   */
  notInPack: z.array(
    z.object({ path: z.string().max(200), labelZh: z.string(), labelEn: z.string(), value: z.json() }),
  ),
});
export type UnitDetail = z.infer<typeof UnitDetail>;

/** A USCC as typed (up to 18 characters once in its normal form: normaliseIdentifier); not checked here. */
export const TypedUscc = z.string().max(80).transform(normaliseIdentifier).pipe(z.string().max(18));

export const UnitCreate = z
  .object({
    areaCode: AreaCode,
    kind: UnitKind,
    name: z.string().trim().min(1).max(100),
    uscc: TypedUscc.optional(),
    address: z.string().trim().max(200).optional(),
    /**
     * Units already holding this USCC that the user saw and still chose to add beside (units:sameUscc);
     * without them main refuses a USCC the store already holds.
     */
    duplicateOf: z.array(UnitId).max(20).optional(),
  })
  .strict();

/** A unit that already holds a USCC, for the warning before adding another with it. */
export const UnitRef = z.object({ id: UnitId, areaCode: z.string(), name: z.string(), kind: UnitKind, status: UnitStatus });
export type UnitRef = z.infer<typeof UnitRef>;

export const UnitWithdraw = z
  .object({
    id: UnitId,
    version: z.number().int().positive(),
    /** Why the unit should never have been added (kept in the trace and sent with the tombstone). */
    reason: z.string().trim().min(2).max(500),
  })
  .strict();

/** A unit withdrawn here or on another laptop: gone from every list and count, kept on record. */
export const WithdrawnUnit = z.object({
  id: UnitId,
  areaCode: z.string(),
  name: z.string(),
  uscc: z.string(),
  kind: UnitKind,
  withdrawnAt: z.string(),
  /** Who withdrew it ('' when this laptop only received the tombstone in a snapshot). */
  by: z.string(),
  reason: z.string(),
});
export type WithdrawnUnit = z.infer<typeof WithdrawnUnit>;

export const UnitSave = z
  .object({
    id: UnitId,
    /** The version the user edited; a stale one is a CONFLICT, never a silent overwrite. */
    version: z.number().int().positive(),
    forms: FormsDoc,
    explanations: Explanations,
    /** Why the change was made (修改依据), when the user gives one. */
    reason: z.string().trim().max(500).optional(),
  })
  .strict();

export const UnitSubmit = z.object({ id: UnitId, version: z.number().int().positive() }).strict();

export const UnitNotFound = z
  .object({
    id: UnitId,
    version: z.number().int().positive(),
    reason: z.string().trim().min(4).max(500),
  })
  .strict();

export const UnitChange = z.object({
  id: z.number().int(),
  at: z.string(),
  userName: z.string(),
  deviceName: z.string(),
  action: z.string(),
  changes: z.array(z.object({ path: z.string(), from: z.unknown(), to: z.unknown() })),
  reason: z.string().nullable(),
});
export type UnitChange = z.infer<typeof UnitChange>;

// Listing frame (底册) import: the renderer reads the chosen file and sends its bytes; main
// parses, validates per row and returns a preview; import re-parses the same bytes.
export const FrameFile = ImportFile;

export const FrameRowResult = z.object({
  rowNo: z.number().int(),
  areaCode: z.string(),
  kind: UnitKind.nullable(),
  name: z.string(),
  uscc: z.string(),
  address: z.string(),
  errors: z.array(z.object({ column: z.string(), messageZh: z.string(), messageEn: z.string() })),
  warnings: z.array(z.object({ column: z.string(), messageZh: z.string(), messageEn: z.string() })),
  /** Already in the store (same area and USCC, or same area and name): import skips it. */
  isAlreadyPresent: z.boolean(),
  /** Its 普查小区 is outside the account's areas (the reason is among its errors): import skips it. */
  isOutOfScope: z.boolean(),
});

export const FramePreview = z.object({
  columns: z.array(z.object({ header: z.string(), field: z.string().nullable() })),
  rows: z.array(FrameRowResult),
  counts: z.object({
    total: z.number().int(),
    valid: z.number().int(),
    /** Rows with errors, not counting those only outside the account's areas. */
    withErrors: z.number().int(),
    alreadyPresent: z.number().int(),
    outOfScope: z.number().int(),
  }),
  /** The areas rows were checked against (see ImportScope). */
  scope: ImportScope,
});
export type FramePreview = z.infer<typeof FramePreview>;

export const FrameImportResult = z.object({
  imported: z.number().int(),
  skippedErrors: z.number().int(),
  skippedPresent: z.number().int(),
  skippedOutOfScope: z.number().int(),
});

export const DivisionRow = z.object({ code: z.string(), name: z.string(), level: z.number().int() });
export const DivisionQuery = z
  .object({
    parent: z.string().regex(/^\d{0,12}$/).optional(),
    query: z.string().trim().max(50).optional(),
    limit: z.number().int().min(1).max(500).default(50),
  })
  .strict();

/** What statistical division data the store holds (统计用区划代码). */
export const DivisionStatus = z.object({
  regionCode: z.string(),
  regionName: z.string().nullable(),
  /** Rows under the deployment region (itself included); 0 = not loaded or no region set. */
  regionLoaded: z.number().int().nonnegative(),
  totalLoaded: z.number().int().nonnegative(),
  countryLoadedAt: z.string().nullable(),
});
export type DivisionStatus = z.infer<typeof DivisionStatus>;

/** What the renderer needs to run the rules live the way main runs them on save. */
export const RuleContextWire = z.object({
  today: z.string(),
  deploymentCounty: z.string().nullable(),
  /** All division codes of the deployment region (for live existence checks). */
  regionDivisionCodes: z.array(z.string()),
});
