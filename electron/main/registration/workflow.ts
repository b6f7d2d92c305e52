import type { Explanations } from '@shared/registration/registration';
import type { IssueDetail } from '@shared/result';
import { unitCanSubmit, type UnitEvaluation } from '@shared/rules/unit-findings';
import { assertNever } from '@shared/result';
import type { UnitStatus } from '@shared/registration/units';
import { isHandedIn, isSetAside } from '@shared/registration/workflow';

// The registration workflow as one pure function: from a status and an event to the next status,
// a refusal, or a note for the trace. 未开始 not_started → 草稿 draft ⇄ 已完成 completed →
// 已提交 submitted → (review) 退回 returned / 已通过 approved → 已验收 accepted; 找不到 not_found
// and 非普查对象 out_of_scope on the side (set aside with a reason, reopened to work again). Review decisions are made by review/service.ts, not here.

export type WorkflowEvent =
  | { kind: 'save'; evaluation: UnitEvaluation; explanations: Explanations }
  | { kind: 'submit'; evaluation: UnitEvaluation; explanations: Explanations }
  | { kind: 'not_found' }
  | { kind: 'out_of_scope' }
  | { kind: 'reopen' };

export interface Transition {
  to: UnitStatus;
  /** Why the event is not allowed (the caller throws RULE_VIOLATION); nothing changes. */
  refused?: string;
  /** A line for the trace's reason. */
  note?: string;
}

const statusZh: Record<UnitStatus, string> = {
  not_started: '未开始',
  draft: '草稿',
  completed: '已完成',
  submitted: '已提交',
  returned: '退回',
  approved: '已通过',
  not_found: '找不到',
  accepted: '已验收',
  out_of_scope: '非普查对象',
};

const stay = (from: UnitStatus, refused: string): Transition => ({ to: from, refused });

export function transition(from: UnitStatus, event: WorkflowEvent): Transition {
  switch (event.kind) {
    case 'save': {
      if (from === 'not_found') {
        return stay(from, '找不到的单位须先重新打开才能填写 / Reopen a not-found unit before editing it');
      }
      if (from === 'out_of_scope') {
        return stay(from, '非普查对象须先重新打开才能填写 / Reopen a unit marked not in census scope before editing it');
      }
      // A returned unit stays returned (the supervisor's comments stand) until it is resubmitted.
      if (from === 'returned') return { to: 'returned' };
      const to: UnitStatus = unitCanSubmit(event.evaluation, event.explanations).ok ? 'completed' : 'draft';
      if (isHandedIn(from)) {
        return {
          to,
          note: `${statusZh[from]}的单位被修改，状态改为${statusZh[to]} / A ${from} unit was edited; it is now ${to}`,
        };
      }
      return { to };
    }
    case 'submit': {
      if (isHandedIn(from)) {
        return stay(from, `单位已${statusZh[from]} / The unit is already ${from}`);
      }
      if (isSetAside(from)) return stay(from, `${statusZh[from]}的单位不能提交 / A ${from} unit cannot be submitted`);
      if (!unitCanSubmit(event.evaluation, event.explanations).ok) {
        return stay(from, '存在强制性问题或未说明的核实性问题 / Fix the mandatory findings and explain the ones to verify');
      }
      return { to: 'submitted' };
    }
    case 'not_found': {
      if (isHandedIn(from) || isSetAside(from)) {
        return stay(from, `${statusZh[from]}的单位不能标记为找不到 / A ${from} unit cannot be marked not found`);
      }
      return { to: 'not_found' };
    }
    case 'out_of_scope': {
      // Found, but not a 普查对象: the enumerator routes it before handing it in (a handed-in
      // unit is reopened first, so the review sees the change).
      if (isHandedIn(from) || isSetAside(from)) {
        return stay(from, `${statusZh[from]}的单位不能标为非普查对象 / A ${from} unit cannot be marked not in census scope`);
      }
      return { to: 'out_of_scope' };
    }
    case 'reopen': {
      if (!isSetAside(from) && from !== 'submitted') {
        return stay(from, `只有找不到、非普查对象或已提交的单位可以重新打开 / Only not-found, out-of-scope or submitted units can be reopened`);
      }
      return { to: 'draft', note: `重新打开（原为${statusZh[from]}） / Reopened (was ${from})` };
    }
    default:
      return assertNever(event, 'workflow event');
  }
}

/** The findings that block a submit, as error issues: 强制性 ones and unexplained 核实性 ones. */
export function submitIssues(evaluation: UnitEvaluation, explanations: Explanations): IssueDetail[] {
  const check = unitCanSubmit(evaluation, explanations);
  return [...check.mandatory, ...check.unexplained].map((f) => ({
    path: `${f.formId}.${f.path}`,
    message: `${f.ruleId}: ${f.messageZh} / ${f.messageEn}`,
  }));
}
