import type { Rule } from '../types';
import { DOMAIN, addressRule, divisionRules, industryRules, rule } from './shared';

// Rules of the tables around 611: 611-1 establishments (per row and over the rows), 611-2
// persons employed, the indicator tables 611-3 (enterprise) and 611-4 (non-enterprise), and
// 611-8 ICT. Cross-form rules compare with ctx.forms['611'] and stay silent without it.

const le = (id: string, formId: string, part: string, total: string, zh: string, en: string, source = `${DOMAIN}: every 其中 ≤ its total`): Rule =>
  rule({ id, formId, severity: 'mandatory', items: [part, total], check: { fn: 'leTotal', params: { total } }, messageZh: zh, messageEn: en, source });

const withForm611 = (
  id: string,
  formId: string,
  item: string,
  target: string,
  relation: 'eq' | 'le',
  severity: Rule['severity'],
  zh: string,
  en: string,
  factor?: number,
): Rule =>
  rule({
    id,
    formId,
    severity,
    items: [item],
    check: { fn: 'matchesForm', params: { form: '611', item: target, relation, ...(factor ? { factor } : {}) } },
    messageZh: zh,
    messageEn: en,
    source: 'consistency between the 611 tables of one unit',
  });

const f611_1: Rule[] = [
  addressRule('611-1', 'R611-1-ADDR-TEXT', 'estAddrDetail'),
  ...divisionRules('611-1', { stem: 'R611-1-DIV', item: 'estDivisionCode', county: 'hint' }),
  ...industryRules('611-1', 'R611-1', 'estIndustryCode'),
  rule({
    id: 'R611-1-NAME-UNIQUE',
    formId: '611-1',
    severity: 'verify',
    items: ['estName'],
    check: { fn: 'uniqueInSection' },
    messageZh: '{label}“{value}”与第{row}个产业活动单位相同，请核实是否重复填报',
    messageEn: '{label} “{value}” repeats establishment {row}; is it listed twice?',
    source: '611-1表: each establishment once',
  }),
  rule({
    id: 'R611-1-FIGURES',
    formId: '611-1',
    severity: 'verify',
    items: ['estRevenue', 'estExpenditure', 'estOperatingStatus'],
    when: { item: 'estOperatingStatus', op: 'eq', value: '1' },
    check: { fn: 'anyPositive', params: { others: ['estExpenditure'] } },
    messageZh: '正常运营的产业活动单位，经营性单位收入和非经营性单位支出都为空或0，请核实',
    messageEn: 'An operating establishment has neither revenue nor expenditure',
    source: '611-1表: an operating establishment reports revenue or expenditure (check)',
  }),
  rule({
    id: 'R611-1-EMPLOYEES-SUM',
    formId: '611-1',
    severity: 'verify',
    items: ['establishments'],
    check: { fn: 'sumMatchesForm', params: { column: 'estEmployees', form: '611', item: 'employees' } },
    messageZh: '各产业活动单位从业人员合计（{sum}人）与法人单位611表从业人员期末人数（{other}人）不一致，请核实',
    messageEn: 'Establishments employ {sum} in total, but form 611 reports {other}',
    source: 'docs/domain.md: 611-1 lists the legal entity’s establishments (check: whether HQ staff are a row)',
  }),
];

const f611_2: Rule[] = [
  le('R611-2-FEMALE-LE-TOTAL', '611-2', 'femaleEmployees', 'employees', '其中女性（{value}）不能多于从业人员期末人数（{value:employees}）', 'Women ({value}) cannot exceed persons employed ({value:employees})'),
  rule({
    id: 'R611-2-EDUCATION-SUM',
    formId: '611-2',
    severity: 'mandatory',
    items: ['employees', 'eduPostgraduate', 'eduBachelor', 'eduCollege', 'eduSecondaryOrBelow'],
    check: { fn: 'sumEqualsTotal', params: { parts: ['eduPostgraduate', 'eduBachelor', 'eduCollege', 'eduSecondaryOrBelow'] } },
    messageZh: '按学历分的人数之和（{sum}人）应等于从业人员期末人数（{value}）',
    messageEn: 'The education groups add up to {sum}, not persons employed ({value})',
    source: '611-2表: the education breakdown covers everyone (check)',
  }),
  rule({
    id: 'R611-2-TITLES-LE',
    formId: '611-2',
    severity: 'mandatory',
    items: ['employees', 'titleSenior', 'titleIntermediate', 'titleJunior'],
    check: { fn: 'sumLeTotal', params: { parts: ['titleSenior', 'titleIntermediate', 'titleJunior'] } },
    messageZh: '各级专业技术职称人数之和（{sum}人）不能多于从业人员期末人数（{value}）',
    messageEn: 'Professional titles add up to {sum}, more than persons employed ({value})',
    source: `${DOMAIN}: every 其中 ≤ its total`,
  }),
  rule({
    id: 'R611-2-SKILLS-LE',
    formId: '611-2',
    severity: 'mandatory',
    items: ['employees', 'skillSeniorTechnician', 'skillTechnician', 'skillSeniorWorker', 'skillIntermediateWorker', 'skillJuniorWorker'],
    check: {
      fn: 'sumLeTotal',
      params: { parts: ['skillSeniorTechnician', 'skillTechnician', 'skillSeniorWorker', 'skillIntermediateWorker', 'skillJuniorWorker'] },
    },
    messageZh: '各级职业技能等级人数之和（{sum}人）不能多于从业人员期末人数（{value}）',
    messageEn: 'Skill levels add up to {sum}, more than persons employed ({value})',
    source: `${DOMAIN}: every 其中 ≤ its total`,
  }),
  withForm611('R611-2-MATCHES-611', '611-2', 'employees', 'employees', 'eq', 'verify', '从业人员期末人数（{value}）与611表（{other}人）不一致，请核实', 'Persons employed ({value}) differs from form 611 ({other})'),
];

const f611_3: Rule[] = [
  le('R611-3-MAIN-REVENUE-LE', '611-3', 'mainRevenue', 'revenue', '主营业务收入（{value}）不能大于营业收入（{value:revenue}）', 'Main business revenue ({value}) cannot exceed operating revenue ({value:revenue})'),
  le('R611-3-MAIN-COST-LE', '611-3', 'mainCost', 'operatingCost', '主营业务成本（{value}）不能大于营业成本（{value:operatingCost}）', 'Main business cost ({value}) cannot exceed operating cost ({value:operatingCost})'),
  le('R611-3-INVENTORY-LE-CURRENT', '611-3', 'inventory', 'currentAssets', '存货（{value}）不能大于流动资产合计（{value:currentAssets}）', 'Inventories ({value}) cannot exceed current assets ({value:currentAssets})'),
  rule({
    id: 'R611-3-INVENTORY-EQ-CURRENT',
    formId: '611-3',
    severity: 'verify',
    items: ['inventory', 'currentAssets'],
    check: { fn: 'notEqual', params: { other: 'currentAssets' } },
    messageZh: '存货等于流动资产合计（{value}），即没有货币资金和应收款项，请核实',
    messageEn: 'Inventories equal current assets ({value}): no cash or receivables at all?',
    source: `${DOMAIN}: 流动资产 > 存货`,
  }),
  le('R611-3-CURRENT-LE-ASSETS', '611-3', 'currentAssets', 'assets', '流动资产合计（{value}）不能大于资产总计（{value:assets}）', 'Current assets ({value}) cannot exceed total assets ({value:assets})'),
  le('R611-3-DEPRECIATION-LE', '611-3', 'depreciationThisYear', 'accumulatedDepreciation', '本年折旧（{value}）不能大于累计折旧（{value:accumulatedDepreciation}）', 'Depreciation this year ({value}) cannot exceed accumulated depreciation ({value:accumulatedDepreciation})'),
  rule({
    id: 'R611-3-FIXED-ASSET-PARTS',
    formId: '611-3',
    severity: 'mandatory',
    items: ['fixedAssetsOriginal', 'faBuildings', 'faMachinery', 'faVehicles'],
    check: { fn: 'sumLeTotal', params: { parts: ['faBuildings', 'faMachinery', 'faVehicles'] } },
    messageZh: '房屋和构筑物、机器设备、运输工具之和（{sum}千元）不能大于固定资产原价（{value}）',
    messageEn: 'Buildings, machinery and vehicles add up to {sum}, more than fixed assets at cost ({value})',
    source: `${DOMAIN}: 固定资产原价 ≥ sum of its parts`,
  }),
  rule({
    id: 'R611-3-BALANCE',
    formId: '611-3',
    severity: 'verify',
    items: ['assets', 'liabilities', 'equity'],
    check: { fn: 'sumEqualsTotal', params: { parts: ['liabilities', 'equity'], tolerance: 1 } },
    messageZh: '资产总计（{value}）与负债合计加所有者权益合计（{sum}千元）不相等，请核实',
    messageEn: 'Total assets ({value}) differ from liabilities plus equity ({sum})',
    source: 'accounting identity 资产 = 负债 + 所有者权益 (±1 千元 rounding)',
  }),
  withForm611('R611-3-REVENUE-MATCHES-611', '611-3', 'revenue', 'revenue', 'eq', 'verify', '营业收入（{value}）与611表（{other}千元）不一致，请核实', 'Revenue ({value}) differs from form 611 ({other})'),
  withForm611('R611-3-ASSETS-MATCHES-611', '611-3', 'assets', 'assets', 'eq', 'verify', '资产总计（{value}）与611表（{other}千元）不一致，请核实', 'Total assets ({value}) differ from form 611 ({other})'),
  withForm611('R611-3-RD-STAFF-LE', '611-3', 'rdStaff', 'employees', 'le', 'verify', '研发人员（{value}）多于611表从业人员期末人数（{other}人），请核实', 'R&D personnel ({value}) exceed persons employed on form 611 ({other})'),
];

const f611_4: Rule[] = [
  rule({
    id: 'R611-4-INCOME-PARTS',
    formId: '611-4',
    severity: 'mandatory',
    items: ['incomeTotal', 'fiscalIncome', 'serviceIncome', 'businessIncome', 'donationIncome'],
    check: { fn: 'sumLeTotal', params: { parts: ['fiscalIncome', 'serviceIncome', 'businessIncome', 'donationIncome'] } },
    messageZh: '各项收入之和（{sum}千元）不能大于本年收入合计（{value}）',
    messageEn: 'Income items add up to {sum}, more than total income ({value})',
    source: `${DOMAIN}: every 其中 ≤ its total`,
  }),
  rule({
    id: 'R611-4-EXPENDITURE-PARTS',
    formId: '611-4',
    severity: 'mandatory',
    items: ['expenditureTotal', 'staffExpenditure', 'goodsServicesExpenditure', 'householdTransfers'],
    check: { fn: 'sumLeTotal', params: { parts: ['staffExpenditure', 'goodsServicesExpenditure', 'householdTransfers'] } },
    messageZh: '各项支出之和（{sum}千元）不能大于本年支出合计（{value}）',
    messageEn: 'Expenditure items add up to {sum}, more than total expenditure ({value})',
    source: `${DOMAIN}: every 其中 ≤ its total`,
  }),
  rule({
    id: 'R611-4-BALANCE',
    formId: '611-4',
    severity: 'verify',
    items: ['assets', 'liabilities', 'netAssets'],
    check: { fn: 'sumEqualsTotal', params: { parts: ['liabilities', 'netAssets'], tolerance: 1 } },
    messageZh: '资产总计（{value}）与负债合计加净资产合计（{sum}千元）不相等，请核实',
    messageEn: 'Total assets ({value}) differ from liabilities plus net assets ({sum})',
    source: 'accounting identity 资产 = 负债 + 净资产 (±1 千元 rounding)',
  }),
  withForm611('R611-4-EXPENDITURE-MATCHES-611', '611-4', 'expenditureTotal', 'expenditure', 'eq', 'verify', '本年支出合计（{value}）与611表单位支出（{other}千元）不一致，请核实', 'Total expenditure ({value}) differs from form 611 ({other})'),
];

const f611_8: Rule[] = [
  rule({
    id: 'R611-8-ECOMMERCE-AMOUNT',
    formId: '611-8',
    severity: 'mandatory',
    items: ['ecommerceSales', 'ecommercePurchases', 'hasEcommerce'],
    when: { item: 'hasEcommerce', op: 'isTrue' },
    check: { fn: 'anyPositive', params: { others: ['ecommercePurchases'] } },
    messageZh: '开展了电子商务交易的，电子商务销售额和采购额至少有一项应大于0',
    messageEn: 'A unit that trades by e-commerce needs e-commerce sales or purchases above 0',
    source: '611-8表 填表说明 (check)',
  }),
  withForm611('R611-8-ECOMMERCE-LE-REVENUE', '611-8', 'ecommerceSales', 'revenue', 'le', 'verify', '电子商务销售额（{value}）大于611表营业收入（{other}千元），请核实', 'E-commerce sales ({value}) exceed revenue on form 611 ({other})'),
  withForm611('R611-8-COMPUTERS', '611-8', 'computers', 'employees', 'le', 'hint', '期末使用计算机{value}，超过611表从业人员（{other}人）的3倍，请核对', 'Computers ({value}) exceed three per person employed on form 611 ({other})', 3),
  withForm611('R611-8-DIGITAL-STAFF-LE', '611-8', 'digitalStaff', 'employees', 'le', 'verify', '信息技术人员（{value}）多于611表从业人员期末人数（{other}人），请核实', 'IT staff ({value}) exceed persons employed on form 611 ({other})'),
];

export const rules611Tables: Rule[] = [...f611_1, ...f611_2, ...f611_3, ...f611_4, ...f611_8];
