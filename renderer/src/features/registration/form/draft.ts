import type { FormSpec, FormValues, Item, Value } from '@shared/forms';
import type { FormsDoc } from '@shared/registration/registration';
import { NO, valueFromText, YES } from '@shared/text/item-input';

// What the inputs hold (a "draft": text only, as typed) and what the rule engine and main see
// (FormValues: integers as numbers, yes/no as booleans). One conversion is used both for the
// live findings and for saving, so the renderer checks exactly what it is about to store.

export type DraftRow = Record<string, string>;
export type Draft = Record<string, string | DraftRow[]>;

export { NO, tidyDate, YES } from '@shared/text/item-input';

/** A stored value as an input's text (yes/no as 1/2). */
export function scalarToText(value: Value): string {
  if (value === true) return YES;
  if (value === false) return NO;
  if (value === null || value === undefined || Array.isArray(value)) return '';
  return String(value);
}

/** Typed text → stored value (normalised for the item's type; shared/text/item-input.ts). */
export const textToValue = (item: Item, text: string): Value => valueFromText(item, text);

function rowsToDraft(rows: Value): DraftRow[] {
  if (!Array.isArray(rows)) return [];
  return rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, scalarToText(v)])));
}

/** Stored values → input texts, for every item of the spec (missing ones as ''). */
export function toDraft(spec: FormSpec, values: FormValues | undefined): Draft {
  const source = values ?? {};
  const draft: Draft = {};
  for (const section of spec.sections) {
    if (section.repeat) {
      const rows = rowsToDraft(source[section.id]);
      draft[section.id] = rows.map((row) => {
        const full: DraftRow = {};
        for (const item of section.items) full[item.code] = row[item.code] ?? '';
        return full;
      });
      continue;
    }
    for (const item of section.items) draft[item.code] = scalarToText(source[item.code]);
  }
  return draft;
}

function put(target: FormValues, code: string, value: Value): void {
  if (value === undefined) delete target[code];
  else target[code] = value;
}

/**
 * Input texts → stored values. Keys of `original` the spec does not know (an older form
 * version, an import column) are carried over untouched: user data is never dropped.
 */
export function fromDraft(spec: FormSpec, draft: Draft, original: FormValues | undefined): FormValues {
  const out: FormValues = { ...(original ?? {}) };
  for (const section of spec.sections) {
    if (section.repeat) {
      const rows = draft[section.id];
      const list = Array.isArray(rows) ? rows : [];
      // No rows and none before: leave the key out rather than record an empty list as a change.
      if (list.length === 0 && original?.[section.id] === undefined) continue;
      put(
        out,
        section.id,
        list.map((row) => {
          const values: FormValues = {};
          for (const item of section.items) put(values, item.code, textToValue(item, row[item.code] ?? ''));
          return values;
        }),
      );
      continue;
    }
    for (const item of section.items) {
      const text = draft[item.code];
      put(out, item.code, textToValue(item, typeof text === 'string' ? text : ''));
    }
  }
  return out;
}

/** FormValues satisfy the wire schema (scalars, rows of scalars) by construction. */
export function asWireForms(forms: Readonly<Record<string, FormValues>>): FormsDoc {
  const doc: FormsDoc = {};
  for (const [formId, values] of Object.entries(forms)) {
    const wire: FormsDoc[string] = {};
    for (const [code, value] of Object.entries(values)) {
      if (value === undefined) continue;
      if (Array.isArray(value)) {
        wire[code] = value.map((row) => {
          const r: Record<string, string | number | boolean | null> = {};
          for (const [k, v] of Object.entries(row)) if (v !== undefined && !Array.isArray(v)) r[k] = v;
          return r;
        });
      } else {
        wire[code] = value;
      }
    }
    doc[formId] = wire;
  }
  return doc;
}
