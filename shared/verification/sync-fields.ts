import { z } from 'zod';
import { DivisionCode, EnterpriseId } from '../directory/directory';
import { exitReasons } from '../followup/work';
import { exitActions, exitStates, taskActions, taskStates } from './machine';

// The 'verification' sync entity: one 核查 task. Each thing people do to a task is its own field,
// so two people doing different things never conflict (one checks the licence while another
// types the payroll figures), while the same field written on two laptops unseen is a conflict
// shown for a decision, as everywhere else. Every step also writes an append-only 'step.<id>'
// field: the task's history travels whole, whoever pulls it later. Names are whitelisted here.

const Iso = z.iso.datetime({ offset: true });
const IsoDate = z.iso.date();
/** Who did it: the signed-in account's name (or the profile's before any login). */
const By = z.string().min(1).max(100);
/** A person's name as typed. */
export const PersonName = z.string().trim().min(1).max(40);
const ID = '[A-Za-z0-9_-]{8,64}';

/** 入库核查 / 退库核查 / 一套表抽查 / 双随机. */
export const taskKinds = ['admission', 'exit', 'sample', 'draw'] as const;
export const TaskKind = z.enum(taskKinds);
export type TaskKind = z.infer<typeof TaskKind>;

/** What the checker compares: 营业执照, 利润表 and 增值税纳税申报表 against the reported period, 工资表 against staff, 实地查看. */
export const checkKeys = ['licence', 'income_statement', 'vat_return', 'payroll', 'site_visit'] as const;
export const CheckKey = z.enum(checkKeys);
export type CheckKey = z.infer<typeof CheckKey>;
export const checkResults = ['consistent', 'inconsistent', 'not_applicable'] as const;

/** Figures compared, as ledger indicators (shared/ledger/indicators.ts): money in 千元, staff in 人. */
export const figureKeys = ['revenue', 'totalProfit', 'vatPayable', 'payroll', 'employees'] as const;
export const FigureKey = z.enum(figureKeys);
export type FigureKey = z.infer<typeof FigureKey>;

export const conclusionResults = ['consistent', 'inconsistent'] as const;
export const signatureRoles = ['checker', 'contact'] as const;
export type SignatureRole = (typeof signatureRoles)[number];

/** The period whose figures are compared: January to `month` of `year` (12: the whole year). */
export const Period = z.strictObject({ year: z.number().int().min(2000).max(2100), month: z.number().int().min(1).max(12) });
export type Period = z.infer<typeof Period>;

/** Where the task came from: the list, and for a sample or a draw what makes it replayable. */
export const TaskSource = z.strictObject({
  list: z.enum(['applicants', 'exits', 'sample', 'draw']),
  drawId: z.string().min(1).max(64).nullable(),
  seed: z.string().max(64).nullable(),
  poolHash: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
  poolSize: z.number().int().min(0).max(1_000_000).nullable(),
});
export type TaskSource = z.infer<typeof TaskSource>;

/** '$create': the enterprise's division code as the scope key, then the task as created. */
export const TaskCreateValue = z.strictObject({
  areaCode: DivisionCode,
  kind: TaskKind,
  enterpriseId: EnterpriseId,
  uscc: z.string().max(18),
  name: z.string().min(1).max(200),
  batchId: z.string().regex(new RegExp(`^${ID}$`)),
  batchTitle: z.string().trim().min(1).max(100),
  source: TaskSource,
  period: Period,
  createdAt: Iso,
  createdBy: By,
});
export type TaskCreateValue = z.infer<typeof TaskCreateValue>;

export const StateValue = z.strictObject({ state: z.enum(taskStates), action: z.enum(taskActions).nullable(), reason: z.string().max(500), at: Iso, by: By });
export type StateValue = z.infer<typeof StateValue>;

export const AssigneeValue = z.strictObject({ name: PersonName, userId: z.string().max(100).nullable(), at: Iso, by: By });
export type AssigneeValue = z.infer<typeof AssigneeValue>;

export const ExitValue = z.strictObject({
  state: z.enum(exitStates),
  /** null: proposed when the task was made from the 退库 list. */
  action: z.enum(exitActions).nullable(),
  reasons: z.array(z.enum(exitReasons)).max(8),
  note: z.string().max(500),
  /** The day it leaves the directory (set on removal). */
  date: IsoDate.nullable(),
  at: Iso,
  by: By,
});
export type ExitValue = z.infer<typeof ExitValue>;

export const CheckValue = z.strictObject({ result: z.enum(checkResults), note: z.string().max(500), at: Iso, by: By });
export type CheckValue = z.infer<typeof CheckValue>;

const Figure = z.number().int().min(-1e12).max(1e12);
export const FigureValue = z.strictObject({
  reported: Figure.nullable(),
  /** Where the reported figure came from: the ledger's months, the annual figures, or typed (neither held it). */
  reportedSource: z.enum(['ledger', 'annual', 'typed']).nullable(),
  found: Figure.nullable(),
  at: Iso,
  by: By,
});
export type FigureValue = z.infer<typeof FigureValue>;

export const ConclusionValue = z.strictObject({ result: z.enum(conclusionResults), note: z.string().max(1_000), at: Iso, by: By });
export type ConclusionValue = z.infer<typeof ConclusionValue>;

/** A signature: the name and date as signed, recorded and confirmed by the checker. */
export const SignatureValue = z.strictObject({ name: PersonName, date: IsoDate, confirmedBy: By, at: Iso });
export type SignatureValue = z.infer<typeof SignatureValue>;

/** An evidence file of the enterprise (the ledger's attachment engine) linked to the task; removal is a tombstone. */
export const EvidenceLinkValue = z.strictObject({
  item: CheckKey.nullable(),
  fileName: z.string().max(255),
  at: Iso,
  by: By,
  removedAt: Iso.nullable(),
  removedReason: z.string().max(500).nullable(),
});
export type EvidenceLinkValue = z.infer<typeof EvidenceLinkValue>;

export const stepKinds = ['create', 'assign', ...taskActions, 'propose', ...exitActions, 'check', 'figure', 'conclude', 'sign', 'evidence', 'unlinkEvidence'] as const;
/**
 * One entry of the history: what was done, by whom, when. Never rewritten. `n` is how
 * many steps the task had on the laptop that wrote it: it orders steps written at the same time.
 */
export const StepValue = z.strictObject({
  kind: z.enum(stepKinds),
  /** Codes the screen words in the reader's language (a checklist item and its result, a figure with both sides, a date). */
  ref: z.array(z.string().max(100)).max(10),
  /** What the person wrote (a note, a reason, a name), as written. */
  detail: z.string().max(500),
  n: z.number().int().min(0).max(1_000_000),
  at: Iso,
  by: By,
});
export type StepValue = z.infer<typeof StepValue>;

export const checkFieldPattern = new RegExp(`^check\\.(${checkKeys.join('|')})$`);
export const figureFieldPattern = new RegExp(`^figure\\.(${figureKeys.join('|')})$`);
export const signFieldPattern = new RegExp(`^sign\\.(${signatureRoles.join('|')})$`);
export const evidenceLinkPattern = new RegExp(`^evidence\\.(${ID})$`);
export const stepFieldPattern = new RegExp(`^step\\.(${ID})$`);

/** The wire schema of a field of a task, or null when it is not one. */
export function verificationFieldSchema(field: string): z.ZodType | null {
  switch (field) {
    case '$create':
      return TaskCreateValue;
    case 'state':
      return StateValue;
    case 'assignee':
      return AssigneeValue.nullable();
    case 'exit':
      return ExitValue;
    case 'conclusion':
      return ConclusionValue.nullable();
  }
  if (checkFieldPattern.test(field)) return CheckValue.nullable();
  if (figureFieldPattern.test(field)) return FigureValue;
  if (signFieldPattern.test(field)) return SignatureValue.nullable();
  if (evidenceLinkPattern.test(field)) return EvidenceLinkValue;
  if (stepFieldPattern.test(field)) return StepValue;
  return null;
}
