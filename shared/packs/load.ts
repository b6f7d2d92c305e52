import type { CodeEntry, CodeList } from '../codes/types';
import type { FormSpec } from '../forms/types';
import { compileForm, type CompiledForm } from '../rules/compile';
import { compileComputes, type ComputedItem } from '../rules/compute';
import { compileExpr, formEnvironment, type CompiledExpr } from '../rules/expr';
import type { PlausibilityTable, Rule } from '../rules/types';
import { checkPack, type PackProblem } from './check';
import { rememberFormIds } from './known-forms';
import { packRef, type FormPack, type PackRef, type PackSettings, type RevenueRange } from './types';

// A pack ready for the engine: checked once (checkPack), its forms, rules and code lists
// indexed, and every form compiled with its rules and expressions, so nothing is compiled while
// an enumerator types. The hash is verified by the caller that received the document (main and
// the server, shared/node/pack-hash.ts); the renderer receives packs main already checked.

export class PackLoadError extends Error {
  constructor(
    readonly problems: readonly PackProblem[],
    what = 'form pack',
  ) {
    super(`${what}: ${problems.length} problem(s): ${problems.slice(0, 5).map((p) => p.message).join('; ')}`);
    this.name = 'PackLoadError';
  }
}

export interface LoadedPack {
  readonly body: FormPack;
  readonly ref: PackRef;
  readonly id: string;
  readonly version: string;
  readonly forms: readonly FormSpec[];
  readonly settings: PackSettings;
  form(id: string): FormSpec | undefined;
  /** The rules of one form: its own and the '*' ones; the same array each call. */
  rulesFor(formId: string): readonly Rule[];
  /** The form compiled with its rules; throws for a form the pack does not have. */
  compiled(formId: string): CompiledForm;
  codeList(id: string): CodeList | undefined;
  findCode(listId: string, code: string): CodeEntry | undefined;
  /** The entries a picker offers: all but those a rule refuses (CodeEntry.notOffered). */
  offeredEntries(listId: string): readonly CodeEntry[];
  revenueRange(table: PlausibilityTable, section: string): RevenueRange | undefined;
  /** Every computed item (Item.compute), compiled, in the order they are computed. */
  readonly computedItems: readonly ComputedItem[];
  /** The computed item of a form, by item code. */
  computedItem(formId: string, code: string): ComputedItem | undefined;
  /** An `expr` check's compiled expression (compiled when the pack loads). */
  expr(formId: string, text: string): CompiledExpr;
}

const EMPTY: readonly CodeEntry[] = [];

/** Checks and indexes a pack document; throws PackLoadError with every problem found. */
export function loadPack(json: unknown): LoadedPack {
  const problems = checkPack(json);
  if (problems.length > 0) throw new PackLoadError(problems);
  return index(json as FormPack);
}

function index(body: FormPack): LoadedPack {
  const forms = new Map(body.forms.map((f) => [f.id, f]));
  const lists = new Map(body.codeLists.map((l) => [l.id, l]));
  const codes = new Map(body.codeLists.map((l) => [l.id, new Map(l.entries.map((e) => [e.code, e]))]));
  const offered = new Map(body.codeLists.map((l) => [l.id, l.entries.filter((e) => e.notOffered === undefined)]));
  const rules = new Map(body.forms.map((f) => [f.id, body.rules.filter((r) => r.formId === f.id || r.formId === '*')]));
  const exprs = new Map<string, CompiledExpr>();
  const compiledForms = new Map<string, CompiledForm>();
  const computes = compileComputes(body);
  // checkPack refused every compute problem; one here would be a bug in one of the two.
  if (computes.problems.length > 0) throw new Error(`form pack ${packRef(body)}: ${computes.problems[0]?.en}`);
  const computedByKey = new Map(computes.items.map((c) => [`${c.formId}\u0000${c.item.code}`, c]));

  const pack: LoadedPack = {
    body,
    ref: packRef(body),
    id: body.id,
    version: body.version,
    forms: body.forms,
    settings: body.settings,
    form: (id) => forms.get(id),
    rulesFor: (formId) => rules.get(formId) ?? [],
    compiled: (formId) => {
      const form = compiledForms.get(formId);
      if (!form) throw new Error(`form pack ${packRef(body)} has no form '${formId}'`);
      return form;
    },
    codeList: (id) => lists.get(id),
    findCode: (listId, code) => codes.get(listId)?.get(code),
    offeredEntries: (listId) => offered.get(listId) ?? EMPTY,
    revenueRange: (table, section) => body.plausibility.tables[table][section],
    computedItems: computes.items,
    computedItem: (formId, code) => computedByKey.get(`${formId}\u0000${code}`),
    expr: (formId, text) => {
      const found = exprs.get(`${formId}\u0000${text}`);
      if (!found) throw new Error(`form pack ${packRef(body)}: expression not compiled for form ${formId}: ${text}`);
      return found;
    },
  };

  for (const spec of body.forms) {
    const env = formEnvironment(spec, body.forms, { scaleBands: body.scaleBands });
    for (const rule of pack.rulesFor(spec.id)) {
      if (rule.check.fn !== 'expr') continue;
      const texts: [string, 'bool' | 'value'][] = [
        [rule.check.params.expr, 'bool'],
        ...Object.values(rule.check.params.show ?? {}).map((t): [string, 'value'] => [t, 'value']),
      ];
      for (const [text, want] of texts) {
        const result = compileExpr(env, text, spec, body.forms, want);
        // checkPack compiled it already; failing here would be a bug in one of the two.
        if (!result.ok) throw new Error(`rule ${rule.id}: ${result.error}`);
        exprs.set(`${spec.id}\u0000${text}`, result.expr);
      }
    }
  }
  for (const spec of body.forms) compiledForms.set(spec.id, compileForm(pack, spec, pack.rulesFor(spec.id)));
  rememberFormIds(body.forms.map((f) => f.id));
  return pack;
}
