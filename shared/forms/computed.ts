import type { LoadedPack } from '../packs/load';
import type { UnitKind } from '../registration/units';
import { exprContext, type ExprInputs } from '../rules/expr';
import type { ComputeChoice, ComputedItem } from '../rules/compute';
import { lookupIn, refsOf } from './refs';
import type { FormValues, Value } from './types';
import { unitFormIds, type UnitForms } from './unit-forms';
import { isBlank } from './values';

// Computed (carried) items (Item.compute): 611's 从业人员 carried from 611-2, its 营业收入 from
// 611-3 or 611-4, 单位规模 from unitScale(…). One function gives their values, so the renderer
// (shown read-only, live), main (stored on every save: exports, the frame and sync carry them)
// and the findings agree. A blank result never overwrites what the item holds: a value typed
// before the item became computed stays until there is something to carry. An item none of whose
// expressions applies to the unit (611's 从业人员 of an establishment, which fills no 611-2) is not
// computed for it: it is typed, as any other item.

export interface ComputedResult {
  /** The value carried; undefined when blank (no expression applies, or a name it reads is blank). */
  value: Value;
  /** The expression used: the first whose other forms the unit all fills. */
  choice: ComputeChoice | undefined;
}

const NONE: FormValues = {};

function resultValue(item: ComputedItem, raw: unknown): Value {
  if (typeof raw === 'bigint') return Number(raw);
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  if (typeof raw === 'string') return raw.trim() === '' ? undefined : raw;
  if (typeof raw === 'boolean') return raw;
  void item;
  return undefined;
}

/** The value of one computed item given the unit's forms and the forms it fills. */
export function computeItem(pack: LoadedPack, item: ComputedItem, forms: UnitForms, fills: readonly string[]): ComputedResult {
  const choice = item.choices.find((c) => c.forms.every((f) => fills.includes(f)));
  if (!choice) return { value: undefined, choice };
  const spec = pack.form(item.formId);
  const own = forms[item.formId] ?? NONE;
  const inputs: ExprInputs = {
    get: spec ? lookupIn(refsOf(spec), own) : (code) => own[code],
    forms,
    settings: pack.settings,
    zeroIfBlank: new Set(),
    allowBlank: item.allowBlank,
  };
  const context = exprContext(choice.expr, inputs);
  if (!context) return { value: undefined, choice };
  try {
    return { value: resultValue(item, choice.expr.run(context)), choice };
  } catch {
    return { value: undefined, choice };
  }
}

/**
 * The unit's forms with every computed item set to its value, where that value is not blank
 * (in dependency order, so 单位规模 reads the 从业人员 just carried). Forms the unit does not
 * hold yet are created only when a value is carried into them. The input is not changed.
 */
export function withComputed<F extends UnitForms>(pack: LoadedPack, kind: UnitKind, forms: F): F {
  if (pack.computedItems.length === 0) return forms;
  const fills = unitFormIds(pack, kind, forms);
  // Only scalars (numbers, text, booleans) are set, so the result keeps the caller's document
  // type (main's FormsDoc has no undefined values, and a blank result is never written).
  const out = { ...forms } as Record<string, FormValues>;
  for (const item of pack.computedItems) {
    if (!fills.includes(item.formId)) continue;
    const { value } = computeItem(pack, item, out, fills);
    if (isBlank(value)) continue;
    const current = out[item.formId] ?? NONE;
    if (current[item.item.code] === value) continue;
    out[item.formId] = { ...current, [item.item.code]: value };
  }
  return out as F;
}

/** Where a computed item's value comes from, for the note under it: “由611-2表自动带入”. */
export function computedNote(pack: LoadedPack, item: ComputedItem, choice: ComputeChoice | undefined): { zh: string; en: string } {
  const forms = choice ? choice.forms : [...new Set(item.choices.flatMap((c) => c.forms))];
  const title = (id: string) => pack.form(id)?.printedNo ?? `${id}表`;
  if (forms.length === 0) return { zh: '根据本表已填内容自动计算', en: 'Computed from the answers on this form' };
  const zh = forms.map(title).join('或');
  const en = forms.map((id) => `table ${id}`).join(' or ');
  return choice ? { zh: `由${zh}自动带入`, en: `Carried from ${en}` } : { zh: `由${zh}自动带入（本单位不填报这些表）`, en: `Carried from ${en} (this unit does not fill them)` };
}
