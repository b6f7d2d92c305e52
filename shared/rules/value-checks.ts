import { conditionItems } from '../forms/conditions';
import { refsOf, type ItemRef } from '../forms/refs';
import type { FormSpec, FormValues, Value } from '../forms/types';
import type { LoadedPack } from '../packs/load';
import { compileForm, paramItems, type CompiledForm } from './compile';
import { evaluateCompiled } from './engine';
import type { CheckFn, Finding, Rule, RuleContext } from './types';

// The rules that judge an item's value by itself — its format, its code list, its range, an
// identifier's structure — as opposed to presence (required), other items (开业 ≥ 成立) or
// other data (last year's figures). A value these refuse (强制性) is wrong whatever else the
// unit holds: a conflict resolution may not set it (it would push an invalid value into an
// enumerator's form), and a code list may not offer it.

/** Checks that look at more than the value: presence, other rows, other forms, other years. */
const notAboutTheValue: ReadonlySet<CheckFn> = new Set<CheckFn>([
  'specRequired',
  'required',
  'oneOfRequired',
  'specRows',
  'uniqueInSection',
  'anyPositive',
  'crossPeriod',
  'matchesForm',
  'sumMatchesForm',
  'rowsWhere',
]);

/** Whether a rule refuses a value for what it is, with nothing else named. */
export function isOwnValueRule(rule: Rule): boolean {
  if (rule.severity !== 'mandatory' || notAboutTheValue.has(rule.check.fn) || rule.items.length !== 1) return false;
  const [primary] = rule.items;
  const named = [...paramItems(rule.check), ...(rule.when ? conditionItems(rule.when) : [])];
  return named.every((code) => code === primary);
}

const ownForms = new WeakMap<LoadedPack, Map<string, CompiledForm>>();

/** One form of a pack compiled with only its own-value rules (its own and the generic ones). */
function ownValueForm(pack: LoadedPack, spec: FormSpec): CompiledForm {
  let byForm = ownForms.get(pack);
  if (!byForm) {
    byForm = new Map();
    ownForms.set(pack, byForm);
  }
  let form = byForm.get(spec.id);
  if (!form) {
    form = compileForm(pack, spec, pack.rulesFor(spec.id).filter(isOwnValueRule));
    byForm.set(spec.id, form);
  }
  return form;
}

/** A unit's form item as a sync field or review path names it: '611.revenue', '611-1.establishments.0.estName'. */
export interface FieldItem {
  pack: LoadedPack;
  spec: FormSpec;
  ref: ItemRef;
  /** The path inside the form: 'revenue' or 'establishments.0.estName'. */
  path: string;
  row: number | null;
}

/** The item a field names in `pack` (the pack the unit is filled under). */
export function fieldItem(pack: LoadedPack, field: string): FieldItem | null {
  const dot = field.indexOf('.');
  if (dot < 0) return null;
  const spec = pack.form(field.slice(0, dot));
  if (!spec) return null;
  const path = field.slice(dot + 1);
  const parts = path.split('.');
  const ref = refsOf(spec).get(parts.at(-1) ?? '');
  if (!ref) return null;
  if (parts.length === 1 && !ref.repeating) return { pack, spec, ref, path, row: null };
  if (parts.length === 3 && ref.repeating && parts[0] === ref.section.id && /^\d{1,3}$/.test(parts[1] ?? '')) {
    return { pack, spec, ref, path, row: Number(parts[1]) };
  }
  return null;
}

/** The form's values with one item (or one cell of a list) set. */
function withValue(values: FormValues, at: FieldItem, value: Value): FormValues {
  const code = at.ref.item.code;
  if (at.row === null) return { ...values, [code]: value };
  const rows = Array.isArray(values[at.ref.section.id]) ? [...(values[at.ref.section.id] as FormValues[])] : [];
  while (rows.length <= at.row) rows.push({});
  rows[at.row] = { ...rows[at.row], [code]: value };
  return { ...values, [at.ref.section.id]: rows };
}

/**
 * The 强制性 findings an item's own-value rules raise on `value`, set in place of the item in
 * `values` (the unit's form, so skip logic applies as it would on screen). Empty: acceptable.
 */
export function valueRefusals(at: FieldItem, values: FormValues, value: Value, ctx: RuleContext): Finding[] {
  const findings = evaluateCompiled(ownValueForm(at.pack, at.spec), withValue(values, at, value), ctx);
  return findings.filter((f) => f.path === at.path);
}
