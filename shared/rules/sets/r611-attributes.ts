import type { Condition } from '../../forms/types';
import type { Rule } from '../types';
import { DOMAIN, rule } from './shared';

// 611表 attributes (code consistency), trade items, persons employed and key figures, sign-off.
// Plain and conditional requirements (运营状态, 营业收入 for operating 企业/合作社, 经营形式 for
// 51/52/61/62, 零售业态 for 52, 执行企业会计准则情况, sign-off names) are in the 611 spec and
// reported by GEN-REQUIRED; the rules here are the ones that compare values.

const F = '611';
const operatingEnterprise: Condition = {
  all: [
    { item: 'institutionType', op: 'eq', value: '10' },
    { item: 'operatingStatus', op: 'eq', value: '1' },
  ],
};

const codes: Rule[] = [
  rule({
    id: 'R611-AFFILIATION',
    formId: F,
    severity: 'mandatory',
    items: ['affiliation'],
    check: { fn: 'assert', params: { cond: { item: 'affiliation', op: 'in', value: ['10', '11'] } } },
    messageZh: '{label}只能是“10（中央）”或“11（地方）”，现为{value}',
    messageEn: '{label} must be 10 (central) or 11 (local), not {value}',
    source: `${DOMAIN}: 隶属关系 ∈ {10, 11} (名录库规则 141)`,
  }),
  rule({
    id: 'R611-REG-ENTERPRISE',
    formId: F,
    severity: 'mandatory',
    items: ['registrationCategory', 'institutionType'],
    when: {
      all: [
        { item: 'registrationCategory', op: 'prefix', value: ['1', '2', '3'] },
        { item: 'institutionType', op: 'notEmpty' },
      ],
    },
    check: { fn: 'assert', params: { cond: { item: 'institutionType', op: 'eq', value: '10' } } },
    messageZh: '登记注册统计类别为{value}的单位，机构类型应为“10（企业）”，现为{value:institutionType}，请修改其中一项',
    messageEn: 'Registration category {value} is for enterprises (institution type 10), not {value:institutionType}',
    source: `${DOMAIN}: 登记注册统计类别 1xx–3xx only for 企业`,
  }),
  rule({
    id: 'R611-REG-COOP',
    formId: F,
    severity: 'mandatory',
    items: ['registrationCategory', 'institutionType'],
    when: {
      all: [
        { item: 'registrationCategory', op: 'eq', value: '400' },
        { item: 'institutionType', op: 'notEmpty' },
      ],
    },
    check: { fn: 'assert', params: { cond: { item: 'institutionType', op: 'eq', value: '55' } } },
    messageZh: '登记注册统计类别为“400（农民专业合作社）”的，机构类型应为“55（农民专业合作社）”，现为{value:institutionType}',
    messageEn: 'Registration category 400 (farmer cooperative) needs institution type 55, not {value:institutionType}',
    source: `${DOMAIN}: 400 ↔ 55`,
  }),
  rule({
    id: 'R611-COOP-REG',
    formId: F,
    severity: 'mandatory',
    items: ['institutionType', 'registrationCategory'],
    when: {
      all: [
        { item: 'institutionType', op: 'eq', value: '55' },
        { item: 'registrationCategory', op: 'notEmpty' },
      ],
    },
    check: { fn: 'assert', params: { cond: { item: 'registrationCategory', op: 'eq', value: '400' } } },
    messageZh: '机构类型为“55（农民专业合作社）”的，登记注册统计类别应为“400（农民专业合作社）”，现为{value:registrationCategory}',
    messageEn: 'Institution type 55 needs registration category 400, not {value:registrationCategory}',
    source: `${DOMAIN}: 400 ↔ 55`,
  }),
  rule({
    id: 'R611-REG-INDIVIDUAL',
    formId: F,
    severity: 'verify',
    items: ['registrationCategory'],
    check: { fn: 'assert', params: { cond: { item: 'registrationCategory', op: 'ne', value: '500' } } },
    messageZh: '登记注册统计类别为“500（个体工商户）”的，一般应填写个体经营户普查表，请核实',
    messageEn: 'Category 500 is an individual business, normally registered on the individual business form',
    source: 'docs/domain.md: 个体经营户 have their own registration form',
  }),
];

const trade: Rule[] = [
  rule({
    id: 'R611-HYPERMARKET-AREA',
    formId: F,
    severity: 'verify',
    items: ['businessArea', 'retailFormat'],
    when: { item: 'retailFormat', op: 'eq', value: '1050' },
    check: { fn: 'atLeast', params: { min: 6000 } },
    messageZh: '零售业态为“大型超市”的，营业面积一般不小于{min}平方米，现为{value}，请核实',
    messageEn: 'A hypermarket usually has at least {min} m² of floor area, not {value}',
    source: 'GB/T 18106 业态划分; 四经普 611 审核 (check)',
  }),
  rule({
    id: 'R611-SUPERMARKET-AREA',
    formId: F,
    severity: 'verify',
    items: ['businessArea', 'retailFormat'],
    when: { item: 'retailFormat', op: 'eq', value: '1040' },
    check: { fn: 'assert', params: { cond: { item: 'businessArea', op: 'le', value: 6000 } } },
    messageZh: '零售业态为“超市”的，营业面积一般不超过6000平方米，现为{value}，请核实是否为大型超市',
    messageEn: 'A supermarket usually has at most 6000 m², not {value}; is it a hypermarket?',
    source: 'GB/T 18106 业态划分; 四经普 611 审核 (check)',
  }),
];

const figures: Rule[] = [
  rule({
    id: 'R611-FEMALE-LE-TOTAL',
    formId: F,
    severity: 'mandatory',
    items: ['femaleEmployees', 'employees'],
    check: { fn: 'leTotal', params: { total: 'employees' } },
    messageZh: '其中女性（{value}）不能多于从业人员期末人数（{value:employees}）',
    messageEn: 'Women ({value}) cannot exceed persons employed ({value:employees})',
    source: `${DOMAIN}: every 其中 ≤ its total`,
  }),
  rule({
    id: 'R611-EMPLOYEES-ZERO',
    formId: F,
    severity: 'verify',
    items: ['employees', 'institutionType', 'operatingStatus'],
    when: operatingEnterprise,
    check: { fn: 'atLeast', params: { min: 1 } },
    messageZh: '正常运营的企业从业人员期末人数为0，请核实',
    messageEn: 'An operating enterprise reports no persons employed',
    source: 'census review practice: operating units employ someone (check)',
  }),
  rule({
    id: 'R611-REVENUE-CROSS-PERIOD',
    formId: F,
    severity: 'verify',
    items: ['revenue'],
    check: { fn: 'crossPeriod', params: { field: 'revenue' } },
    messageZh: '营业收入（{value}）与上年年报（{last}千元）相比变化{change}，超过±{tolerance}，请核实',
    messageEn: 'Revenue ({value}) changed {change} against last year’s annual report ({last} thousand yuan), beyond ±{tolerance}',
    source: `${DOMAIN}: cross-period revenue ±50 % vs 年度快报`,
  }),
  rule({
    id: 'R611-EMPLOYEES-CROSS-PERIOD',
    formId: F,
    severity: 'verify',
    items: ['employees'],
    check: { fn: 'crossPeriod', params: { field: 'employees' } },
    messageZh: '从业人员期末人数（{value}）与上年年报（{last}人）相比变化{change}，超过±{tolerance}，请核实',
    messageEn: 'Persons employed ({value}) changed {change} against last year’s annual report ({last}), beyond ±{tolerance}',
    source: `${DOMAIN}: cross-period staff ±30 % vs 年度快报`,
  }),
  rule({
    id: 'R611-REVENUE-PER-EMPLOYEE',
    formId: F,
    severity: 'verify',
    items: ['revenue', 'employees', 'industryCode'],
    check: { fn: 'revenuePerEmployee', params: { employees: 'employees', industry: 'industryCode', table: 'unit' } },
    messageZh: '人均营业收入{per}千元，超出{section}的常见范围（{min}至{max}千元），请核实营业收入和从业人员',
    messageEn: 'Revenue per person {per} thousand yuan is outside the usual range for {section} ({min}–{max})',
    byReason: {
      low: {
        zh: '人均营业收入仅{per}千元，低于{section}的常见下限（{min}千元），请核实营业收入和从业人员',
        en: 'Revenue per person is only {per} thousand yuan, below the usual minimum for {section} ({min})',
      },
      high: {
        zh: '人均营业收入达{per}千元，高于{section}的常见上限（{max}千元），请核实营业收入和从业人员',
        en: 'Revenue per person is {per} thousand yuan, above the usual maximum for {section} ({max})',
      },
    },
    source: `${DOMAIN}: revenue per employee plausibility by industry (ranges: plausibility.ts, check)`,
  }),
];

const signOff: Rule[] = [
  rule({
    id: 'R611-FILLER-PHONE',
    formId: F,
    severity: 'mandatory',
    items: ['fillerPhone'],
    check: { fn: 'pattern', params: { name: 'anyPhone' } },
    messageZh: '{label}应为11位手机号码或带区号的固定电话（如0955-1234567），现为“{value}”',
    messageEn: '{label} must be a mobile number or a landline with area code, not “{value}”',
    source: `${DOMAIN}: 联系电话 required; phone formats`,
  }),
  rule({
    id: 'R611-FILLED-FUTURE',
    formId: F,
    severity: 'mandatory',
    items: ['filledDate'],
    check: { fn: 'notInFuture' },
    messageZh: '{label}（{value}）晚于今天，请修改',
    messageEn: '{label} ({value}) is in the future',
    source: 'dates not in the future',
  }),
];

export const rules611Attributes: Rule[] = [...codes, ...trade, ...figures, ...signOff];
