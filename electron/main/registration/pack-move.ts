import { UNRECORDED_PACK_REF } from '@shared/packs/builtin';
import type { LoadedPack } from '@shared/packs/load';
import { moveForms, valuesNotInPack } from '@shared/packs/migrate';
import type { FormsDoc } from '@shared/registration/registration';
import type { FormValues } from '@shared/forms/types';
import type { LoadedUnit } from './unit';
import type { ItemChange } from './units-queries';
import type { UnitPatch } from './unit-writes';

// A unit moving to the pack in force (registration service: a draft opened, a unit reopened):
// the new pack's renames applied to its answers, the move in the trace with every value that
// moved, and the pack recorded on the unit (units.form_pack, a synced field).

export interface PackMove {
  to: string;
  forms: FormsDoc;
  patch: UnitPatch;
  changes: ItemChange[];
  reason: string;
}

/** The move of `unit` to `to`, or null when it is filled under `to` already. */
export function packMove(unit: Pick<LoadedUnit, 'formPack' | 'forms' | 'kind'>, to: LoadedPack): PackMove | null {
  const from = unit.formPack ?? UNRECORDED_PACK_REF;
  if (from === to.ref) return null;
  const moved = moveForms(unit.forms, to, unit.kind);
  const forms = moved.forms as FormsDoc;
  const changes: ItemChange[] = [{ path: 'formPack', from, to: to.ref }];
  for (const m of moved.moved) changes.push({ path: m.from, from: m.value, to: null }, { path: m.to, from: null, to: m.value });
  const kept = valuesNotInPack(forms, to);
  return {
    to: to.ref,
    forms,
    patch: { formPack: to.ref, ...(moved.moved.length > 0 ? { data: JSON.stringify(forms) } : {}) },
    changes,
    reason: [
      `表式更新为 ${to.ref}（原 ${from}）/ Forms updated to ${to.ref} (was ${from})`,
      ...(moved.moved.length > 0 ? [`改名或迁移项目的值已转入新项目 / Values of renamed or moved items carried over: ${moved.moved.map((m) => `${m.from} → ${m.to}`).join(', ')}`] : []),
      ...(kept.length > 0 ? [`新版本中没有的项目，值原样保留 / Items not in the new version, values kept: ${kept.join(', ')}`] : []),
    ].join('\n'),
  };
}

/**
 * The forms a save stores: what the editor sent, plus every value the unit holds that its pack
 * has no item for (the editor neither shows nor sends those; a save must not drop them).
 */
export function keepValuesNotInPack(stored: FormsDoc, sent: FormsDoc, pack: LoadedPack): FormsDoc {
  const missing = valuesNotInPack(stored, pack);
  if (missing.length === 0) return sent;
  const out: Record<string, FormValues> = { ...sent };
  for (const path of missing) {
    const [formId = '', code] = path.split('.');
    const values = stored[formId];
    if (!values) continue;
    if (code === undefined) {
      if (!(formId in sent)) out[formId] = values;
      continue;
    }
    const target = (out[formId] = { ...(out[formId] ?? {}) });
    if (!(code in target)) target[code] = values[code];
  }
  return out as FormsDoc;
}
