import type { Condition, FormSpec } from '../types';
import { item, money, persons } from './common';

// 611-8表 信息化及数字化转型情况 (new in 五经普): a representative set of its items — ICT
// equipment and use, e-commerce, digital systems and spending. Item list and order (check).

const sellsOnline: Condition = { item: 'hasEcommerce', op: 'isTrue' };
const yesNo = (code: string, zh: string, en: string) => item(code, zh, en, 'boolean', { required: true });

export const form611_8: FormSpec = {
  id: '611-8',
  printedNo: '611-8表',
  version: '2023.1',
  titleZh: '信息化及数字化转型情况',
  titleEn: 'ICT use and digital transformation',
  source: '第五次全国经济普查 611-8表 (new in 五经普); representative items (check)',
  sections: [
    {
      id: 'ict',
      titleZh: '信息化基础',
      titleEn: 'ICT basics',
      items: [
        item('computers', '期末使用计算机数', 'Computers in use at year end', 'integer', {
          unitZh: '台',
          unitEn: 'units',
          min: 0,
          required: true,
        }),
        yesNo('hasWebsite', '是否有网站或网店', 'Has a website or online shop'),
        yesNo('usesCloud', '是否使用云计算服务', 'Uses cloud services'),
        yesNo('usesIndustrialInternet', '是否使用工业互联网平台', 'Uses an industrial internet platform'),
        yesNo('usesAi', '是否使用人工智能技术', 'Uses artificial intelligence'),
      ],
    },
    {
      id: 'ecommerce',
      titleZh: '电子商务交易',
      titleEn: 'E-commerce',
      items: [
        yesNo('hasEcommerce', '是否开展电子商务交易活动', 'Trades by e-commerce'),
        money('ecommerceSales', '电子商务销售额', 'E-commerce sales', { relevant: sellsOnline, min: 0 }),
        money('ecommercePurchases', '电子商务采购额', 'E-commerce purchases', { relevant: sellsOnline, min: 0 }),
      ],
    },
    {
      id: 'digital',
      titleZh: '数字化转型',
      titleEn: 'Digital transformation',
      items: [
        yesNo('usesErp', '是否应用企业资源计划（ERP）', 'Uses ERP'),
        yesNo('usesCrm', '是否应用客户关系管理（CRM）', 'Uses CRM'),
        yesNo('usesScm', '是否应用供应链管理（SCM）', 'Uses SCM'),
        yesNo('usesMes', '是否应用制造执行系统（MES）', 'Uses MES'),
        money('digitalSpending', '本年数字化投入', 'Digital spending this year', { min: 0 }),
        persons('digitalStaff', '信息技术（数字化）人员', 'IT (digital) staff'),
      ],
    },
  ],
};
