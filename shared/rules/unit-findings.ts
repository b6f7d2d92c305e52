import type { FormValues } from '../forms/types';
import { withComputed } from '../forms/computed';
import { unitFormIds, type UnitForms } from '../forms/unit-forms';
import type { UnitKind } from '../registration/units';
import { canSubmit, evaluate, summarize, type SeverityCounts, type SubmitCheck } from './engine';
import type { LoadedPack } from '../packs/load';
import type { Finding, RuleContext } from './types';

// All findings of one census unit: every form it fills (shared/forms/unit-forms.ts), each
// evaluated with the unit's other forms in ctx.forms so cross-form rules (611-1 staff sum =
// 611 staff, …) run. Main runs this on save and submit; the renderer runs the same live.
// Explanation keys (`ruleId@path`) stay unique across a unit's forms because the only rules
// shared by all forms (GEN-*) are 强制性, which are fixed, never explained.

const EMPTY: FormValues = {};

export interface UnitEvaluation {
  formIds: string[];
  findings: Finding[];
  counts: SeverityCounts;
}

/** All findings of a unit, with the pack it is filled under (main's packForUnit). */
export function evaluateUnit(pack: LoadedPack, kind: UnitKind, forms: UnitForms, ctx: Omit<RuleContext, 'forms'>): UnitEvaluation {
  // Computed items are judged as they will be stored (main applies them on every save).
  const carried = withComputed(pack, kind, forms);
  return evaluateForms(pack, unitFormIds(pack, kind, carried), carried, ctx);
}

/**
 * Findings of the named forms of one unit (a batch check of a file evaluates only the forms the
 * file carries). A named form missing from `forms` is evaluated as empty: its required items
 * are what is left to do.
 */
export function evaluateForms(pack: LoadedPack, formIds: readonly string[], forms: UnitForms, ctx: Omit<RuleContext, 'forms'>): UnitEvaluation {
  const withForms: RuleContext = { ...ctx, forms, formIds };
  const findings: Finding[] = [];
  for (const id of formIds) {
    // Form ids come from unitFormIds or a caller that checked them; a missing form is a bug
    // (pack.compiled throws).
    findings.push(...evaluate(pack, id, forms[id] ?? EMPTY, withForms));
  }
  return { formIds: [...formIds], findings, counts: summarize(findings) };
}

/** Whether the unit may be submitted: no 强制性 finding, every 核实性 one explained. */
export function unitCanSubmit(evaluation: UnitEvaluation, explanations: Readonly<Record<string, string>>): SubmitCheck {
  return canSubmit(evaluation.findings, explanations);
}
