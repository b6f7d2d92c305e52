import { isBlank, type FormSpec, type Item, type Value } from '@shared/forms';
import type { LoadedPack } from '@shared/packs/load';
import { refsOf } from '@shared/forms/refs';
import { formatValue } from '@shared/rules/format';
import type { Language } from '@shared/session/settings';
import { canonicalJson, type JsonValue } from '@shared/sync/protocol';

// A review comment names an item as '<form>.<item>' ('611.revenue') or one cell of a
// repeating list ('611-1.establishments.0.estName'). These helpers read such a path against a
// unit's forms, name it in words and show its value the way the form does.

export interface SplitPath {
  formId: string;
  /** The path inside the form: 'revenue' or 'establishments.0.estName'. */
  inner: string;
  code: string;
  row: number | null;
}

export function splitItemPath(fullPath: string): SplitPath {
  // The change trace writes form paths under 'forms.' ('forms.611.revenue').
  const path = fullPath.startsWith('forms.') ? fullPath.slice('forms.'.length) : fullPath;
  const dot = path.indexOf('.');
  const formId = dot < 0 ? path : path.slice(0, dot);
  const inner = dot < 0 ? '' : path.slice(dot + 1);
  const parts = inner.split('.');
  return {
    formId,
    inner,
    code: parts.at(-1) ?? '',
    row: parts.length === 3 ? Number(parts[1]) : null,
  };
}

export const joinItemPath = (formId: string, inner: string): string => `${formId}.${inner}`;

export function itemOf(pack: LoadedPack | null, path: string): Item | undefined {
  const { formId, code } = splitItemPath(path);
  const spec = pack?.form(formId);
  return spec ? refsOf(spec).get(code)?.item : undefined;
}

const isNumbered = (spec: FormSpec): boolean => /^\d/.test(spec.id);

/**
 * A form's short name: its table number (611-1表 / Form 611-1) where it has one; a form without
 * one (个体经营户) by its title, never by its internal id ("individual").
 */
export function formName(spec: FormSpec, language: Language): string {
  if (language === 'en') return isNumbered(spec) ? `Form ${spec.id}` : spec.titleEn;
  return spec.printedNo ?? (isNumbered(spec) ? `${spec.id}表` : spec.titleZh);
}

/** A form's full name for its tab: number and title (611-1表 产业活动单位), or the title alone. */
export function formTitle(spec: FormSpec, language: Language): string {
  const title = language === 'en' ? spec.titleEn : spec.titleZh;
  return isNumbered(spec) ? `${formName(spec, language)} ${title}` : title;
}

/** "611表 · 营业收入" / "Form 611-1 · Name #2": where an item is, in words. */
/** `pack` null (still loading): the path as stored. */
export function itemPlace(pack: LoadedPack | null, path: string, language: Language): string {
  const { formId, code, row } = splitItemPath(path);
  const spec = pack?.form(formId);
  if (!spec) return path;
  const item = refsOf(spec).get(code)?.item;
  const label = item ? (language === 'en' ? item.labelEn : item.labelZh) : code;
  return `${formName(spec, language)} · ${label}${row === null ? '' : ` #${row + 1}`}`;
}

/** The value at an item path in a unit's forms (undefined when absent). */
export function valueAt(forms: Readonly<Record<string, unknown>>, path: string): unknown {
  const { formId, inner } = splitItemPath(path);
  let here: unknown = forms[formId];
  for (const part of inner.split('.')) {
    if (here === null || typeof here !== 'object') return undefined;
    here = Array.isArray(here) ? here[Number(part)] : (here as Record<string, unknown>)[part];
  }
  return here;
}

/** Whether an item's value now differs from the value a comment was made on (blank = blank). */
export function hasChanged(now: unknown, then: JsonValue): boolean {
  if (isBlank(now) && isBlank(then)) return false;
  if (isBlank(now) !== isBlank(then)) return true;
  // A number typed as text and the same number stored as a number are the same answer.
  if ((typeof now === 'number' || typeof now === 'string') && (typeof then === 'number' || typeof then === 'string')) {
    return String(now).trim() !== String(then).trim();
  }
  return canonicalJson(now) !== canonicalJson(then);
}

const isScalar = (v: unknown): v is string | number | boolean =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** A value as the form shows it: codes with names, 年月 in words, units; blank as 未填. */
export function showValue(pack: LoadedPack | null, path: string, value: unknown, language: Language): string {
  const lang = language === 'en' ? 'en' : 'zh';
  const findCode = pack ? pack.findCode : () => undefined;
  if (isBlank(value)) return formatValue(undefined, undefined, lang, findCode);
  if (isScalar(value)) return formatValue(itemOf(pack, path), value satisfies Value, lang, findCode);
  return JSON.stringify(value);
}
