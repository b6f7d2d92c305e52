export { canSubmit, evaluate, explanationKey, findingsAt, summarize } from './engine';
export type { SeverityCounts, SubmitCheck } from './engine';
export type { Check, Finding, Message, Rule, RuleContext, RuleSettings, Severity } from './types';
export { severities, severityZh } from './types';
