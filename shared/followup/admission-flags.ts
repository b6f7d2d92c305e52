import type { DirectorySettings, ThresholdRule } from './thresholds';
import { annualise, grewBy, reachesShare } from '../ledger/arithmetic';

// 入规纳统 flags of one unit (docs/domain.md and its corrections):
//  - 达标 (reached): a 规下 unit that meets its rule now — its YTD or annualised measure at or
//    above the threshold; a locally registered builder with 总承包/专业承包; a developer with
//    development activity; or a legal unit with a ≥ 5000万 project under construction (the
//    fifth kind). 应统尽统: it should apply now;
//  - 准规模 (near): a 规下 unit on a revenue rule whose YTD or annualised measure reaches the set
//    share of the threshold but not the threshold itself — so never 达标 at the same time;
//  - 成长型 (growth): a 规下 unit whose YTD measure grew by at least the set rate over the same
//    months of last year, both complete (a gap would fake growth);
//  - below threshold (a 退库 reason): a 规上 unit whose complete YTD measure, annualised, is
//    under the threshold.
// The measure is the rule's own (主营业务收入 for 工业 and 批零住餐, 营业收入 for services): a unit
// that entered only the other one is not judged at all (isMeasureMissing says why), since using
// 营业收入 in place of 主营业务收入 would flag units the standard does not admit.
// All comparisons are exact integer arithmetic (ledger/arithmetic.ts), never floating point.

export interface RevenueSummary {
  /** The ledger month the figures run to; null when the measure was never entered. */
  asOf: { year: number; month: number } | null;
  /** Sum of the measure in months 1..asOf.month of asOf.year (千元), and how many were entered. */
  ytd: number | null;
  monthsEntered: number;
  /** The same months of the year before. */
  lastYtd: number | null;
  lastMonthsEntered: number;
}

export type UnitKind = 'legal' | 'establishment' | 'individual';
export type QualificationKind = 'none' | 'general' | 'specialty' | 'labour' | 'specialistWork' | 'unconfirmed';

/** What the standards judge a unit on, besides its ledger. */
export interface AdmissionAttributes {
  unitKind: UnitKind;
  qualificationKind: QualificationKind;
  /** null: nobody said. */
  isLocallyRegistered: boolean | null;
  hasDevelopmentActivity: boolean;
  /** 计划总投资 of its project under construction, 千元; null without one. */
  projectInvestment: number | null;
  isProjectUnderConstruction: boolean;
}

export interface FlagInput extends AdmissionAttributes {
  scale: 'above' | 'below';
  status: string;
  /** The industry's rule (thresholdRuleFor), and the fifth kind's (investmentRuleOf). */
  rule: ThresholdRule | null;
  investmentRule: ThresholdRule | null;
  /** The rule's measure, summarised. */
  revenue: RevenueSummary;
}

export interface Flags {
  isNearThreshold: boolean;
  /** 达标: the rule met now; reachedRule names the rule (the industry's or the fifth kind's). */
  isReached: boolean;
  reachedRule: string | null;
  isGrowth: boolean;
  isBelowThreshold: boolean;
}

const none: Flags = { isNearThreshold: false, isReached: false, reachedRule: null, isGrowth: false, isBelowThreshold: false };

/** Whether the rule judges this kind of unit at all (限上 批零住餐 takes establishments and 个体户). */
export const judges = (rule: ThresholdRule, unitKind: UnitKind): boolean => rule.unitKinds.includes(unitKind);

/** 建筑业: 总承包 or 专业承包 counts; 劳务, 专业作业, none or an unconfirmed legacy "yes" do not. */
export const isContractingQualification = (q: QualificationKind): boolean => q === 'general' || q === 'specialty';

function meetsCondition(rule: ThresholdRule, a: AdmissionAttributes): boolean {
  switch (rule.kind) {
    case 'qualification':
      return isContractingQualification(a.qualificationKind) && a.isLocallyRegistered === true;
    case 'activity':
      return a.hasDevelopmentActivity;
    case 'investment':
      return rule.minInvestment !== null && a.isProjectUnderConstruction && a.projectInvestment !== null && a.projectInvestment >= rule.minInvestment;
    case 'revenue':
      return false;
  }
}

export function computeFlags(input: FlagInput, settings: Pick<DirectorySettings, 'nearThresholdPct' | 'growthPct'>): Flags {
  if (input.status !== 'active') return none;
  const rule = input.rule && judges(input.rule, input.unitKind) ? input.rule : null;
  const { revenue } = input;
  const month = revenue.asOf?.month ?? 0;
  const isComplete = month > 0 && revenue.monthsEntered === month;
  const isLastComplete = month > 0 && revenue.lastMonthsEntered === month;
  if (input.scale === 'above') {
    const isBelow = rule?.kind === 'revenue' && rule.minRevenue !== null && revenue.ytd !== null && isComplete && annualise(revenue.ytd, month) < rule.minRevenue;
    return { ...none, isBelowThreshold: isBelow };
  }
  let isReached = false;
  let isNear = false;
  if (rule?.kind === 'revenue' && rule.minRevenue !== null && revenue.ytd !== null && month > 0) {
    const best = Math.max(revenue.ytd, annualise(revenue.ytd, month));
    isReached = best >= rule.minRevenue;
    isNear = !isReached && reachesShare(best, rule.minRevenue, settings.nearThresholdPct);
  } else if (rule) {
    isReached = meetsCondition(rule, input);
  }
  let reachedRule = isReached && rule ? rule.id : null;
  const investment = input.investmentRule;
  if (!reachedRule && investment && judges(investment, input.unitKind) && meetsCondition(investment, input)) reachedRule = investment.id;
  const isGrowth = revenue.ytd !== null && revenue.lastYtd !== null && isComplete && isLastComplete && grewBy(revenue.ytd, revenue.lastYtd, settings.growthPct);
  return { isNearThreshold: isNear && reachedRule === null, isReached: reachedRule !== null, reachedRule, isGrowth, isBelowThreshold: false };
}

/** The summary of one measure from its values by (year, month); pure. */
export function summariseRevenue(cells: readonly { year: number; month: number; revenue: number | null }[]): RevenueSummary {
  let asOf: { year: number; month: number } | null = null;
  for (const c of cells) {
    if (c.revenue === null) continue;
    if (!asOf || c.year > asOf.year || (c.year === asOf.year && c.month > asOf.month)) asOf = { year: c.year, month: c.month };
  }
  if (!asOf) return { asOf: null, ytd: null, monthsEntered: 0, lastYtd: null, lastMonthsEntered: 0 };
  let ytd = 0;
  let monthsEntered = 0;
  let lastYtd = 0;
  let lastMonthsEntered = 0;
  for (const c of cells) {
    if (c.revenue === null || c.month > asOf.month) continue;
    if (c.year === asOf.year) {
      ytd += c.revenue;
      monthsEntered += 1;
    } else if (c.year === asOf.year - 1) {
      lastYtd += c.revenue;
      lastMonthsEntered += 1;
    }
  }
  return { asOf, ytd, monthsEntered, lastYtd: lastMonthsEntered > 0 ? lastYtd : null, lastMonthsEntered };
}

export type AdmissionHint = 'measureMissing' | 'qualificationUnconfirmed' | 'registrationUnknown' | 'unitKindNotJudged';

/**
 * What keeps a unit from being judged, or asks to be confirmed, for the screens: its measure
 * not entered (主营业务收入未填), a legacy "有资质" whose kind nobody stated, a builder whose local
 * registration nobody stated, or a kind of unit its rule does not judge (only 批零住餐 judges
 * 产业活动单位 and 个体经营户; the others enter as legal units).
 */
export function admissionHints(rule: ThresholdRule | null, a: AdmissionAttributes, isMeasureMissing: boolean): AdmissionHint[] {
  const out: AdmissionHint[] = [];
  if (rule && !judges(rule, a.unitKind)) return ['unitKindNotJudged'];
  if (rule?.kind === 'revenue' && isMeasureMissing) out.push('measureMissing');
  if (a.qualificationKind === 'unconfirmed') out.push('qualificationUnconfirmed');
  if (rule?.kind === 'qualification' && isContractingQualification(a.qualificationKind) && a.isLocallyRegistered === null) out.push('registrationUnknown');
  return out;
}
