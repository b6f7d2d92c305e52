import { z } from 'zod';

// The indicators of the monthly statistical ledger 统计台账 (docs/domain.md, Statistics Law art. 21).
// Every value is an integer in the indicator's unit, never a float: money in 千元, electricity
// in 千瓦时, energy in 千克标准煤 (so 12.345 吨标准煤 is 12345 with no rounding), people as a head
// count. `kind` says how a year-to-date figure is formed:
//  - 'flow'  : entered per month, YTD is the sum of months 1..m (营业收入, 工业总产值…);
//  - 'stock' : a month-end balance, the "YTD" of month m is month m's own value (资产总计…).

export const indicatorKeys = [
  'industrialOutput',
  'industrialSales',
  'exportDelivery',
  'electricity',
  'revenue',
  'operatingCost',
  'taxesAndSurcharges',
  'totalProfit',
  'vatPayable',
  'payroll',
  'totalAssets',
  'totalLiabilities',
  'employees',
  'energyPurchased',
  'energyConsumed',
] as const;
export const IndicatorKey = z.enum(indicatorKeys);
export type IndicatorKey = z.infer<typeof IndicatorKey>;

export type IndicatorUnit = '千元' | '千瓦时' | '千克标准煤' | '人';

export interface IndicatorDef {
  readonly key: IndicatorKey;
  readonly zh: string;
  readonly en: string;
  readonly unit: IndicatorUnit;
  readonly kind: 'flow' | 'stock';
  /** Profit may be a loss; every other figure is zero or more. */
  readonly mayBeNegative: boolean;
  /** Only industrial enterprises (sections B–D) keep it. */
  readonly isIndustrialOnly: boolean;
}

const def = (
  key: IndicatorKey,
  zh: string,
  en: string,
  unit: IndicatorUnit,
  kind: 'flow' | 'stock',
  extra: { mayBeNegative?: boolean; isIndustrialOnly?: boolean } = {},
): IndicatorDef => ({
  key,
  zh,
  en,
  unit,
  kind,
  mayBeNegative: extra.mayBeNegative ?? false,
  isIndustrialOnly: extra.isIndustrialOnly ?? false,
});

export const indicators: readonly IndicatorDef[] = [
  def('industrialOutput', '工业总产值', 'Gross industrial output', '千元', 'flow', { isIndustrialOnly: true }),
  def('industrialSales', '工业销售产值', 'Industrial sales output', '千元', 'flow', { isIndustrialOnly: true }),
  def('exportDelivery', '出口交货值', 'Export delivery value', '千元', 'flow', { isIndustrialOnly: true }),
  def('electricity', '用电量', 'Electricity used', '千瓦时', 'flow'),
  def('revenue', '营业收入', 'Operating revenue', '千元', 'flow'),
  def('operatingCost', '营业成本', 'Operating cost', '千元', 'flow'),
  def('taxesAndSurcharges', '税金及附加', 'Taxes and surcharges', '千元', 'flow'),
  def('totalProfit', '利润总额', 'Total profit', '千元', 'flow', { mayBeNegative: true }),
  def('vatPayable', '应交增值税', 'VAT payable', '千元', 'flow'),
  def('payroll', '应付职工薪酬', 'Employee pay payable', '千元', 'flow'),
  def('totalAssets', '资产总计', 'Total assets', '千元', 'stock'),
  def('totalLiabilities', '负债合计', 'Total liabilities', '千元', 'stock'),
  def('employees', '从业人员期末人数', 'Persons employed at month end', '人', 'stock'),
  def('energyPurchased', '能源购进量', 'Energy purchased', '千克标准煤', 'flow'),
  def('energyConsumed', '能源消费量', 'Energy consumed', '千克标准煤', 'flow'),
];

const byKey = new Map(indicators.map((d) => [d.key, d]));

export function indicatorDef(key: IndicatorKey): IndicatorDef {
  const found = byKey.get(key);
  if (!found) throw new Error(`Unknown ledger indicator ${key}`);
  return found;
}

/** Largest magnitude a ledger value may have: 10^13 千元 is far beyond any enterprise and
 * stays well inside Number.MAX_SAFE_INTEGER even after summing twelve months. */
export const MAX_LEDGER_VALUE = 10_000_000_000_000;

export const LedgerValue = z.number().int().min(-MAX_LEDGER_VALUE).max(MAX_LEDGER_VALUE);

export const Month = z.number().int().min(1).max(12);
export const Year = z.number().int().min(2000).max(2100);
