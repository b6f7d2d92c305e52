import type { Item } from '../forms/types';
import type { FormPackBody } from '../packs/types';
import { compileExpr, exprTypeOf, formEnvironment, formVariable, type CompiledExpr } from './expr';

// The compute expressions of a pack's computed (carried) items (Item.compute), compiled once
// when the pack is checked and loaded: each expression must give the item's type, name only
// items that exist, and no computed item may depend on itself. Applying them to a unit's forms
// is shared/forms/computed.ts.

/** One expression of a computed item, with the other forms it reads (it applies only while the
 * unit fills all of them). */
export interface ComputeChoice {
  expr: CompiledExpr;
  forms: readonly string[];
}

export interface ComputedItem {
  formId: string;
  item: Item;
  choices: readonly ComputeChoice[];
  /** The expression names that may reach it blank (Item.computeAllowBlank). */
  allowBlank: ReadonlySet<string>;
}

export interface ComputeProblem {
  formId: string;
  itemCode: string;
  field: 'compute' | 'computeAllowBlank';
  zh: string;
  en: string;
}

/** The CEL types an item of each type accepts from a compute expression. */
function accepts(item: Item, type: string | undefined): boolean {
  const want = exprTypeOf(item);
  if (type === 'dyn') return true;
  if (want === 'double') return type === 'double' || type === 'int';
  return type === want;
}

const typeName = (item: Item): { zh: string; en: string } => {
  const t = exprTypeOf(item);
  if (t === 'double') return { zh: '数值', en: 'a number' };
  if (t === 'bool') return { zh: '是/否', en: 'a bool' };
  if (t === 'list<string>') return { zh: '代码列表', en: 'a list of codes' };
  return { zh: '文本', en: 'text' };
};

const key = (formId: string, code: string) => `${formId}\u0000${code}`;

/** Every computed item of a pack in an order where what one reads is computed before it, with
 * the problems found; a pack with problems is refused (checkPack), so loadPack gets none. */
export function compileComputes(pack: Pick<FormPackBody, 'forms' | 'scaleBands'>): { items: ComputedItem[]; problems: ComputeProblem[] } {
  const problems: ComputeProblem[] = [];
  const byKey = new Map<string, ComputedItem>();
  const reads = new Map<string, string[]>();
  for (const spec of pack.forms) {
    let env: ReturnType<typeof formEnvironment> | undefined;
    for (const section of spec.sections) {
      for (const item of section.items) {
        if (!item.compute) continue;
        const at = (field: ComputeProblem['field'], zh: string, en: string) => problems.push({ formId: spec.id, itemCode: item.code, field, zh, en });
        if (section.repeat) {
          at('compute', '重复分组中的项目不能自动计算', 'an item of a repeating section cannot be computed');
          continue;
        }
        if (item.type === 'codes') {
          at('compute', '多选项目不能自动计算', 'a multi-choice item cannot be computed');
          continue;
        }
        env ??= formEnvironment(spec, pack.forms, { scaleBands: pack.scaleBands });
        const choices: ComputeChoice[] = [];
        const named = new Set<string>();
        const deps: string[] = [];
        item.compute.forEach((text, i) => {
          const compiled = compileExpr(env as NonNullable<typeof env>, text, spec, pack.forms, 'value');
          if (!compiled.ok) {
            at('compute', `第${i + 1}个计算式无法编译：${compiled.error}`, `compute expression ${i + 1} does not compile: ${compiled.error}`);
            return;
          }
          const type = checkedType(env as NonNullable<typeof env>, text);
          if (!accepts(item, type)) {
            const want = typeName(item);
            at('compute', `第${i + 1}个计算式的结果是 ${type}，与项目类型（${want.zh}）不符`, `compute expression ${i + 1} gives ${type}, not ${want.en} as the item's type needs`);
            return;
          }
          const forms = [...new Set(compiled.expr.names.flatMap((n) => (n.form ? [n.form] : [])))];
          for (const n of compiled.expr.names) {
            named.add(n.form ? `${formVariable(n.form)}.${n.item}` : n.item);
            deps.push(key(n.form ?? spec.id, n.item));
          }
          choices.push({ expr: compiled.expr, forms });
        });
        for (const name of item.computeAllowBlank ?? []) {
          if (!named.has(name)) at('computeAllowBlank', `“可为空”中的 ${name} 不在计算式中`, `allow-blank name ${name} is not in the compute expressions`);
        }
        const own = key(spec.id, item.code);
        byKey.set(own, { formId: spec.id, item, choices, allowBlank: new Set(item.computeAllowBlank ?? []) });
        reads.set(own, deps);
      }
    }
  }
  // Depth-first order over "reads": a computed item comes after the computed items it reads.
  const order: ComputedItem[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (k: string, path: string[]): void => {
    if (state.get(k) === 'done') return;
    const item = byKey.get(k);
    if (!item) return;
    if (state.get(k) === 'visiting') {
      const cycle = [...path.slice(path.indexOf(k)), k].map((p) => p.replace('\u0000', '.')).join(' → ');
      problems.push({ formId: item.formId, itemCode: item.item.code, field: 'compute', zh: `自动计算项目互相引用：${cycle}`, en: `computed items read each other: ${cycle}` });
      return;
    }
    state.set(k, 'visiting');
    for (const dep of reads.get(k) ?? []) visit(dep, [...path, k]);
    state.set(k, 'done');
    order.push(item);
  };
  for (const k of byKey.keys()) visit(k, []);
  return { items: order, problems };
}

function checkedType(env: ReturnType<typeof formEnvironment>, text: string): string | undefined {
  return env.parse(text).check().type;
}

/** The other forms a computed item's expressions read, for “由611-2表自动带入”. */
export function computeSourceForms(item: ComputedItem): string[] {
  return [...new Set(item.choices.flatMap((c) => c.forms))];
}

