import { z } from 'zod';

// 入规纳统 settings and the wire shape of the size thresholds (规上/限上 标准). The thresholds
// themselves are versioned data in thresholds-data.ts; the shares below are the bureau's own
// working settings (docs/domain.md: "say ≥ 70–80 %, a setting"), kept as whole percents so every
// comparison stays in integer arithmetic.

export const DirectorySettings = z.object({
  /** 准规模: YTD or annualised revenue ≥ this percent of the industry's threshold. */
  nearThresholdPct: z.number().int().min(1).max(100),
  /** 成长型: year-on-year growth of YTD revenue ≥ this percent. */
  growthPct: z.number().int().min(1).max(1000),
  /** Ledger vs census/annual figures: a relative difference above this percent is a finding. */
  consistencyTolerancePct: z.number().int().min(0).max(100),
  /** 双随机: the share of 规上 units to draw per year, for the draw's default (≥ 3 %). */
  inspectionSharePct: z.number().int().min(1).max(100),
});
export type DirectorySettings = z.infer<typeof DirectorySettings>;
export const DirectorySettingsPatch = DirectorySettings.partial().strict();
export type DirectorySettingsPatch = z.infer<typeof DirectorySettingsPatch>;

export const defaultDirectorySettings: DirectorySettings = {
  nearThresholdPct: 80,
  growthPct: 20,
  consistencyTolerancePct: 5,
  inspectionSharePct: 3,
};

/**
 * How a unit enters the above-size directory:
 *  - 'revenue': the year's `measure` (主营业务收入 or 营业收入) ≥ minRevenue 千元;
 *  - 'qualification': construction — a locally registered unit with a 总承包 or 专业承包
 *    qualification (劳务 and 专业作业 do not count);
 *  - 'activity': real-estate development — any unit with development activity;
 *  - 'investment': the fifth kind, 其他有计划总投资 ≥ minInvestment 千元 在建项目的法人单位,
 *    whatever the industry (matches nothing: it is judged beside the industry's rule).
 */
export const ThresholdKind = z.enum(['revenue', 'qualification', 'activity', 'investment']);
export type ThresholdKind = z.infer<typeof ThresholdKind>;

/**
 * The ledger indicator a 'revenue' rule is judged on (shared/ledger/indicators.ts keys): 工业 and
 * 批零住餐 on 主营业务收入, services on 营业收入. Never the other one in its place: a unit
 * without its measure is shown as missing it, not judged on a figure the standard does not use.
 */
export const ThresholdMeasure = z.enum(['mainRevenue', 'revenue']);
export type ThresholdMeasure = z.infer<typeof ThresholdMeasure>;

/** 法人单位 / 产业活动单位 / 个体经营户 (shared/directory/directory.ts UnitKind). */
const RuleUnitKind = z.enum(['legal', 'establishment', 'individual']);

export const ThresholdRule = z.object({
  id: z.string(),
  /** Section letters ('B'), 2-digit divisions ('51') or 4-digit classes ('7020'); the most
   * specific match wins. Empty for 'investment', which no industry selects. */
  matches: z.array(z.string()),
  kind: ThresholdKind,
  /** What a 'revenue' rule compares; null for the other kinds. */
  measure: ThresholdMeasure.nullable(),
  /** 千元; null unless kind is 'revenue'. */
  minRevenue: z.number().int().positive().nullable(),
  /** 计划总投资, 千元; null unless kind is 'investment'. */
  minInvestment: z.number().int().positive().nullable(),
  /** The unit kinds the rule judges: 限上 批零住餐 takes 产业活动单位 and 个体经营户 too, the
   * others legal units only. */
  unitKinds: z.array(RuleUnitKind).min(1),
  zh: z.string(),
  en: z.string(),
});
export type ThresholdRule = z.infer<typeof ThresholdRule>;

export const ThresholdTable = z.object({
  version: z.string(),
  source: z.string(),
  year: z.number().int(),
  rules: z.array(ThresholdRule),
});
export type ThresholdTable = z.infer<typeof ThresholdTable>;

export const ThresholdsInfo = z.object({ table: ThresholdTable, settings: DirectorySettings });
export type ThresholdsInfo = z.infer<typeof ThresholdsInfo>;

/**
 * The rule for a 4-digit industry class: a class match beats a division match beats a section
 * match. `sectionOf` maps a 2-digit division to its section letter (shared/codes/industry).
 * Null for an unknown or empty code and for industries without a size threshold (finance,
 * public administration…).
 */
export function thresholdRuleFor(
  table: ThresholdTable,
  industryCode: string,
  sectionOf: (division: string) => string | undefined,
): ThresholdRule | null {
  if (!/^\d{4}$/.test(industryCode)) return null;
  const division = industryCode.slice(0, 2);
  const section = sectionOf(division);
  const keys = [industryCode, division, ...(section ? [section] : [])];
  for (const key of keys) {
    const rule = table.rules.find((r) => r.kind !== 'investment' && r.matches.includes(key));
    if (rule) return rule;
  }
  return null;
}

/** The fifth kind's rule (其他有计划总投资 ≥ 5000万 在建项目的法人单位), or null if the table has none. */
export function investmentRuleOf(table: ThresholdTable): ThresholdRule | null {
  return table.rules.find((r) => r.kind === 'investment') ?? null;
}
