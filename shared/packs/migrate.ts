import { evaluateCondition } from '../forms/conditions';
import { lookupIn, refsOf } from '../forms/refs';
import type { FormSpec, FormValues, Value } from '../forms/types';
import { primaryFormId, unitFormIds } from '../forms/unit-forms';
import type { UnitKind } from '../registration/units';
import type { LoadedPack } from './load';

// Moving a unit's answers from the pack it was filled under to another. An item the new pack
// renamed (Item.renamedFrom) takes the old item's value, and a value the pack moves to another item
// or form (FormPackBody.moves) goes there when the unit fills that form; nothing else changes: a value whose
// item the new pack no longer has stays in the document as it is (shown as "not in this
// version", never dropped), and a later move to a pack that has the item again finds it there.

export interface MovedValue {
  /** 'formId.path' of the value before and after the move. */
  from: string;
  to: string;
  value: Value;
}

export interface PackMove {
  forms: Record<string, FormValues>;
  moved: MovedValue[];
}

/** old code → new code for one form of the target pack. */
function renames(spec: FormSpec): Map<string, string> {
  const out = new Map<string, string>();
  for (const section of spec.sections) {
    for (const item of section.items) for (const old of item.renamedFrom ?? []) out.set(old, item.code);
  }
  return out;
}

const hasValue = (v: Value): boolean => v !== undefined && v !== null && v !== '';

function renameIn(values: FormValues, map: ReadonlyMap<string, string>, prefix: string, moved: MovedValue[]): FormValues {
  let out: FormValues | null = null;
  for (const [old, code] of map) {
    if (!Object.hasOwn(values, old)) continue;
    const value = values[old];
    // The new item already answered (a unit that went back and forth): its answer stands, and
    // the old one stays where it is rather than overwrite it.
    if (Object.hasOwn(values, code) && hasValue(values[code])) continue;
    out ??= { ...values };
    delete out[old];
    out[code] = value;
    moved.push({ from: `${prefix}${old}`, to: `${prefix}${code}`, value });
  }
  return out ?? values;
}

/** The pack's moves (ValueMove) that apply to this unit, done on `forms` in place of copies. */
function applyMoves(forms: Record<string, FormValues>, to: LoadedPack, kind: UnitKind, moved: MovedValue[]): void {
  const moves = to.body.moves ?? [];
  if (moves.length === 0) return;
  const primaryId = primaryFormId(kind);
  const primary = to.form(primaryId);
  const get = primary ? lookupIn(refsOf(primary), forms[primaryId] ?? {}) : () => undefined;
  const fills = new Set(unitFormIds(to, kind, forms));
  for (const move of moves) {
    if (!fills.has(move.toForm)) continue;
    if (move.fromForm !== move.toForm && fills.has(move.fromForm)) continue;
    if (move.when && !evaluateCondition(move.when, get)) continue;
    const source = forms[move.fromForm];
    if (!source || !Object.hasOwn(source, move.fromItem) || !hasValue(source[move.fromItem])) continue;
    const target = forms[move.toForm] ?? {};
    if (Object.hasOwn(target, move.toItem) && hasValue(target[move.toItem])) continue;
    const value = source[move.fromItem];
    const { [move.fromItem]: _gone, ...rest } = source;
    forms[move.fromForm] = rest;
    forms[move.toForm] = { ...(move.fromForm === move.toForm ? rest : target), [move.toItem]: value };
    moved.push({ from: `${move.fromForm}.${move.fromItem}`, to: `${move.toForm}.${move.toItem}`, value });
  }
}

/** The unit's forms as `to` names their items. Pure; `forms` is not changed. */
export function moveForms(forms: Readonly<Record<string, FormValues>>, to: LoadedPack, kind: UnitKind): PackMove {
  const out: Record<string, FormValues> = {};
  const moved: MovedValue[] = [];
  for (const [formId, values] of Object.entries(forms)) {
    const spec = to.form(formId);
    const map = spec ? renames(spec) : new Map<string, string>();
    if (!spec || map.size === 0) {
      out[formId] = values;
      continue;
    }
    let next = renameIn(values, map, `${formId}.`, moved);
    // Rows of repeating sections: the same renames inside each row.
    for (const section of spec.sections) {
      if (!section.repeat) continue;
      const rows = next[section.id];
      if (!Array.isArray(rows)) continue;
      let changed = false;
      const renamed = rows.map((row, index) => {
        const r = renameIn(row, map, `${formId}.${section.id}.${index}.`, moved);
        if (r !== row) changed = true;
        return r;
      });
      if (changed) next = { ...next, [section.id]: renamed };
    }
    out[formId] = next;
  }
  applyMoves(out, to, kind, moved);
  return { forms: out, moved };
}

/** Values a unit holds that `pack` has no item for: 'formId.code' (or a whole form id). */
export function valuesNotInPack(forms: Readonly<Record<string, FormValues>>, pack: LoadedPack): string[] {
  const out: string[] = [];
  for (const [formId, values] of Object.entries(forms)) {
    const spec = pack.form(formId);
    if (!spec) {
      if (Object.values(values).some(hasValue)) out.push(formId);
      continue;
    }
    const codes = new Set(spec.sections.flatMap((s) => [...(s.repeat ? [s.id] : []), ...s.items.map((i) => i.code)]));
    for (const [code, value] of Object.entries(values)) {
      if (!codes.has(code) && (Array.isArray(value) ? value.length > 0 : hasValue(value))) out.push(`${formId}.${code}`);
    }
  }
  return out;
}
