import { sealPack } from '@shared/node/pack-hash';
import { builtinPack } from '@shared/packs/builtin';
import type { FormPack } from '@shared/packs/types';
import type { Item } from '@shared/forms/types';

// Packs the bureau might publish: the built-in pack with a new version and some edits, sealed
// (hashed) as `census forms build` would.

type Editable = { -readonly [K in keyof FormPack]: FormPack[K] };

export const builtinBody = (): FormPack => structuredClone(builtinPack().body) as FormPack;

/** Every item of a form, editable in place. */
export function itemsOf(pack: FormPack, formId: string): Item[] {
  return (pack.forms.find((f) => f.id === formId)?.sections ?? []).flatMap((s) => s.items as Item[]);
}

export function editItem(pack: FormPack, formId: string, code: string): { -readonly [K in keyof Item]: Item[K] } {
  const item = itemsOf(pack, formId).find((i) => i.code === code);
  if (!item) throw new Error(`no item ${formId}.${code}`);
  return item;
}

/** Removes an item (and the rules that name it) from a form. */
export function removeItem(pack: Editable, formId: string, code: string): void {
  for (const section of pack.forms.find((f) => f.id === formId)?.sections ?? []) {
    const items = section.items as Item[];
    const at = items.findIndex((i) => i.code === code);
    if (at >= 0) items.splice(at, 1);
  }
  pack.rules = pack.rules.filter((r) => !(r.formId === formId && (r.items.includes(code) || JSON.stringify(r).includes(`"${code}"`))));
}

/** The built-in pack as version `version`, edited by `edit`, sealed. */
export function nextPack(version: string, edit: (p: Editable) => void = () => {}): FormPack {
  const body = builtinBody() as Editable;
  body.version = version;
  body.date = '2024-03-01';
  body.notesZh = `第 ${version} 版`;
  edit(body);
  return sealPack(body);
}

/** 2023.3: a label corrected (611 legalRep), a code added (operatingStatus 99), an item removed (611 website). */
export const v2 = (): FormPack =>
  nextPack('2023.3', (p) => {
    editItem(p, '611', 'legalRep').labelZh = '法定代表人姓名（更正）';
    const list = p.codeLists.find((l) => l.id === 'operatingStatus');
    (list?.entries as { code: string; zh: string; en: string; initials: string }[]).push({ code: '99', zh: '其他（新增）', en: 'Other (new)', initials: 'qtxz' });
    removeItem(p, '611', 'website');
  });

/** 2023.3 for the 个体经营户 form: a label corrected (operatorName), a code added
 * (operatingStatus 99), an item removed (businessArea). */
export const individualV2 = (version = '2023.3'): FormPack =>
  nextPack(version, (p) => {
    editItem(p, 'individual', 'operatorName').labelZh = '经营者姓名（更正）';
    const list = p.codeLists.find((l) => l.id === 'operatingStatus');
    (list?.entries as { code: string; zh: string; en: string; initials: string }[]).push({ code: '99', zh: '季节性停业（新增）', en: 'Seasonal closure (new)', initials: 'jjxty' });
    removeItem(p, 'individual', 'businessArea');
  });
