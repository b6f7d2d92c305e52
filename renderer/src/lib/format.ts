import type { Language } from '@shared/session/settings';

// Intl does locale-aware grouping and dates without a dependency; Chromium ships full ICU.
export const formatCount = (value: number, language: Language): string =>
  new Intl.NumberFormat(language).format(value);

export const formatShare = (part: number, whole: number, language: Language): string =>
  new Intl.NumberFormat(language, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
    whole === 0 ? 0 : part / whole,
  );

/** An ISO timestamp in the user's local time, e.g. 2024年3月5日 14:30. */
export const formatDateTime = (iso: string, language: Language): string => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
};
