import { z } from 'zod';
import { DivisionCode, EnterpriseFilter, EnterpriseId } from '../directory/directory';
import type { TransferTarget} from './case-machine';
import { PenaltyKind, ViolationType } from './case-machine';
import { exclusionReasons } from './roster-draw';
import { CertNo, InspectorCard, IsoDate, PersonName } from './roster';

// The 统计执法 sync entities: 'inspector' (a roster entry, county-wide) and 'case' (one
// enterprise's case, in the enterprise's area); and the fields a draw published before it runs
// adds to 'draw' (shared/inspection/sync-fields.ts). Each step is its own field, so two people
// doing different things never conflict and the same thing done on two laptops is a visible
// conflict. Field names are whitelisted here, never SQL.

const Iso = z.iso.datetime({ offset: true });
const Id = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
/** Who did it: the session's account id (null for a laptop never signed in) and display name. */
const By = z.strictObject({ userId: z.string().max(100).nullable(), name: z.string().max(100) });
export type ByValue = z.infer<typeof By>;
const Note = z.string().trim().max(1_000);

// ——— inspector ———

/** '$create': the county (6 digits: the scope key) and the card as first entered. */
export const InspectorCreateValue = z.strictObject({ areaCode: z.string().regex(/^\d{6}$/), ...InspectorCard.shape, at: Iso, by: By });
export type InspectorCreateValue = z.infer<typeof InspectorCreateValue>;
/** 'card': the card as last corrected or renewed. */
export const InspectorCardValue = z.strictObject({ ...InspectorCard.shape, at: Iso, by: By });
export type InspectorCardValue = z.infer<typeof InspectorCardValue>;
/** 'related.<enterpriseId>': one 回避 entry; removing it keeps it, with why. */
export const RelatedValue = z.strictObject({
  enterpriseName: z.string().trim().min(1).max(200),
  reason: z.string().trim().min(2).max(200),
  at: Iso,
  by: By,
  removed: z.strictObject({ reason: z.string().trim().min(2).max(200), at: Iso, by: By }).nullable(),
});
export type RelatedValue = z.infer<typeof RelatedValue>;
export const relatedFieldPattern = /^related\.([A-Za-z0-9_-]{8,64})$/;

export function inspectorFieldSchema(field: string): z.ZodType | null {
  if (field === '$create') return InspectorCreateValue;
  if (field === 'card') return InspectorCardValue;
  if (relatedFieldPattern.test(field)) return RelatedValue;
  return null;
}

// ——— case ———

export const CaseCreateValue = z.strictObject({
  areaCode: DivisionCode,
  enterpriseId: EnterpriseId,
  enterpriseName: z.string().max(200),
  uscc: z.string().max(18),
  /** The draw the enterprise was inspected under, when it was. */
  drawId: Id.nullable(),
  /** 立案编号 as the bureau numbers its cases. */
  caseNo: z.string().trim().min(1).max(60),
  filedOn: IsoDate,
  violations: z.array(ViolationType).min(1).max(6),
  otherText: z.string().trim().max(200),
  note: Note,
  at: Iso,
  by: By,
});
export type CaseCreateValue = z.infer<typeof CaseCreateValue>;

/** 'violations': the types as last corrected. */
export const CaseViolationsValue = z.strictObject({ violations: z.array(ViolationType).min(1).max(6), otherText: z.string().trim().max(200), at: Iso, by: By });
export type CaseViolationsValue = z.infer<typeof CaseViolationsValue>;

export const DecisionValue = z.strictObject({
  penalties: z.array(PenaltyKind).min(1).max(3),
  fineYuan: z.number().int().min(1).max(100_000_000).nullable(),
  documentNo: z.string().trim().min(1).max(60),
});
export type DecisionValue = z.infer<typeof DecisionValue>;

/** 'step.<state>': the step into that state, the day it happened, and for 处罚决定 the decision. */
export const CaseStepValue = z.strictObject({ on: IsoDate, note: Note, decision: DecisionValue.nullable(), at: Iso, by: By });
export type CaseStepValue = z.infer<typeof CaseStepValue>;
export const stepStates = ['investigating', 'notified', 'decided', 'closed'] as const;
export type StepState = (typeof stepStates)[number];
export const caseStepField = (state: StepState): string => `step.${state}`;
const stepFieldPattern = /^step\.(investigating|notified|decided|closed)$/;

export const caseDocTypes = ['filing', 'inquiry', 'evidence', 'notice', 'decision', 'closing', 'transfer', 'other'] as const;
/** 'doc.<evidenceId>': a document of the case, its file kept by the evidence engine. */
export const CaseDocValue = z.strictObject({
  evidenceId: Id,
  docType: z.enum(caseDocTypes),
  fileName: z.string().max(255),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  at: Iso,
  by: By,
});
export type CaseDocValue = z.infer<typeof CaseDocValue>;
export const caseDocFieldPattern = /^doc\.([A-Za-z0-9_-]{8,64})$/;

/** 'transfer.<target>': 移送 to 纪检监察机关 or 市场监管部门: date, to whom, document number. */
export const CaseTransferValue = z.strictObject({
  on: IsoDate,
  toName: z.string().trim().min(2).max(100),
  documentNo: z.string().trim().min(1).max(60),
  note: Note,
  at: Iso,
  by: By,
});
export type CaseTransferValue = z.infer<typeof CaseTransferValue>;
export const caseTransferFieldPattern = /^transfer\.(discipline|market)$/;
export const caseTransferField = (target: z.infer<typeof TransferTarget>): string => `transfer.${target}`;

export function caseFieldSchema(field: string): z.ZodType | null {
  if (field === '$create') return CaseCreateValue;
  if (field === 'violations') return CaseViolationsValue;
  if (stepFieldPattern.test(field)) return CaseStepValue;
  if (caseDocFieldPattern.test(field)) return CaseDocValue;
  if (caseTransferFieldPattern.test(field)) return CaseTransferValue;
  return null;
}

// ——— a draw published before it runs ('draw' entity) ———

const Hash = z.string().regex(/^[0-9a-f]{64}$/);
export const PoolEntryValue = z.strictObject({ enterpriseId: EnterpriseId, uscc: z.string().max(18), name: z.string().max(200), divisionCode: DivisionCode, liaison: z.string().max(40) });
export const RosterEntryValue = z.strictObject({
  inspectorId: Id,
  name: PersonName,
  certNo: CertNo,
  validFrom: IsoDate,
  validTo: IsoDate,
  unit: z.string().max(100),
  related: z.array(EnterpriseId).max(1_000),
});

/**
 * '$create' of a published draw: everything the draw will run over, and the SHA-256 of the seed
 * kept back until it runs, of the pool and of the roster (verify.ts). The 公示 sheet prints it.
 */
export const PublishedDrawCreateValue = z.strictObject({
  areaCode: z.string().regex(/^\d{6,12}$/),
  kind: z.literal('published'),
  title: z.string().trim().min(1).max(100),
  algorithm: z.string().min(1).max(100),
  filter: EnterpriseFilter,
  day: IsoDate,
  count: z.number().int().min(1).max(10_000),
  perEnterprise: z.number().int().min(1).max(5),
  seedHash: Hash,
  poolHash: Hash,
  rosterHash: Hash,
  pool: z.array(PoolEntryValue).min(1).max(10_000),
  roster: z.array(RosterEntryValue).min(1).max(500),
  at: Iso,
  by: By,
});
export type PublishedDrawCreateValue = z.infer<typeof PublishedDrawCreateValue>;

export const DrawRunItemValue = z.strictObject({
  enterpriseId: EnterpriseId,
  position: z.number().int().min(0).max(9_999),
  uscc: z.string().max(18),
  name: z.string().max(200),
  divisionCode: DivisionCode,
  inspectors: z.array(z.strictObject({ inspectorId: Id, name: PersonName, certNo: CertNo })).min(1).max(5),
});

/** 'run': the seed revealed and the draw as it came out, with who was excluded for whom and why. */
export const DrawRunValue = z.strictObject({
  seed: z.string().min(1).max(64),
  items: z.array(DrawRunItemValue).min(1).max(10_000),
  exclusions: z.array(z.strictObject({ enterpriseId: EnterpriseId, inspectorId: Id, reason: z.enum(exclusionReasons) })).max(50_000),
  at: Iso,
  by: By,
});
export type DrawRunValue = z.infer<typeof DrawRunValue>;
