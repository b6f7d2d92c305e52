import { conditionItems } from '../forms/conditions';
import { refsOf, type ItemRef } from '../forms/refs';
import type { FormSpec, Section } from '../forms/types';
import type { Check, Rule } from './types';

// A form spec and its rules, indexed once. Compiling checks that every item a rule, guard or
// condition names exists in the form: a typo in rule data fails loudly at start-up (and in the
// tests), never silently as "no finding".

export type { ItemRef };

export type Target = { kind: 'item'; ref: ItemRef } | { kind: 'section'; section: Section };

export interface CompiledRule {
  rule: Rule;
  targets: readonly Target[];
}

export interface CompiledForm {
  spec: FormSpec;
  refs: ReadonlyMap<string, ItemRef>;
  rules: readonly CompiledRule[];
}

/** Checks whose '*' means every repeating section rather than every item. */
const SECTION_WILDCARD: ReadonlySet<Check['fn']> = new Set(['specRows']);

/** Item codes a check's parameters name (same form only; cross-form ones are not ours). */
export function paramItems(check: Check): string[] {
  switch (check.fn) {
    case 'oneOfRequired':
    case 'anyPositive':
      return [...check.params.others];
    case 'assert':
      return conditionItems(check.params.cond);
    case 'notBefore':
    case 'notEqual':
      return [check.params.other];
    case 'usccMatchesOrgCode':
      return [check.params.orgCode];
    case 'usccMatchesInstitutionType':
      return [check.params.institutionType];
    case 'areaCodeMatchesDivision':
      return [check.params.division];
    case 'leTotal':
      return [check.params.total];
    case 'sumLeTotal':
    case 'sumEqualsTotal':
      return [...check.params.parts];
    case 'revenuePerEmployee':
      return [check.params.employees, check.params.industry];
    default:
      return [];
  }
}

export function compileForm(spec: FormSpec, rules: readonly Rule[]): CompiledForm {
  const refs = refsOf(spec);
  const repeating = new Map(spec.sections.filter((s) => s.repeat).map((s) => [s.id, s]));
  const known = (code: string) => refs.has(code) || repeating.has(code);
  // Typed as returning never so TypeScript narrows after a failed check.
  const fail: (rule: Rule, what: string) => never = (rule, what) => {
    throw new Error(`Rule ${rule.id} (form ${spec.id}): ${what}`);
  };

  for (const section of spec.sections) {
    for (const code of section.relevant ? conditionItems(section.relevant) : []) {
      if (!refs.has(code)) throw new Error(`Form ${spec.id}: section ${section.id} condition names '${code}'`);
    }
    for (const item of section.items) {
      const conds = [item.relevant, typeof item.required === 'object' ? item.required : undefined];
      for (const code of conds.flatMap((c) => (c ? conditionItems(c) : []))) {
        if (!refs.has(code)) throw new Error(`Form ${spec.id}: item ${item.code} condition names '${code}'`);
      }
    }
  }

  const compiled: CompiledRule[] = [];
  for (const rule of rules) {
    if (rule.formId !== spec.id && rule.formId !== '*') continue;
    const [primary] = rule.items;
    if (primary === undefined) fail(rule, 'names no item');
    const named = [...rule.items.filter((c) => c !== '*'), ...paramItems(rule.check)];
    if (rule.when) named.push(...conditionItems(rule.when));
    for (const code of named) if (!known(code)) fail(rule, `names unknown item '${code}'`);

    let targets: Target[];
    if (primary === '*') {
      targets = SECTION_WILDCARD.has(rule.check.fn)
        ? [...repeating.values()].map((section) => ({ kind: 'section' as const, section }))
        : [...refs.values()].map((ref) => ({ kind: 'item' as const, ref }));
    } else {
      const ref = refs.get(primary);
      const section = repeating.get(primary);
      targets = ref ? [{ kind: 'item', ref }] : section ? [{ kind: 'section', section }] : [];
    }
    compiled.push({ rule, targets });
  }
  return { spec, refs, rules: compiled };
}

// Compiling is cheap but not free; the renderer evaluates on every change, so keep one per
// (spec, rules) pair. WeakMaps let a reloaded rule set be collected.
const cache = new WeakMap<FormSpec, WeakMap<readonly Rule[], CompiledForm>>();

export function compiled(spec: FormSpec, rules: readonly Rule[]): CompiledForm {
  let bySpec = cache.get(spec);
  if (!bySpec) {
    bySpec = new WeakMap();
    cache.set(spec, bySpec);
  }
  let form = bySpec.get(rules);
  if (!form) {
    form = compileForm(spec, rules);
    bySpec.set(rules, form);
  }
  return form;
}
