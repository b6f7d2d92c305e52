import { averageYtd, flowYtd, growthRate, stockYtd, ytd, type MonthSeries, type YtdResult } from '../ledger/arithmetic';
import type { IndicatorKind } from '../ledger/indicators';

// The analysis' arithmetic over groups of enterprises. Each enterprise's figures are formed by
// the ledger's one arithmetic (shared/ledger/arithmetic.ts: flow sums, stock at month end,
// average of months); a group adds them up (Cells, additive, so the rollup can keep them per
// group and any set of groups is their sum), and keeps the counts that name what a total leaves
// out: an enterprise that entered the indicator in the year (a "reporter") but not in month k
// makes month k missing from the group's total — never a silent 0. Growth of a total with a
// month missing on either side is null (growthRate), as for one enterprise.

/** Twelve months (index 0 = January) of one group's additive measures. */
export interface Cells {
  monthSum: number[];
  monthCount: number[];
  ytdSum: number[];
  ytdCount: number[];
  incomplete: number[];
  /** Enterprises with any value of the indicator in the year. */
  reporters: number;
}

const twelve = (): number[] => Array<number>(12).fill(0);
export const emptyCells = (): Cells => ({ monthSum: twelve(), monthCount: twelve(), ytdSum: twelve(), ytdCount: twelve(), incomplete: twelve(), reporters: 0 });

/**
 * Adds one enterprise's year of one indicator to `into` (sign −1 takes it back out, as when the
 * enterprise changed); an enterprise that entered nothing adds nothing.
 */
export function addEnterprise(into: Cells, kind: IndicatorKind, series: MonthSeries, sign: 1 | -1 = 1): void {
  if (!series.some((v) => v !== null && v !== undefined)) return;
  into.reporters += sign;
  for (let m = 1; m <= 12; m += 1) {
    const v = series[m - 1] ?? null;
    if (v !== null) {
      into.monthSum[m - 1] = (into.monthSum[m - 1] ?? 0) + sign * v;
      into.monthCount[m - 1] = (into.monthCount[m - 1] ?? 0) + sign;
    }
    const y = ytd({ kind }, series, m);
    if (y.value !== null) {
      into.ytdSum[m - 1] = (into.ytdSum[m - 1] ?? 0) + sign * y.value;
      into.ytdCount[m - 1] = (into.ytdCount[m - 1] ?? 0) + sign;
    }
    if (y.missingMonths.length > 0) into.incomplete[m - 1] = (into.incomplete[m - 1] ?? 0) + sign;
  }
}

/** Whether `c` holds nothing: every enterprise added has been taken back out. */
export const isEmptyCells = (c: Cells): boolean =>
  c.reporters === 0 && [c.monthSum, c.monthCount, c.ytdSum, c.ytdCount, c.incomplete].every((a) => a.every((v) => v === 0));

export function addCells(into: Cells, from: Cells): void {
  for (const k of ['monthSum', 'monthCount', 'ytdSum', 'ytdCount', 'incomplete'] as const) {
    const a = into[k];
    const b = from[k];
    for (let i = 0; i < 12; i += 1) a[i] = (a[i] ?? 0) + (b[i] ?? 0);
  }
  into.reporters += from.reporters;
}

/** A total with what it leaves out: months named, and how many enterprises (null where not counted exactly). */
export interface Figure extends YtdResult {
  missingEnterprises: number | null;
}

const gapsIn = (c: Cells, months: readonly number[]): number[] => months.filter((m) => (c.monthCount[m - 1] ?? 0) < c.reporters);

/** 1–m 月累计 of a group: Σ of each enterprise's own YTD; the months any reporter left out. */
export function groupYtd(kind: IndicatorKind, c: Cells, month: number): Figure {
  const count = c.ytdCount[month - 1] ?? 0;
  const range = kind === 'stock' ? [month] : Array.from({ length: month }, (_, i) => i + 1);
  return { value: count > 0 ? (c.ytdSum[month - 1] ?? 0) : null, missingMonths: gapsIn(c, range), missingEnterprises: c.incomplete[month - 1] ?? 0 };
}

/**
 * The figure of months from..to (a month, or a quarter's three): a flow's sum, a stock at the
 * last month, an average's mean of the group's monthly totals (平均用工人数 of a quarter) — the
 * ledger's functions applied to the group's monthly totals.
 */
export function groupPeriod(kind: IndicatorKind, c: Cells, from: number, to: number): Figure {
  const months = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const series: (number | null)[] = months.map((m) => ((c.monthCount[m - 1] ?? 0) > 0 ? (c.monthSum[m - 1] ?? 0) : null));
  const n = months.length;
  const value = (kind === 'flow' ? flowYtd(series, n) : kind === 'average' ? averageYtd(series, n) : stockYtd(series, n)).value;
  const missingMonths = gapsIn(c, kind === 'stock' ? [to] : months);
  const missingEnterprises = from === to || kind === 'stock' ? c.reporters - (c.monthCount[to - 1] ?? 0) : null;
  return { value, missingMonths, missingEnterprises };
}

/** Growth for display (0.25 = +25 %), the ledger's one rule: null without a full base and current. */
export const growthOf = (current: YtdResult, base: YtdResult): number | null => growthRate(current, base);

/**
 * 拉动百分点: how many percentage points of the whole's growth a part brought,
 * (current part − base part) / base whole × 100. Null when the whole's base is not positive or
 * any side left months out (the same rule as growth).
 */
export function pullPoints(currentPart: YtdResult, basePart: YtdResult, baseWhole: YtdResult): number | null {
  if (currentPart.value === null || basePart.value === null || baseWhole.value === null || baseWhole.value <= 0) return null;
  if ([currentPart, basePart, baseWhole].some((f) => f.missingMonths.length > 0)) return null;
  return ((currentPart.value - basePart.value) / baseWhole.value) * 100;
}

export interface Rank {
  rank: number;
  /** Another entry holds the same rank (并列). */
  isTied: boolean;
}

/**
 * 位次: 1 for the highest; equal values share a rank and the next rank skips (1, 2, 2, 4),
 * each marked tied. Null values (no growth to rank) get no rank.
 */
export function rankDescending(values: readonly (number | null)[]): (Rank | null)[] {
  const known = values.filter((v): v is number => v !== null);
  return values.map((v) => {
    if (v === null) return null;
    const above = known.filter((k) => k > v).length;
    const same = known.filter((k) => k === v).length;
    return { rank: above + 1, isTied: same > 1 };
  });
}

export type AnalysisFlag = 'negative' | 'belowTarget';

/**
 * Flags of a YTD growth: 'negative' when the current total is below last year's, 'belowTarget'
 * when current / base − 1 < target (tenths of a percent), exactly over the integers. Nothing
 * flagged where growth is not known (a month missing, no base): that is shown as missing.
 */
export function flagsOf(current: YtdResult, base: YtdResult, targetTenths: number | null): AnalysisFlag[] {
  if (growthRate(current, base) === null || current.value === null || base.value === null) return [];
  const flags: AnalysisFlag[] = [];
  if (current.value < base.value) flags.push('negative');
  if (targetTenths !== null && BigInt(current.value) * 1000n < BigInt(base.value) * BigInt(1000 + targetTenths)) flags.push('belowTarget');
  return flags;
}
