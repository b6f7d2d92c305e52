import { z } from 'zod';
import { itemTypes, type Condition } from '../forms/types';
import { severities } from '../rules/types';
import { scaleMeasures } from './types';

// The shape of a form pack document (shared/packs/types.ts), checked wherever a pack arrives:
// the built-in one at start-up, a published one on the server, one received by sync, one built
// from a workbook. Shape only; what the parts refer to is checked by checkPack (check.ts).
// Strict objects: an unknown member is a typo or a newer format, never silently ignored.

const Text = z.string().max(4_000);
const Code = z.string().min(1).max(64);
const ItemCode = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'an item code is a letter then letters, digits or _ (at most 64)');
const Scalar = z.union([z.string().max(200), z.number().finite(), z.boolean()]);

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ item: ItemCode, op: z.enum(['empty', 'notEmpty', 'isTrue', 'isFalse']) }),
    z.strictObject({ item: ItemCode, op: z.enum(['eq', 'ne']), value: Scalar }),
    z.strictObject({ item: ItemCode, op: z.enum(['in', 'notIn']), value: z.array(Scalar).max(500) }),
    z.strictObject({ item: ItemCode, op: z.enum(['prefix', 'notPrefix']), value: z.array(z.string().max(20)).max(500) }),
    z.strictObject({ item: ItemCode, op: z.enum(['gt', 'ge', 'lt', 'le']), value: z.number().finite() }),
    z.strictObject({ item: ItemCode, op: z.enum(['has', 'lacks']), value: z.array(Code).min(1).max(500) }),
    z.strictObject({ all: z.array(ConditionSchema).min(1).max(50) }),
    z.strictObject({ any: z.array(ConditionSchema).min(1).max(50) }),
    z.strictObject({ not: ConditionSchema }),
  ]),
);

const OptionSchema = z.strictObject({ code: Code, zh: Text, en: Text });

export const ItemSchema = z.strictObject({
  code: ItemCode,
  printedNo: z.string().max(40).optional(),
  labelZh: z.string().min(1).max(200),
  labelEn: z.string().min(1).max(300),
  type: z.enum(itemTypes),
  unitZh: z.string().max(40).optional(),
  unitEn: z.string().max(60).optional(),
  codeList: Code.optional(),
  options: z.array(OptionSchema).max(500).optional(),
  required: z.union([z.boolean(), ConditionSchema]).optional(),
  requiredNoteZh: Text.optional(),
  requiredNoteEn: Text.optional(),
  relevant: ConditionSchema.optional(),
  helpZh: Text.optional(),
  helpEn: Text.optional(),
  maxLength: z.number().int().positive().optional(),
  min: z.number().finite().optional(),
  max: z.number().finite().optional(),
  maxChoices: z.number().int().min(1).max(500).optional(),
  compute: z.array(z.string().min(1).max(2_000)).min(1).max(20).optional(),
  computeAllowBlank: z.array(z.string().max(100)).max(50).optional(),
  renamedFrom: z.array(ItemCode).max(20).optional(),
});

const SectionSchema = z.strictObject({
  id: ItemCode,
  titleZh: z.string().min(1).max(200),
  titleEn: z.string().min(1).max(300),
  items: z.array(ItemSchema).max(1_000),
  repeat: z
    .strictObject({
      min: z.number().int().min(0),
      max: z.number().int().min(1).max(999),
      itemLabelZh: z.string().min(1).max(60),
      itemLabelEn: z.string().min(1).max(100),
    })
    .optional(),
  relevant: ConditionSchema.optional(),
});

export const FormSpecSchema = z.strictObject({
  id: z.string().regex(/^[0-9A-Za-z][0-9A-Za-z-]{0,31}$/, 'a form id is letters, digits and - (e.g. 611-1)'),
  printedNo: z.string().max(40).optional(),
  version: z.string().min(1).max(40),
  titleZh: z.string().min(1).max(200),
  titleEn: z.string().min(1).max(300),
  source: Text,
  sections: z.array(SectionSchema).min(1).max(200),
});

const CodeEntrySchema = z.strictObject({
  code: Code,
  zh: z.string().min(1).max(200),
  en: z.string().min(1).max(300),
  initials: z.string().max(200),
  notOffered: Text.optional(),
});

export const CodeListSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/),
  nameZh: z.string().min(1).max(100),
  nameEn: z.string().min(1).max(200),
  version: z.string().min(1).max(40),
  source: Text,
  year: z.number().int().min(1900).max(2200),
  entries: z.array(CodeEntrySchema).max(5_000),
});

const items = z.array(ItemCode).max(100);
const p = <T extends z.ZodRawShape>(shape: T) => z.strictObject({ params: z.strictObject(shape) });
const noParams = z.strictObject({});

/** Each check's parameters; the fn names are those of the registry (shared/rules/checks.ts). */
const checkParams = {
  specRequired: noParams,
  specFormat: noParams,
  specCodeList: noParams,
  specRange: noParams,
  specLength: noParams,
  specRows: noParams,
  required: noParams,
  oneOfRequired: p({ others: items }),
  assert: p({ cond: ConditionSchema }),
  atLeast: p({ min: z.number().finite() }),
  anyPositive: p({ others: items }),
  uniqueInSection: noParams,
  notBefore: p({ other: ItemCode }),
  notInFuture: noParams,
  notAfterMonth: p({ month: z.string().regex(/^\d{4}-\d{2}$/) }),
  activityText: p({ min: z.number().int().min(0), max: z.number().int().min(1), maxSetting: z.string().max(64).optional() }),
  addressText: p({ minHan: z.number().int().min(0) }),
  pattern: p({ name: z.enum(['telAreaCode', 'fixedPhone', 'mobilePhone', 'anyPhone', 'postcode', 'url']) }),
  email: noParams,
  usccFormat: noParams,
  usccChecksum: noParams,
  usccParts: noParams,
  orgCodeFormat: noParams,
  orgCodeChecksum: noParams,
  usccMatchesOrgCode: p({ orgCode: ItemCode }),
  usccMatchesInstitutionType: p({ institutionType: ItemCode }),
  usccIsIndividual: noParams,
  divisionStructure: noParams,
  divisionExists: noParams,
  divisionInCounty: noParams,
  areaCodeStructure: noParams,
  areaCodeInCounty: noParams,
  areaCodeMatchesDivision: p({ division: ItemCode }),
  industryClass: noParams,
  industryInScope: noParams,
  leTotal: p({ total: ItemCode }),
  notEqual: p({ other: ItemCode }),
  sumLeTotal: p({ parts: items }),
  sumEqualsTotal: p({ parts: items, tolerance: z.number().min(0).optional() }),
  crossPeriod: p({ field: z.enum(['revenue', 'employees']) }),
  revenuePerEmployee: p({ employees: ItemCode, industry: ItemCode, table: z.enum(['unit', 'individual']) }),
  matchesForm: p({ form: z.string().max(32), item: ItemCode, relation: z.enum(['eq', 'le']), factor: z.number().positive().optional() }),
  sumMatchesForm: p({ column: ItemCode, form: z.string().max(32), item: ItemCode }),
  rowsWhere: p({ cond: ConditionSchema, min: z.number().int().min(0), max: z.number().int().min(0).optional() }),
  expr: p({
    expr: z.string().min(1).max(2_000),
    zeroIfBlank: z.array(z.string().max(100)).max(50).optional(),
    show: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,31}$/), z.string().min(1).max(1_000)).optional(),
  }),
} as const;

export const checkFns = Object.keys(checkParams) as (keyof typeof checkParams)[];

/** The check of a rule: `fn` picks the parameter schema. */
export const CheckSchema = z
  .object({ fn: z.enum(checkFns as [keyof typeof checkParams, ...(keyof typeof checkParams)[]]) })
  .passthrough()
  .superRefine((value, ctx) => {
    const { fn, ...rest } = value;
    const parsed = checkParams[fn].safeParse(rest);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    }
  });

const MessageSchema = z.strictObject({ zh: Text, en: Text });

export const RuleSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,79}$/, 'a rule id is letters, digits, - and _'),
  formId: z.string().max(32),
  severity: z.enum(severities),
  items: z.array(z.string().max(64)).min(1).max(100),
  when: ConditionSchema.optional(),
  check: CheckSchema,
  messageZh: z.string().min(1).max(1_000),
  messageEn: z.string().min(1).max(1_000),
  byReason: z.record(z.string().max(40), MessageSchema).optional(),
  version: z.string().min(1).max(40),
  source: Text,
});

const RangeSchema = z.strictObject({ min: z.number().finite(), max: z.number().finite() });
const RangeTable = z.record(z.string().regex(/^[A-T]$/), RangeSchema);

const ScaleBandSchema = z.strictObject({
  nameZh: z.string().min(1).max(100),
  nameEn: z.string().min(1).max(200),
  industries: z.array(z.string().regex(/^\d{2}(\d{2})?$/, 'a division (2 digits) or a class (4 digits)')).max(200),
  measures: z.array(z.enum(scaleMeasures)).min(1).max(3),
  large: z.array(z.number().finite().min(0)),
  medium: z.array(z.number().finite().min(0)),
  small: z.array(z.number().finite().min(0)),
});

const UnitFormList = z.array(z.strictObject({ form: z.string().max(32), when: ConditionSchema.optional() })).min(1).max(50);

const MoveSchema = z.strictObject({
  fromForm: z.string().min(1).max(32),
  fromItem: ItemCode,
  toForm: z.string().min(1).max(32),
  toItem: ItemCode,
  when: ConditionSchema.optional(),
});

export const PackBodySchema = z.strictObject({
  schema: z.number().int().positive(),
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'a pack id is lower-case letters, digits and - (e.g. wjp5-2023)'),
  version: z.string().regex(/^[0-9A-Za-z][0-9A-Za-z.-]{0,39}$/, 'a version is letters, digits, . and - (e.g. 2023.2)'),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  titleZh: z.string().min(1).max(200),
  titleEn: z.string().min(1).max(300),
  source: Text,
  notesZh: Text.optional(),
  notesEn: Text.optional(),
  settings: z
    .record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/), z.union([z.number().finite(), z.string().max(20_000)]))
    .and(z.object({ revenueChange: z.number().min(0), employeesChange: z.number().min(0) })),
  forms: z.array(FormSpecSchema).min(1).max(100),
  unitForms: z.strictObject({ legal: UnitFormList, establishment: UnitFormList, individual: UnitFormList }),
  codeLists: z.array(CodeListSchema).max(500),
  rules: z.array(RuleSchema).max(10_000),
  plausibility: z.strictObject({
    version: z.string().min(1).max(40),
    source: Text,
    tables: z.strictObject({ unit: RangeTable, individual: RangeTable }),
  }),
  moves: z.array(MoveSchema).max(2_000).optional(),
  scaleBands: z
    .strictObject({
      version: z.string().min(1).max(40),
      source: Text,
      unitsZh: z.string().max(40),
      bands: z.array(ScaleBandSchema).min(1).max(100),
    })
    .optional(),
});

export const PackSchema = PackBodySchema.extend({ hash: z.string().regex(/^[0-9a-f]{64}$/) });
