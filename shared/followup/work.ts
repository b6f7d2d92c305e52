import { z } from 'zod';
import { EnterpriseFilter, EnterpriseId, EnterpriseRow, FollowUpStage } from '../directory/directory';
import { EvidenceId } from '../ledger/wire';

// Wire schemas of the work done on the directory: 入规纳统 candidates and their
// follow-up, the application materials, 退库 candidates, and the 双随机 inspection draw.

const text = (max: number) => z.string().trim().max(max);
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** Allowed moves of the follow-up workflow; 'rejected' needs a reason, 'admitted' makes it 规上. */
export const followUpTransitions: Readonly<Record<FollowUpStage, readonly FollowUpStage[]>> = {
  candidate: ['nurturing', 'applied'],
  nurturing: ['applied', 'candidate'],
  applied: ['admitted', 'rejected', 'nurturing'],
  admitted: [],
  rejected: ['nurturing', 'candidate'],
};

export const CandidateQuery = EnterpriseFilter.extend({
  /** 'reached' 达标 (apply now), 'near' 准规模, 'growth' 成长型, 'followed' any enterprise with a follow-up record. */
  kinds: z.array(z.enum(['reached', 'near', 'growth', 'followed'])).min(1).max(4).default(['reached', 'near', 'growth', 'followed']),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(200),
}).strict();
export type CandidateQuery = z.input<typeof CandidateQuery>;

export const CandidateRow = EnterpriseRow.extend({
  /** The revenue threshold of its industry (千元), null when entry is not by revenue. */
  thresholdRevenue: z.number().int().nullable(),
  /** YTD revenue annualised to twelve months (千元, rounded down). */
  annualisedRevenue: z.number().int().nullable(),
  /** max(YTD, annualised) / threshold, for display (0.85 = 85 %). */
  shareOfThreshold: z.number().nullable(),
  lastNoteAt: z.string().nullable(),
  materialsDone: z.number().int(),
  materialsTotal: z.number().int(),
});
export type CandidateRow = z.infer<typeof CandidateRow>;

export const CandidatePage = z.object({
  rows: z.array(CandidateRow),
  total: z.number().int(),
  byStage: z.record(z.union([FollowUpStage, z.literal('none')]), z.number().int()),
});
export type CandidatePage = z.infer<typeof CandidatePage>;

// The 规下升规上 application materials as the provincial rules list them (materials.ts says which
// apply to a unit). Keys are synced ('material.<key>'): new ones are appended, none renamed.
export const materialKeys = [
  'licence',
  'income_statement',
  'vat_return',
  'site_photos',
  'pledge',
  'ledger_12m',
  /** 纳入申报表 (the application form). */
  'application_form',
  /** 增值税纳税申报表附列资料（一） with the VAT return. */
  'vat_attachment_1',
  /** A unit over three years old: the VAT returns of every year since founding. */
  'vat_returns_since_founding',
  /** A newly built unit: its 新建投产 statement. */
  'new_build_statement',
] as const;
export const MaterialKey = z.enum(materialKeys);
export type MaterialKey = z.infer<typeof MaterialKey>;

/**
 * Why a material is on a unit's checklist: every application's, a unit over three years old,
 * one whose founding date nobody entered (its age decides), a new build; 'notRequired' for one
 * provided before but not required in the unit's case now (kept and shown, never dropped).
 */
export const MaterialReason = z.enum(['always', 'overThreeYears', 'ageUnknown', 'newBuild', 'notRequired']);
export type MaterialReason = z.infer<typeof MaterialReason>;

export const MaterialState = z.object({
  key: MaterialKey,
  reason: MaterialReason,
  /** For 'vat_returns_since_founding': the years whose returns are due (founding year to last year). */
  years: z.array(z.number().int()).nullable(),
  isProvided: z.boolean(),
  evidenceIds: z.array(EvidenceId),
  note: z.string(),
  updatedAt: z.string().nullable(),
});
export type MaterialState = z.infer<typeof MaterialState>;

export const contactMethods = ['visit', 'phone', 'online', 'meeting', 'other'] as const;

export const FollowUpNote = z.object({
  id: z.string(),
  date: IsoDate,
  method: z.enum(contactMethods),
  /** Who at the enterprise was contacted. */
  contact: z.string(),
  text: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type FollowUpNote = z.infer<typeof FollowUpNote>;

export const FollowUpView = z.object({
  enterpriseId: EnterpriseId,
  /** null: no follow-up record yet (transition to 'candidate' starts one). */
  stage: FollowUpStage.nullable(),
  stageHistory: z.array(z.object({ from: FollowUpStage.nullable(), to: FollowUpStage, at: z.string(), date: IsoDate, by: z.string(), reason: z.string().nullable() })),
  rejectionReason: z.string().nullable(),
  /** 'monthly' (new units) or 'annual' (the Nov 20 / Jan 5 batches). */
  applicationRound: z.enum(['monthly', 'annual']).nullable(),
  liaison: z.string(),
  notes: z.array(FollowUpNote),
  materials: z.array(MaterialState),
  version: z.number().int(),
});
export type FollowUpView = z.infer<typeof FollowUpView>;

export const FollowUpTransition = z
  .object({
    enterpriseId: EnterpriseId,
    /** The version shown (0 when there is no record yet); a stale one is a CONFLICT. */
    version: z.number().int().min(0),
    to: FollowUpStage,
    /** The day it happened (e.g. the application date). */
    date: IsoDate,
    /** Required for 'rejected' (未通过原因). */
    reason: text(500).optional(),
    applicationRound: z.enum(['monthly', 'annual']).optional(),
  })
  .strict();

export const FollowUpAddNote = z
  .object({
    enterpriseId: EnterpriseId,
    date: IsoDate,
    method: z.enum(contactMethods),
    contact: text(40).default(''),
    text: z.string().trim().min(1).max(2_000),
  })
  .strict();

export const MaterialsSet = z
  .object({
    enterpriseId: EnterpriseId,
    key: MaterialKey,
    isProvided: z.boolean(),
    evidenceIds: z.array(EvidenceId).max(50).default([]),
    note: text(500).default(''),
  })
  .strict();

export const PackageExport = z
  .object({
    enterpriseId: EnterpriseId,
    /** The last month of the 12 (default: the latest month with a ledger value). */
    endYear: z.number().int().min(2000).max(2100).optional(),
    endMonth: z.number().int().min(1).max(12).optional(),
  })
  .strict();

export const exitReasons = ['closed', 'suspended', 'deregistered', 'revoked', 'bankrupt', 'moved_away', 'merged', 'below_threshold'] as const;
export const ExitReason = z.enum(exitReasons);

export const ExitRow = EnterpriseRow.extend({
  reasons: z.array(z.object({ code: ExitReason, detailZh: z.string(), detailEn: z.string() })),
});
export type ExitRow = z.infer<typeof ExitRow>;

export const ExitQuery = EnterpriseFilter.extend({
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(200),
}).strict();

export const ExitPage = z.object({ rows: z.array(ExitRow), total: z.number().int() });
export type ExitPage = z.infer<typeof ExitPage>;

// 双随机一公开: a reproducible draw. The pool is the filtered list sorted by USCC; the seed feeds a
// fixed PRNG (shared/draw.ts), so anyone holding the same list and seed gets the same draw.
export const DrawRun = z
  .object({
    title: z.string().trim().min(1).max(100),
    filter: EnterpriseFilter,
    /** Exactly one of count or sharePct. */
    count: z.number().int().min(1).max(10_000).optional(),
    sharePct: z.number().min(0.1).max(100).optional(),
    inspectors: z.array(z.string().trim().min(1).max(40)).min(1).max(200),
    inspectorsPerEnterprise: z.number().int().min(1).max(5).default(2),
    /** Printed on the record; absent: main makes one from a random source. */
    seed: z.string().trim().min(1).max(64).optional(),
  })
  .strict()
  .refine((d) => (d.count === undefined) !== (d.sharePct === undefined), { message: 'COUNT_OR_SHARE' });

export const inspectionResults = ['pending', 'no_issue', 'issues_found', 'not_reachable'] as const;

export const DrawItem = z.object({
  enterpriseId: EnterpriseId,
  uscc: z.string(),
  name: z.string(),
  divisionCode: z.string(),
  inspectors: z.array(z.string()),
  result: z.enum(inspectionResults),
  findings: z.string(),
  isClosed: z.boolean(),
  closedAt: z.string().nullable(),
  closingNote: z.string(),
  updatedAt: z.string().nullable(),
});
export type DrawItem = z.infer<typeof DrawItem>;

export const DrawSummary = z.object({
  id: z.string(),
  title: z.string(),
  seed: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  poolSize: z.number().int(),
  /** SHA-256 of the sorted pool's USCC list: proves which list the seed was applied to. */
  poolHash: z.string(),
  drawn: z.number().int(),
  closed: z.number().int(),
});
export type DrawSummary = z.infer<typeof DrawSummary>;

export const DrawRecord = DrawSummary.extend({
  filter: EnterpriseFilter,
  inspectors: z.array(z.string()),
  inspectorsPerEnterprise: z.number().int(),
  /** The PRNG and its version, so the draw can be replayed later. */
  algorithm: z.string(),
  items: z.array(DrawItem),
});
export type DrawRecord = z.infer<typeof DrawRecord>;

export const InspectionRecord = z
  .object({
    drawId: z.string().min(1).max(64),
    enterpriseId: EnterpriseId,
    result: z.enum(inspectionResults),
    findings: text(2_000).default(''),
    isClosed: z.boolean(),
    closingNote: text(1_000).default(''),
  })
  .strict();
