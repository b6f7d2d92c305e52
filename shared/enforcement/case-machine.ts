import { z } from 'zod';

// A 统计执法 case as pure data: 立案 → 调查取证 → 告知 → 处罚决定 → 结案, one step at a time.
// Each step is its own synced field (sync-fields.ts), so two people doing different things
// never conflict and the same step recorded on two laptops becomes a visible conflict. Main
// checks this table before it writes; the renderer shows the same reasons.

export const caseStates = ['filed', 'investigating', 'notified', 'decided', 'closed'] as const;
export type CaseState = (typeof caseStates)[number];

export const caseActions = ['investigate', 'notify', 'decide', 'close'] as const;
export const CaseAction = z.enum(caseActions);
export type CaseAction = z.infer<typeof CaseAction>;

/** 违法行为 types (统计法 第三十七条、第四十一条 …): 虚报, 瞒报, 拒报, 迟报, 伪造篡改原始记录, 其他 (with text). */
export const violationTypes = ['false_report', 'concealment', 'refusal', 'late_report', 'forged_records', 'other'] as const;
export const ViolationType = z.enum(violationTypes);
export type ViolationType = z.infer<typeof ViolationType>;

/** 处罚: 警告, 罚款 (with an amount in 元), 通报 (通报批评): one or several. */
export const penaltyKinds = ['warning', 'fine', 'public_notice'] as const;
export const PenaltyKind = z.enum(penaltyKinds);
export type PenaltyKind = z.infer<typeof PenaltyKind>;

export const transferTargets = ['discipline', 'market'] as const;
export const TransferTarget = z.enum(transferTargets);
export type TransferTarget = z.infer<typeof TransferTarget>;

export interface Transition {
  from: CaseState;
  action: CaseAction;
  to: CaseState;
  /** Inputs the step must carry beyond its date and note. */
  requires: readonly ('decision')[];
  /** The permission needed (shared/session/roles.ts). */
  who: 'enforce.manage';
}

/** The whole machine: anything not listed is refused. */
export const caseTransitions: readonly Transition[] = [
  { from: 'filed', action: 'investigate', to: 'investigating', requires: [], who: 'enforce.manage' },
  { from: 'investigating', action: 'notify', to: 'notified', requires: [], who: 'enforce.manage' },
  { from: 'notified', action: 'decide', to: 'decided', requires: ['decision'], who: 'enforce.manage' },
  { from: 'decided', action: 'close', to: 'closed', requires: [], who: 'enforce.manage' },
];

export interface DecisionInput {
  penalties: readonly PenaltyKind[];
  /** 罚款 in 元 (whole yuan), required with 'fine', absent otherwise. */
  fineYuan: number | null;
  /** 处罚决定书文号. */
  documentNo: string;
}

export type CaseRefusal =
  | 'CASE_CLOSED' // nothing moves a closed case
  | 'ALREADY_DONE' // the step was taken already
  | 'SKIPS_STEP' // a later step before an earlier one
  | 'NO_DECISION' // closing before 处罚决定
  | 'NO_PENALTY' // a decision without any penalty
  | 'FINE_WITHOUT_AMOUNT' // 罚款 without a positive amount
  | 'AMOUNT_WITHOUT_FINE' // an amount with no 罚款 ticked
  | 'DATE_BEFORE_PREVIOUS'; // a step dated before the step it follows

export type CaseStep = { ok: true; to: CaseState } | { ok: false; reason: CaseRefusal };

const order = (s: CaseState): number => caseStates.indexOf(s);

/** Whether a decision holds together: at least one penalty, and 罚款 exactly when an amount is given. */
export function decisionRefusal(d: DecisionInput): CaseRefusal | null {
  if (d.penalties.length === 0) return 'NO_PENALTY';
  const hasFine = d.penalties.includes('fine');
  if (hasFine && (d.fineYuan === null || !Number.isInteger(d.fineYuan) || d.fineYuan <= 0)) return 'FINE_WITHOUT_AMOUNT';
  if (!hasFine && d.fineYuan !== null) return 'AMOUNT_WITHOUT_FINE';
  return null;
}

/**
 * Applies `action` to a case in `state` whose previous step is dated `lastOn`, or refuses with
 * the reason. `on` is the day the step happened (ISO date); `decision` is what 处罚决定 carries.
 */
export function applyCaseAction(
  state: CaseState,
  action: CaseAction,
  input: { on: string; lastOn: string; decision?: DecisionInput | null },
): CaseStep {
  if (state === 'closed') return { ok: false, reason: 'CASE_CLOSED' };
  const t = caseTransitions.find((x) => x.action === action);
  if (!t) return { ok: false, reason: 'SKIPS_STEP' };
  if (t.from !== state) {
    if (order(t.to) <= order(state)) return { ok: false, reason: 'ALREADY_DONE' };
    // Closing from before 处罚决定 is its own refusal: it is the mistake the bureau names.
    return { ok: false, reason: action === 'close' ? 'NO_DECISION' : 'SKIPS_STEP' };
  }
  if (t.requires.includes('decision')) {
    if (!input.decision) return { ok: false, reason: 'NO_PENALTY' };
    const refusal = decisionRefusal(input.decision);
    if (refusal) return { ok: false, reason: refusal };
  }
  if (input.on < input.lastOn) return { ok: false, reason: 'DATE_BEFORE_PREVIOUS' };
  return { ok: true, to: t.to };
}

/** The next action from `state`, or null when closed. */
export const nextAction = (state: CaseState): CaseAction | null => caseTransitions.find((t) => t.from === state)?.action ?? null;

/** What each refusal says, in Chinese and English (main throws these; the renderer shows them as they are). */
export const caseRefusalText: Record<CaseRefusal, { zh: string; en: string }> = {
  CASE_CLOSED: { zh: '案件已结案，不能再变更。', en: 'The case is closed; it cannot change any more.' },
  ALREADY_DONE: { zh: '这一步已经办理过了。', en: 'This step has been taken already.' },
  SKIPS_STEP: { zh: '不能跳过步骤：须依次办理 立案 → 调查取证 → 告知 → 处罚决定 → 结案。', en: 'Steps cannot be skipped: filed → investigation → notice → decision → closed, in that order.' },
  NO_DECISION: { zh: '尚未作出处罚决定，不能结案。', en: 'A case cannot be closed before its penalty decision.' },
  NO_PENALTY: { zh: '处罚决定须至少选择一种处罚：警告、罚款或通报。', en: 'A decision needs at least one penalty: warning, fine or public notice.' },
  FINE_WITHOUT_AMOUNT: { zh: '选择了罚款，须填写罚款金额（元，正整数）。', en: 'A fine needs its amount (whole yuan, above zero).' },
  AMOUNT_WITHOUT_FINE: { zh: '填写了罚款金额，但没有选择罚款。', en: 'An amount is given but no fine is chosen.' },
  DATE_BEFORE_PREVIOUS: { zh: '这一步的日期早于上一步的日期。', en: 'This step is dated before the previous step.' },
};
