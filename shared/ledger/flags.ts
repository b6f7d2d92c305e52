import type { DirectorySettings, ThresholdRule } from '../followup/thresholds';
import { annualise, grewBy, reachesShare } from './arithmetic';

// 入规纳统 flags of one enterprise from its revenue so far (docs/domain.md):
//  - 准规模 (near threshold): a 规下 enterprise whose YTD or annualised revenue reaches the set
//    share of its industry's threshold — or, where entry is not by revenue (construction with a
//    qualification, real-estate development), that simply meets the condition;
//  - 成长型 (growth): a 规下 enterprise whose YTD revenue grew by at least the set rate over the
//    same months of last year, both complete (a gap would fake growth);
//  - below threshold (a 退库 reason): a 规上 enterprise whose complete YTD, annualised, is under
//    the threshold.
// All comparisons are exact integer arithmetic (arithmetic.ts), never floating point.

export interface RevenueSummary {
  /** The ledger month the figures run to; null when no revenue was ever entered. */
  asOf: { year: number; month: number } | null;
  /** Sum of revenue months 1..asOf.month of asOf.year (千元), and how many of them were entered. */
  ytd: number | null;
  monthsEntered: number;
  /** The same months of the year before. */
  lastYtd: number | null;
  lastMonthsEntered: number;
}

export interface FlagInput {
  scale: 'above' | 'below';
  status: string;
  hasQualification: boolean;
  rule: ThresholdRule | null;
  revenue: RevenueSummary;
}

export interface Flags {
  isNearThreshold: boolean;
  isGrowth: boolean;
  isBelowThreshold: boolean;
}

const none: Flags = { isNearThreshold: false, isGrowth: false, isBelowThreshold: false };

export function computeFlags(input: FlagInput, settings: Pick<DirectorySettings, 'nearThresholdPct' | 'growthPct'>): Flags {
  if (input.status !== 'active') return none;
  const { rule, revenue } = input;
  const month = revenue.asOf?.month ?? 0;
  const isComplete = month > 0 && revenue.monthsEntered === month;
  const isLastComplete = month > 0 && revenue.lastMonthsEntered === month;
  if (input.scale === 'above') {
    const isBelow =
      rule?.kind === 'revenue' &&
      rule.minRevenue !== null &&
      revenue.ytd !== null &&
      isComplete &&
      annualise(revenue.ytd, month) < rule.minRevenue;
    return { ...none, isBelowThreshold: isBelow };
  }
  let isNear = false;
  if (rule?.kind === 'revenue' && rule.minRevenue !== null && revenue.ytd !== null && month > 0) {
    isNear =
      reachesShare(revenue.ytd, rule.minRevenue, settings.nearThresholdPct) ||
      reachesShare(annualise(revenue.ytd, month), rule.minRevenue, settings.nearThresholdPct);
  } else if (rule && rule.kind !== 'revenue') {
    isNear = input.hasQualification;
  }
  const isGrowth =
    revenue.ytd !== null &&
    revenue.lastYtd !== null &&
    isComplete &&
    isLastComplete &&
    grewBy(revenue.ytd, revenue.lastYtd, settings.growthPct);
  return { isNearThreshold: isNear, isGrowth, isBelowThreshold: false };
}

/** The revenue summary of one enterprise from its revenue by (year, month); pure. */
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
