import { Environment } from '@marcbachmann/cel-js';
import type { Lookup } from '../forms/conditions';
import type { FormSpec, FormValues, Item, Value } from '../forms/types';
import { codesOf } from '../forms/conditions';
import { isBlank, numberOf, textOf } from '../forms/values';
import type { ScaleBands } from '../packs/types';
import { unitScale } from './scale';

// Rules that need arithmetic or cross-item logic are written in the pack as CEL (Common
// Expression Language, github.com/google/cel-spec) expressions: a standard, side-effect-free,
// non-Turing-complete language, evaluated by @marcbachmann/cel-js (zero dependencies, so the
// renderer and main run the same evaluator). An expression states what must hold
// (`operatingProfit <= revenue - operatingCost - taxes + settings.profitSlack`); false is a
// finding.
//
// Names an expression may use:
// - the items of its own form by code; inside a repeating row, the row's items;
// - another form of the same unit as `f<id>` with '-' written '_' (`f611.employees`,
//   `f611_1.estCount`): cross-form rules are skipped while that form is not at hand;
// - `settings.<name>`: the pack's settings.
// Numbers (integer, money, decimal items) are doubles and strings everything else but booleans.
// CEL keeps int and double apart (`revenue + 1` does not type-check); mixed arithmetic is
// registered below because a statistician writes `10`, not `10.0`.
// Type and name errors are compile errors, reported when the pack is built or loaded.
// A multi-choice ('codes') item is a list(string): `'1' in hmtInvestment`, `hmtInvestment.size()`.
// Functions: abs, min, max; unitScale(industry, employees, revenue, assets) when the pack has
// `scaleBands` (shared/rules/scale.ts): '1' 大型 … '4' 微型, '' when a figure its band needs is
// blank (pass blank figures with Item.computeAllowBlank: they arrive as NaN).

export type ExprType = 'double' | 'string' | 'bool' | 'list<string>';

const NUMERIC = new Set<Item['type']>(['integer', 'money', 'decimal']);

export function exprTypeOf(item: Item): ExprType {
  if (NUMERIC.has(item.type)) return 'double';
  if (item.type === 'boolean') return 'bool';
  // A multi-choice answer is a list of codes, so `'1' in hmtInvestment` reads as it should.
  if (item.type === 'codes') return 'list<string>';
  return 'string';
}

/** The CEL name of another form of the unit: '611-1' → 'f611_1'. */
export const formVariable = (formId: string): string => `f${formId.replace(/-/g, '_')}`;

/** A name an expression reads: an item of its own form, or of another form. */
export interface ExprName {
  form?: string;
  item: string;
  type: ExprType;
}

export interface CompiledExpr {
  text: string;
  /** Every item the expression names, for the blank-skip and the pack's reference checks. */
  names: readonly ExprName[];
  run: (context: Record<string, unknown>) => unknown;
}

export type ExprCompile = { ok: true; expr: CompiledExpr } | { ok: false; error: string };

function itemsOf(spec: FormSpec): Item[] {
  return spec.sections.flatMap((s) => s.items);
}

/** What of the pack an expression may read besides forms and settings. */
export interface ExprPackData {
  scaleBands?: ScaleBands;
}

function baseEnvironment(data: ExprPackData): Environment {
  const env = new Environment({ unlistedVariablesAreDyn: false, limits: { maxAstNodes: 2_000, maxDepth: 64 } });
  env.registerVariable('settings', 'map');
  env.registerFunction('abs(double): double', (x: number) => Math.abs(x));
  env.registerFunction('min(double, double): double', (a: number, b: number) => Math.min(a, b));
  env.registerFunction('max(double, double): double', (a: number, b: number) => Math.max(a, b));
  const { scaleBands } = data;
  if (scaleBands) {
    env.registerFunction('unitScale(string, double, double, double): string', (industry: string, employees: number, revenue: number, assets: number) =>
      unitScale(scaleBands, industry, { employees, revenue, assets }),
    );
  }
  const n = (v: unknown): number => Number(v);
  for (const op of ['+', '-', '*', '/'] as const) {
    const f = { '+': (a: number, b: number) => a + b, '-': (a: number, b: number) => a - b, '*': (a: number, b: number) => a * b, '/': (a: number, b: number) => a / b }[op];
    env.registerOperator(`double ${op} int`, (a: unknown, b: unknown) => f(n(a), n(b)));
    env.registerOperator(`int ${op} double`, (a: unknown, b: unknown) => f(n(a), n(b)));
  }
  return env;
}

/**
 * The environment of one form: its items, the unit's other forms of the pack and settings.
 * Built once per (pack, form) by the caller (shared/packs/load.ts); compile is then ~20 µs.
 */
export function formEnvironment(spec: FormSpec, otherForms: readonly FormSpec[], data: ExprPackData = {}): Environment {
  const env = baseEnvironment(data);
  const taken = new Set(['settings']);
  for (const item of itemsOf(spec)) {
    if (taken.has(item.code)) continue;
    taken.add(item.code);
    env.registerVariable(item.code, exprTypeOf(item));
  }
  for (const other of otherForms) {
    const name = formVariable(other.id);
    if (other.id === spec.id || taken.has(name)) continue;
    taken.add(name);
    const schema: Record<string, ExprType> = {};
    for (const item of itemsOf(other)) schema[item.code] = exprTypeOf(item);
    env.registerVariable({ name, schema });
  }
  return env;
}

interface AstNode {
  op: string;
  args: unknown;
}

const isNode = (v: unknown): v is AstNode => typeof v === 'object' && v !== null && 'op' in v;

type RawName = Omit<ExprName, 'type'>;

/** Item names in an AST: `code` or `fX.code` where fX is a form variable. */
function namesIn(ast: unknown, formsByVar: ReadonlyMap<string, string>, out: RawName[]): void {
  if (Array.isArray(ast)) {
    for (const a of ast) namesIn(a, formsByVar, out);
    return;
  }
  if (!isNode(ast)) return;
  if (ast.op === 'id' && typeof ast.args === 'string') {
    if (ast.args !== 'settings' && !formsByVar.has(ast.args)) out.push({ item: ast.args });
    return;
  }
  if (ast.op === '.' && Array.isArray(ast.args)) {
    const [target, field] = ast.args as [unknown, unknown];
    if (isNode(target) && target.op === 'id' && typeof target.args === 'string' && typeof field === 'string') {
      const form = formsByVar.get(target.args);
      if (form) out.push({ form, item: field });
      if (form || target.args === 'settings') return;
    }
  }
  namesIn(ast.args, formsByVar, out);
}

/** Compiles `text` for `spec` in `env` (formEnvironment(spec, forms)). */
export function compileExpr(
  env: Environment,
  text: string,
  spec: FormSpec,
  forms: readonly FormSpec[],
  want: 'bool' | 'value' = 'bool',
): ExprCompile {
  let parsed: ReturnType<Environment['parse']>;
  try {
    parsed = env.parse(text);
  } catch (e) {
    return { ok: false, error: firstLine(e) };
  }
  const checked = parsed.check();
  if (!checked.valid) return { ok: false, error: firstLine(checked.error) };
  if (want === 'value' && !['double', 'int', 'string', 'bool', 'dyn'].includes(checked.type ?? '')) {
    return { ok: false, error: `the expression gives ${checked.type}; a message can show a number, text or bool` };
  }
  if (want === 'bool' && checked.type !== 'bool') return { ok: false, error: `the expression gives ${checked.type}, not bool (true when the data is right)` };
  const formsByVar = new Map(forms.filter((f) => f.id !== spec.id).map((f) => [formVariable(f.id), f.id]));
  const raw: RawName[] = [];
  namesIn(parsed.ast, formsByVar, raw);
  const seen = new Set<string>();
  const unique: ExprName[] = [];
  for (const n of raw) {
    const key = `${n.form ?? ''}.${n.item}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const form = n.form ? forms.find((f) => f.id === n.form) : spec;
    const item = form ? itemsOf(form).find((i) => i.code === n.item) : undefined;
    // A bare name that is no item of the form passed the type check, so a macro bound it
    // (`list.exists(a, …)`): it is the macro's variable, not an answer to look up.
    if (!item && !n.form) continue;
    unique.push({ ...n, type: item ? exprTypeOf(item) : 'string' });
  }
  return { ok: true, expr: { text, names: unique, run: (context) => parsed(context) } };
}

function firstLine(e: unknown): string {
  const message = e instanceof Error ? e.message : String((e as { message?: unknown } | undefined)?.message ?? e);
  return message.split('\n')[0] ?? message;
}

function scalarFor(type: ExprType, value: Value): unknown {
  if (type === 'double') return numberOf(value);
  if (type === 'bool') return value === true || textOf(value) === 'true' || textOf(value) === '1';
  if (type === 'list<string>') return codesOf(value);
  return textOf(value);
}

export interface ExprInputs {
  get: Lookup;
  forms: Readonly<Record<string, FormValues>> | undefined;
  settings: Readonly<Record<string, number | string>>;
  zeroIfBlank: ReadonlySet<string>;
  /** Names that reach the expression even when blank: '' (text), NaN (number), [] (codes). */
  allowBlank?: ReadonlySet<string>;
}

const BLANK_AS: Record<ExprType, unknown> = { double: Number.NaN, string: '', bool: false, 'list<string>': [] };

/** The evaluation context of `expr`'s names; undefined when a name it needs is blank. */
export function exprContext(expr: CompiledExpr, inputs: ExprInputs): Record<string, unknown> | undefined {
  const context: Record<string, unknown> = { settings: inputs.settings };
  for (const name of expr.names) {
    const raw = name.form ? inputs.forms?.[name.form]?.[name.item] : inputs.get(name.item);
    const key = name.form ? `${formVariable(name.form)}.${name.item}` : name.item;
    const type = name.type;
    let value: unknown;
    if (isBlank(raw)) {
      if (inputs.allowBlank?.has(key)) value = type === 'list<string>' ? [] : BLANK_AS[type];
      else if (!inputs.zeroIfBlank.has(key) || type !== 'double') return undefined;
      else value = 0;
    } else {
      value = scalarFor(type, raw);
      // A number that does not parse is the format rule's business, not this one's.
      if (value === undefined) return undefined;
    }
    if (name.form) {
      const formVar = formVariable(name.form);
      const holder = (context[formVar] ??= {}) as Record<string, unknown>;
      holder[name.item] = value;
    } else {
      context[name.item] = value;
    }
  }
  return context;
}

/** Whether the expression holds; undefined when a name it needs is blank (skip the rule). */
export function holds(expr: CompiledExpr, inputs: ExprInputs): boolean | undefined {
  const context = exprContext(expr, inputs);
  if (!context) return undefined;
  try {
    return expr.run(context) === true;
  } catch {
    // A runtime error (a field absent from a partly bound form object) means inputs are missing.
    return undefined;
  }
}

/** A `show` expression's value for a message: numbers to at most two decimals. */
export function shown(expr: CompiledExpr, inputs: ExprInputs): string | number | undefined {
  const context = exprContext(expr, inputs);
  if (!context) return undefined;
  try {
    const value = expr.run(context);
    if (typeof value === 'number') return Number.isFinite(value) ? Math.round(value * 100) / 100 : undefined;
    if (typeof value === 'bigint') return Number(value);
    return typeof value === 'string' || typeof value === 'boolean' ? String(value) : undefined;
  } catch {
    return undefined;
  }
}
