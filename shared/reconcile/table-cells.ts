import type { Dimension } from './columns';
import type { Measure } from './wire';

// How the gap table's cells read, on the page, in print and in the exported workbook alike:
// whole figures with thousands separators on screen (numbers in the file), the difference
// signed, the % to one decimal, "—" where there is no 快报 figure or its base is 0.

export const NONE = '—';

export const measureColumns = ['units', 'revenue', 'employees'] as const;
export type MeasureColumn = (typeof measureColumns)[number];

export const measureNames: Record<MeasureColumn, { zh: string; en: string }> = {
  units: { zh: '单位数（个）', en: 'Units' },
  revenue: { zh: '营业收入（千元）', en: 'Revenue (thousand yuan)' },
  employees: { zh: '从业人员（人）', en: 'Staff (persons)' },
};

export const partNames = {
  census: { zh: '普查', en: 'Census' },
  annual: { zh: '快报', en: 'Annual' },
  diff: { zh: '差异', en: 'Diff.' },
  pct: { zh: '差异率%', en: 'Diff. %' },
} as const;

export const dimensionTitles: Record<Dimension, { zh: string; en: string }> = {
  profession: { zh: '按专业', en: 'By profession' },
  industry: { zh: '按行业大类', en: 'By industry division' },
  township: { zh: '按乡镇（街道）', en: 'By township' },
};

const grouped = (n: number): string => n.toLocaleString('en-US');

export const figureText = (n: number | null): string => (n === null ? NONE : grouped(n));
export const diffText = (n: number | null): string => (n === null ? NONE : n > 0 ? `+${grouped(n)}` : grouped(n));
export const pctText = (n: number | null): string => (n === null ? NONE : `${n > 0 ? '+' : ''}${n.toFixed(1)}`);

/** The four cells of a measure as shown. */
export const measureTexts = (m: Measure): [string, string, string, string] => [figureText(m.census), figureText(m.annual), diffText(m.diff), pctText(m.pct)];
