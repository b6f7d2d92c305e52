import { packForUnit } from '../forms/packs';
import type { AppDatabase } from '@db/open';
import { getDivision } from '../divisions/queries';
import { preloadFromFrame, type DivisionNames, type UnitPreload } from '@shared/forms/preload';
import { isBlank } from '@shared/forms/values';
import type { FormsDoc } from '@shared/registration/registration';
import type { ItemChange } from './units-queries';
import type { LoadedUnit } from './unit';

// The listing frame's values offered on the registration form (preloading), and how taking or
// refusing them is written into the trace.
//
// Why offered and not written into the answers at import: the trace must say who entered what
// (修改依据和痕迹). A value written at import would sit in the answers as if someone had
// registered it, and a unit could be submitted with figures nobody at the unit ever looked at;
// the frame is last year's listing, not this year's registration. So the frame row stays the
// unit's kept basis (units.frame_row, synced with it), the values are derived from it whenever
// the unit is read, and an item becomes an answer only when the enumerator confirms it (the
// value is then theirs, and the trace notes it came from the frame), corrects it, or clears it
// (stored as '', so the offer does not come back). Units imported before this existed get the
// offers too: nothing has to be rewritten, nothing syncs, two laptops cannot disagree about it.

/** The 省/地/县/乡 names of a 12-digit division code from the division store, where loaded. */
export function divisionNamesFrom(db: AppDatabase): (code12: string) => DivisionNames {
  return (code12) => {
    const name = (code: string) => getDivision(db, code)?.name;
    return {
      province: name(code12.slice(0, 2)),
      city: name(code12.slice(0, 4)),
      county: name(code12.slice(0, 6)),
      township: name(code12.slice(0, 9)),
    };
  };
}

/** What the unit's frame row offers its forms. */
export function unitPreload(db: AppDatabase, unit: Pick<LoadedUnit, 'kind' | 'frameRow' | 'record' | 'formPack'>): UnitPreload {
  return preloadFromFrame(packForUnit(db, unit.formPack).pack, unit.kind, unit.frameRow, unit.record.areaCode, { divisionNames: divisionNamesFrom(db) });
}

/**
 * Trace lines for a save: frame values confirmed (the answer is now the frame's value), changed
 * (an answer where the frame offered something else) or not taken (cleared to ''), each with
 * the frame's column and value so the basis of the change stays readable. Only items that were
 * still open (blank before) count: an answer already given is an ordinary change.
 */
export function frameNotes(before: FormsDoc, after: FormsDoc, changes: readonly ItemChange[], preload: UnitPreload): string[] {
  const confirmed: string[] = [];
  const corrected: string[] = [];
  const declined: string[] = [];
  const changed = new Map(changes.map((c) => [c.path, c]));
  for (const [formId, offers] of Object.entries(preload)) {
    for (const [code, offer] of Object.entries(offers)) {
      const path = `${formId}.${code}`;
      const was = before[formId]?.[code];
      const now = after[formId]?.[code];
      if (!isBlank(was)) continue;
      const source = `${path}（底册 / frame ${offer.column}: ${offer.value}）`;
      if (changed.has(path) && !isBlank(now)) {
        if (String(now) === offer.value) confirmed.push(path);
        else corrected.push(source);
      } else if (now === '' && was === undefined) {
        declined.push(source);
      }
    }
  }
  const lines: string[] = [];
  if (confirmed.length > 0) lines.push(`确认底册值 / Confirmed from the listing frame: ${confirmed.join(', ')}`);
  if (corrected.length > 0) lines.push(`改正底册值 / Corrected the listing frame: ${corrected.join('; ')}`);
  if (declined.length > 0) lines.push(`不采用底册值 / Listing-frame value not taken: ${declined.join('; ')}`);
  return lines;
}
