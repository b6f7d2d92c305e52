import type { FormSpec } from '../types';
import { addressItems, isOperating, item, money, persons } from './common';

// 个体经营户普查表: operator, licence, address, industry, staff, revenue (docs/domain.md). The table
// number in the 五经普 form book is not given in docs/domain.md, so `printedNo` is left out (check).
// Item codes match 611 where the meaning is the same, so the shared rules read both forms.

export const formIndividual: FormSpec = {
  id: 'individual',
  version: '2023.1',
  titleZh: '个体经营户基本情况',
  titleEn: 'Individual business',
  source: '第五次全国经济普查 个体经营户普查表 as listed in docs/domain.md; items (check)',
  sections: [
    {
      id: 'identity',
      titleZh: '经营户标识',
      titleEn: 'Identification',
      items: [
        item('areaCode', '普查小区代码', 'Census sub-district code', 'areaCode', { required: true }),
        item('name', '个体经营户名称（字号）', 'Business name', 'text', {
          required: true,
          maxLength: 100,
          helpZh: '营业执照上的名称；没有字号的填招牌名称',
          helpEn: 'The name on the licence, or the shop sign',
        }),
        item('operatorName', '经营者姓名', 'Operator', 'text', { required: true, maxLength: 30 }),
        item('hasLicence', '是否领取营业执照', 'Has a business licence', 'boolean', { required: true }),
        item('uscc', '统一社会信用代码（营业执照号码）', 'Unified social credit code (licence number)', 'uscc', {
          relevant: { item: 'hasLicence', op: 'isTrue' },
          required: true,
        }),
        item('openedYm', '开业年月', 'Opened for business (year-month)', 'yearMonth', { required: true }),
        item('operatingStatus', '运营状态', 'Operating status', 'code', {
          codeList: 'operatingStatus',
          required: true,
        }),
      ],
    },
    {
      id: 'location',
      titleZh: '经营地址及联系方式',
      titleEn: 'Address and contact',
      items: [
        ...addressItems('', true),
        item('premises', '经营场所', 'Premises', 'code', {
          required: true,
          options: [
            { code: '1', zh: '有固定经营场所', en: 'Fixed premises' },
            { code: '2', zh: '无固定经营场所', en: 'No fixed premises' },
          ],
        }),
        item('phoneMobile', '联系电话', 'Contact phone', 'phone', { required: true, maxLength: 20 }),
      ],
    },
    {
      id: 'activity',
      titleZh: '经营活动',
      titleEn: 'Business activity',
      items: [
        item('activity1', '主要业务活动', 'Main activity', 'text', { required: true, maxLength: 15 }),
        item('industryCode', '行业代码', 'Industry code', 'industryCode', { required: true }),
        item('businessArea', '营业面积', 'Business floor area', 'integer', {
          unitZh: '平方米',
          unitEn: 'm²',
          min: 0,
          relevant: { item: 'premises', op: 'eq', value: '1' },
        }),
      ],
    },
    {
      id: 'figures',
      titleZh: '从业人员及营业收入',
      titleEn: 'Persons engaged and revenue',
      items: [
        persons('employees', '从业人员（含经营者本人）', 'Persons engaged (incl. the operator)', {
          required: true,
        }),
        persons('femaleEmployees', '其中：女性', 'of which women', { required: true }),
        money('revenue', '全年营业收入', 'Revenue for the year', {
          required: isOperating,
          requiredNoteZh: '正常经营的必须填写',
          requiredNoteEn: 'required while the business operates',
          min: 0,
        }),
      ],
    },
    {
      id: 'signOff',
      titleZh: '填报',
      titleEn: 'Completion',
      items: [
        item('filler', '填表人', 'Completed by', 'text', { required: true, maxLength: 30 }),
        item('filledDate', '填表日期', 'Date completed', 'date', { required: true }),
      ],
    },
  ],
};
