import type { Condition, Item, ItemType } from '../types';

// Building blocks shared by the form specs: a compact item constructor and the conditions
// that recur across tables (who is an enterprise, which industries are trade, …).

type ItemExtra = Omit<Item, 'code' | 'labelZh' | 'labelEn' | 'type'>;

export function item(
  code: string,
  labelZh: string,
  labelEn: string,
  type: ItemType,
  extra: ItemExtra = {},
): Item {
  return { code, labelZh, labelEn, type, ...extra };
}

export const money = (code: string, labelZh: string, labelEn: string, extra: ItemExtra = {}): Item =>
  item(code, labelZh, labelEn, 'money', { unitZh: '千元', unitEn: 'thousand yuan', ...extra });

export const persons = (code: string, labelZh: string, labelEn: string, extra: ItemExtra = {}): Item =>
  item(code, labelZh, labelEn, 'integer', { unitZh: '人', unitEn: 'persons', min: 0, ...extra });

// ---- Recurring conditions (item codes are those of the 611 / individual forms).
export const isEnterprise: Condition = { item: 'institutionType', op: 'eq', value: '10' };
export const isEnterpriseOrCoop: Condition = { item: 'institutionType', op: 'in', value: ['10', '55'] };
export const isOperating: Condition = { item: 'operatingStatus', op: 'eq', value: '1' };
export const isNotPreparing: Condition = { item: 'operatingStatus', op: 'ne', value: '3' };
/** 执行会计标准类别 1 企业 (or an enterprise / cooperative that has not said yet) reports
 * revenue; the others report 单位支出. */
export const keepsEnterpriseAccounts: Condition = {
  any: [
    { item: 'accountingStandard', op: 'eq', value: '1' },
    { all: [{ item: 'accountingStandard', op: 'empty' }, isEnterpriseOrCoop] },
  ],
};

/** GB/T 4754-2017 divisions: 51 批发业, 52 零售业, 61 住宿业, 62 餐饮业. */
export const TRADE_DIVISIONS = ['51', '52', '61', '62'] as const;
export const isTrade: Condition = { item: 'industryCode', op: 'prefix', value: TRADE_DIVISIONS };
export const isRetail: Condition = { item: 'industryCode', op: 'prefix', value: ['52'] };
export const isWholesaleOrRetail: Condition = { item: 'industryCode', op: 'prefix', value: ['51', '52'] };
/** Section E 建筑业 = divisions 47–50: registered where registered, not where they build. */
export const CONSTRUCTION_DIVISIONS = ['47', '48', '49', '50'] as const;

/** Items every unit's address block has; `prefix` keeps codes unique within a form. */
export function addressItems(prefix: '' | 'reg', required: boolean | Condition, relevant?: Condition): Item[] {
  const k = (s: string) => (prefix ? `${prefix}${s[0]?.toUpperCase()}${s.slice(1)}` : s);
  const where = prefix ? { zh: '注册地', en: 'Registered address: ' } : { zh: '', en: '' };
  const common = { required, ...(relevant ? { relevant } : {}) };
  return [
    item(k('addrProvince'), `${where.zh}省（自治区、直辖市）`, `${where.en}Province`, 'text', { ...common, maxLength: 20 }),
    item(k('addrCity'), `${where.zh}地（区、市、州、盟）`, `${where.en}Prefecture`, 'text', { ...common, maxLength: 20 }),
    item(k('addrCounty'), `${where.zh}县（区、市、旗）`, `${where.en}County`, 'text', { ...common, maxLength: 20 }),
    item(k('addrTownship'), `${where.zh}乡（镇、街道）`, `${where.en}Township (town, sub-district)`, 'text', {
      ...common,
      maxLength: 30,
    }),
    item(k('addrDetail'), `${where.zh}街（村）、门牌号`, `${where.en}Street (village) and number`, 'text', {
      ...common,
      maxLength: 100,
      helpZh: '写到门牌号，例如“文昌镇新华路12号”；至少两个汉字，不用特殊符号',
      helpEn: 'Down to the house number; at least two Chinese characters, no special symbols',
    }),
    item(k('divisionCode'), `${where.zh}区划代码`, `${where.en}Division code`, 'divisionCode', {
      ...common,
      helpZh: '12位统计用区划代码（省2 市2 县2 乡3 村3）',
      helpEn: '12-digit statistical division code (province 2, city 2, county 2, township 3, village 3)',
    }),
  ];
}
