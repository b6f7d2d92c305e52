import { z } from 'zod';
import { EnterpriseId } from '../directory/directory';
import { exitReasons } from '../followup/work';
import { EvidenceId } from '../ledger/wire';
import { exitActions, exitStates, taskActions, taskStates } from './machine';
import {
  AssigneeValue,
  CheckKey,
  checkResults,
  CheckValue,
  ConclusionValue,
  conclusionResults,
  ExitValue,
  FigureKey,
  Period,
  PersonName,
  signatureRoles,
  SignatureValue,
  StateValue,
  StepValue,
  TaskKind,
  TaskSource,
} from './sync-fields';

// What the verification screens send and receive (shared/ipc/contract.ts).

export const TaskId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
const IsoDate = z.iso.date();
const Figure = z.number().int().min(-1e12).max(1e12);

const common = {
  title: z.string().trim().min(1).max(100),
  period: Period,
  /** Assign every new task to one person at once (optional). */
  assignee: z.strictObject({ name: PersonName, userId: z.string().max(100).nullable() }).nullable().default(null),
};

/** New tasks: from enterprises picked on the 入库 applicants or the 退库 list, a seeded sample of 一套表 units, or a draw's enterprises. */
export const TaskCreate = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('admission'), enterpriseIds: z.array(EnterpriseId).min(1).max(2_000), ...common }),
  z.strictObject({ kind: z.literal('exit'), enterpriseIds: z.array(EnterpriseId).min(1).max(2_000), ...common }),
  z.strictObject({
    kind: z.literal('sample'),
    seed: z.string().trim().min(1).max(64),
    count: z.number().int().min(1).max(5_000),
    /** Limit the pool to a county, township or village prefix. */
    divisionPrefix: z.string().regex(/^\d{6,12}$/).optional(),
    ...common,
  }),
  z.strictObject({ kind: z.literal('draw'), drawId: z.string().min(1).max(64), ...common }),
]);
export type TaskCreate = z.input<typeof TaskCreate>;

export const TaskCreateResult = z.object({
  batchId: z.string(),
  taskIds: z.array(TaskId),
  /** Enterprises passed over, with why (an open task of the same kind, not in the directory …). */
  skipped: z.array(z.object({ enterpriseId: z.string(), name: z.string(), zh: z.string(), en: z.string() })),
});
export type TaskCreateResult = z.infer<typeof TaskCreateResult>;

export const TaskQuery = z.strictObject({
  /** Exact assignee name; '' selects tasks nobody has yet. */
  assignee: z.string().trim().max(40).optional(),
  state: z.enum(taskStates).optional(),
  kind: TaskKind.optional(),
  /** A division-code prefix: 9 digits is a township. */
  divisionPrefix: z.string().regex(/^\d{6,12}$/).optional(),
});
export type TaskQuery = z.input<typeof TaskQuery>;

export const TaskRow = z.object({
  id: TaskId,
  kind: TaskKind,
  enterpriseId: z.string(),
  uscc: z.string(),
  name: z.string(),
  divisionCode: z.string(),
  batchTitle: z.string(),
  period: Period,
  state: z.enum(taskStates),
  exitState: z.enum(exitStates).nullable(),
  assignee: z.string().nullable(),
  conclusion: z.enum(conclusionResults).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TaskRow = z.infer<typeof TaskRow>;

export const TaskList = z.object({
  rows: z.array(TaskRow),
  /** Names to offer when assigning: the team from the last sync and every assignee so far. */
  people: z.array(z.object({ name: z.string(), userId: z.string().nullable() })),
});
export type TaskList = z.infer<typeof TaskList>;

export const FigureView = z.object({
  key: FigureKey,
  reported: z.number().nullable(),
  reportedSource: z.enum(['ledger', 'annual', 'typed']).nullable(),
  found: z.number().nullable(),
  diff: z.number().nullable(),
  pct: z.number().nullable(),
  at: z.string().nullable(),
  by: z.string().nullable(),
});
export type FigureView = z.infer<typeof FigureView>;

export const TaskDetail = TaskRow.extend({
  source: TaskSource,
  createdBy: z.string(),
  stateInfo: StateValue,
  assigneeInfo: AssigneeValue.nullable(),
  exit: ExitValue.nullable(),
  checks: z.array(z.object({ key: CheckKey, value: CheckValue.nullable() })),
  figures: z.array(FigureView),
  conclusionInfo: ConclusionValue.nullable(),
  signatures: z.object({ checker: SignatureValue.nullable(), contact: SignatureValue.nullable() }),
  evidence: z.array(z.object({ evidenceId: z.string(), item: CheckKey.nullable(), fileName: z.string(), at: z.string(), by: z.string() })),
  /** Every step, oldest first. */
  history: z.array(StepValue.extend({ id: z.string() })),
  /** Whether the enterprise is held on this laptop (evidence attaches to it). */
  isEnterpriseHere: z.boolean(),
});
export type TaskDetail = z.infer<typeof TaskDetail>;

const ref = { id: TaskId };

export const TaskAssign = z.strictObject({ ...ref, assignee: z.strictObject({ name: PersonName, userId: z.string().max(100).nullable() }).nullable() });
export const TaskStep = z.strictObject({ ...ref, action: z.enum(taskActions), reason: z.string().trim().max(500).default('') });
export const ExitStep = z.strictObject({
  ...ref,
  action: z.enum(exitActions),
  reason: z.string().trim().max(500).default(''),
  /** On removal: the day it leaves the directory and why (the proposal's reasons when absent). */
  date: IsoDate.optional(),
  reasons: z.array(z.enum(exitReasons)).max(8).optional(),
});
export const TaskCheck = z.strictObject({ ...ref, key: CheckKey, result: z.enum(checkResults).nullable(), note: z.string().trim().max(500).default('') });
export const TaskFigures = z.strictObject({
  ...ref,
  figures: z
    .array(z.strictObject({ key: FigureKey, found: Figure.nullable(), reported: Figure.nullable().optional() }))
    .min(1)
    .max(5),
});
export const TaskConclude = z.strictObject({ ...ref, result: z.enum(conclusionResults).nullable(), note: z.string().trim().max(1_000).default('') });
export const TaskSign = z.strictObject({ ...ref, role: z.enum(signatureRoles), signature: z.strictObject({ name: PersonName, date: IsoDate }).nullable() });
export const TaskLinkEvidence = z.strictObject({ ...ref, evidenceId: EvidenceId, item: CheckKey.nullable() });
export const TaskUnlinkEvidence = z.strictObject({ ...ref, evidenceId: EvidenceId, reason: z.string().trim().min(2).max(500) });
