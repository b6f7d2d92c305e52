import { format } from 'date-fns';
import type { Language } from '@shared/session/settings';

// Number formats of the directory: ledger values are integers in their indicator's unit
// (千元, 千瓦时, 千克标准煤, 人), so they are grouped but never given decimals.

export const formatInteger = (value: number | null | undefined, language: Language): string =>
  value === null || value === undefined ? '' : new Intl.NumberFormat(language, { maximumFractionDigits: 0 }).format(value);

/** 0.253 → “+25.3%”; null → “—” (no base to compare with). */
export function formatGrowth(value: number | null | undefined, language: Language): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(language, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  }).format(value);
}

/** 0.853 → “85.3%”. */
export const formatPercent = (value: number | null | undefined, language: Language): string =>
  value === null || value === undefined || !Number.isFinite(value)
    ? '—'
    : new Intl.NumberFormat(language, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);

/** Today as YYYY-MM-DD in local time (the date a contact or a stage change happened). */
export const todayIso = (): string => format(new Date(), 'yyyy-MM-dd');
