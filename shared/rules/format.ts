import type { FindCode } from '../codes/types';
import { codesOf } from '../forms/conditions';
import type { Item, Value } from '../forms/types';
import { isBlank, textOf } from '../forms/values';
import type { Message } from './types';
import { YEAR_MONTH, isCalendarDate } from './text';

// Turning values and message templates into sentences a person understands:
// “开业年月（2019年3月）早于成立年月（2020年5月）”, not “openedYm < foundedYm”.

export type Lang = 'zh' | 'en';
export type Var = string | number | Message;

/** A code with its name: “10（企业）” / “10 (Enterprise)”. */
export function codeName(item: Item, code: string, lang: Lang, findCode: FindCode): string {
  const entry = item.codeList ? findCode(item.codeList, code) : item.options?.find((o) => o.code === code);
  if (!entry) return code;
  return lang === 'zh' ? `${code}（${entry.zh}）` : `${code} (${entry.en})`;
}

export function formatValue(item: Item | undefined, value: Value, lang: Lang, findCode: FindCode): string {
  if (isBlank(value)) return lang === 'zh' ? '未填' : 'blank';
  if (Array.isArray(value)) return lang === 'zh' ? `${value.length}行` : `${value.length} rows`;
  const text = textOf(value);
  if (!item) return text;
  switch (item.type) {
    case 'yearMonth': {
      const m = YEAR_MONTH.exec(text);
      return m && lang === 'zh' ? `${m[1]}年${Number(m[2])}月` : text;
    }
    case 'date':
      return isCalendarDate(text) && lang === 'zh'
        ? `${text.slice(0, 4)}年${Number(text.slice(5, 7))}月${Number(text.slice(8, 10))}日`
        : text;
    case 'boolean':
      if (value === true || text === 'true') return lang === 'zh' ? '是' : 'yes';
      if (value === false || text === 'false') return lang === 'zh' ? '否' : 'no';
      return text;
    case 'code':
      return codeName(item, text, lang, findCode);
    case 'codes':
      return codesOf(value)
        .map((code) => codeName(item, code, lang, findCode))
        .join(lang === 'zh' ? '、' : ', ');
    default: {
      const unit = lang === 'zh' ? item.unitZh : item.unitEn;
      if (!unit) return text;
      return lang === 'zh' ? `${text}${unit}` : `${text} ${unit}`;
    }
  }
}

const PLACEHOLDER = /\{(\w+)(?::(\w+))?\}/g;

export interface TemplateEnv {
  lang: Lang;
  label: (code?: string) => string;
  value: (code?: string) => string;
  vars: Readonly<Record<string, Var>>;
}

/** Fills {label} {value} {label:code} {value:code} and {var}; an unknown placeholder stays as
 * written so a data typo shows up in review instead of vanishing. */
export function renderTemplate(template: string, env: TemplateEnv): string {
  return template.replace(PLACEHOLDER, (whole, name: string, arg: string | undefined) => {
    if (name === 'label') return env.label(arg);
    if (name === 'value') return env.value(arg);
    const v = env.vars[name];
    if (v === undefined) return whole;
    return typeof v === 'object' ? v[env.lang] : String(v);
  });
}
