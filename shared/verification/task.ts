import type { JsonValue } from '../sync/protocol';
import { hasDifference } from './differences';
import type { Requirement, TaskState } from './machine';
import {
  AssigneeValue,
  checkFieldPattern,
  checkKeys,
  CheckValue,
  ConclusionValue,
  evidenceLinkPattern,
  EvidenceLinkValue,
  ExitValue,
  figureFieldPattern,
  figureKeys,
  FigureValue,
  SignatureValue,
  StateValue,
  StepValue,
  stepFieldPattern,
  TaskCreateValue,
  type CheckKey,
  type FigureKey,
} from './sync-fields';

// A task read from its fields (the sync entity's visible fields, or the local row's copy of
// them): pure, so main's checks before a write, the sync adapter's rebuild and the tests all
// read a task the same way. A field that does not parse is treated as absent, never guessed.

export interface Task {
  create: TaskCreateValue;
  state: StateValue;
  assignee: AssigneeValue | null;
  exit: ExitValue | null;
  checks: Partial<Record<CheckKey, CheckValue>>;
  figures: Partial<Record<FigureKey, FigureValue>>;
  conclusion: ConclusionValue | null;
  signatures: { checker: SignatureValue | null; contact: SignatureValue | null };
  evidence: Map<string, EvidenceLinkValue>;
  steps: { id: string; value: StepValue }[];
}

const parseOr = <T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, v: JsonValue | undefined): T | null => {
  if (v === undefined || v === null) return null;
  const r = schema.safeParse(v);
  return r.success ? r.data : null;
};

/** The task, or null without a readable '$create' (a newer build's record). */
export function taskOf(fields: ReadonlyMap<string, JsonValue>): Task | null {
  const create = parseOr(TaskCreateValue, fields.get('$create'));
  if (!create) return null;
  const state = parseOr(StateValue, fields.get('state')) ?? { state: 'pending', action: null, reason: '', at: create.createdAt, by: create.createdBy };
  const task: Task = {
    create,
    state,
    assignee: parseOr(AssigneeValue, fields.get('assignee')),
    exit: parseOr(ExitValue, fields.get('exit')),
    checks: {},
    figures: {},
    conclusion: parseOr(ConclusionValue, fields.get('conclusion')),
    signatures: { checker: parseOr(SignatureValue, fields.get('sign.checker')), contact: parseOr(SignatureValue, fields.get('sign.contact')) },
    evidence: new Map(),
    steps: [],
  };
  for (const [field, value] of fields) {
    const check = checkFieldPattern.exec(field);
    if (check) {
      const v = parseOr(CheckValue, value);
      if (v) task.checks[check[1] as CheckKey] = v;
      continue;
    }
    const figure = figureFieldPattern.exec(field);
    if (figure) {
      const v = parseOr(FigureValue, value);
      if (v) task.figures[figure[1] as FigureKey] = v;
      continue;
    }
    const link = evidenceLinkPattern.exec(field);
    if (link?.[1]) {
      const v = parseOr(EvidenceLinkValue, value);
      if (v) task.evidence.set(link[1], v);
      continue;
    }
    const step = stepFieldPattern.exec(field);
    if (step?.[1]) {
      const v = parseOr(StepValue, value);
      if (v) task.steps.push({ id: step[1], value: v });
    }
  }
  // Oldest first; steps written at the same time in the order they were written.
  const key = (s: { id: string; value: StepValue }): [string, number, string] => [s.value.at, s.value.n, s.id];
  task.steps.sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    return x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] !== y[1] ? x[1] - y[1] : x[2] < y[2] ? -1 : x[2] > y[2] ? 1 : 0;
  });
  return task;
}

/** The requirements of the machines (machine.ts) that hold for `task` now. */
export function metRequirements(task: Task, extra: { reason?: string; exitDate?: string | null; exitReasons?: readonly string[] } = {}): Set<Requirement> {
  const met = new Set<Requirement>();
  if ((extra.reason ?? '').trim().length >= 2) met.add('reason');
  if (task.conclusion) met.add('conclusion');
  const figures = figureKeys.flatMap((k) => (task.figures[k] ? [task.figures[k]] : []));
  // 不符 must rest on a figure that differs; 相符 needs nothing more.
  if (task.conclusion?.result !== 'inconsistent' || hasDifference(figures)) met.add('differences');
  if (checkKeys.every((k) => task.checks[k] !== undefined)) met.add('checklist');
  if (task.signatures.checker) met.add('checkerSignature');
  if (task.signatures.contact) met.add('contactSignature');
  if (task.state.state === 'completed') met.add('taskCompleted');
  if (extra.exitDate) met.add('exitDate');
  if ((extra.exitReasons ?? task.exit?.reasons ?? []).length > 0) met.add('exitReason');
  return met;
}

/** Whether the task's record may still be changed (checks, figures, conclusion, signatures, evidence). */
export const isEditable = (state: TaskState): boolean => state !== 'completed';
