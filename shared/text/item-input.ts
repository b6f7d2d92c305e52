import { refsOf } from '../forms/refs';
import type { LoadedPack } from '../packs/load';
import type { FormValues, Item, ItemType, Value } from '../forms/types';
import { normaliseIdentifier } from '../census/identifiers';
import { normaliseInput, ungroupFigure, type InputKind } from './normalise';

// A form item's typed text → the value the forms store, the one conversion the form editor,
// the conflict page and main all use: normalised for the item's type (normalise.ts), dates in
// the forms' notation, whole numbers as numbers. Unreadable text is kept as typed so the rules
// can name it; nothing is rounded, defaulted or invented.

/** The census forms' own coding of yes/no items: 1 是, 2 否. */
export const YES = '1';
export const NO = '2';

const kinds: Record<ItemType, InputKind> = {
  text: 'text',
  integer: 'number',
  money: 'number',
  decimal: 'number',
  code: 'code',
  codes: 'code',
  yearMonth: 'code',
  date: 'code',
  phone: 'contact',
  email: 'contact',
  url: 'contact',
  boolean: 'code',
  divisionCode: 'code',
  areaCode: 'code',
  industryCode: 'code',
  uscc: 'code',
  orgCode: 'code',
};

/** What an item's input box should hold after a keystroke (a USCC or 组织机构代码 in its one normal form). */
export const normaliseItemText = (item: Pick<Item, 'type'>, text: string): string =>
  item.type === 'uscc' || item.type === 'orgCode' ? normaliseIdentifier(text) : normaliseInput(text, kinds[item.type]);

const INTEGER = /^-?\d+$/;

// Dates are typed as digits for speed (201903, 20240305) and stored in the form's own notation
// (2019-03, 2024-03-05); anything else is left exactly as typed for the rules to name.
export function tidyDate(type: ItemType, text: string): string {
  const t = normaliseInput(text, 'code');
  if (type === 'yearMonth') {
    const m = /^(\d{4})[-./年]?(\d{1,2})月?$/.exec(t);
    return m ? `${m[1]}-${(m[2] ?? '').padStart(2, '0')}` : text;
  }
  if (type === 'date') {
    const m = /^(\d{4})[-./年]?(\d{1,2})[-./月]?(\d{1,2})日?$/.exec(t);
    if (m && (t.length === 8 || /\D/.test(t))) {
      return `${m[1]}-${(m[2] ?? '').padStart(2, '0')}-${(m[3] ?? '').padStart(2, '0')}`;
    }
  }
  return text;
}

/** Typed text → stored value. Blank → undefined (the item is left out). */
export function valueFromText(item: Pick<Item, 'type'>, typed: string): Value {
  const text = normaliseItemText(item, typed);
  if (text.trim() === '') return undefined;
  switch (item.type) {
    case 'integer':
    case 'money': {
      const t = ungroupFigure(text);
      return INTEGER.test(t) && Number.isSafeInteger(Number(t)) ? Number(t) : text;
    }
    case 'decimal':
      return ungroupFigure(text);
    case 'boolean':
      if (text === YES) return true;
      if (text === NO) return false;
      return text;
    case 'yearMonth':
    case 'date':
      return tidyDate(item.type, text);
    default:
      return text;
  }
}

/**
 * A stored value made normal without changing what it says: a string (as a client, an import or
 * an older build may send it) read as the editor would read it typed; numbers, booleans and
 * items the spec does not know are left as they are.
 */
export function normaliseStored(item: Pick<Item, 'type'> | undefined, value: Value): Value {
  if (item === undefined || typeof value !== 'string') return value;
  return valueFromText(item, value) ?? normaliseItemText(item, value);
}

/** normaliseStored over one form's values, rows included, given the items by code. */
export function normaliseFormValues(itemOf: (code: string) => Pick<Item, 'type'> | undefined, values: FormValues): FormValues {
  const out: FormValues = {};
  for (const [code, value] of Object.entries(values)) {
    out[code] = Array.isArray(value) ? value.map((row) => normaliseFormValues(itemOf, row)) : normaliseStored(itemOf(code), value);
  }
  return out;
}

/** normaliseFormValues over a unit's forms document; forms without a spec are left as they are. */
export function normaliseForms<T extends Readonly<Record<string, FormValues>>>(pack: LoadedPack, forms: T): T {
  const out: Record<string, FormValues> = {};
  for (const [formId, values] of Object.entries(forms)) {
    const spec = pack.form(formId);
    out[formId] = spec ? normaliseFormValues((code) => refsOf(spec).get(code)?.item, values) : values;
  }
  return out as T;
}
