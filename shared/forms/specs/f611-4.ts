import type { FormSpec } from '../types';
import { money } from './common';

// 611-4表 主要经济指标（执行政府会计制度、民间非营利组织会计制度等非企业单位）: revenue and
// expenditure by source and use, assets. The non-enterprise variant of docs/domain.md's 611-3 … 611-7
// (check: the form book splits 政府会计 and 民间非营利 into separate tables).

export const form611_4: FormSpec = {
  id: '611-4',
  printedNo: '611-4表', // (check)
  version: '2023.1',
  titleZh: '主要经济指标（非企业单位）',
  titleEn: 'Main economic indicators (non-enterprise units)',
  source: 'docs/domain.md 611-3…611-7 (政府会计, 民间非营利); table number and items (check)',
  sections: [
    {
      id: 'income',
      titleZh: '收入',
      titleEn: 'Income',
      items: [
        money('incomeTotal', '本年收入合计', 'Total income this year', { required: true, min: 0 }),
        money('fiscalIncome', '其中：财政拨款收入', 'of which fiscal appropriations', { min: 0 }),
        money('serviceIncome', '事业收入', 'service income', { min: 0 }),
        money('businessIncome', '经营收入', 'business income', { min: 0 }),
        money('donationIncome', '捐赠收入', 'donations', { min: 0 }),
      ],
    },
    {
      id: 'expenditure',
      titleZh: '支出（费用）',
      titleEn: 'Expenditure',
      items: [
        money('expenditureTotal', '本年支出（费用）合计', 'Total expenditure this year', { required: true, min: 0 }),
        money('staffExpenditure', '其中：工资福利支出', 'of which pay and benefits', { min: 0 }),
        money('goodsServicesExpenditure', '商品和服务支出', 'goods and services', { min: 0 }),
        money('householdTransfers', '对个人和家庭的补助', 'transfers to households', { min: 0 }),
        money('depreciationThisYear', '本年折旧（摊销）', 'Depreciation (amortisation) this year', { min: 0 }),
      ],
    },
    {
      id: 'balance',
      titleZh: '资产负债',
      titleEn: 'Balance sheet',
      items: [
        money('assets', '资产总计', 'Total assets', { required: true, min: 0 }),
        money('fixedAssetsOriginal', '固定资产原值', 'Fixed assets at cost', { min: 0 }),
        money('liabilities', '负债合计', 'Total liabilities', { min: 0 }),
        money('netAssets', '净资产合计', 'Total net assets'),
      ],
    },
  ],
};
