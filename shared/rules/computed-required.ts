import type { LoadedPack } from '../packs/load';
import type { ComputedItem } from './compute';
import type { CheckEnv, Failure } from './check-env';
import { isBlank } from '../forms/values';
import { refsOf } from '../forms/refs';

// “请在611-2表填写从业人员期末人数”: a required computed item is blank because its source is, so
// the finding names the source item (following a computed source to where it is typed).

const formName = (pack: LoadedPack, id: string) => ({ zh: pack.form(id)?.printedNo ?? `${id}表`, en: `table ${id}` });

function blankSource(pack: LoadedPack, item: ComputedItem, forms: Readonly<Record<string, Readonly<Record<string, unknown>>>>, fills: readonly string[], depth: number): Failure | null {
  const choice = item.choices.find((c) => c.forms.every((f) => fills.includes(f)));
  // At the top, no expression for this unit: the item is typed here and asked for as any other.
  if (!choice && depth === 0) return null;
  if (!choice) {
    const all = [...new Set(item.choices.flatMap((c) => c.forms))].map((id) => formName(pack, id));
    return { reason: 'computedNoSource', vars: { source: { zh: all.map((n) => n.zh).join('或'), en: all.map((n) => n.en).join(' or ') } } };
  }
  for (const name of choice.expr.names) {
    const formId = name.form ?? item.formId;
    if (!isBlank(forms[formId]?.[name.item] as never)) continue;
    const inner = pack.computedItem(formId, name.item);
    if (inner && depth < 5) return blankSource(pack, inner, forms, fills, depth + 1);
    const spec = pack.form(formId);
    const ref = spec ? refsOf(spec).get(name.item) : undefined;
    const source = formId === item.formId && depth === 0 ? { zh: '本表', en: 'this table' } : formName(pack, formId);
    return { reason: 'computed', vars: { source, sourceLabel: { zh: ref?.item.labelZh ?? name.item, en: ref?.item.labelEn ?? name.item } } };
  }
  return { reason: 'computed', vars: { source: formName(pack, item.formId), sourceLabel: { zh: '相关项目', en: 'the items it is computed from' } } };
}

/** The failure of a blank required computed item, naming where to fill it in. */
export function computedRequired(env: CheckEnv): Failure | null {
  const item = env.ref ? env.form.pack.computedItem(env.form.spec.id, env.ref.item.code) : undefined;
  if (!item) return null;
  const forms = { ...env.ctx.forms, [env.form.spec.id]: env.root };
  const fills = env.ctx.formIds ?? Object.keys(forms);
  return blankSource(env.form.pack, item, forms, fills, 0);
}
