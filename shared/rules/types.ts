import type { Condition, FormValues } from '../forms/types';

// Edit rules 审核规则 as data (docs/domain.md). A rule names the form and item(s) it
// concerns, an optional guard, and ONE check from the fixed registry in checks.ts with its
// parameters; code lives in the registry, the rules themselves are JSON-able data with a
// version and a source, so a bureau correction is a data change.

/** 强制性 must be fixed before submit; 核实性 needs a written explanation; 提示性 is a hint. */
export const severities = ['mandatory', 'verify', 'hint'] as const;
export type Severity = (typeof severities)[number];
export const severityZh: Record<Severity, string> = { mandatory: '强制性', verify: '核实性', hint: '提示性' };

/** Named text patterns (compiled once in text.ts); rules refer to them by name. */
export type PatternName = 'telAreaCode' | 'fixedPhone' | 'mobilePhone' | 'anyPhone' | 'postcode' | 'url';

/** Which figure of last year's annual report (年度快报) a cross-period check compares with. */
export type LastYearField = 'revenue' | 'employees';

/** Revenue-per-employee range table (plausibility.ts). */
export type PlausibilityTable = 'unit' | 'individual';

export type Check =
  // Spec-driven checks: they read the item's own spec (required, type, code list, range).
  | { fn: 'specRequired' }
  | { fn: 'specFormat' }
  | { fn: 'specCodeList' }
  | { fn: 'specRange' }
  | { fn: 'specLength' }
  | { fn: 'specRows' }
  // Presence and logic
  | { fn: 'required' }
  | { fn: 'oneOfRequired'; params: { others: readonly string[] } }
  | { fn: 'assert'; params: { cond: Condition } }
  | { fn: 'atLeast'; params: { min: number } }
  | { fn: 'anyPositive'; params: { others: readonly string[] } }
  | { fn: 'uniqueInSection' }
  // Dates ('YYYY-MM' / 'YYYY-MM-DD')
  | { fn: 'notBefore'; params: { other: string } }
  | { fn: 'notInFuture' }
  | { fn: 'notAfterMonth'; params: { month: string } }
  // Text
  // `maxSetting` names a pack setting that gives the maximum instead of `max` (activityMaxChars).
  | { fn: 'activityText'; params: { min: number; max: number; maxSetting?: string } }
  | { fn: 'addressText'; params: { minHan: number } }
  | { fn: 'pattern'; params: { name: PatternName } }
  | { fn: 'email' }
  // Identifiers
  | { fn: 'usccFormat' }
  | { fn: 'usccChecksum' }
  // 核实性 parts of a well-formed USCC: its category for the registrar, the embedded org code's check.
  | { fn: 'usccParts' }
  | { fn: 'orgCodeFormat' }
  | { fn: 'orgCodeChecksum' }
  | { fn: 'usccMatchesOrgCode'; params: { orgCode: string } }
  | { fn: 'usccMatchesInstitutionType'; params: { institutionType: string } }
  | { fn: 'usccIsIndividual' }
  | { fn: 'divisionStructure' }
  | { fn: 'divisionExists' }
  | { fn: 'divisionInCounty' }
  | { fn: 'areaCodeStructure' }
  | { fn: 'areaCodeInCounty' }
  | { fn: 'areaCodeMatchesDivision'; params: { division: string } }
  | { fn: 'industryClass' }
  | { fn: 'industryInScope' }
  // Figures: the primary item is the part (leTotal) or the total (sum checks)
  | { fn: 'leTotal'; params: { total: string } }
  | { fn: 'notEqual'; params: { other: string } }
  | { fn: 'sumLeTotal'; params: { parts: readonly string[] } }
  | { fn: 'sumEqualsTotal'; params: { parts: readonly string[]; tolerance?: number } }
  | { fn: 'crossPeriod'; params: { field: LastYearField } }
  | { fn: 'revenuePerEmployee'; params: { employees: string; industry: string; table: PlausibilityTable } }
  // Another form of the same unit (ctx.forms); skipped when that form is not at hand.
  // 'le' with a factor: value ≤ factor × other (e.g. computers ≤ 3 × persons employed).
  | { fn: 'matchesForm'; params: { form: string; item: string; relation: 'eq' | 'le'; factor?: number } }
  // Section-level: the sum of a column over the rows equals another form's item.
  | { fn: 'sumMatchesForm'; params: { column: string; form: string; item: string } }
  // Section-level: how many rows meet `cond` (e.g. exactly one 本部 row in 611-1).
  | { fn: 'rowsWhere'; params: { cond: Condition; min: number; max?: number } }
  // Arithmetic and cross-item logic as a CEL expression (shared/rules/expr.ts) that must hold.
  // It is skipped while an item it names is blank, except those in `zeroIfBlank`, read as 0.
  // `show` names further expressions whose values the message may use as {name}.
  | { fn: 'expr'; params: { expr: string; zeroIfBlank?: readonly string[]; show?: Readonly<Record<string, string>> } };

export type CheckFn = Check['fn'];

export interface Message {
  zh: string;
  en: string;
}

export interface Rule {
  /** Stable id, e.g. 'R611-OPEN-AFTER-FOUND'. Explanations are keyed by it: never reuse one. */
  id: string;
  formId: string;
  severity: Severity;
  /** Item codes the rule concerns; the finding names the first. '*' = every item of the form.
   * An item in a repeating section makes the rule run once per row; a repeating section's id
   * makes it run once over the whole section. */
  items: readonly string[];
  when?: Condition;
  check: Check;
  /** Templates: {label} {value} of the primary item, {label:code} {value:code} of another item,
   * {name} for values the check supplies (see checks.ts). */
  messageZh: string;
  messageEn: string;
  /** Messages for a particular failure reason a check reports (e.g. LENGTH vs CHARSET). */
  byReason?: Readonly<Record<string, Message>>;
  version: string;
  /** Where the rule comes from: docs/domain.md, the form book, the directory rule number. */
  source: string;
}

export interface Finding {
  ruleId: string;
  formId: string;
  severity: Severity;
  /** Item code of the primary item. */
  item: string;
  /** 'revenue', or 'establishments.2.estRevenue' for row 3 of a repeating section. */
  path: string;
  messageZh: string;
  messageEn: string;
}

/** Tolerances and thresholds a bureau may set (settings), with defaults in engine.ts. */
export interface RuleSettings {
  /** Relative change of revenue against last year's annual figure that needs verifying. */
  revenueChange: number;
  employeesChange: number;
  /** The pack's other settings (PackSettings), by name. */
  readonly [name: string]: number | string;
}

export interface RuleContext {
  /** 'YYYY-MM-DD'. Passed in, never read from a clock here, so the result is reproducible. */
  today: string;
  /** The deployment's county: a 6-digit code (a longer code is cut to its county). */
  deploymentCounty?: string;
  /** Whether a 12-digit division code exists; undefined = division data not loaded (no finding). */
  divisionExists?: (code12: string) => boolean | undefined;
  /** The unit's last annual report figures (年度快报), in the forms' units. */
  lastYear?: { revenue?: number; employees?: number };
  settings?: Partial<RuleSettings>;
  /** Other forms of the same unit, by form id, for cross-form checks. */
  forms?: Readonly<Record<string, FormValues>>;
  /** The forms the unit fills (unitFormIds); absent: those in `forms`. Computed items use it. */
  formIds?: readonly string[];
}
