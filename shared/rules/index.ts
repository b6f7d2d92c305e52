import type { Rule } from './types';
import { genericRules } from './sets/generic';
import { rulesIndividual } from './sets/individual';
import { rules611Attributes } from './sets/r611-attributes';
import { rules611Identity } from './sets/r611';
import { rules611Tables } from './sets/r611-tables';

export { canSubmit, defaultRuleSettings, evaluate, explanationKey, findingsAt, summarize } from './engine';
export type { SeverityCounts, SubmitCheck } from './engine';
export type { Check, Finding, Message, Rule, RuleContext, RuleSettings, Severity } from './types';
export { severities, severityZh } from './types';
export { RULES_VERSION } from './sets/shared';

/** Every rule of every form, generic ones first. Ids are unique (a test checks). */
export const allRules: readonly Rule[] = [
  ...genericRules,
  ...rules611Identity,
  ...rules611Attributes,
  ...rules611Tables,
  ...rulesIndividual,
];

const byForm = new Map<string, readonly Rule[]>();

/** The rules that apply to one form (its own and the generic '*' ones); the same array each
 * call, so the engine's compiled cache is reused. */
export function rulesFor(formId: string): readonly Rule[] {
  let rules = byForm.get(formId);
  if (!rules) {
    rules = allRules.filter((r) => r.formId === formId || r.formId === '*');
    byForm.set(formId, rules);
  }
  return rules;
}
