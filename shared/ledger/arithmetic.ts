import type { IndicatorDef } from './indicators';

// Ledger arithmetic (统计台账): year-to-date, the same period last year and growth, over the
// integers as entered. Pure, shared by main (authoritative, flags, exports) and the renderer
// (live as the user types). A month not entered is null, never 0: "nothing entered" and
// "entered as zero" differ, and the YTD says which months it leaves out.

/** Twelve months of one indicator, index 0 = January; null = not entered. */
export type MonthSeries = readonly (number | null)[];

export interface YtdResult {
  /** Sum of months 1..m (flow), their mean (average) or month m's own value (stock); null when nothing to go on. */
  value: number | null;
  /** Months 1..m without a value (flow), or [m] when a stock's month m is empty. */
  missingMonths: number[];
}

function at(series: MonthSeries, month: number): number | null {
  return series[month - 1] ?? null;
}

/** 1–m 月累计 of a flow indicator: the sum of the months entered, and those missing. */
export function flowYtd(series: MonthSeries, month: number): YtdResult {
  let sum = 0;
  let seen = false;
  const missingMonths: number[] = [];
  for (let m = 1; m <= month; m += 1) {
    const v = at(series, m);
    if (v === null) missingMonths.push(m);
    else {
      sum += v;
      seen = true;
    }
  }
  return { value: seen ? sum : null, missingMonths };
}

/** A stock (month-end balance) has no sum: its "YTD" is month m's own value. */
export function stockYtd(series: MonthSeries, month: number): YtdResult {
  const v = at(series, month);
  return { value: v, missingMonths: v === null ? [month] : [] };
}

/**
 * 1–m 月平均 of a monthly average (平均用工人数): the mean of the months entered, rounded half
 * up to a whole; the months left out are named, as for a flow.
 */
export function averageYtd(series: MonthSeries, month: number): YtdResult {
  const sum = flowYtd(series, month);
  const entered = month - sum.missingMonths.length;
  if (sum.value === null || entered === 0) return sum;
  return { value: Math.floor((2 * sum.value + entered) / (2 * entered)), missingMonths: sum.missingMonths };
}

export function ytd(def: Pick<IndicatorDef, 'kind'>, series: MonthSeries, month: number): YtdResult {
  if (def.kind === 'flow') return flowYtd(series, month);
  if (def.kind === 'average') return averageYtd(series, month);
  return stockYtd(series, month);
}

/**
 * current / base − 1, for display only (0.25 = +25 %). Null without a base, with a base ≤ 0
 * (growth over a loss or nothing is not a rate), or when either side left months out — a
 * partial YTD against a full one would show growth or decline that did not happen.
 */
export function growthRate(current: YtdResult, base: YtdResult): number | null {
  if (current.value === null || base.value === null || base.value <= 0) return null;
  if (current.missingMonths.length > 0 || base.missingMonths.length > 0) return null;
  return current.value / base.value - 1;
}

export interface ComputedMonth {
  month: number | null;
  ytd: number | null;
  missingMonths: number[];
  lastYtd: number | null;
  lastYearMissingMonths: number[];
  growth: number | null;
  lastMonth: number | null;
  monthGrowth: number | null;
}

/** Every month's computed columns for one indicator, given this year's and last year's series. */
export function computeIndicator(def: Pick<IndicatorDef, 'kind'>, series: MonthSeries, lastSeries: MonthSeries): ComputedMonth[] {
  const out: ComputedMonth[] = [];
  for (let m = 1; m <= 12; m += 1) {
    const cur = ytd(def, series, m);
    const last = ytd(def, lastSeries, m);
    const month = at(series, m);
    const lastMonth = at(lastSeries, m);
    const single = (v: number | null, missing: boolean): YtdResult => ({ value: v, missingMonths: missing ? [m] : [] });
    out.push({
      month,
      ytd: cur.value,
      missingMonths: cur.missingMonths,
      lastYtd: last.value,
      lastYearMissingMonths: last.missingMonths,
      growth: growthRate(cur, last),
      lastMonth,
      monthGrowth: growthRate(single(month, month === null), single(lastMonth, lastMonth === null)),
    });
  }
  return out;
}

/** The latest month (1–12) with any value in `series`, or 0 when none. */
export function latestMonth(series: MonthSeries): number {
  for (let m = 12; m >= 1; m -= 1) if (at(series, m) !== null) return m;
  return 0;
}

/** Months 1..latest in which none of the given series has a value (gaps in the ledger). */
export function gapMonths(all: readonly MonthSeries[]): number[] {
  const latest = Math.max(0, ...all.map(latestMonth));
  const gaps: number[] = [];
  for (let m = 1; m <= latest; m += 1) if (all.every((s) => at(s, m) === null)) gaps.push(m);
  return gaps;
}

/**
 * YTD revenue annualised to twelve months, rounded down to whole 千元: ytd × 12 / m. Exact in
 * BigInt, since ytd × 12 may pass 2^53 for the largest values the ledger admits.
 */
export function annualise(ytdValue: number, month: number): number {
  if (month < 1 || month > 12) throw new RangeError(`month ${month}`);
  // Products below 2^53 are exact in doubles; only larger ones need BigInt.
  if (Math.abs(ytdValue) <= SAFE_FACTOR_LIMIT) return Math.floor((ytdValue * 12) / month);
  return Number((BigInt(ytdValue) * 12n) / BigInt(month));
}

/** Below this magnitude a × (a factor ≤ 1,100) stays under 2^53, so double arithmetic is exact. */
const SAFE_FACTOR_LIMIT = 8_000_000_000_000;

/** Whether a × f ≥ b × g for integers, exactly. */
function atLeast(a: number, f: number, b: number, g: number): boolean {
  if (Math.abs(a) <= SAFE_FACTOR_LIMIT && Math.abs(b) <= SAFE_FACTOR_LIMIT && f <= 1_100 && g <= 1_100) return a * f >= b * g;
  return BigInt(a) * BigInt(f) >= BigInt(b) * BigInt(g);
}

/** Whether a ≥ b × pct / 100, exactly (integers only, no rounding on the way). */
export function reachesShare(a: number, b: number, pct: number): boolean {
  return atLeast(a, 100, b, pct);
}

/** Whether current / base − 1 ≥ pct / 100, exactly; false for base ≤ 0. */
export function grewBy(current: number, base: number, pct: number): boolean {
  if (base <= 0) return false;
  return atLeast(current, 100, base, 100 + pct);
}
