import { conditionItems } from '../forms/conditions';
import type { LoadedPack } from '../packs/load';
import { refsOf, type ItemRef } from '../forms/refs';
import type { FormSpec, Section } from '../forms/types';
import type { Check, Rule } from './types';

// A form spec and its rules, indexed once per loaded pack (shared/packs/load.ts). That every
// item a rule, guard or condition names exists is checked before, by checkPack: a typo in rule
// data fails when the pack is built, never silently as "no finding".

export type { ItemRef };

export type Target = { kind: 'item'; ref: ItemRef } | { kind: 'section'; section: Section };

export interface CompiledRule {
  rule: Rule;
  targets: readonly Target[];
}

export interface CompiledForm {
  pack: LoadedPack;
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
    case 'rowsWhere':
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

export function compileForm(pack: LoadedPack, spec: FormSpec, rules: readonly Rule[]): CompiledForm {
  const refs = refsOf(spec);
  const repeating = new Map(spec.sections.filter((s) => s.repeat).map((s) => [s.id, s]));
  const compiled: CompiledRule[] = [];
  for (const rule of rules) {
    if (rule.formId !== spec.id && rule.formId !== '*') continue;
    const [primary] = rule.items;
    let targets: Target[];
    if (primary === '*') {
      targets = SECTION_WILDCARD.has(rule.check.fn)
        ? [...repeating.values()].map((section) => ({ kind: 'section' as const, section }))
        : [...refs.values()].map((ref) => ({ kind: 'item' as const, ref }));
    } else {
      const ref = primary === undefined ? undefined : refs.get(primary);
      const section = primary === undefined ? undefined : repeating.get(primary);
      targets = ref ? [{ kind: 'item', ref }] : section ? [{ kind: 'section', section }] : [];
    }
    compiled.push({ rule, targets });
  }
  return { pack, spec, refs, rules: compiled };
}
