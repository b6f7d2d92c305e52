import type { ItemChange } from './units-queries';
import type { Explanations, FormsDoc } from '@shared/registration/registration';

// The item-level difference between two versions of a unit's forms, for the change trace
// (修改依据和痕迹). Paths name the form, then the item, or the repeating section, row and column:
// '611.revenue', '611-1.establishments.0.estName'.

type Scalar = string | number | boolean;

/** A non-blank answer: absent, null and white space are all "not answered". */
const isAnswer = (v: unknown): v is Scalar =>
  typeof v === 'number' || typeof v === 'boolean' || (typeof v === 'string' && v.trim() !== '');

/** Every non-blank answer of a forms document, by path. */
export function flattenForms(forms: FormsDoc): Map<string, Scalar> {
  const out = new Map<string, Scalar>();
  for (const [formId, values] of Object.entries(forms)) {
    for (const [code, value] of Object.entries(values)) {
      if (Array.isArray(value)) {
        value.forEach((row, index) => {
          for (const [column, cell] of Object.entries(row)) {
            if (isAnswer(cell)) out.set(`${formId}.${code}.${index}.${column}`, cell);
          }
        });
      } else if (isAnswer(value)) {
        out.set(`${formId}.${code}`, value);
      }
    }
  }
  return out;
}

// 12 and '12', true and 'true' are the same answer typed two ways (an input box sends text):
// only a change of meaning is a change. Blank (absent, null, '') is one state.
const sameAnswer = (a: Scalar | undefined, b: Scalar | undefined): boolean =>
  a === undefined || b === undefined ? a === b : String(a) === String(b);

/** What changed from `before` to `after`, item by item; [] when nothing did. */
export function diffForms(before: FormsDoc, after: FormsDoc): ItemChange[] {
  const from = flattenForms(before);
  const to = flattenForms(after);
  const changes: ItemChange[] = [];
  for (const [path, value] of to) {
    const old = from.get(path);
    if (!sameAnswer(old, value)) changes.push({ path, from: old ?? null, to: value });
  }
  for (const [path, old] of from) {
    if (!to.has(path)) changes.push({ path, from: old, to: null });
  }
  return changes;
}

/** Explanations with blank texts dropped: a blank explanation explains nothing. */
export function cleanExplanations(explanations: Explanations): Explanations {
  return Object.fromEntries(Object.entries(explanations).filter(([, text]) => text.trim() !== ''));
}

/** Lines for the trace's reason: each 核实性 explanation written, changed or withdrawn. */
export function explanationNotes(before: Explanations, after: Explanations): string[] {
  const notes: string[] = [];
  for (const [key, text] of Object.entries(after)) {
    if (before[key] !== text) notes.push(`核实说明 / Explanation [${key}]: ${text}`);
  }
  for (const key of Object.keys(before)) {
    if (!(key in after)) notes.push(`撤回核实说明 / Explanation withdrawn [${key}]`);
  }
  return notes;
}

/** The trace's reason: the parts given, one per line, or null when there are none. */
export function joinReason(...parts: (string | null | undefined | readonly string[])[]): string | null {
  const lines = parts.flat().filter((p): p is string => typeof p === 'string' && p.trim() !== '');
  return lines.length > 0 ? lines.join('\n') : null;
}
