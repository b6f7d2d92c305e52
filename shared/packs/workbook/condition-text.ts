import { Environment } from '@marcbachmann/cel-js';
import type { Condition, Scalar } from '../../forms/types';

// Conditions (skip logic, conditional requirements, rule guards, `assert`) are JSON in a pack
// but text in the workbook, written in CEL syntax so a statistician reads
// `institutionType == "10" && notEmpty(registrationCategory)`. The text is parsed with the CEL
// parser the rules already use and its syntax tree mapped to a Condition; printing is
// deterministic and parse(print(c)) equals c for every Condition (test/packs/condition-text.test.ts).
//
// One printed form per Condition, so nothing is lost:
//   x == "10"   x != 5   x > 3   x >= 3   x < 3   x <= 3          (strings quoted, numbers bare)
//   x in ["10", "55"]            notIn(x, ["10", "55"])
//   startsWithAny(x, ["47"])     notStartsWithAny(x, ["47", "48"])
//   hasAny(x, ["1", "3"])        hasNone(x, ["1"])          (a multi-choice item's codes)
//   empty(x)  notEmpty(x)  isTrue(x)  isFalse(x)
//   a && b && c   a || b   !(a)   — `!` is always the `not` of the Condition
//   all(a) / any(a) for a group of one, and for a group nested directly in a group of its kind
//   (`a && all(b, c)`): CEL's tree does not keep brackets, so `(a && b) && c` is `a && b && c`.
// Parsing also accepts `x.startsWith("47")` (one prefix). An item code CEL reserves (`in`,
// `null`, `as` …) is written `item("in")`.

export type ConditionParse = { ok: true; condition: Condition } | { ok: false; error: string };

// CEL's literals and reserved words (cel-spec, "Syntax"): these cannot be bare identifiers.
const RESERVED = new Set([
  'true', 'false', 'null', 'in', 'as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if',
  'import', 'let', 'loop', 'package', 'namespace', 'return', 'var', 'void', 'while',
]);

const LEAF_CALLS = { empty: 'empty', notEmpty: 'notEmpty', isTrue: 'isTrue', isFalse: 'isFalse' } as const;
const COMPARE = { eq: '==', ne: '!=', gt: '>', ge: '>=', lt: '<', le: '<=' } as const;
const COMPARE_OP = Object.fromEntries(Object.entries(COMPARE).map(([k, v]) => [v, k])) as Record<string, keyof typeof COMPARE>;

const itemText = (code: string): string => (RESERVED.has(code) ? `item(${JSON.stringify(code)})` : code);

/** A number as a CEL literal that reads back to the same double (-0 and large values included). */
function numberText(n: number): string {
  if (Object.is(n, -0)) return '-0.0';
  if (Number.isSafeInteger(n)) return String(n);
  const text = String(n);
  return /[.e]/.test(text) ? text : n.toExponential();
}

function scalarText(v: Scalar): string {
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

const listText = (values: readonly Scalar[]) => `[${values.map(scalarText).join(', ')}]`;

type Context = 'top' | 'all' | 'any';

function print(c: Condition, ctx: Context): string {
  if ('all' in c || 'any' in c) {
    const [kind, parts, joiner] = 'all' in c ? (['all', c.all, ' && '] as const) : (['any', c.any, ' || '] as const);
    if (parts.length === 1 || ctx === kind) return `${kind}(${parts.map((p) => print(p, 'top')).join(', ')})`;
    const text = parts.map((p) => print(p, kind)).join(joiner);
    return ctx === 'top' ? text : `(${text})`;
  }
  if ('not' in c) {
    const inner = print(c.not, 'top');
    return /^[A-Za-z_]+\(.*\)$/s.test(inner) && balanced(inner) ? `!${inner}` : `!(${inner})`;
  }
  const item = itemText(c.item);
  switch (c.op) {
    case 'empty':
    case 'notEmpty':
    case 'isTrue':
    case 'isFalse':
      return `${LEAF_CALLS[c.op]}(${item})`;
    case 'in':
      return `${item} in ${listText(c.value)}`;
    case 'notIn':
      return `notIn(${item}, ${listText(c.value)})`;
    case 'prefix':
      return `startsWithAny(${item}, ${listText(c.value)})`;
    case 'notPrefix':
      return `notStartsWithAny(${item}, ${listText(c.value)})`;
    case 'has':
      return `hasAny(${item}, ${listText(c.value)})`;
    case 'lacks':
      return `hasNone(${item}, ${listText(c.value)})`;
    default:
      // Relations bind tighter than && and ||: a leaf in a chain needs no brackets.
      return `${item} ${COMPARE[c.op]} ${scalarText(c.value)}`;
  }
}

/** Whether the call text's first '(' closes at its very end (so `!f(x)` needs no brackets). */
function balanced(text: string): boolean {
  let depth = 0;
  let quote = false;
  const open = text.indexOf('(');
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === '"') quote = false;
      continue;
    }
    if (ch === '"') quote = true;
    else if (ch === '(') depth++;
    else if (ch === ')') {
      depth--;
      if (depth === 0) return i === text.length - 1;
    }
  }
  return false;
}

/** The workbook text of a condition. */
export function conditionText(c: Condition): string {
  return print(c, 'top');
}

// ---- text → Condition

interface Node {
  op: string;
  args: unknown;
}

class Unmapped extends Error {}

const parser = new Environment({ unlistedVariablesAreDyn: true, limits: { maxAstNodes: 5_000, maxDepth: 64 } });

const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && 'op' in v;

function nodeArgs(node: Node): unknown[] {
  return Array.isArray(node.args) ? node.args : [node.args];
}

function itemOf(node: unknown): string {
  if (isNode(node) && node.op === 'id' && typeof node.args === 'string') return node.args;
  if (isNode(node) && node.op === 'call') {
    const [name, args] = node.args as [string, unknown[]];
    const [only] = args;
    if (name === 'item' && args.length === 1 && isNode(only) && only.op === 'value' && typeof only.args === 'string') return only.args;
  }
  if (isNode(node) && node.op === '.') {
    throw new Unmapped('条件只能引用本表的项目（不能用“表.项目”） / a condition may only name items of its own form (no form.item)');
  }
  throw new Unmapped('比较的左边应为项目代码 / the left side must be an item code');
}

function scalarOf(node: unknown): Scalar {
  if (isNode(node) && node.op === 'value') {
    const v = node.args;
    if (typeof v === 'string' || typeof v === 'boolean') return v;
    if (typeof v === 'number') return v;
    if (typeof v === 'bigint') return Number(v);
    throw new Unmapped('值只能是文字、数字或 true/false / a value must be text, a number or true/false');
  }
  if (isNode(node) && node.op === '-_') {
    const inner = scalarOf(node.args);
    if (typeof inner === 'number') return -inner;
  }
  throw new Unmapped('比较的右边应为一个值，如 "10" 或 5 / the right side must be a value such as "10" or 5');
}

function listOf(node: unknown): Scalar[] {
  if (isNode(node) && node.op === 'list' && Array.isArray(node.args)) return node.args.map(scalarOf);
  throw new Unmapped('应为值的列表，如 ["10", "55"] / expected a list of values such as ["10", "55"]');
}

function stringsOf(node: unknown): string[] {
  const values = listOf(node);
  if (values.some((v) => typeof v !== 'string')) throw new Unmapped('前缀应为带引号的文字，如 ["47"] / prefixes must be quoted text such as ["47"]');
  return values as string[];
}

function codesIn(node: unknown): string[] {
  const values = listOf(node);
  if (values.length === 0 || values.some((v) => typeof v !== 'string' || v === '')) throw new Unmapped('代码应为带引号的文字，如 ["1", "3"] / codes must be quoted text such as ["1", "3"]');
  return values as string[];
}

function flatten(node: Node, op: string, out: Node[]): Node[] {
  for (const arg of nodeArgs(node)) {
    if (isNode(arg) && arg.op === op) flatten(arg, op, out);
    else if (isNode(arg)) out.push(arg);
    else throw new Unmapped('无法识别的条件 / unrecognised condition');
  }
  return out;
}

function toCondition(node: Node): Condition {
  switch (node.op) {
    case '&&':
      return { all: flatten(node, '&&', []).map(toCondition) };
    case '||':
      return { any: flatten(node, '||', []).map(toCondition) };
    case '!_':
      if (!isNode(node.args)) throw new Unmapped('“!”后应为条件 / “!” must be followed by a condition');
      return { not: toCondition(node.args) };
    case 'in': {
      const [left, right] = node.args as [unknown, unknown];
      return { item: itemOf(left), op: 'in', value: listOf(right) };
    }
    case 'call': {
      const [name, args] = node.args as [string, unknown[]];
      if ((name === 'all' || name === 'any') && args.length > 0) {
        const parts = args.map((a) => {
          if (!isNode(a)) throw new Unmapped('无法识别的条件 / unrecognised condition');
          return toCondition(a);
        });
        return name === 'all' ? { all: parts } : { any: parts };
      }
      if (name in LEAF_CALLS && args.length === 1) return { item: itemOf(args[0]), op: name as keyof typeof LEAF_CALLS };
      if (name === 'notIn' && args.length === 2) return { item: itemOf(args[0]), op: 'notIn', value: listOf(args[1]) };
      if (name === 'startsWithAny' && args.length === 2) return { item: itemOf(args[0]), op: 'prefix', value: stringsOf(args[1]) };
      if (name === 'notStartsWithAny' && args.length === 2) return { item: itemOf(args[0]), op: 'notPrefix', value: stringsOf(args[1]) };
      if (name === 'hasAny' && args.length === 2) return { item: itemOf(args[0]), op: 'has', value: codesIn(args[1]) };
      if (name === 'hasNone' && args.length === 2) return { item: itemOf(args[0]), op: 'lacks', value: codesIn(args[1]) };
      throw new Unmapped(
        `条件中不能使用函数 ${name}（可用 empty、notEmpty、isTrue、isFalse、notIn、startsWithAny、notStartsWithAny、hasAny、hasNone、all、any） / ` +
          `${name}(…) is not a condition function (use empty, notEmpty, isTrue, isFalse, notIn, startsWithAny, notStartsWithAny, hasAny, hasNone, all, any)`,
      );
    }
    case 'rcall': {
      const [name, target, args] = node.args as [string, unknown, unknown[]];
      if (name === 'startsWith' && args.length === 1) {
        const prefix = scalarOf(args[0]);
        if (typeof prefix !== 'string') throw new Unmapped('前缀应为带引号的文字 / the prefix must be quoted text');
        return { item: itemOf(target), op: 'prefix', value: [prefix] };
      }
      throw new Unmapped(`条件中不能使用 .${name}() / .${name}() is not allowed in a condition`);
    }
    default: {
      const op = COMPARE_OP[node.op];
      if (!op) throw new Unmapped(`条件中不能使用“${node.op}” / “${node.op}” is not allowed in a condition`);
      const [left, right] = node.args as [unknown, unknown];
      const item = itemOf(left);
      const value = scalarOf(right);
      if (op === 'eq' || op === 'ne') return { item, op, value };
      if (typeof value !== 'number') throw new Unmapped(`“${node.op}”的右边应为数字 / “${node.op}” needs a number on its right`);
      return { item, op, value };
    }
  }
}

// Typed with a Chinese input method: “10”, （…）, ，, ！ … Used only when the text as written does
// not parse, so a quote mark inside a valid "…" string is never touched.
const FULL_WIDTH: Readonly<Record<string, string>> = {
  '“': '"', '”': '"', '‘': "'", '’': "'", '（': '(', '）': ')', '，': ',', '［': '[', '］': ']', '【': '[', '】': ']',
  '！': '!', '＝': '=', '＜': '<', '＞': '>', '＆': '&', '｜': '|', '\u3000': ' ',
};
const FULL_WIDTH_RE = new RegExp(`[${Object.keys(FULL_WIDTH).join('')}]`, 'g');

function parseAst(text: string): unknown {
  try {
    return parser.parse(text).ast;
  } catch (e) {
    const halfWidth = text.replace(FULL_WIDTH_RE, (ch) => FULL_WIDTH[ch] ?? ch);
    if (halfWidth === text) throw e;
    try {
      return parser.parse(halfWidth).ast;
    } catch {
      throw e;
    }
  }
}

/** The Condition a workbook cell's text means, or why it has none. */
export function parseCondition(text: string): ConditionParse {
  let ast: unknown;
  try {
    ast = parseAst(text);
  } catch (e) {
    const message = (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
    return { ok: false, error: `条件写法有误：${message} / the condition does not parse: ${message}` };
  }
  try {
    if (!isNode(ast)) throw new Unmapped('无法识别的条件 / unrecognised condition');
    return { ok: true, condition: toCondition(ast) };
  } catch (e) {
    if (e instanceof Unmapped) return { ok: false, error: e.message };
    throw e;
  }
}
