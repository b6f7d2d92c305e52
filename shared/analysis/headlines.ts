import type { IndicatorKey } from '../ledger/indicators';
import type { ProfessionId } from '../ledger/indicator-sets';

// The headline indicators of the monthly/quarterly economic analysis (月度/季度经济运行分析), per
// 专业: data with a version and a source, like the indicator sets they are drawn from
// (shared/ledger/indicator-sets.ts). Each (专业, indicator) pair is one analysis line: 零售额 of
// 批零 and of 住餐 are two lines, as the bureau's tables report them (社会消费品零售总额 is
// their sum, read off both). The rollup (electron/main/analysis/rollup.ts) keeps exactly these
// pairs; a new version of this table makes it recompute every group (rollup version check).
// Each line must be an indicator its 专业's set keeps, which test/analysis/headlines.test.ts checks.

export interface HeadlineLine {
  readonly profession: ProfessionId;
  readonly indicator: IndicatorKey;
}

export interface HeadlineTable {
  readonly version: string;
  readonly source: string;
  readonly lines: readonly HeadlineLine[];
}

export const headlineTable: HeadlineTable = {
  version: '2024.1',
  source:
    '区统计局月度经济运行分析的主要指标：工业 工业总产值、主营业务收入、营业收入、平均用工人数；批发零售 商品销售额、零售额；住宿餐饮 营业额、零售额；建筑业 建筑业总产值；房地产开发 完成投资、商品房销售额；服务业 营业收入、期末用工人数（各指标口径见统计调查制度相应表式）',
  lines: [
    { profession: 'industry', indicator: 'industrialOutput' },
    { profession: 'industry', indicator: 'mainRevenue' },
    { profession: 'industry', indicator: 'revenue' },
    { profession: 'industry', indicator: 'avgEmployees' },
    { profession: 'trade', indicator: 'goodsSales' },
    { profession: 'trade', indicator: 'retailSales' },
    { profession: 'hospitality', indicator: 'turnover' },
    { profession: 'hospitality', indicator: 'retailSales' },
    { profession: 'construction', indicator: 'constructionOutput' },
    { profession: 'realEstate', indicator: 'investmentCompleted' },
    { profession: 'realEstate', indicator: 'housingSales' },
    { profession: 'services', indicator: 'revenue' },
    { profession: 'services', indicator: 'employees' },
  ],
};

/** 'industry.industrialOutput': one line's key, in IPC and the rollup's order. */
export const lineKey = (l: HeadlineLine): string => `${l.profession}.${l.indicator}`;

const byProfession = new Map<ProfessionId, IndicatorKey[]>();
for (const l of headlineTable.lines) byProfession.set(l.profession, [...(byProfession.get(l.profession) ?? []), l.indicator]);

/** The headline indicators an enterprise of `profession` contributes to. */
export const headlineIndicatorsOf = (profession: ProfessionId): readonly IndicatorKey[] => byProfession.get(profession) ?? [];
