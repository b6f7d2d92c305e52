import { useMemo } from 'react';
import { computeItem, computedNote, withComputed } from '@shared/forms/computed';
import type { Value } from '@shared/forms';
import { unitFormIds, type UnitForms } from '@shared/forms/unit-forms';
import type { LoadedPack } from '@shared/packs/load';
import type { UnitKind } from '@shared/registration/units';

// What a computed (carried) item shows while the user types in its source form: the value main
// will store on save (shared/forms/computed.ts) and where it comes from.

export interface ComputedShown {
  /** The carried value, or the value the item held when there is nothing to carry. */
  value: Value;
  /** Whether `value` was carried now (false: the stored value is kept). */
  isCarried: boolean;
  noteZh: string;
  noteEn: string;
}

export type ComputedOfForm = ReadonlyMap<string, ComputedShown>;

const NONE: ComputedOfForm = new Map();

/** The computed items of one form of the unit, recomputed as the unit's forms change. */
export function useComputedShown(pack: LoadedPack | null, kind: UnitKind | undefined, forms: UnitForms, formId: string | undefined): ComputedOfForm {
  return useMemo(() => {
    if (!pack || !kind || !formId) return NONE;
    const items = pack.computedItems.filter((c) => c.formId === formId);
    if (items.length === 0) return NONE;
    const carried = withComputed(pack, kind, forms);
    const fills = unitFormIds(pack, kind, carried);
    const out = new Map<string, ComputedShown>();
    for (const item of items) {
      const result = computeItem(pack, item, carried, fills);
      // No expression applies to this unit (an establishment has no 611-2): the item is typed.
      if (!result.choice) continue;
      const note = computedNote(pack, item, result.choice);
      out.set(item.item.code, { value: carried[formId]?.[item.item.code], isCarried: result.value !== undefined, noteZh: note.zh, noteEn: note.en });
    }
    return out;
  }, [pack, kind, forms, formId]);
}
