import { z } from 'zod';
import { IndicatorKey } from '../ledger/indicators';

// What the analysis screens ask and get (IPC contract): for a month or a quarter of a year, the
// headline lines (shared/analysis/headlines.ts), each by township and by industry, with the
// period, year-to-date, the same period last year, growth, the 规上 part and its 拉动, 位次 and
// targets with flags. Figures are stored integers (shared/ledger/indicator-values.ts formats them).

export const ProfessionId = z.enum(['industry', 'trade', 'hospitality', 'construction', 'realEstate', 'services']);

export const AnalysisPeriod = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('month'), month: z.number().int().min(1).max(12) }),
  z.strictObject({ kind: z.literal('quarter'), quarter: z.number().int().min(1).max(4) }),
]);
export type AnalysisPeriod = z.infer<typeof AnalysisPeriod>;

export const AnalysisQuery = z.strictObject({
  year: z.number().int().min(2001).max(2100),
  period: AnalysisPeriod,
  /** A township (9 digits) to look at; absent: the account's whole area. */
  township: z.string().regex(/^\d{9}$/).optional(),
});
export type AnalysisQuery = z.infer<typeof AnalysisQuery>;

/** The months a period covers: [from, to]. */
export function periodMonths(p: AnalysisPeriod): [number, number] {
  return p.kind === 'month' ? [p.month, p.month] : [p.quarter * 3 - 2, p.quarter * 3];
}

export const Figure = z.object({
  value: z.number().int().nullable(),
  missingMonths: z.array(z.number().int()),
  missingEnterprises: z.number().int().nullable(),
});
export type FigureOut = z.infer<typeof Figure>;

/** One row's figures for one line. */
export const Figures = z.object({
  period: Figure,
  periodLast: Figure,
  periodGrowth: z.number().nullable(),
  ytd: Figure,
  ytdLast: Figure,
  ytdGrowth: z.number().nullable(),
  /** Enterprises that entered the indicator this year and last year. */
  reporters: z.number().int(),
  reportersLast: z.number().int(),
});
export type Figures = z.infer<typeof Figures>;

export const AnalysisFlag = z.enum(['negative', 'belowTarget']);

export const AnalysisRow = z.object({
  /** Township code (9 digits), division (2 digits) or 专业 id; '' for the whole area. */
  key: z.string(),
  name: z.string(),
  all: Figures,
  /** The 规上 enterprises (scale 'above') of the row. */
  above: Figures,
  /** 规上拉动: points of the row's YTD growth brought by its 规上 part. */
  abovePull: z.number().nullable(),
  /** Points of the area's YTD growth brought by this row. */
  pull: z.number().nullable(),
  rank: z.object({ rank: z.number().int(), isTied: z.boolean() }).nullable(),
  targetTenths: z.number().int().nullable(),
  flags: z.array(AnalysisFlag),
});
export type AnalysisRow = z.infer<typeof AnalysisRow>;

export const AnalysisLine = z.object({
  key: z.string(),
  profession: ProfessionId,
  indicator: IndicatorKey,
  total: AnalysisRow,
  townships: z.array(AnalysisRow),
  divisions: z.array(AnalysisRow),
  /** Month totals 1..12 of this year and last (null: nothing entered), for the trend chart. */
  months: z.array(
    z.object({
      month: z.number().int(),
      value: z.number().int().nullable(),
      last: z.number().int().nullable(),
      /** Every enterprise that entered the indicator in the year entered this month. */
      isComplete: z.boolean(),
      isLastComplete: z.boolean(),
    }),
  ),
});
export type AnalysisLine = z.infer<typeof AnalysisLine>;

export const AnalysisReport = z.object({
  year: z.number().int(),
  period: AnalysisPeriod,
  from: z.number().int(),
  to: z.number().int(),
  area: z.object({ code: z.string(), name: z.string(), isDistrict: z.boolean() }),
  /** Townships the account may pick (the bureau: all with data; township staff: theirs). */
  townships: z.array(z.object({ code: z.string(), name: z.string() })),
  headlinesVersion: z.string(),
  lines: z.array(AnalysisLine),
});
export type AnalysisReport = z.infer<typeof AnalysisReport>;
