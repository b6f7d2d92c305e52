import { z } from 'zod';

// The indicators of the monthly statistical ledger 统计台账 (docs/domain.md, Statistics Law art. 21).
// Which of them an enterprise keeps depends on its 专业 (indicator-sets.ts); this is the one
// list of every indicator any set has ever used, so a value entered under an older set is never
// orphaned. Every value is stored as an integer, never a float: the indicator's unit as on the
// forms times 10^scale. Money is 千元 (scale 0); 用电量 is shown in 万千瓦时 with four decimals,
// so the stored integer is 千瓦时 exactly as before the per-专业 sets; tonnes keep three
// decimals (kilograms). `kind` says how a year-to-date figure is formed:
//  - 'flow'    : entered per month, YTD is the sum of months 1..m (营业收入, 工业总产值…);
//  - 'stock'   : a month-end balance, the "YTD" of month m is month m's own value (应收账款…);
//  - 'average' : a monthly average (平均用工人数), YTD is the mean of months 1..m.

export const indicatorKeys = [
  // The set every enterprise kept before the per-专业 sets (kept for the values entered then).
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
  // 工业
  'mainRevenue',
  'accountsReceivable',
  'finishedGoods',
  'avgEmployees',
  'electricityPurchaseValue',
  'coalPurchased',
  'coalPurchaseValue',
  'gasPurchased',
  'gasPurchaseValue',
  'gasolinePurchased',
  'gasolinePurchaseValue',
  'dieselPurchased',
  'dieselPurchaseValue',
  'heatPurchased',
  'heatPurchaseValue',
  // 批发零售, 住宿餐饮
  'goodsSales',
  'retailSales',
  'goodsPurchases',
  'endInventory',
  'onlineRetail',
  'turnover',
  'roomRevenue',
  'mealRevenue',
  // 建筑业
  'constructionOutput',
  'contractsSigned',
  'floorUnderConstruction',
  'floorCompleted',
  // 房地产开发
  'investmentCompleted',
  'housingSoldArea',
  'housingSales',
  // 服务业
  'operatingProfit',
] as const;
export const IndicatorKey = z.enum(indicatorKeys);
export type IndicatorKey = z.infer<typeof IndicatorKey>;

export type IndicatorUnit = '千元' | '千瓦时' | '万千瓦时' | '千克标准煤' | '吨' | '万立方米' | '百万千焦' | '平方米' | '人';
export type IndicatorKind = 'flow' | 'stock' | 'average';

export interface IndicatorDef {
  readonly key: IndicatorKey;
  readonly zh: string;
  readonly en: string;
  /** The unit on the forms, as the user types and reads it. */
  readonly unit: IndicatorUnit;
  /** Decimal places in `unit`: the stored integer is the typed value × 10^scale. */
  readonly scale: number;
  readonly kind: IndicatorKind;
  /** Profit may be a loss; every other figure is zero or more. */
  readonly mayBeNegative: boolean;
  /** "其中": the indicator this one is part of (零售额 of 商品销售额), never above it. */
  readonly partOf: IndicatorKey | null;
}

const def = (
  key: IndicatorKey,
  zh: string,
  en: string,
  unit: IndicatorUnit,
  kind: IndicatorKind,
  extra: { mayBeNegative?: boolean; scale?: number; partOf?: IndicatorKey } = {},
): IndicatorDef => ({
  key,
  zh,
  en,
  unit,
  scale: extra.scale ?? 0,
  kind,
  mayBeNegative: extra.mayBeNegative ?? false,
  partOf: extra.partOf ?? null,
});

const tonnes = { scale: 3 } as const;

export const indicators: readonly IndicatorDef[] = [
  def('industrialOutput', '工业总产值', 'Gross industrial output', '千元', 'flow'),
  def('industrialSales', '工业销售产值', 'Industrial sales output', '千元', 'flow'),
  def('exportDelivery', '出口交货值', 'Export delivery value', '千元', 'flow', { partOf: 'industrialSales' }),
  def('electricity', '用电量', 'Electricity used', '万千瓦时', 'flow', { scale: 4 }),
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
  def('mainRevenue', '主营业务收入', 'Main business revenue', '千元', 'flow', { partOf: 'revenue' }),
  def('accountsReceivable', '应收账款', 'Accounts receivable', '千元', 'stock'),
  def('finishedGoods', '产成品存货', 'Finished goods inventory', '千元', 'stock'),
  def('avgEmployees', '平均用工人数', 'Average persons employed', '人', 'average'),
  def('electricityPurchaseValue', '电力购进金额', 'Electricity purchase value', '千元', 'flow'),
  def('coalPurchased', '原煤购进量', 'Raw coal purchased', '吨', 'flow', tonnes),
  def('coalPurchaseValue', '原煤购进金额', 'Raw coal purchase value', '千元', 'flow'),
  def('gasPurchased', '天然气购进量', 'Natural gas purchased', '万立方米', 'flow', { scale: 4 }),
  def('gasPurchaseValue', '天然气购进金额', 'Natural gas purchase value', '千元', 'flow'),
  def('gasolinePurchased', '汽油购进量', 'Gasoline purchased', '吨', 'flow', tonnes),
  def('gasolinePurchaseValue', '汽油购进金额', 'Gasoline purchase value', '千元', 'flow'),
  def('dieselPurchased', '柴油购进量', 'Diesel purchased', '吨', 'flow', tonnes),
  def('dieselPurchaseValue', '柴油购进金额', 'Diesel purchase value', '千元', 'flow'),
  def('heatPurchased', '热力购进量', 'Heat purchased', '百万千焦', 'flow', { scale: 2 }),
  def('heatPurchaseValue', '热力购进金额', 'Heat purchase value', '千元', 'flow'),
  def('goodsSales', '商品销售额', 'Sales of goods', '千元', 'flow'),
  def('retailSales', '零售额', 'Retail sales', '千元', 'flow', { partOf: 'goodsSales' }),
  def('goodsPurchases', '商品购进额', 'Purchases of goods', '千元', 'flow'),
  def('endInventory', '期末商品库存额', 'Goods inventory at month end', '千元', 'stock'),
  def('onlineRetail', '网上零售额', 'Online retail sales', '千元', 'flow', { partOf: 'retailSales' }),
  def('turnover', '营业额', 'Turnover', '千元', 'flow'),
  def('roomRevenue', '客房收入', 'Room revenue', '千元', 'flow', { partOf: 'turnover' }),
  def('mealRevenue', '餐费收入', 'Meal revenue', '千元', 'flow', { partOf: 'turnover' }),
  def('constructionOutput', '建筑业总产值', 'Gross construction output', '千元', 'flow'),
  def('contractsSigned', '签订合同额', 'Value of contracts signed', '千元', 'flow'),
  def('floorUnderConstruction', '房屋施工面积', 'Floor space under construction', '平方米', 'stock'),
  def('floorCompleted', '房屋竣工面积', 'Floor space completed', '平方米', 'flow'),
  def('investmentCompleted', '完成投资', 'Investment completed', '千元', 'flow'),
  def('housingSoldArea', '商品房销售面积', 'Floor space of commercial housing sold', '平方米', 'flow'),
  def('housingSales', '商品房销售额', 'Sales of commercial housing', '千元', 'flow'),
  def('operatingProfit', '营业利润', 'Operating profit', '千元', 'flow', { mayBeNegative: true }),
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
