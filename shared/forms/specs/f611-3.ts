import type { FormSpec } from '../types';
import { money, persons } from './common';

// 611-3表 主要经济指标（执行企业会计准则 / 小企业会计准则的单位）. docs/domain.md names 611-3 … 611-7
// as one table per accounting regime (check); this is the enterprise variant, 611-4 the
// non-enterprise one. Money in 千元, integers.

export const form611_3: FormSpec = {
  id: '611-3',
  printedNo: '611-3表', // (check)
  version: '2023.1',
  titleZh: '主要经济指标（企业会计制度）',
  titleEn: 'Main economic indicators (enterprise accounting)',
  source: 'docs/domain.md 611-3…611-7 indicator list; table number and grouping (check)',
  sections: [
    {
      id: 'income',
      titleZh: '损益及分配',
      titleEn: 'Income statement',
      items: [
        money('revenue', '营业收入', 'Operating revenue', { required: true, min: 0 }),
        money('mainRevenue', '其中：主营业务收入', 'of which main business revenue', { min: 0 }),
        money('operatingCost', '营业成本', 'Operating cost', { required: true, min: 0 }),
        money('mainCost', '其中：主营业务成本', 'of which main business cost', { min: 0 }),
        money('taxes', '税金及附加', 'Taxes and surcharges', { required: true }),
        money('sellingExpenses', '销售费用', 'Selling expenses'),
        money('adminExpenses', '管理费用', 'Administrative expenses'),
        money('rdExpenses', '研发费用', 'R&D expenses', { min: 0 }),
        money('financeExpenses', '财务费用', 'Financial expenses'),
        money('interestExpenses', '其中：利息费用', 'of which interest expense', { min: 0 }),
        money('investmentIncome', '投资收益', 'Investment income'),
        money('operatingProfit', '营业利润', 'Operating profit', { required: true }),
        money('vatPayable', '应交增值税', 'VAT payable'),
        money('payroll', '应付职工薪酬（本年贷方累计发生额）', 'Employee pay (credited this year)', { min: 0 }),
      ],
    },
    {
      id: 'balance',
      titleZh: '资产负债',
      titleEn: 'Balance sheet',
      items: [
        money('currentAssets', '流动资产合计', 'Total current assets', { min: 0 }),
        money('inventory', '其中：存货', 'of which inventories', { min: 0 }),
        money('fixedAssetsOriginal', '固定资产原价', 'Fixed assets at original cost', { min: 0 }),
        money('faBuildings', '其中：房屋和构筑物', 'of which buildings and structures', { min: 0 }),
        money('faMachinery', '机器设备', 'machinery and equipment', { min: 0 }),
        money('faVehicles', '运输工具', 'vehicles', { min: 0 }),
        money('accumulatedDepreciation', '累计折旧', 'Accumulated depreciation', { min: 0 }),
        money('depreciationThisYear', '其中：本年折旧', 'of which this year', { min: 0 }),
        money('assets', '资产总计', 'Total assets', { required: true, min: 0 }),
        money('liabilities', '负债合计', 'Total liabilities', { required: true }),
        money('equity', '所有者权益合计', "Total owners' equity"),
      ],
    },
    {
      id: 'rd',
      titleZh: '研发活动',
      titleEn: 'R&D',
      items: [persons('rdStaff', '研发人员', 'R&D personnel')],
    },
  ],
};
