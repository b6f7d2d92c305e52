import { indicatorDef, type IndicatorKey } from './indicators';
import type { MonthValues } from './wire';

// "其中" on the forms: a part is never above its whole (零售额 ≤ 商品销售额, 网上零售额 ≤ 零售额,
// 客房收入 + 餐费收入 ≤ 营业额, 主营业务收入 ≤ 营业收入, 出口交货值 ≤ 工业销售产值; indicators.ts
// `partOf`). Checked per month where the whole is entered; the parts of one whole are summed.
// A finding, not a refusal: the whole may simply not be entered yet, or be corrected next.

export interface PartAboveWhole {
  month: number;
  whole: IndicatorKey;
  /** The parts entered that month, in the order shown. */
  parts: IndicatorKey[];
  partsValue: number;
  wholeValue: number;
}

/** Wholes among `keys`' parts, each with its parts in `keys` order. */
function wholesOf(keys: readonly IndicatorKey[]): Map<IndicatorKey, IndicatorKey[]> {
  const out = new Map<IndicatorKey, IndicatorKey[]>();
  for (const key of keys) {
    const whole = indicatorDef(key).partOf;
    if (whole) out.set(whole, [...(out.get(whole) ?? []), key]);
  }
  return out;
}

/** Every month (index 0 = January) where the entered parts of a whole add up to more than it. */
export function partsAboveWhole(months: readonly MonthValues[], keys: readonly IndicatorKey[]): PartAboveWhole[] {
  const wholes = wholesOf(keys);
  const out: PartAboveWhole[] = [];
  months.forEach((values, i) => {
    for (const [whole, parts] of wholes) {
      const wholeValue = values[whole];
      if (wholeValue === null || wholeValue === undefined) continue;
      const entered = parts.filter((p) => values[p] !== null && values[p] !== undefined);
      if (entered.length === 0) continue;
      const partsValue = entered.reduce((sum, p) => sum + (values[p] ?? 0), 0);
      if (partsValue > wholeValue) out.push({ month: i + 1, whole, parts: entered, partsValue, wholeValue });
    }
  });
  return out;
}
