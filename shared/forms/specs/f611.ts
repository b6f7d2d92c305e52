import type { Condition, FormSpec, Section } from '../types';
import {
  addressItems,
  isEnterprise,
  isEnterpriseOrCoop,
  isNotPreparing,
  isOperating,
  isRetail,
  isTrade,
  isWholesaleOrRetail,
  item,
  keepsEnterpriseAccounts,
  money,
  persons,
} from './common';

// 611表 单位基本情况 (法人单位 and 产业活动单位), items as docs/domain.md lists them. Printed item
// numbers follow the 四经普 611 numbering where a public implementation showed it; the 五经普
// book renumbered some items, so every printedNo here is (check).

const isLegal: Condition = { item: 'unitType', op: 'ne', value: '2' };
const isEstablishment: Condition = { item: 'unitType', op: 'eq', value: '2' };
const registeredElsewhere: Condition = { all: [isLegal, { item: 'regSameAsLocation', op: 'isFalse' }] };
const hasParent: Condition = {
  any: [isEstablishment, { all: [isLegal, { item: 'hasParent', op: 'isTrue' }] }],
};

const identity: Section = {
  id: 'identity',
  titleZh: '单位标识',
  titleEn: 'Identification',
  items: [
    item('unitType', '单位类型', 'Unit type', 'code', { codeList: 'unitType', required: true }),
    item('areaCode', '普查小区代码', 'Census sub-district code', 'areaCode', {
      required: true,
      helpZh: '15位：普查区（村、居委会）12位 + 小区顺序码3位',
      helpEn: '15 digits: census district (village) 12 + sequence 3',
    }),
    item('buildingCode', '建筑物编码', 'Building code', 'text', {
      maxLength: 30, // format of the 五经普 building code not in docs/domain.md (check)
      helpZh: '按普查地图上的建筑物编码填写',
      helpEn: 'As on the census map',
    }),
    item('uscc', '统一社会信用代码', 'Unified social credit code', 'uscc', {
      printedNo: '101', // (check)
      helpZh: '18位，按营业执照或登记证书填写；没有的填组织机构代码',
      helpEn: '18 characters, from the licence; units without one give the organisation code',
    }),
    item('orgCode', '组织机构代码', 'Organisation code', 'orgCode', {
      printedNo: '101', // (check)
      helpZh: '9位（8位本体代码 + 1位校验码）',
      helpEn: '9 characters (8 + check character)',
    }),
    item('name', '单位详细名称', 'Full name of the unit', 'text', {
      printedNo: '102', // (check)
      required: true,
      maxLength: 100,
      helpZh: '与单位公章一致的全称',
      helpEn: 'The full name as on the official seal',
    }),
    item('legalRep', '法定代表人（单位负责人）', 'Legal representative (head)', 'text', {
      printedNo: '104', // (check)
      required: true,
      maxLength: 30,
    }),
    item('foundedYm', '成立年月', 'Founded (year-month)', 'yearMonth', {
      printedNo: '202', // (check)
      required: true,
    }),
    item('openedYm', '开业年月', 'Opened for business (year-month)', 'yearMonth', {
      printedNo: '202', // (check)
      required: { all: [isEnterprise, isNotPreparing] },
      requiredNoteZh: '企业不在筹建期的必须填写',
      requiredNoteEn: 'required for enterprises that are not still being set up',
    }),
  ],
};

const location: Section = {
  id: 'location',
  titleZh: '单位所在地及联系方式',
  titleEn: 'Location and contacts',
  items: [
    ...addressItems('', true),
    item('regSameAsLocation', '注册地与所在地是否一致', 'Registered address same as location', 'boolean', {
      printedNo: '106', // (check)
      required: true,
      relevant: isLegal,
    }),
    ...addressItems('reg', registeredElsewhere, registeredElsewhere).filter((i) =>
      ['regAddrDetail', 'regDivisionCode'].includes(i.code),
    ),
    item('phoneAreaCode', '长途区号', 'Area code', 'text', {
      maxLength: 4,
      required: { item: 'phoneFixed', op: 'notEmpty' },
      requiredNoteZh: '填写了固定电话的必须填写',
      requiredNoteEn: 'required when a landline is given',
    }),
    item('phoneFixed', '固定电话', 'Landline', 'phone', { maxLength: 8 }),
    item('phoneMobile', '移动电话', 'Mobile phone', 'phone', { maxLength: 11 }),
    item('postcode', '邮政编码', 'Postcode', 'text', { maxLength: 6 }),
    item('email', '电子邮箱', 'Email', 'email', { maxLength: 60 }),
    item('website', '网址', 'Website', 'url', { maxLength: 100 }),
  ],
};

const activity: Section = {
  id: 'activity',
  titleZh: '主要业务活动与行业',
  titleEn: 'Main activities and industry',
  items: [
    item('activity1', '主要业务活动1', 'Main activity 1', 'text', {
      printedNo: '103', // (check)
      required: true,
      maxLength: 15,
      helpZh: '3至15个汉字，写清做什么，如“餐饮服务”“建材零售”',
      helpEn: '3 to 15 Chinese characters naming what the unit does',
    }),
    item('activity2', '主要业务活动2', 'Main activity 2', 'text', { maxLength: 15 }),
    item('activity3', '主要业务活动3', 'Main activity 3', 'text', { maxLength: 15 }),
    item('industryCode', '行业代码', 'Industry code', 'industryCode', {
      required: true,
      helpZh: '按主要业务活动1，GB/T 4754-2017 四位小类代码',
      helpEn: '4-digit GB/T 4754-2017 class of main activity 1',
    }),
  ],
};

const attributes: Section = {
  id: 'attributes',
  titleZh: '单位属性',
  titleEn: 'Unit attributes',
  items: [
    item('institutionType', '机构类型', 'Institution type', 'code', {
      printedNo: '211', // (check)
      codeList: 'institutionType',
      required: true,
    }),
    item('registrationCategory', '登记注册统计类别', 'Registration category', 'code', {
      printedNo: '205', // (check)
      codeList: 'registrationCategory',
      required: true,
    }),
    item('holding', '企业控股情况', 'Controlling shareholder', 'code', {
      codeList: 'holding',
      relevant: { all: [isLegal, isEnterprise] },
      required: true,
    }),
    item('affiliation', '隶属关系', 'Affiliation', 'code', {
      codeList: 'affiliation',
      relevant: isLegal,
      required: true,
    }),
    item('operatingStatus', '运营状态', 'Operating status', 'code', {
      codeList: 'operatingStatus',
      required: true,
    }),
    item('accountingStandard', '执行会计标准类别', 'Accounting standard', 'code', {
      printedNo: '209', // (check)
      codeList: 'accountingStandard',
      relevant: isLegal,
      required: true,
    }),
    item('enterpriseAccountingStandard', '执行企业会计准则情况', 'Enterprise accounting rules applied', 'code', {
      printedNo: '210', // (check)
      codeList: 'enterpriseAccountingStandard',
      relevant: { all: [isLegal, { item: 'accountingStandard', op: 'eq', value: '1' }] },
      required: true,
      requiredNoteZh: '执行会计标准类别为“企业”的必须填写',
      requiredNoteEn: 'required when the accounting standard is “enterprise”',
    }),
    item('hmtInvestment', '港澳台商投资情况', 'Hong Kong, Macao or Taiwan investor', 'code', {
      codeList: 'hkMacaoTaiwanInvestment',
      relevant: { all: [isLegal, { item: 'registrationCategory', op: 'prefix', value: ['2'] }] },
      required: true,
      requiredNoteZh: '港澳台投资企业必须填写',
      requiredNoteEn: 'required for Hong Kong, Macao and Taiwan invested enterprises',
    }),
  ],
};

const group: Section = {
  id: 'group',
  titleZh: '上级法人、企业集团与下属单位',
  titleEn: 'Parent, group and establishments',
  items: [
    item('hasParent', '是否有上一级法人', 'Has a parent legal entity', 'boolean', { relevant: isLegal, required: true }),
    item('parentUscc', '上一级（归属）法人统一社会信用代码', 'Parent legal entity credit code', 'uscc', {
      relevant: hasParent,
      required: true,
    }),
    item('parentName', '上一级（归属）法人单位详细名称', 'Parent legal entity name', 'text', {
      relevant: hasParent,
      required: true,
      maxLength: 100,
    }),
    item('groupRole', '企业集团情况', 'Enterprise group', 'code', {
      relevant: { all: [isLegal, isEnterprise] },
      codeList: 'enterpriseGroup',
    }),
    item('groupName', '企业集团名称', 'Group name', 'text', {
      relevant: { item: 'groupRole', op: 'in', value: ['1', '2'] },
      required: true,
      maxLength: 100,
    }),
    item('hasEstablishments', '是否有下属产业活动单位', 'Has establishments', 'boolean', {
      relevant: isLegal,
      required: true,
      helpZh: '选“是”的，须填写611-1表',
      helpEn: '“Yes” means form 611-1 lists them',
    }),
  ],
};

const trade: Section = {
  id: 'trade',
  titleZh: '批发和零售业、住宿和餐饮业单位',
  titleEn: 'Wholesale, retail, accommodation and catering',
  relevant: isTrade,
  items: [
    item('businessForm', '经营形式', 'Form of business', 'code', {
      codeList: 'businessForm',
      required: true,
      requiredNoteZh: '批发、零售、住宿、餐饮业单位必须填写',
      requiredNoteEn: 'required for wholesale, retail, accommodation and catering units',
    }),
    item('chainBrand', '连锁品牌（商标或商号）', 'Chain brand', 'text', {
      relevant: { item: 'businessForm', op: 'in', value: ['2', '3', '4'] },
      required: true,
      maxLength: 50,
    }),
    item('retailFormat', '零售业态', 'Retail format', 'code', {
      codeList: 'retailFormat',
      relevant: isWholesaleOrRetail,
      required: isRetail,
      requiredNoteZh: '零售业单位必须填写',
      requiredNoteEn: 'required for retail units',
    }),
    item('businessArea', '年末营业面积', 'Business floor area at year end', 'integer', {
      unitZh: '平方米',
      unitEn: 'm²',
      min: 0,
    }),
  ],
};

const figures: Section = {
  id: 'figures',
  titleZh: '从业人员及主要经济指标',
  titleEn: 'Persons employed and key figures',
  items: [
    persons('employees', '从业人员期末人数', 'Persons employed at year end', { required: true }),
    persons('femaleEmployees', '其中：女性', 'of which women', { required: true }),
    money('revenue', '营业收入', 'Operating revenue', {
      relevant: keepsEnterpriseAccounts,
      required: { all: [isEnterpriseOrCoop, isOperating] },
      requiredNoteZh: '正常运营的企业和农民专业合作社必须填写',
      requiredNoteEn: 'required for operating enterprises and farmer cooperatives',
      min: 0,
    }),
    money('taxes', '税金及附加', 'Taxes and surcharges', { relevant: keepsEnterpriseAccounts, min: 0 }),
    money('assets', '资产总计', 'Total assets', { min: 0 }),
    money('expenditure', '单位支出（费用）', 'Expenditure', {
      relevant: { not: keepsEnterpriseAccounts },
      required: isOperating, // a non-enterprise's key figure; not a docs/domain.md rule (check)
      requiredNoteZh: '正常运营的非企业单位必须填写',
      requiredNoteEn: 'required for operating non-enterprise units',
      min: 0,
    }),
  ],
};

const signOff: Section = {
  id: 'signOff',
  titleZh: '签章',
  titleEn: 'Sign-off',
  items: [
    item('unitHead', '单位负责人', 'Head of unit', 'text', { required: true, maxLength: 30 }),
    item('statHead', '统计负责人', 'Head of statistics', 'text', { required: true, maxLength: 30 }),
    item('filler', '填表人', 'Completed by', 'text', { required: true, maxLength: 30 }),
    item('fillerPhone', '联系电话', 'Contact phone', 'phone', { required: true, maxLength: 20 }),
    item('filledDate', '填表日期', 'Date completed', 'date', { required: true }),
  ],
};

export const form611: FormSpec = {
  id: '611',
  printedNo: '611表',
  version: '2023.1',
  titleZh: '单位基本情况',
  titleEn: 'Basic information of the unit',
  source: '第五次全国经济普查 611表 as listed in docs/domain.md; item numbers from 四经普 (check)',
  sections: [identity, location, activity, attributes, group, trade, figures, signOff],
};
