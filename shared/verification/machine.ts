import type { Permission } from '../session/roles';

// The two state machines of a 核查 task, as data: what may happen from which state, what it
// needs, and who may do it. One function applies a step or refuses it with a reason code; main
// runs it before every write (electron/main/verification/service.ts) and the renderer offers
// only the steps it allows, so the screen and the store never disagree on a rule.

/** 待核查 → 核查中 → 已完成; the bureau may reopen a completed task with a reason. */
export const taskStates = ['pending', 'in_progress', 'completed'] as const;
export type TaskState = (typeof taskStates)[number];
export const taskActions = ['start', 'complete', 'reopen'] as const;
export type TaskAction = (typeof taskActions)[number];

/** 退库: 提出 → 已核实 → 局审批 → 已退库, or 不予退库 with a reason from the first two. */
export const exitStates = ['proposed', 'verified', 'approved', 'removed', 'rejected'] as const;
export type ExitState = (typeof exitStates)[number];
export const exitActions = ['verify', 'approve', 'remove', 'reject'] as const;
export type ExitAction = (typeof exitActions)[number];

/** What a step needs besides its state, each named so a refusal can say which is missing. */
export type Requirement =
  | 'reason' // a written reason (reopen, reject)
  | 'conclusion' // 相符 / 不符 recorded
  | 'differences' // 不符 needs at least one figure found ≠ reported
  | 'checklist' // every checklist item answered
  | 'checkerSignature'
  | 'contactSignature'
  | 'taskCompleted' // 退库 is verified by a completed 退库核查 task
  | 'exitDate' // the day the enterprise leaves the directory
  | 'exitReason'; // why it leaves (注销, 迁出 …)

export interface Transition<S extends string, A extends string> {
  from: readonly S[];
  action: A;
  to: S;
  requires: readonly Requirement[];
  permission: Permission;
}

export const taskTransitions: readonly Transition<TaskState, TaskAction>[] = [
  { from: ['pending'], action: 'start', to: 'in_progress', requires: [], permission: 'verify.work' },
  {
    from: ['in_progress'],
    action: 'complete',
    to: 'completed',
    requires: ['checklist', 'conclusion', 'differences', 'checkerSignature', 'contactSignature'],
    permission: 'verify.work',
  },
  { from: ['completed'], action: 'reopen', to: 'in_progress', requires: ['reason'], permission: 'verify.manage' },
];

export const exitTransitions: readonly Transition<ExitState, ExitAction>[] = [
  { from: ['proposed'], action: 'verify', to: 'verified', requires: ['taskCompleted'], permission: 'verify.work' },
  { from: ['verified'], action: 'approve', to: 'approved', requires: [], permission: 'verify.manage' },
  { from: ['approved'], action: 'remove', to: 'removed', requires: ['exitReason', 'exitDate'], permission: 'verify.manage' },
  { from: ['proposed', 'verified'], action: 'reject', to: 'rejected', requires: ['reason'], permission: 'verify.manage' },
];

/** The facts a step is judged on: which requirements hold, and the user's permissions. */
export interface StepContext {
  permissions: readonly Permission[];
  /** Requirements that hold now; any other one a transition names is missing. */
  met: ReadonlySet<Requirement>;
}

export type StepRefusal =
  | { code: 'NOT_FROM_STATE'; allowedFrom: readonly string[] }
  | { code: 'FORBIDDEN'; permission: Permission }
  | { code: 'MISSING'; missing: Requirement[] };

export type StepResult<S> = { ok: true; to: S } | { ok: false; refusal: StepRefusal };

/** Applies `action` from `from`, or says why not: the wrong state first, then the role, then what is missing. */
export function step<S extends string, A extends string>(table: readonly Transition<S, A>[], from: S, action: A, ctx: StepContext): StepResult<S> {
  const candidates = table.filter((t) => t.action === action);
  const t = candidates.find((c) => c.from.includes(from));
  if (!t) return { ok: false, refusal: { code: 'NOT_FROM_STATE', allowedFrom: candidates.flatMap((c) => c.from) } };
  if (!ctx.permissions.includes(t.permission)) return { ok: false, refusal: { code: 'FORBIDDEN', permission: t.permission } };
  const missing = t.requires.filter((r) => !ctx.met.has(r));
  if (missing.length > 0) return { ok: false, refusal: { code: 'MISSING', missing } };
  return { ok: true, to: t.to };
}

/** The actions a state offers at all (the buttons a screen may show). */
export function actionsFrom<S extends string, A extends string>(table: readonly Transition<S, A>[], from: S): A[] {
  return table.filter((t) => t.from.includes(from)).map((t) => t.action);
}

const stateNames: Record<TaskState | ExitState, { zh: string; en: string }> = {
  pending: { zh: '待核查', en: 'to verify' },
  in_progress: { zh: '核查中', en: 'in progress' },
  completed: { zh: '已完成', en: 'completed' },
  proposed: { zh: '提出', en: 'proposed' },
  verified: { zh: '已核实', en: 'verified' },
  approved: { zh: '局审批', en: 'approved by the bureau' },
  removed: { zh: '已退库', en: 'removed from the directory' },
  rejected: { zh: '不予退库', en: 'kept in the directory' },
};
export const stateName = (s: TaskState | ExitState): { zh: string; en: string } => stateNames[s];

const actionNames: Record<TaskAction | ExitAction, { zh: string; en: string }> = {
  start: { zh: '开始核查', en: 'start' },
  complete: { zh: '完成核查', en: 'complete' },
  reopen: { zh: '重新打开', en: 'reopen' },
  verify: { zh: '核实退库', en: 'verify the exit' },
  approve: { zh: '审批退库', en: 'approve the exit' },
  remove: { zh: '退出名录', en: 'remove from the directory' },
  reject: { zh: '不予退库', en: 'keep in the directory' },
};
export const actionName = (a: TaskAction | ExitAction): { zh: string; en: string } => actionNames[a];

const requirementNames: Record<Requirement, { zh: string; en: string }> = {
  reason: { zh: '填写原因', en: 'a reason' },
  conclusion: { zh: '核查结论（相符或不符）', en: 'a conclusion (consistent or not)' },
  differences: { zh: '“不符”须有至少一项核查数与报送数不同', en: 'at least one figure found differing from the reported one, for "inconsistent"' },
  checklist: { zh: '核查清单每一项都已核对', en: 'every checklist item checked' },
  checkerSignature: { zh: '核查人签名', en: "the checker's signature" },
  contactSignature: { zh: '企业联系人签名', en: "the unit contact's signature" },
  taskCompleted: { zh: '退库核查任务已完成', en: 'the exit verification task completed' },
  exitDate: { zh: '退库日期', en: 'the date it leaves' },
  exitReason: { zh: '退库原因', en: 'why it leaves' },
};

/** A refusal as the sentence the user reads, in both languages. */
export function refusalText(action: TaskAction | ExitAction, from: TaskState | ExitState, r: StepRefusal): { zh: string; en: string } {
  const a = actionName(action);
  const s = stateName(from);
  switch (r.code) {
    case 'NOT_FROM_STATE': {
      const allowed = [...new Set(r.allowedFrom)].map((x) => stateNames[x as TaskState | ExitState]);
      return {
        zh: `当前为“${s.zh}”，不能${a.zh}；只有“${allowed.map((x) => x.zh).join('”或“')}”时才能${a.zh}。`,
        en: `Cannot ${a.en} while ${s.en}; only when ${allowed.map((x) => x.en).join(' or ')}.`,
      };
    }
    case 'FORBIDDEN':
      return r.permission === 'verify.manage'
        ? { zh: `只有区统计局可以${a.zh}。`, en: `Only the district bureau may ${a.en}.` }
        : { zh: `您的账号无权${a.zh}。`, en: `Your account may not ${a.en}.` };
    case 'MISSING': {
      const names = r.missing.map((m) => requirementNames[m]);
      return { zh: `还不能${a.zh}：缺少${names.map((n) => n.zh).join('、')}。`, en: `Cannot ${a.en} yet: missing ${names.map((n) => n.en).join(', ')}.` };
    }
  }
}
