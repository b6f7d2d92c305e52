import { evaluateCondition } from './conditions';
import { lookupIn, refsOf } from './refs';
import type { FormSpec, FormValues } from './types';
import { parsePath, rowsOf } from './values';

export interface ItemState {
  /** Shown and checked (skip logic). */
  relevant: boolean;
  /** Must be filled now: drives the asterisk; GEN-REQUIRED reports the same condition. */
  required: boolean;
}

/** Skip logic and requirement of one item path ('revenue', 'establishments.0.estRevenue'),
 * evaluated on the current values; null for a path the form does not have. */
export function itemState(spec: FormSpec, values: FormValues, path: string): ItemState | null {
  const parsed = parsePath(path);
  const refs = refsOf(spec);
  const ref = parsed ? refs.get(parsed.code) : undefined;
  if (!parsed || !ref) return null;
  if (ref.repeating !== (parsed.row !== undefined)) return null;
  if (parsed.row && parsed.row.sectionId !== ref.section.id) return null;
  const row = parsed.row ? rowsOf(values, parsed.row.sectionId)[parsed.row.index] : undefined;
  const get = lookupIn(refs, values, row);
  const relevant =
    (!ref.section.relevant || evaluateCondition(ref.section.relevant, get)) &&
    (!ref.item.relevant || evaluateCondition(ref.item.relevant, get));
  const req = ref.item.required;
  const required = relevant && (req === true || (typeof req === 'object' && evaluateCondition(req, get)));
  return { relevant, required };
}
