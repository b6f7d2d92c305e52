import { z } from 'zod';
import { EnterpriseFilter, EnterpriseId } from '../directory/directory';
import { CaseAction, TransferTarget, ViolationType } from './case-machine';
import { IsoDate } from './roster';
import { verifyFailures } from './verify';
import { caseDocTypes, DecisionValue, DrawRunValue, PoolEntryValue, RosterEntryValue } from './sync-fields';

// The IPC inputs and outputs of 统计执法 (shared/ipc/contract.ts lists the channels).

const Id = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
const Note = z.string().trim().max(1_000);

export const EnforceDrawPublish = z
  .object({
    title: z.string().trim().min(1).max(100),
    filter: EnterpriseFilter,
    /** Exactly one of count or sharePct. */
    count: z.number().int().min(1).max(10_000).optional(),
    sharePct: z.number().min(0.1).max(100).optional(),
    perEnterprise: z.number().int().min(1).max(5).default(2),
    /** The day certificates are judged on; absent: today. */
    day: IsoDate.optional(),
    /** Absent: main makes one from a random source and keeps it back until the draw runs. */
    seed: z.string().trim().min(1).max(64).optional(),
  })
  .strict()
  .refine((d) => (d.count === undefined) !== (d.sharePct === undefined), { message: 'COUNT_OR_SHARE' });

export const PublishedDraw = z.object({
  id: z.string(),
  title: z.string(),
  areaCode: z.string(),
  algorithm: z.string(),
  filter: EnterpriseFilter,
  day: z.string(),
  count: z.number().int(),
  perEnterprise: z.number().int(),
  seedHash: z.string(),
  poolHash: z.string(),
  rosterHash: z.string(),
  pool: z.array(PoolEntryValue),
  roster: z.array(RosterEntryValue),
  publishedAt: z.string(),
  publishedBy: z.string(),
  /** This laptop holds the seed kept back at publication (it may run the draw without typing it). */
  holdsSeed: z.boolean(),
  run: DrawRunValue.nullable(),
});
export type PublishedDraw = z.infer<typeof PublishedDraw>;

export const PublishedDrawSummary = PublishedDraw.pick({ id: true, title: true, day: true, count: true, seedHash: true, publishedAt: true, publishedBy: true, holdsSeed: true }).extend({
  poolSize: z.number().int(),
  rosterSize: z.number().int(),
  ranAt: z.string().nullable(),
});
export type PublishedDrawSummary = z.infer<typeof PublishedDrawSummary>;

export const EnforceDrawRun = z.object({ id: Id, seed: z.string().trim().min(1).max(64).optional() }).strict();

/** NOT_RUN: nothing to check yet; otherwise the first check that failed (verify.ts). */
export const DrawVerdict = z.object({ ok: z.boolean(), reason: z.enum([...verifyFailures, 'NOT_RUN']).nullable() });

export const CaseOpen = z
  .object({
    enterpriseId: EnterpriseId,
    drawId: Id.nullable().default(null),
    caseNo: z.string().trim().min(1).max(60),
    filedOn: IsoDate,
    violations: z.array(ViolationType).min(1).max(6),
    otherText: z.string().trim().max(200).default(''),
    note: Note.default(''),
  })
  .strict();
export type CaseOpen = z.input<typeof CaseOpen>;

/** A decision as the form sends it: checked by the case machine, not here, so its refusals read as the bureau says them. */
export const DecisionInput = z.object({
  penalties: DecisionValue.shape.penalties.element.array().max(3),
  /** Any number: a fraction or zero is refused by the case machine with its own message. */
  fineYuan: z.number().finite().nullable(),
  documentNo: z.string().trim().max(60),
});

export const CaseAct = z
  .object({ id: Id, action: CaseAction, on: IsoDate, note: Note.default(''), decision: DecisionInput.nullable().default(null) })
  .strict();
export type CaseAct = z.input<typeof CaseAct>;

export const CaseSetViolations = z.object({ id: Id, violations: z.array(ViolationType).min(1).max(6), otherText: z.string().trim().max(200) }).strict();
export const CaseAddDocument = z.object({ id: Id, evidenceId: Id, docType: z.enum(caseDocTypes) }).strict();
export const CaseTransfer = z
  .object({ id: Id, target: TransferTarget, on: IsoDate, toName: z.string().trim().min(2).max(100), documentNo: z.string().trim().min(1).max(60), note: Note.default('') })
  .strict();
export const CaseQuery = z.object({ enterpriseId: EnterpriseId.optional(), year: z.number().int().min(2000).max(2100).optional() }).strict();
