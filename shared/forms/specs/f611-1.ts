import type { FormSpec } from '../types';
import { item, money, persons } from './common';

// 611-1表 法人单位所属产业活动单位: one row per establishment of a legal entity that answered
// “有下属产业活动单位” on 611. Columns as docs/domain.md lists them (name, address + code,
// industry, staff, revenue); the printed column order is (check).

export const form611_1: FormSpec = {
  id: '611-1',
  printedNo: '611-1表',
  version: '2023.1',
  titleZh: '法人单位所属产业活动单位情况',
  titleEn: 'Establishments of the legal entity',
  source: '第五次全国经济普查 611-1表 as listed in docs/domain.md; columns (check)',
  sections: [
    {
      id: 'establishments',
      titleZh: '产业活动单位',
      titleEn: 'Establishments',
      repeat: { min: 1, max: 999, itemLabelZh: '产业活动单位', itemLabelEn: 'establishment' },
      items: [
        item('estName', '产业活动单位详细名称', 'Establishment name', 'text', { required: true, maxLength: 100 }),
        item('estAddrDetail', '详细地址', 'Address', 'text', {
          required: true,
          maxLength: 100,
          helpZh: '省、市、县、乡镇街道、村（路）到门牌号',
          helpEn: 'Down to the house number',
        }),
        item('estDivisionCode', '区划代码', 'Division code', 'divisionCode', { required: true }),
        item('estIndustryCode', '行业代码', 'Industry code', 'industryCode', { required: true }),
        item('estOperatingStatus', '运营状态', 'Operating status', 'code', {
          codeList: 'operatingStatus',
          required: true,
        }),
        persons('estEmployees', '从业人员期末人数', 'Persons employed at year end', { required: true }),
        money('estRevenue', '经营性单位收入', 'Revenue (business establishments)', { min: 0 }),
        money('estExpenditure', '非经营性单位支出', 'Expenditure (non-business establishments)', { min: 0 }),
      ],
    },
  ],
};
