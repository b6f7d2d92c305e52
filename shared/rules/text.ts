import type { PatternName } from './types';

// Text checks for addresses, activity descriptions and contact items. Every pattern is a
// module-level constant, compiled once: the engine runs on every keystroke (see the registration benchmark).

export const patterns: Readonly<Record<PatternName, RegExp>> = {
  /** 长途区号: 0 + 2–3 digits (010, 0955). */
  telAreaCode: /^0\d{2,3}$/,
  /** 固定电话 without the area code: 7–8 digits. */
  fixedPhone: /^\d{7,8}$/,
  /** Mainland mobile numbers: 11 digits from 13x–19x. */
  mobilePhone: /^1[3-9]\d{9}$/,
  /** A mobile number, or a landline with area code and optional extension (0955-1234567-801). */
  anyPhone: /^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(?:-\d{1,6})?)$/,
  postcode: /^\d{6}$/,
  url: /^(?:https?:\/\/)?[\w-]+(?:\.[\w-]+)+(?::\d{1,5})?(?:[/?#]\S*)?$/i,
};

export const EMAIL = /^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$/;

const HAN = /\p{Script=Han}/gu;
export function hanCount(text: string): number {
  return text.match(HAN)?.length ?? 0;
}
export const charCount = (text: string): number => [...text].length;

// Signs of text broken by a wrong encoding (乱码): the replacement character, lone surrogates
// (半个汉字), private-use and control characters (tabs and newlines are merely stray), and the classic GBK/UTF-8 mix-ups.
// eslint-disable-next-line no-control-regex -- control characters are exactly what this looks for
const MOJIBAKE = /[\uFFFD\p{Cs}\p{Co}\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]|锟斤拷|烫烫|屯屯|Ã.|Â.|â€/u;

// Characters an address may hold (the directory rule forbids quotes, commas, question marks,
// @ and the like, half- or full-width): 汉字, letters, digits, spaces, and the punctuation that
// real house numbers use. Anything else is a stray symbol.
const ADDRESS_CHARS = /^[\p{Script=Han}A-Za-z0-9Ａ-Ｚａ-ｚ０-９ \-－—#＃()（）、·./／]+$/u;
const ONLY_ALNUM = /^[A-Za-z0-9Ａ-Ｚａ-ｚ０-９\s\-－#＃]+$/u;

export type AddressProblem = 'mojibake' | 'symbol' | 'alnum' | 'fewHan';

/** The first problem of an address text, or null. (docs/domain.md: ≥ 2 汉字, not all digits or
 * letters, no stray punctuation or mojibake.) */
export function addressProblem(text: string, minHan: number): AddressProblem | null {
  if (MOJIBAKE.test(text)) return 'mojibake';
  if (!ADDRESS_CHARS.test(text)) return 'symbol';
  if (ONLY_ALNUM.test(text)) return 'alnum';
  if (hanCount(text) < minHan) return 'fewHan';
  return null;
}

// 主要业务活动: 汉字, letters and digits only. Spaces, punctuation (、 included: the 四经普 filling
// guide asks for no punctuation, “家具制造销售”) and every other symbol are refused (directory rules 091/092).
const ACTIVITY_CHARS = /^[\p{Script=Han}A-Za-z0-9Ａ-Ｚａ-ｚ０-９]+$/u;
const WHITESPACE = /\s/u;
const DIGITS_ONLY = /^[0-9０-９]+$/u;

export type ActivityProblem = 'mojibake' | 'space' | 'symbol' | 'digits' | 'noHan' | 'short' | 'long';

export function activityProblem(text: string, min: number, max: number): ActivityProblem | null {
  if (MOJIBAKE.test(text)) return 'mojibake';
  if (WHITESPACE.test(text)) return 'space';
  if (!ACTIVITY_CHARS.test(text)) return 'symbol';
  if (DIGITS_ONLY.test(text)) return 'digits';
  if (hanCount(text) === 0) return 'noHan';
  const n = charCount(text);
  if (n < min) return 'short';
  if (n > max) return 'long';
  return null;
}

export const YEAR_MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
export const DATE = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** 'YYYY-MM-DD' that names a real calendar day. */
export function isCalendarDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

/** The 'YYYY-MM' of a year-month or date text, or null. */
export function monthOf(text: string): string | null {
  if (YEAR_MONTH.test(text)) return text;
  if (isCalendarDate(text)) return text.slice(0, 7);
  return null;
}
