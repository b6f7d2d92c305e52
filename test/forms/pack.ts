import type { CodeList } from '@shared/codes/types';
import type { FormSpec } from '@shared/forms/types';
import { builtinPack } from '@shared/packs/builtin';
import type { FormPack } from '@shared/packs/types';

// The built-in form pack the form tests run against, and modified copies of its document for
// tests of what checkPack refuses. The pack is the one source of forms, code lists and rules.

export const pack = builtinPack();

/** A form of the built-in pack; throws rather than let a test pass on a missing form. */
export function specOf(id: string): FormSpec {
  const spec = pack.form(id);
  if (!spec) throw new Error(`the built-in pack has no form ${id}`);
  return spec;
}

/** A code list of the built-in pack; throws rather than let a test pass on a missing list. */
export function listOf(id: string): CodeList {
  const list = pack.codeList(id);
  if (!list) throw new Error(`the built-in pack has no code list ${id}`);
  return list;
}

/** A deep copy of the built-in pack document with `change` applied (the original is untouched). */
export function packWith(change: (doc: FormPack) => FormPack): FormPack {
  return change(structuredClone(pack.body));
}

/** The copy with one form's spec replaced by `edit` of it. */
export function withForm(doc: FormPack, formId: string, edit: (spec: FormSpec) => FormSpec): FormPack {
  return { ...doc, forms: doc.forms.map((f) => (f.id === formId ? edit(f) : f)) };
}
