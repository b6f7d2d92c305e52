import { z } from 'zod';
import { DivisionCode, EnterpriseFields, FollowUpStage } from './directory';
import { contactMethods, MaterialKey } from '../followup/work';
import { indicatorKeys, LedgerValue } from '../ledger/indicators';
import { EvidenceFigure, EvidenceKind } from '../ledger/wire';
import { liaisonFieldSchema } from '../liaison/sync-fields';
import { SignatureValue, signoffFieldPattern } from '../ledger/signoff';

// The 'enterprise' sync entity: an enterprise and everything kept under it — ledger
// cells, annual figures, evidence references, the 入规纳统 follow-up — are fields of ONE entity,
// so they share its scope key (the division code) and move with it when it moves township.
// One ledger cell is one field: two people entering different months never conflict; the same
// cell entered twice without seeing each other is a conflict for a supervisor, as with units.
// Field names are whitelisted here and never reach SQL.

/**
 * '$create': the scope key (12-digit division code, named areaCode as for units), the USCC ('' for
 * an enterprise known by its 组织机构代码 alone, which is then among the initial fields), and
 * the initial attributes in `fields` ({ name: value }), each checked like an op of its own by
 * both sides (client outbox, server rules) — never the division code, the scope key itself.
 * Later values of the same fields win over the initial ones, as for units.
 */
export const EnterpriseCreateValue = z.strictObject({
  areaCode: DivisionCode,
  uscc: z.string().max(18),
  fields: z.record(z.string().max(200), z.unknown()).optional(),
});

const identity = EnterpriseFields.shape;
/** Identity attributes, each with its wire schema (no defaults: a field op always carries its value). */
export const enterpriseAttributes = {
  uscc: identity.uscc.unwrap(),
  orgCode: identity.orgCode.unwrap(),
  name: identity.name,
  address: z.string().max(200),
  divisionCode: DivisionCode,
  industryCode: z.union([z.literal(''), z.string().regex(/^\d{4}$/)]),
  registrationCategory: z.union([z.literal(''), z.string().regex(/^\d{3}$/)]),
  institutionType: z.union([z.literal(''), z.string().regex(/^\d{2}$/)]),
  scale: z.enum(['above', 'below']),
  isOnlineReporter: z.boolean(),
  liaison: z.string().max(40),
  legalRepresentative: z.string().max(40),
  phone: z.string().max(40),
  unitKind: identity.unitKind.unwrap(),
  parentUscc: identity.parentUscc.unwrap(),
  qualificationKind: identity.qualificationKind.unwrap(),
  isLocallyRegistered: z.boolean().nullable(),
  hasDevelopmentActivity: z.boolean(),
  foundedOn: identity.foundedOn.unwrap(),
  isNewBuild: z.boolean(),
  projectInvestment: identity.projectInvestment.unwrap(),
  isProjectUnderConstruction: z.boolean(),
  status: identity.status.unwrap(),
  statusNote: z.string().max(200),
} satisfies Record<string, z.ZodType>;
export type EnterpriseAttribute = keyof typeof enterpriseAttributes;

/**
 * Attributes no screen writes any more but older laptops (and the op history) still carry:
 * accepted so their ops are not refused, and read only where they once meant something — a
 * `hasQualification: true` with no qualificationKind stated becomes 'unconfirmed' (资质待确认),
 * never a kind nobody stated (directory/sync-adapter.ts, migration 0032).
 */
export const legacyEnterpriseAttributes = { hasQualification: z.boolean() } satisfies Record<string, z.ZodType>;
export const enterpriseAttributeNames = Object.keys(enterpriseAttributes) as EnterpriseAttribute[];

const indicatorAlt = indicatorKeys.join('|');
/** 'ledger.2024-03.revenue': one month's value of one indicator. */
export const ledgerFieldPattern = new RegExp(`^ledger\\.(\\d{4})-(0[1-9]|1[0-2])\\.(${indicatorAlt})$`);
/** 'annual.2023.revenue': a figure of the annual report. */
export const annualFieldPattern = new RegExp(`^annual\\.(\\d{4})\\.(${indicatorAlt})$`);
const ID = '[A-Za-z0-9_-]{8,64}';
export const evidenceFieldPattern = new RegExp(`^evidence\\.(${ID})$`);
export const noteFieldPattern = new RegExp(`^note\\.(${ID})$`);
export const transitionFieldPattern = new RegExp(`^transition\\.(${ID})$`);
export const materialFieldPattern = /^material\.([a-z0-9_]{1,30})$/;

export const ledgerField = (year: number, month: number, indicator: string): string =>
  `ledger.${year}-${String(month).padStart(2, '0')}.${indicator}`;
export const annualField = (year: number, indicator: string): string => `annual.${year}.${indicator}`;

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Stamp = z.string().max(40);

export const EvidenceRefValue = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  fileName: z.string().max(255),
  mimeType: z.string().max(100),
  size: z.number().int().nonnegative(),
  kind: EvidenceKind,
  note: z.string().max(500),
  figures: z.array(EvidenceFigure).max(200),
  createdAt: Stamp,
  createdBy: z.string().max(40),
  removedAt: Stamp.nullable(),
  removedReason: z.string().max(500).nullable(),
});
export type EvidenceRefValue = z.infer<typeof EvidenceRefValue>;

export const NoteValue = z.object({
  date: IsoDate,
  method: z.enum(contactMethods),
  contact: z.string().max(40),
  text: z.string().max(2_000),
  createdBy: z.string().max(40),
  createdAt: Stamp,
});
export type NoteValue = z.infer<typeof NoteValue>;

export const TransitionValue = z.object({
  from: FollowUpStage.nullable(),
  to: FollowUpStage,
  date: IsoDate,
  at: Stamp,
  by: z.string().max(40),
  reason: z.string().max(500).nullable(),
});
export type TransitionValue = z.infer<typeof TransitionValue>;

export const MaterialValue = z.object({
  isProvided: z.boolean(),
  evidenceIds: z.array(z.string().regex(new RegExp(`^${ID}$`))).max(50),
  note: z.string().max(500),
  updatedAt: Stamp,
});
export type MaterialValue = z.infer<typeof MaterialValue>;

/** Single-valued follow-up fields. */
export const followUpAttributes = {
  'followup.stage': FollowUpStage.nullable(),
  'followup.rejectionReason': z.string().max(500).nullable(),
  'followup.round': z.enum(['monthly', 'annual']).nullable(),
} satisfies Record<string, z.ZodType>;

/** The schema a field's value must fit, or null when `field` is not a field of an enterprise. */
export function enterpriseFieldSchema(field: string): z.ZodType | null {
  if (field === '$create') return EnterpriseCreateValue;
  if (field === '$delete') return z.object({ reason: z.string().max(500) }).nullable();
  if (Object.hasOwn(enterpriseAttributes, field)) return enterpriseAttributes[field as EnterpriseAttribute];
  if (Object.hasOwn(legacyEnterpriseAttributes, field)) return legacyEnterpriseAttributes[field as keyof typeof legacyEnterpriseAttributes];
  if (Object.hasOwn(followUpAttributes, field)) return followUpAttributes[field as keyof typeof followUpAttributes];
  if (ledgerFieldPattern.test(field) || annualFieldPattern.test(field)) return LedgerValue.nullable();
  // 'signoff.2024-03.statisticsHead': one signer's signature of one month (shared/ledger/signoff.ts).
  if (signoffFieldPattern.test(field)) return SignatureValue;
  if (evidenceFieldPattern.test(field)) return EvidenceRefValue;
  if (noteFieldPattern.test(field)) return NoteValue;
  if (transitionFieldPattern.test(field)) return TransitionValue;
  const material = materialFieldPattern.exec(field);
  if (material && MaterialKey.safeParse(material[1]).success) return MaterialValue;
  return liaisonFieldSchema(field);
}
