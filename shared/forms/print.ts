import { industryByCode } from '../codes/industry';
import type { FindCode } from '../codes/types';
import { codesOf } from './conditions';
import { evaluateCondition } from './conditions';
import { lookupIn, refsOf } from './refs';
import { itemState } from './state';
import type { FormSpec, FormValues, Item, Section, Value } from './types';
import { isBlank, rowsOf, textOf } from './values';

// A filled form laid out as the printed 表式, for the unit to check and sign: per section, one
// row per item with its name, its printed code, its unit (计量单位) and the value; a repeating
// section (611-1) as a grid. Only answers print: a blank item prints blank, an item the skip
// logic leaves out prints blank, and nothing is ever filled in for the page (no defaults, no
// listing-frame offers, no computed figures). Coded values print as code and name.

export type PrintLang = 'zh' | 'en';

export interface PrintRow {
  code: string;
  label: string;
  /** 计量单位 ('千元', '人', '平方米'), '' where the item has none. */
  unit: string;
  value: string;
  /** The 12-digit division code when the item holds one (its name comes from the division store). */
  divisionCode?: string;
}

export type PrintSection =
  | { kind: 'items'; id: string; title: string; rows: PrintRow[] }
  | { kind: 'grid'; id: string; title: string; columns: { label: string; unit: string }[]; rows: { value: string; divisionCode?: string }[][] };

const label = (item: Item, lang: PrintLang) => (lang === 'en' ? item.labelEn : item.labelZh);
const unitOf = (item: Item, lang: PrintLang) => (lang === 'en' ? item.unitEn : item.unitZh) ?? '';

const grouped = (n: number, lang: PrintLang) => new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'zh-CN', { maximumFractionDigits: 20 }).format(n);

/** One answer as the printed form writes it; '' for no answer. */
export function printValue(item: Item, value: Value, lang: PrintLang, findCode: FindCode): string {
  if (isBlank(value) || Array.isArray(value)) return '';
  const text = textOf(value);
  const named = (code: string, name: string | undefined) => (name ? `${code} ${name}` : code);
  switch (item.type) {
    case 'code': {
      const entry = item.codeList ? findCode(item.codeList, text) : item.options?.find((o) => o.code === text);
      return named(text, entry && (lang === 'en' ? entry.en : entry.zh));
    }
    case 'codes':
      // Several codes: “1 港商、3 台商” / “1 Hong Kong, 3 Taiwan”.
      return codesOf(value)
        .map((code) => {
          const entry = item.codeList ? findCode(item.codeList, code) : item.options?.find((o) => o.code === code);
          return named(code, entry && (lang === 'en' ? entry.en : entry.zh));
        })
        .join(lang === 'en' ? ', ' : '、');
    case 'boolean': {
      // The census codes yes / no as 1 / 2; a stored true / false prints the same way.
      const code = value === true || text === 'true' || text === '1' ? '1' : value === false || text === 'false' || text === '2' ? '2' : null;
      if (!code) return text;
      const entry = findCode('yesNo', code) ?? (code === '1' ? { zh: '是', en: 'Yes' } : { zh: '否', en: 'No' });
      return named(code, entry && (lang === 'en' ? entry.en : entry.zh));
    }
    case 'industryCode':
      return named(text, industryByCode(text)?.name);
    case 'integer':
    case 'money': {
      const n = typeof value === 'number' ? value : /^-?\d+$/.test(text) ? Number(text) : null;
      return n === null || !Number.isSafeInteger(n) ? text : grouped(n, lang);
    }
    case 'yearMonth': {
      const m = /^(\d{4})-(\d{2})$/.exec(text);
      return m && lang === 'zh' ? `${m[1]}年${m[2]}月` : text;
    }
    case 'date': {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
      return m && lang === 'zh' ? `${m[1]}年${m[2]}月${m[3]}日` : text;
    }
    default:
      return text;
  }
}

function itemRow(spec: FormSpec, values: FormValues, item: Item, lang: PrintLang, findCode: FindCode): PrintRow {
  const isRelevant = itemState(spec, values, item.code)?.relevant === true;
  const value = isRelevant ? printValue(item, values[item.code], lang, findCode) : '';
  const row: PrintRow = {
    // Printed item numbers only where the spec knows them; none is made up.
    code: item.printedNo && !item.printedNo.includes('check') ? item.printedNo : '',
    label: label(item, lang),
    unit: unitOf(item, lang),
    value,
  };
  if (item.type === 'divisionCode' && value !== '') row.divisionCode = value;
  return row;
}

function gridOf(spec: FormSpec, values: FormValues, section: Section, lang: PrintLang, findCode: FindCode): PrintSection {
  const rows = rowsOf(values, section.id).map((_, index) =>
    section.items.map((item) => {
      const path = `${section.id}.${index}.${item.code}`;
      const isRelevant = itemState(spec, values, path)?.relevant === true;
      const value = isRelevant ? printValue(item, rowsOf(values, section.id)[index]?.[item.code], lang, findCode) : '';
      return item.type === 'divisionCode' && value !== '' ? { value, divisionCode: value } : { value };
    }),
  );
  return {
    kind: 'grid',
    id: section.id,
    title: lang === 'en' ? section.titleEn : section.titleZh,
    columns: section.items.map((item) => ({ label: label(item, lang), unit: unitOf(item, lang) })),
    rows,
  };
}

/**
 * The sections of a form to print, in the form's order. A section the skip logic leaves out
 * (the trade items of a unit outside trade) is not printed; `omit` leaves out sections printed
 * elsewhere (the sign-off, which goes under the last table).
 */
export function printSections(
  spec: FormSpec,
  values: FormValues,
  lang: PrintLang,
  findCode: FindCode,
  omit: readonly string[] = [],
): PrintSection[] {
  const get = lookupIn(refsOf(spec), values);
  const out: PrintSection[] = [];
  for (const section of spec.sections) {
    if (omit.includes(section.id)) continue;
    if (section.relevant && !evaluateCondition(section.relevant, get)) continue;
    out.push(
      section.repeat
        ? gridOf(spec, values, section, lang, findCode)
        : { kind: 'items', id: section.id, title: lang === 'en' ? section.titleEn : section.titleZh, rows: section.items.map((i) => itemRow(spec, values, i, lang, findCode)) },
    );
  }
  return out;
}

/** Whether a form holds any answer at all (a table the unit has not started is not printed). */
export function hasAnswers(values: FormValues | undefined): boolean {
  return values !== undefined && Object.values(values).some((v) => (Array.isArray(v) ? v.some((row) => Object.values(row).some((c) => !isBlank(c))) : !isBlank(v)));
}

/**
 * The sign-off under the last table (单位负责人, 统计负责人, 填表人, 联系电话, 报出日期): item code →
 * printed value, for the items of the form's sign-off section ('' where not answered).
 */
export function signOffOf(spec: FormSpec, values: FormValues, lang: PrintLang, findCode: FindCode): Record<string, string> {
  const section = spec.sections.find((s) => s.id === 'signOff');
  return Object.fromEntries((section?.items ?? []).map((i) => [i.code, itemRow(spec, values, i, lang, findCode).value]));
}
