import { evaluateCondition, type Lookup } from '../forms/conditions';
import type { FormValues, Section } from '../forms/types';
import { isBlank, itemPath, rowsOf } from '../forms/values';
import type { CheckEnv, CheckImpl } from './check-env';
import { checkRegistry } from './checks';
import { lookupIn } from '../forms/refs';
import type { CompiledForm, CompiledRule, ItemRef } from './compile';
import type { LoadedPack } from '../packs/load';
import { engineMessages } from './engine-messages';
import { formatValue, renderTemplate, type Lang } from './format';
import type { Check, CheckFn, Finding, Rule, RuleContext, RuleSettings, Severity } from './types';

// The one rule engine: the renderer runs it live as the user types, main runs it
// authoritatively on save and submit, the server later. It only reports: it never fills,
// corrects or defaults a value (docs/domain.md: tools that type revenue = 1 to silence rules are
// the bad practice we exist to stop).
//
// There is deliberately no per-item evaluation entry point: a whole 611 evaluates well under
// the 5 ms budget (see the bench), and re-running everything avoids stale findings on items
// whose rules depend on what was just typed elsewhere.

interface Scope {
  get: Lookup;
  row?: { sectionId: string; index: number };
}

function isRelevant(ref: ItemRef, get: Lookup): boolean {
  if (ref.section.relevant && !evaluateCondition(ref.section.relevant, get)) return false;
  return !ref.item.relevant || evaluateCondition(ref.item.relevant, get);
}

function runCheck<K extends CheckFn>(env: CheckEnv, check: Extract<Check, { fn: K }>) {
  // The registry is keyed by `fn`, so the implementation takes exactly this check's params.
  const impl: CheckImpl<K> = checkRegistry[check.fn];
  if (!impl.onEmpty && isBlank(env.value)) return null;
  return impl.run(env, check);
}

function message(rule: Rule, lang: Lang, reason: string | undefined): string {
  const specific = reason ? (rule.byReason?.[reason] ?? engineMessages[rule.check.fn]?.[reason]) : undefined;
  if (specific) return specific[lang];
  return lang === 'zh' ? rule.messageZh : rule.messageEn;
}


function render(
  form: CompiledForm,
  env: CheckEnv,
  rule: Rule,
  lang: Lang,
  reason: string | undefined,
  vars: Readonly<Record<string, string | number | { zh: string; en: string }>>,
): string {
  const sectionLabel = (s: Section) => (lang === 'zh' ? s.titleZh : s.titleEn);
  return renderTemplate(message(rule, lang, reason), {
    lang,
    vars,
    label: (code) => {
      if (code === undefined) return env.ref ? label(env.ref, lang) : sectionLabel(env.section);
      const ref = form.refs.get(code);
      return ref ? label(ref, lang) : code;
    },
    value: (code) => {
      const c = code ?? env.code;
      return formatValue(form.refs.get(c)?.item, code === undefined ? env.value : env.get(c), lang, form.pack.findCode);
    },
  });
}

/** “第2个产业活动单位：” before a row's message, so a list of findings says which row. */
function rowPrefix(section: Section, index: number | undefined): { zh: string; en: string } {
  if (index === undefined || !section.repeat) return { zh: '', en: '' };
  const n = index + 1;
  return { zh: `第${n}个${section.repeat.itemLabelZh}：`, en: `${section.repeat.itemLabelEn} ${n}: ` };
}

const label = (ref: ItemRef, lang: Lang) => (lang === 'zh' ? ref.item.labelZh : ref.item.labelEn);

/** Findings of an already compiled form (a pack's, or one with a subset of its rules). */
export function evaluateCompiled(form: CompiledForm, values: FormValues, ctx: RuleContext): Finding[] {
  const overrides = Object.entries(ctx.settings ?? {}).filter((e): e is [string, number | string] => e[1] !== undefined);
  const settings: RuleSettings = { ...form.pack.settings, ...Object.fromEntries(overrides) };
  const findings: Finding[] = [];
  const rootScope: Scope = { get: lookupIn(form.refs, values) };
  // Row scopes are built once per row and shared by every rule that runs on that row.
  const rowScopes = new Map<string, Scope[]>();
  const scopesFor = (section: Section): Scope[] => {
    let scopes = rowScopes.get(section.id);
    if (!scopes) {
      scopes = rowsOf(values, section.id).map((row, index) => ({
        get: lookupIn(form.refs, values, row),
        row: { sectionId: section.id, index },
      }));
      rowScopes.set(section.id, scopes);
    }
    return scopes;
  };

  const runOne = (cr: CompiledRule, section: Section, ref: ItemRef | undefined, scope: Scope) => {
    const { rule } = cr;
    if (ref ? !isRelevant(ref, scope.get) : section.relevant && !evaluateCondition(section.relevant, scope.get)) return;
    if (rule.when && !evaluateCondition(rule.when, scope.get)) return;
    const code = ref ? ref.item.code : section.id;
    const env: CheckEnv = {
      form,
      code,
      ref,
      section,
      value: ref ? scope.get(code) : values[code],
      get: scope.get,
      root: values,
      rowIndex: scope.row?.index,
      ctx,
      settings,
    };
    const failure = runCheck(env, rule.check);
    if (!failure) return;
    const vars = failure.vars ?? {};
    const where = rowPrefix(section, scope.row?.index);
    findings.push({
      ruleId: rule.id,
      formId: form.spec.id,
      severity: rule.severity,
      item: code,
      path: ref ? itemPath(code, scope.row) : section.id,
      messageZh: where.zh + render(form, env, rule, 'zh', failure.reason, vars),
      messageEn: where.en + render(form, env, rule, 'en', failure.reason, vars),
    });
  };

  for (const cr of form.rules) {
    for (const target of cr.targets) {
      if (target.kind === 'section') {
        runOne(cr, target.section, undefined, rootScope);
      } else if (target.ref.repeating) {
        for (const scope of scopesFor(target.ref.section)) runOne(cr, target.ref.section, target.ref, scope);
      } else {
        runOne(cr, target.ref.section, target.ref, rootScope);
      }
    }
  }
  return findings;
}

/** All findings of the pack's rules on one form's values. */
export function evaluate(pack: LoadedPack, formId: string, values: FormValues, ctx: RuleContext): Finding[] {
  return evaluateCompiled(pack.compiled(formId), values, ctx);
}

export type SeverityCounts = Record<Severity, number>;

export function summarize(findings: readonly Finding[]): SeverityCounts {
  const counts: SeverityCounts = { mandatory: 0, verify: 0, hint: 0 };
  for (const f of findings) counts[f.severity] += 1;
  return counts;
}

/** Key of the explanation an enumerator writes for a 核实性 finding. */
export const explanationKey = (f: Pick<Finding, 'ruleId' | 'path'>): string => `${f.ruleId}@${f.path}`;

export interface SubmitCheck {
  ok: boolean;
  /** 强制性 findings: fix the data. */
  mandatory: Finding[];
  /** 核实性 findings without an explanation: explain (or fix) them. */
  unexplained: Finding[];
}

/** Whether a form may be submitted: no 强制性 finding, and every 核实性 finding explained
 * (a non-blank text under explanationKey). 提示性 findings never block. */
export function canSubmit(findings: readonly Finding[], explanations: Readonly<Record<string, string>>): SubmitCheck {
  const mandatory = findings.filter((f) => f.severity === 'mandatory');
  const unexplained = findings.filter(
    (f) => f.severity === 'verify' && (explanations[explanationKey(f)] ?? '').trim() === '',
  );
  return { ok: mandatory.length === 0 && unexplained.length === 0, mandatory, unexplained };
}

/** Findings on one item path, for showing next to the input. */
export function findingsAt(findings: readonly Finding[], path: string): Finding[] {
  return findings.filter((f) => f.path === path);
}
