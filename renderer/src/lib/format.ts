import type { Language } from '@shared/session/settings';

// Intl does locale-aware grouping and dates without a dependency; Chromium ships full ICU.
export const formatCount = (value: number, language: Language): string =>
  new Intl.NumberFormat(language).format(value);

export const formatShare = (part: number, whole: number, language: Language): string =>
  new Intl.NumberFormat(language, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
    whole === 0 ? 0 : part / whole,
  );

/** A note after a name: 营业收入（千元） in Chinese, Operating revenue (¥ thousand) in English. */
export const inParens = (text: string, language: Language): string => (language === 'en' ? ` (${text})` : `（${text}）`);

/** The colon after a label: 原因：缺料 in Chinese, Reason: out of stock in English. */
export const colon = (language: Language): string => (language === 'en' ? ': ' : '：');

/** Clauses of a run-on list: a；b in Chinese, a; b in English. */
export const joinClauses = (items: readonly string[], language: Language): string => items.join(language === 'en' ? '; ' : '；');

/** Items of a list: 1月、2月 in Chinese, M1, M2 in English. */
export const joinList = (items: readonly string[], language: Language): string => items.join(language === 'en' ? ', ' : '、');

/** An ISO timestamp in the user's local time, e.g. 2024年3月5日 14:30. */
export const formatDateTime = (iso: string, language: Language): string => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
};
