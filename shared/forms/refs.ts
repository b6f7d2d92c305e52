import type { FormSpec, Item, Section, FormValues, Value } from './types';
import type { Lookup } from './conditions';

// Where each item of a form lives. Item codes are unique within a form, so a code alone finds
// an item, and a repeating section's rows are found under the section id.

export interface ItemRef {
  item: Item;
  section: Section;
  /** The item lives in a repeating section: its values are in `values[section.id][i]`. */
  repeating: boolean;
}

export function buildRefs(spec: FormSpec): Map<string, ItemRef> {
  const refs = new Map<string, ItemRef>();
  for (const section of spec.sections) {
    for (const item of section.items) {
      if (refs.has(item.code)) throw new Error(`Form ${spec.id}: item code '${item.code}' is used twice`);
      refs.set(item.code, { item, section, repeating: section.repeat !== undefined });
    }
  }
  for (const section of spec.sections) {
    if (section.repeat && refs.has(section.id)) {
      throw new Error(`Form ${spec.id}: repeating section '${section.id}' clashes with an item code`);
    }
  }
  return refs;
}

const cache = new WeakMap<FormSpec, ReadonlyMap<string, ItemRef>>();

/** The refs of a spec, built once per spec object. */
export function refsOf(spec: FormSpec): ReadonlyMap<string, ItemRef> {
  let refs = cache.get(spec);
  if (!refs) {
    refs = buildRefs(spec);
    cache.set(spec, refs);
  }
  return refs;
}

/** Lookup for conditions and checks: row items from the row, the rest from the form. */
export function lookupIn(refs: ReadonlyMap<string, ItemRef>, root: FormValues, row?: FormValues): Lookup {
  return (code: string): Value => {
    const ref = refs.get(code);
    if (!ref) return root[code];
    if (ref.repeating) return row ? row[code] : undefined;
    return root[code];
  };
}
