import type { LoadedPack } from '../packs/load';
import type { UnitKind } from '../registration/units';
import { evaluateCondition } from './conditions';
import { lookupIn, refsOf } from './refs';
import type { FormValues } from './types';

// Which forms a census unit fills, read from the pack's `unitForms` (shared/packs/types.ts): per
// kind of unit, the forms in the order shown, each with an optional condition on the unit's
// primary form (611 or the individual form). Pure, so the renderer (which tabs to show) and main
// (which forms to evaluate before a unit counts as complete) agree.
//
// The primary forms themselves are the engine's: they carry the unit's name, USCC, address and
// industry (electron/main/registration/forms.ts copies them into the unit row), so every pack
// must have them first for their kind (checkPack).

export const INDIVIDUAL_FORM = 'individual';
export const BASIC_FORM = '611';

/** A unit's answers, one document per form id. */
export type UnitForms = Readonly<Record<string, FormValues>>;

/** The form that carries a unit's name, USCC, address and industry: 611 or the individual form. */
export function primaryFormId(kind: UnitKind): string {
  return kind === 'individual' ? INDIVIDUAL_FORM : BASIC_FORM;
}

const NONE: FormValues = {};

/** The form ids a unit of `kind` fills given its current answers, in the order they are shown. */
export function unitFormIds(pack: LoadedPack, kind: UnitKind, forms: UnitForms): string[] {
  const primaryId = primaryFormId(kind);
  const primary = pack.form(primaryId);
  const get = primary ? lookupIn(refsOf(primary), forms[primaryId] ?? NONE) : () => undefined;
  return pack.body.unitForms[kind].filter((entry) => !entry.when || evaluateCondition(entry.when, get)).map((entry) => entry.form);
}
