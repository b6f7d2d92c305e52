import { primaryFormId } from '@shared/forms/unit-forms';
import type { FormsDoc } from '@shared/registration/registration';
import type { UnitKind } from '@shared/registration/units';

// What a new unit's forms hold before anyone answers: the same for a unit the laptop imports
// from the listing frame (electron/main/registration/frame-import.ts), one the server imports
// (server/admin/frame.ts) and one added in the field (electron/main/registration/service.ts).

/**
 * The answers a unit from the listing frame starts with: its unit type and 普查小区, which are
 * where the frame filed it, not claims about it. Everything else the frame row says (name,
 * USCC, industry, address, …) is offered beside the items until the enumerator confirms it
 * (registration-preload.ts), so no answer is ever in the trace as entered by the import.
 */
export function initialForms(kind: UnitKind, known: { areaCode: string; frameId?: string; specialty?: string }): FormsDoc {
  const values: Record<string, string> = {};
  if (kind !== 'individual') values.unitType = kind === 'legal' ? '1' : '2';
  values.areaCode = known.areaCode;
  // The frame's own key and 专业类别 are the frame's facts about its row, like where it filed it.
  if (known.frameId) values.frameId = known.frameId;
  if (known.specialty) values.frameSpecialty = known.specialty;
  return { [primaryFormId(kind)]: values };
}

/**
 * The answers a unit added in the field starts with: what the enumerator typed when adding it
 * (unit type, area, name, USCC). Only known values; nothing is defaulted or guessed.
 */
export function fieldInitialForms(kind: UnitKind, known: { areaCode: string; name: string; uscc: string }): FormsDoc {
  const forms = initialForms(kind, known);
  const values = forms[primaryFormId(kind)] ?? {};
  values.name = known.name;
  if (known.uscc !== '') values.uscc = known.uscc;
  return forms;
}
