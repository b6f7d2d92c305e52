import type { IndicatorKey } from './indicators';

// Which indicators an enterprise's monthly ledger keeps, by 专业 (the statistics line its
// industry reports on). Data with a version and a source, matched like the size thresholds
// (shared/followup/thresholds.ts): a 4-digit class beats a 2-digit division beats a section
// letter; anything unmatched keeps the services set. A correction is a data change with a new
// version; the values entered under an older set stay stored and shown (legacyIndicators).
//
// 批零 and 住餐 also keep 主营业务收入: their 入规纳统 measure (shared/followup/thresholds-data.ts).

export type ProfessionId = 'industry' | 'trade' | 'hospitality' | 'construction' | 'realEstate' | 'services';

export interface IndicatorSet {
  readonly id: ProfessionId;
  readonly zh: string;
  readonly en: string;
  /** Section letters, 2-digit divisions or 4-digit classes; the most specific match wins. */
  readonly matches: readonly string[];
  /** In the order of the form. */
  readonly indicators: readonly IndicatorKey[];
}

export interface IndicatorSetTable {
  readonly version: string;
  readonly source: string;
  readonly sets: readonly IndicatorSet[];
}

export const indicatorSetTable: IndicatorSetTable = {
  version: '2024.1',
  source:
    '国家统计局 统计调查制度: 工业 B204-1 工业产销总值及主要产品产量、B204-2 财务状况、205-1 能源购进消费与库存 (用电量 万千瓦时); 批零 E204-1 商品销售和库存 (其中零售额、网上零售额); 住餐 E204-2 经营情况 (营业额、客房收入、餐费收入、商品销售额、零售额); 建筑业 C204 生产情况 (建筑业总产值、签订合同额、房屋施工/竣工面积); 房地产开发 X204 投资与销售 (完成投资、商品房销售面积、销售额); 服务业 F204 财务状况 (营业收入、营业利润、应付职工薪酬、期末用工人数)',
  sets: [
    {
      id: 'industry',
      zh: '工业',
      en: 'Industry',
      matches: ['B', 'C', 'D'],
      indicators: [
        'mainRevenue',
        'revenue',
        'industrialOutput',
        'industrialSales',
        'exportDelivery',
        'totalProfit',
        'accountsReceivable',
        'finishedGoods',
        'avgEmployees',
        'payroll',
        'electricity',
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
      ],
    },
    {
      id: 'trade',
      zh: '批发零售',
      en: 'Wholesale and retail',
      matches: ['F'],
      indicators: ['mainRevenue', 'goodsSales', 'retailSales', 'goodsPurchases', 'endInventory', 'onlineRetail'],
    },
    {
      id: 'hospitality',
      zh: '住宿餐饮',
      en: 'Accommodation and catering',
      matches: ['H'],
      indicators: ['mainRevenue', 'turnover', 'roomRevenue', 'mealRevenue', 'goodsSales', 'retailSales'],
    },
    {
      id: 'construction',
      zh: '建筑业',
      en: 'Construction',
      matches: ['E'],
      indicators: ['constructionOutput', 'contractsSigned', 'floorUnderConstruction', 'floorCompleted'],
    },
    {
      id: 'realEstate',
      zh: '房地产开发',
      en: 'Real-estate development',
      matches: ['7010'],
      indicators: ['investmentCompleted', 'housingSoldArea', 'housingSales'],
    },
    {
      id: 'services',
      zh: '服务业',
      en: 'Services',
      matches: [],
      indicators: ['revenue', 'operatingProfit', 'payroll', 'employees'],
    },
  ],
};

const setById = new Map(indicatorSetTable.sets.map((s) => [s.id, s]));

export function indicatorSet(id: ProfessionId): IndicatorSet {
  const found = setById.get(id);
  if (!found) throw new Error(`Unknown indicator set ${id}`);
  return found;
}

/**
 * The 专业 of a 4-digit industry class; `sectionOf` maps a division to its section letter
 * (shared/codes/industry). An empty or unknown code keeps the services set.
 */
export function professionOf(industryCode: string, sectionOf: (division: string) => string | undefined): ProfessionId {
  if (!/^\d{4}$/.test(industryCode)) return 'services';
  const division = industryCode.slice(0, 2);
  const section = sectionOf(division);
  for (const key of [industryCode, division, ...(section ? [section] : [])]) {
    const set = indicatorSetTable.sets.find((s) => s.matches.includes(key));
    if (set) return set.id;
  }
  return 'services';
}

/**
 * Indicators with a value in `entered` that the set does not keep: values entered before the
 * per-专业 sets (or under another industry) are shown beside the set, never dropped.
 */
export function legacyIndicators(set: IndicatorSet, entered: Iterable<IndicatorKey>): IndicatorKey[] {
  const kept = new Set(set.indicators);
  const out = new Set<IndicatorKey>();
  for (const key of entered) if (!kept.has(key)) out.add(key);
  return [...out];
}
