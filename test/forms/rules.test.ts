import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { orgCodeCheckChar, usccCheckChar } from '@shared/census/identifiers';
import type { FormValues } from '@shared/forms/types';
import { evaluate, type RuleContext } from '@shared/rules';
import { pack } from './pack';

// Every rule of the built-in pack, table-driven: at least one failing and one passing case each,
// on complete, valid forms of an imaginary 沙坡头区 supermarket and barbecue stall, checked
// against the real code lists, industry table and 2023 division codes of county 640502.

const divisions = new Set(
  readFileSync(join(__dirname, '../../data/divisions/640502.tsv'), 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t')[0] ?? '')
    .filter((code) => code.length === 12),
);

// A 个体工商户 code: 92, the registrar's area, an org code with its GB 11714 check character.
const withCheck = (first17: string): string => first17 + usccCheckChar(first17);

const individualUscc = (() => {
  const first17 = `92640502MA75Q3K8${orgCodeCheckChar('MA75Q3K8')}`;
  return first17 + usccCheckChar(first17);
})();

const unit611: FormValues = {
  unitType: '1',
  areaCode: '640502100201001',
  uscc: '91350100M000100Y43',
  orgCode: 'M000100Y4',
  name: '中卫市好邻居超市有限公司',
  legalRep: '张伟',
  foundedYm: '2015-06',
  openedYm: '2015-09',
  addrProvince: '宁夏回族自治区',
  addrCity: '中卫市',
  addrCounty: '沙坡头区',
  addrTownship: '滨河镇',
  addrDetail: '西关村文昌路12号',
  divisionCode: '640502100201',
  regSameAsLocation: true,
  phoneAreaCode: '0955',
  phoneFixed: '7012345',
  phoneMobile: '13909551234',
  postcode: '755000',
  email: 'shop@example.com',
  website: 'www.example.com',
  activity1: '日用百货零售',
  industryCode: '5212',
  institutionType: '10',
  registrationCategory: '112',
  holding: '3',
  affiliation: '11',
  operatingStatus: '1',
  accountingStandard: '1',
  enterpriseAccountingStandard: '2',
  hasParent: false,
  groupRole: '3',
  hasEstablishments: true,
  businessForm: '1',
  retailFormat: '1040',
  businessArea: 800,
  employees: 20,
  femaleEmployees: 12,
  revenue: 12000,
  taxes: 150,
  assets: 5000,
  unitHead: '张伟',
  statHead: '李娜',
  filler: '王芳',
  fillerPhone: '13909551234',
  filledDate: '2024-03-01',
};

const establishments: FormValues[] = [
  {
    estName: '好邻居超市文昌店',
    estAddrDetail: '文昌镇蔡桥路8号',
    estDivisionCode: '640502101003',
    estIndustryCode: '5212',
    estOperatingStatus: '1',
    estEmployees: 12,
    estRevenue: 7000,
  },
  {
    estName: '好邻居超市滨河店',
    estAddrDetail: '滨河镇西关村文昌路12号',
    estDivisionCode: '640502100201',
    estIndustryCode: '5212',
    estOperatingStatus: '1',
    estEmployees: 8,
    estRevenue: 5000,
  },
];

const bases: Record<string, FormValues> = {
  '611': unit611,
  '611-1': { establishments },
  '611-2': {
    employees: 20,
    femaleEmployees: 12,
    eduPostgraduate: 1,
    eduBachelor: 5,
    eduCollege: 8,
    eduSecondaryOrBelow: 6,
    titleSenior: 1,
    titleIntermediate: 2,
    titleJunior: 3,
    skillSeniorTechnician: 0,
    skillTechnician: 1,
    skillSeniorWorker: 2,
    skillIntermediateWorker: 3,
    skillJuniorWorker: 4,
  },
  '611-3': {
    revenue: 12000,
    mainRevenue: 11500,
    operatingCost: 9000,
    mainCost: 8800,
    taxes: 150,
    operatingProfit: 900,
    currentAssets: 3000,
    inventory: 1800,
    fixedAssetsOriginal: 2500,
    faBuildings: 1500,
    faMachinery: 500,
    faVehicles: 300,
    accumulatedDepreciation: 800,
    depreciationThisYear: 200,
    assets: 5000,
    liabilities: 2000,
    equity: 3000,
    rdStaff: 2,
  },
  '611-4': {
    incomeTotal: 3000,
    fiscalIncome: 2500,
    serviceIncome: 300,
    businessIncome: 100,
    donationIncome: 50,
    expenditureTotal: 2800,
    staffExpenditure: 1500,
    goodsServicesExpenditure: 1000,
    householdTransfers: 100,
    depreciationThisYear: 80,
    assets: 4000,
    fixedAssetsOriginal: 2000,
    liabilities: 500,
    netAssets: 3500,
  },
  '611-8': {
    computers: 15,
    hasWebsite: true,
    usesCloud: true,
    usesIndustrialInternet: false,
    usesAi: false,
    hasEcommerce: true,
    ecommerceSales: 2000,
    ecommercePurchases: 500,
    usesErp: true,
    usesCrm: false,
    usesScm: false,
    usesMes: false,
    digitalSpending: 50,
    digitalStaff: 1,
  },
  individual: {
    areaCode: '640502100201002',
    name: '老王烧烤店',
    operatorName: '王强',
    hasLicence: true,
    uscc: individualUscc,
    openedYm: '2018-05',
    operatingStatus: '1',
    addrProvince: '宁夏回族自治区',
    addrCity: '中卫市',
    addrCounty: '沙坡头区',
    addrTownship: '滨河镇',
    addrDetail: '西关村文昌路20号',
    divisionCode: '640502100201',
    premises: '1',
    phoneMobile: '13995551234',
    activity1: '烧烤餐饮服务',
    industryCode: '6210',
    businessArea: 60,
    employees: 3,
    femaleEmployees: 1,
    revenue: 360,
    filler: '李明',
    filledDate: '2024-03-10',
  },
};

const baseCtx: RuleContext = {
  today: '2024-03-15',
  deploymentCounty: '640502',
  divisionExists: (code) => divisions.has(code),
  lastYear: { revenue: 11000, employees: 18 },
  forms: { '611': { employees: 20, revenue: 12000, assets: 5000, expenditure: 2800 } },
};

interface Case {
  rule: string;
  form: string;
  patch: FormValues;
  fails: boolean;
  ctx?: Partial<RuleContext>;
  path?: string;
  /** Text the Chinese message must contain. */
  says?: string;
}
type Extra = Pick<Case, 'ctx' | 'path' | 'says'>;
const fail = (rule: string, form: string, patch: FormValues, extra: Extra = {}): Case => ({ rule, form, patch, fails: true, ...extra });
const pass = (rule: string, form: string, patch: FormValues, extra: Extra = {}): Case => ({ rule, form, patch, fails: false, ...extra });
/** Establishments with row `i` patched. */
const row = (i: number, patch: FormValues): FormValues => ({
  establishments: establishments.map((r, j) => (j === i ? { ...r, ...patch } : r)),
});
const reg = (patch: FormValues): FormValues => ({
  regSameAsLocation: false,
  regAddrDetail: '文昌镇民族巷6号',
  regDivisionCode: '640502101004',
  ...patch,
});

const generic: Case[] = [
  fail('GEN-REQUIRED', '611', { name: '' }, { path: 'name', says: '请填写单位详细名称' }),
  fail('GEN-REQUIRED', '611', { businessForm: undefined }, { path: 'businessForm', says: '批发、零售、住宿、餐饮业单位必须填写' }),
  fail('GEN-REQUIRED', '611', { revenue: undefined }, { path: 'revenue' }),
  pass('GEN-REQUIRED', '611', { operatingStatus: '3', openedYm: undefined }, { path: 'openedYm' }),
  pass('GEN-REQUIRED', '611', { industryCode: '4710', businessForm: undefined }, { path: 'businessForm' }),
  pass('GEN-REQUIRED', '611', { operatingStatus: '2', revenue: undefined }, { path: 'revenue' }),
  fail('GEN-FORMAT', '611', { employees: '12.5' }, { path: 'employees', says: '应填整数' }),
  fail('GEN-FORMAT', '611', { foundedYm: '2015/06' }, { path: 'foundedYm', says: '2019-03' }),
  fail('GEN-FORMAT', '611', { filledDate: '2024-02-30' }, { path: 'filledDate' }),
  pass('GEN-FORMAT', '611', { employees: '20' }, { path: 'employees' }),
  fail('GEN-CODE', '611', { operatingStatus: '8' }, { path: 'operatingStatus', says: '不在代码表中' }),
  pass('GEN-CODE', '611', { operatingStatus: '9' }, { path: 'operatingStatus' }),
  fail('GEN-RANGE', '611', { revenue: -5 }, { path: 'revenue', says: '不能小于0' }),
  pass('GEN-RANGE', '611', { revenue: 0 }, { path: 'revenue' }),
  fail('GEN-LENGTH', '611', { name: '好'.repeat(101) }, { path: 'name', says: '最多100个字' }),
  pass('GEN-LENGTH', '611', { name: '好'.repeat(100) }, { path: 'name' }),
  fail('GEN-ROWS', '611-1', { establishments: [] }, { path: 'establishments', says: '请至少填写1个产业活动单位' }),
  pass('GEN-ROWS', '611-1', {}, { path: 'establishments' }),
];

const identity611: Case[] = [
  fail('R611-ID-REQUIRED', '611', { uscc: '', orgCode: '' }),
  pass('R611-ID-REQUIRED', '611', { uscc: '', orgCode: 'M000100Y4' }),
  fail('R611-USCC-FORMAT', '611', { uscc: '9135010' }, { says: '应为18位' }),
  fail('R611-USCC-FORMAT', '611', { uscc: '91350100M000100YI3' }, { says: '不允许的字符' }),
  fail('R611-USCC-FORMAT', '611', { uscc: '9135A100M000100Y43' }, { says: '行政区划码' }),
  pass('R611-USCC-FORMAT', '611', { uscc: '91350100m000100y43' }),
  fail('R611-USCC-CHECKSUM', '611', { uscc: '91350100M000100Y44' }, { says: '校验位不正确' }),
  pass('R611-USCC-CHECKSUM', '611', {}),
  // 9 (工商) issues no category 5.
  fail('R611-USCC-PARTS', '611', { uscc: withCheck('95350200776049653') }, { says: '机构类别' }),
  pass('R611-USCC-PARTS', '611', {}),
  fail('R611-USCC-PARTS', '611', { uscc: withCheck('91640502MA76U8N2H') }, { says: '不是有效的组织机构代码' }),
  pass('R611-USCC-PARTS', '611', { uscc: withCheck('91640502MA76U8N23') }),
  fail('R611-USCC-FORMAT', '611', { uscc: '000000000000000000' }, { says: '占位填充' }),
  fail('R611-USCC-FORMAT', '611', { uscc: withCheck('X1350200776049653') }, { says: '登记管理部门' }),
  fail('R611-ORG-FORMAT', '611', { orgCode: 'M000100' }),
  pass('R611-ORG-FORMAT', '611', { orgCode: 'M000100Y-4' }),
  fail('R611-ORG-CHECKSUM', '611', { orgCode: 'M000100Y5' }),
  pass('R611-ORG-CHECKSUM', '611', {}),
  // The 本部 convention (法人 MA76DE1W9 → 本部 MA76DE1WB): a 核实性 finding, not a character error.
  pass('R611-ORG-FORMAT', '611', { orgCode: 'MA76DE1WB' }),
  fail('R611-ORG-CHECKSUM', '611', { orgCode: 'MA76DE1WB' }),
  fail('R611-ORG-FORMAT', '611', { orgCode: 'MA76DE1WA' }),
  pass('R611-ORG-CHECKSUM', '611', { orgCode: 'MA76DE1WA' }),
  fail('R611-USCC-ORG-MATCH', '611', { orgCode: '776049653' }, { says: '（M000100Y4）不一致' }),
  pass('R611-USCC-ORG-MATCH', '611', { orgCode: 'M000100Y-4' }),
  fail('R611-USCC-TYPE', '611', { institutionType: '20' }, { says: '对应的机构类型是10（企业）' }),
  fail('R611-USCC-TYPE', '611', { uscc: individualUscc }, { says: '个体经营户普查表' }),
  pass('R611-USCC-TYPE', '611', {}),
  fail('R611-AREA-STRUCTURE', '611', { areaCode: '64050210020100' }),
  fail('R611-AREA-STRUCTURE', '611', { areaCode: '640502100201000' }),
  pass('R611-AREA-STRUCTURE', '611', {}),
  fail('R611-AREA-COUNTY', '611', { areaCode: '640521100201001' }, { says: '640502' }),
  pass('R611-AREA-COUNTY', '611', { areaCode: '640521100201001' }, { ctx: { deploymentCounty: undefined } }),
  fail('R611-AREA-DIVISION', '611', { areaCode: '640502100202001' }, { says: '640502100202' }),
  pass('R611-AREA-DIVISION', '611', { areaCode: '640502100202001', industryCode: '4710' }),
  fail('R611-OPEN-AFTER-FOUND', '611', { openedYm: '2019-03', foundedYm: '2020-05' }, {
    says: '开业年月（2019年3月）早于成立年月（2020年5月），请修改',
  }),
  pass('R611-OPEN-AFTER-FOUND', '611', { openedYm: '2020-05', foundedYm: '2020-05' }),
  fail('R611-FOUNDED-FUTURE', '611', { foundedYm: '2024-04', openedYm: '2024-05' }),
  pass('R611-FOUNDED-FUTURE', '611', { foundedYm: '2024-03', openedYm: '2024-03' }),
  fail('R611-OPENED-FUTURE', '611', { openedYm: '2024-04' }, { says: '晚于今天' }),
  pass('R611-OPENED-FUTURE', '611', { openedYm: '2024-03' }),
  fail('R611-FOUNDED-AFTER-REFERENCE', '611', { foundedYm: '2024-01', openedYm: '2024-01' }, { says: '2023年12月' }),
  pass('R611-FOUNDED-AFTER-REFERENCE', '611', { foundedYm: '2023-12', openedYm: '2023-12' }),
];

const location611: Case[] = [
  fail('R611-ADDR-TEXT', '611', { addrDetail: '文昌路12号?' }, { says: '不允许的符号' }),
  fail('R611-ADDR-TEXT', '611', { addrDetail: '12-3' }, { says: '不能只有数字或字母' }),
  fail('R611-ADDR-TEXT', '611', { addrDetail: '12号' }, { says: '至少应有2个汉字' }),
  fail('R611-ADDR-TEXT', '611', { addrDetail: '文昌路锟斤拷12号' }, { says: '乱码' }),
  fail('R611-ADDR-TEXT', '611', { addrDetail: '文昌路\uFFFD12号' }, { says: '乱码' }),
  pass('R611-ADDR-TEXT', '611', { addrDetail: '文昌路12号（西门）' }),
  fail('R611-REG-ADDR-TEXT', '611', reg({ regAddrDetail: '@@' })),
  pass('R611-REG-ADDR-TEXT', '611', reg({})),
  pass('R611-REG-ADDR-TEXT', '611', { regSameAsLocation: true, regAddrDetail: '@@' }),
  fail('R611-DIV-STRUCTURE', '611', { divisionCode: '6405021002' }, { says: '应为12位' }),
  fail('R611-DIV-STRUCTURE', '611', { divisionCode: '640502100000' }, { says: '到村、居委会' }),
  pass('R611-DIV-STRUCTURE', '611', {}),
  fail('R611-DIV-EXISTS', '611', { divisionCode: '640502100399', areaCode: '640502100399001' }),
  pass('R611-DIV-EXISTS', '611', { divisionCode: '640502100399', areaCode: '640502100399001' }, { ctx: { divisionExists: () => undefined } }),
  fail('R611-DIV-COUNTY', '611', { divisionCode: '640521100201' }, { says: '不在本区县（640502）' }),
  pass('R611-DIV-COUNTY', '611', { divisionCode: '640521100201', industryCode: '4710' }),
  fail('R611-REG-DIV-STRUCTURE', '611', reg({ regDivisionCode: '64050' })),
  pass('R611-REG-DIV-STRUCTURE', '611', reg({})),
  fail('R611-REG-DIV-EXISTS', '611', reg({ regDivisionCode: '640502100399' })),
  pass('R611-REG-DIV-EXISTS', '611', reg({})),
  fail('R611-TEL-AREA', '611', { phoneAreaCode: '955' }),
  pass('R611-TEL-AREA', '611', { phoneAreaCode: '010' }),
  fail('R611-TEL-FIXED', '611', { phoneFixed: '09557012345' }),
  pass('R611-TEL-FIXED', '611', { phoneFixed: '70123456' }),
  fail('R611-TEL-MOBILE', '611', { phoneMobile: '1390955123' }),
  pass('R611-TEL-MOBILE', '611', {}),
  fail('R611-CONTACT-ANY', '611', { phoneMobile: '', phoneFixed: '', phoneAreaCode: '' }),
  pass('R611-CONTACT-ANY', '611', { phoneFixed: '', phoneAreaCode: '' }),
  fail('R611-POSTCODE', '611', { postcode: '75500' }),
  pass('R611-POSTCODE', '611', {}),
  fail('R611-EMAIL', '611', { email: 'shop@' }),
  pass('R611-EMAIL', '611', { email: 'li.na+census@mail.example.cn' }),
  fail('R611-WEBSITE', '611', { website: 'not a url' }),
  pass('R611-WEBSITE', '611', { website: 'https://www.example.com/shop' }),
];

const activity611: Case[] = [
  fail('R611-ACTIVITY1-TEXT', '611', { activity1: '零售' }, { says: '至少3个字' }),
  fail('R611-ACTIVITY1-TEXT', '611', { activity1: '日用百货食品烟酒文具五金家电零售' }, { says: '最多15个字' }),
  fail('R611-ACTIVITY1-TEXT', '611', { activity1: '日用 百货' }, { says: '空格' }),
  fail('R611-ACTIVITY1-TEXT', '611', { activity1: '百货/零售' }, { says: '不能含有符号' }),
  fail('R611-ACTIVITY1-TEXT', '611', { activity1: '12345' }, { says: '不能只填数字' }),
  fail('R611-ACTIVITY1-TEXT', '611', { activity1: 'LED' }, { says: '汉字' }),
  pass('R611-ACTIVITY1-TEXT', '611', { activity1: '家具制造、销售' }),
  pass('R611-ACTIVITY1-TEXT', '611', { activity1: 'LED灯具销售' }),
  fail('R611-ACTIVITY2-TEXT', '611', { activity2: '卖' }),
  pass('R611-ACTIVITY2-TEXT', '611', { activity2: '食品零售' }),
  fail('R611-ACTIVITY3-TEXT', '611', { activity3: '!!!' }),
  pass('R611-ACTIVITY3-TEXT', '611', { activity3: '烟酒零售' }),
  fail('R611-INDUSTRY-CLASS', '611', { industryCode: '52' }, { says: '4位数字' }),
  fail('R611-INDUSTRY-CLASS', '611', { industryCode: '5298' }, { says: 'GB/T 4754-2017' }),
  pass('R611-INDUSTRY-CLASS', '611', { industryCode: '5299' }),
  fail('R611-INDUSTRY-SCOPE', '611', { industryCode: '0111' }, { says: '不在经济普查范围内' }),
  pass('R611-INDUSTRY-SCOPE', '611', { industryCode: '0511' }),
];

const attributes611: Case[] = [
  fail('R611-AFFILIATION', '611', { affiliation: '90' }, { says: '现为90（其他）' }),
  pass('R611-AFFILIATION', '611', { affiliation: '10' }),
  fail('R611-REG-ENTERPRISE', '611', { institutionType: '20' }, { says: '现为20（事业单位）' }),
  pass('R611-REG-ENTERPRISE', '611', { institutionType: '20', registrationCategory: '900' }),
  pass('R611-REG-ENTERPRISE', '611', { institutionType: undefined }),
  fail('R611-REG-COOP', '611', { registrationCategory: '400' }),
  pass('R611-REG-COOP', '611', { registrationCategory: '400', institutionType: '55' }),
  fail('R611-COOP-REG', '611', { institutionType: '55' }),
  pass('R611-COOP-REG', '611', { institutionType: '55', registrationCategory: '400' }),
  fail('R611-REG-INDIVIDUAL', '611', { registrationCategory: '500' }),
  pass('R611-REG-INDIVIDUAL', '611', {}),
  fail('R611-HYPERMARKET-AREA', '611', { retailFormat: '1050', businessArea: 3000 }, { says: '现为3000平方米' }),
  pass('R611-HYPERMARKET-AREA', '611', { retailFormat: '1050', businessArea: 8000 }),
  fail('R611-SUPERMARKET-AREA', '611', { businessArea: 9000 }),
  pass('R611-SUPERMARKET-AREA', '611', { businessArea: 6000 }),
  fail('R611-FEMALE-LE-TOTAL', '611', { femaleEmployees: 21 }, { says: '其中女性（21人）不能多于从业人员期末人数（20人）' }),
  pass('R611-FEMALE-LE-TOTAL', '611', { femaleEmployees: 20 }),
  fail('R611-EMPLOYEES-ZERO', '611', { employees: 0, femaleEmployees: 0 }),
  pass('R611-EMPLOYEES-ZERO', '611', { employees: 0, femaleEmployees: 0, operatingStatus: '2' }),
  fail('R611-REVENUE-CROSS-PERIOD', '611', { revenue: 17000 }, { says: '变化+54.5%，超过±50%' }),
  fail('R611-REVENUE-CROSS-PERIOD', '611', { revenue: 5000 }, { says: '-54.5%' }),
  pass('R611-REVENUE-CROSS-PERIOD', '611', { revenue: 16500 }),
  pass('R611-REVENUE-CROSS-PERIOD', '611', { revenue: 17000 }, { ctx: { lastYear: undefined } }),
  pass('R611-REVENUE-CROSS-PERIOD', '611', { revenue: 17000 }, { ctx: { settings: { revenueChange: 0.6 } } }),
  fail('R611-EMPLOYEES-CROSS-PERIOD', '611', { employees: 12, femaleEmployees: 6 }, { says: '上年年报（18人）' }),
  pass('R611-EMPLOYEES-CROSS-PERIOD', '611', { employees: 23 }),
  fail('R611-REVENUE-PER-EMPLOYEE', '611', { revenue: 20 }, { says: '低于批发和零售业的常见下限（10千元）' }),
  fail('R611-REVENUE-PER-EMPLOYEE', '611', { revenue: 5_000_000 }, { says: '高于批发和零售业' }),
  pass('R611-REVENUE-PER-EMPLOYEE', '611', {}),
  pass('R611-REVENUE-PER-EMPLOYEE', '611', { revenue: 20, employees: 0, femaleEmployees: 0 }),
  fail('R611-FILLER-PHONE', '611', { fillerPhone: '12345' }),
  pass('R611-FILLER-PHONE', '611', { fillerPhone: '0955-7012345' }),
  fail('R611-FILLED-FUTURE', '611', { filledDate: '2024-03-16' }),
  pass('R611-FILLED-FUTURE', '611', { filledDate: '2024-03-15' }),
];

const tables: Case[] = [
  fail('R611-1-ADDR-TEXT', '611-1', row(1, { estAddrDetail: '，，' }), { path: 'establishments.1.estAddrDetail' }),
  pass('R611-1-ADDR-TEXT', '611-1', {}),
  fail('R611-1-DIV-STRUCTURE', '611-1', row(0, { estDivisionCode: '123' }), { path: 'establishments.0.estDivisionCode' }),
  pass('R611-1-DIV-STRUCTURE', '611-1', {}),
  fail('R611-1-DIV-EXISTS', '611-1', row(0, { estDivisionCode: '640502100399' })),
  pass('R611-1-DIV-EXISTS', '611-1', {}),
  fail('R611-1-DIV-COUNTY', '611-1', row(0, { estDivisionCode: '640521100201' })),
  pass('R611-1-DIV-COUNTY', '611-1', {}),
  fail('R611-1-INDUSTRY-CLASS', '611-1', row(1, { estIndustryCode: '999' }), { path: 'establishments.1.estIndustryCode' }),
  pass('R611-1-INDUSTRY-CLASS', '611-1', {}),
  fail('R611-1-INDUSTRY-SCOPE', '611-1', row(0, { estIndustryCode: '0111' })),
  pass('R611-1-INDUSTRY-SCOPE', '611-1', {}),
  fail('R611-1-NAME-UNIQUE', '611-1', row(1, { estName: '好邻居超市文昌店' }), { path: 'establishments.1.estName', says: '第1个' }),
  pass('R611-1-NAME-UNIQUE', '611-1', {}),
  fail('R611-1-FIGURES', '611-1', row(0, { estRevenue: 0 })),
  pass('R611-1-FIGURES', '611-1', row(0, { estRevenue: undefined, estExpenditure: 100 })),
  fail('R611-1-EMPLOYEES-SUM', '611-1', {}, { ctx: { forms: { '611': { employees: 25 } } }, path: 'establishments', says: '（20人）' }),
  pass('R611-1-EMPLOYEES-SUM', '611-1', {}),
  pass('R611-1-EMPLOYEES-SUM', '611-1', {}, { ctx: { forms: undefined } }),
  fail('R611-2-FEMALE-LE-TOTAL', '611-2', { femaleEmployees: 21 }),
  pass('R611-2-FEMALE-LE-TOTAL', '611-2', { femaleEmployees: 20 }),
  fail('R611-2-EDUCATION-SUM', '611-2', { eduBachelor: 6 }, { says: '（21人）' }),
  pass('R611-2-EDUCATION-SUM', '611-2', {}),
  pass('R611-2-EDUCATION-SUM', '611-2', { eduBachelor: 6, eduCollege: undefined }),
  fail('R611-2-TITLES-LE', '611-2', { titleJunior: 30 }),
  pass('R611-2-TITLES-LE', '611-2', { titleJunior: 17 }),
  fail('R611-2-SKILLS-LE', '611-2', { skillJuniorWorker: 15 }),
  pass('R611-2-SKILLS-LE', '611-2', { skillJuniorWorker: 14 }),
  fail('R611-2-MATCHES-611', '611-2', {}, { ctx: { forms: { '611': { employees: 19 } } } }),
  pass('R611-2-MATCHES-611', '611-2', {}),
  fail('R611-3-MAIN-REVENUE-LE', '611-3', { mainRevenue: 12001 }),
  pass('R611-3-MAIN-REVENUE-LE', '611-3', { mainRevenue: 12000 }),
  fail('R611-3-MAIN-COST-LE', '611-3', { mainCost: 9001 }),
  pass('R611-3-MAIN-COST-LE', '611-3', { mainCost: 9000 }),
  fail('R611-3-INVENTORY-LE-CURRENT', '611-3', { inventory: 3001 }),
  pass('R611-3-INVENTORY-LE-CURRENT', '611-3', { inventory: 3000 }),
  fail('R611-3-INVENTORY-EQ-CURRENT', '611-3', { inventory: 3000 }),
  pass('R611-3-INVENTORY-EQ-CURRENT', '611-3', { inventory: 0, currentAssets: 0 }),
  fail('R611-3-CURRENT-LE-ASSETS', '611-3', { currentAssets: 5001 }),
  pass('R611-3-CURRENT-LE-ASSETS', '611-3', { currentAssets: 5000 }),
  fail('R611-3-DEPRECIATION-LE', '611-3', { depreciationThisYear: 801 }),
  pass('R611-3-DEPRECIATION-LE', '611-3', { depreciationThisYear: 800 }),
  fail('R611-3-FIXED-ASSET-PARTS', '611-3', { faVehicles: 501 }, { says: '（2501千元）' }),
  pass('R611-3-FIXED-ASSET-PARTS', '611-3', { faVehicles: 500 }),
  fail('R611-3-BALANCE', '611-3', { equity: 2500 }),
  pass('R611-3-BALANCE', '611-3', { equity: 3001 }),
  fail('R611-3-REVENUE-MATCHES-611', '611-3', {}, { ctx: { forms: { '611': { revenue: 12001 } } } }),
  pass('R611-3-REVENUE-MATCHES-611', '611-3', {}),
  fail('R611-3-ASSETS-MATCHES-611', '611-3', { assets: 5100, equity: 3100 }),
  pass('R611-3-ASSETS-MATCHES-611', '611-3', {}),
  fail('R611-3-RD-STAFF-LE', '611-3', { rdStaff: 21 }),
  pass('R611-3-RD-STAFF-LE', '611-3', { rdStaff: 20 }),
  // CEL rules (shared/rules/expr.ts): the base's bound is 12000 − 9000 − 150 = 2850.
  fail('R611-3-PROFIT-BOUND', '611-3', { operatingProfit: 2851 }, { says: '（2850千元）' }),
  pass('R611-3-PROFIT-BOUND', '611-3', { operatingProfit: 2850 }),
  fail('R611-3-PROFIT-BOUND', '611-3', { sellingExpenses: 1000, adminExpenses: 800, rdExpenses: 100, financeExpenses: 100 }, { says: '（850千元）' }),
  pass('R611-3-PROFIT-BOUND', '611-3', { sellingExpenses: 1000, adminExpenses: 800, rdExpenses: 100, financeExpenses: 100, investmentIncome: 50 }),
  pass('R611-3-PROFIT-BOUND', '611-3', { operatingProfit: undefined }),
  pass('R611-3-PROFIT-BOUND', '611-3', { operatingProfit: 99999, operatingCost: undefined }),
  fail('R611-3-PAY-PER-PERSON', '611-3', { payroll: 200 }, { says: '（20人）计，人均10千元，低于12千元' }),
  pass('R611-3-PAY-PER-PERSON', '611-3', { payroll: 240 }),
  pass('R611-3-PAY-PER-PERSON', '611-3', {}),
  pass('R611-3-PAY-PER-PERSON', '611-3', { payroll: 200 }, { ctx: { forms: { '611': { employees: 0 } } } }),
  pass('R611-3-PAY-PER-PERSON', '611-3', { payroll: 200 }, { ctx: { forms: undefined } }),
  fail('R611-3-PAY-PER-PERSON', '611-3', { payroll: 80 }, { ctx: { forms: { '611': { employees: 7 } } }, says: '（7人）计，人均11.43千元' }),
  fail('R611-4-INCOME-PARTS', '611-4', { fiscalIncome: 2600 }),
  pass('R611-4-INCOME-PARTS', '611-4', { fiscalIncome: 2550 }),
  fail('R611-4-EXPENDITURE-PARTS', '611-4', { householdTransfers: 301 }),
  pass('R611-4-EXPENDITURE-PARTS', '611-4', { householdTransfers: 300 }),
  fail('R611-4-BALANCE', '611-4', { netAssets: 3000 }),
  pass('R611-4-BALANCE', '611-4', {}),
  fail('R611-4-EXPENDITURE-MATCHES-611', '611-4', { expenditureTotal: 2700 }),
  pass('R611-4-EXPENDITURE-MATCHES-611', '611-4', {}),
  fail('R611-8-ECOMMERCE-AMOUNT', '611-8', { ecommerceSales: 0, ecommercePurchases: 0 }),
  fail('R611-8-ECOMMERCE-AMOUNT', '611-8', { ecommerceSales: undefined, ecommercePurchases: undefined }),
  pass('R611-8-ECOMMERCE-AMOUNT', '611-8', { hasEcommerce: false, ecommerceSales: undefined, ecommercePurchases: undefined }),
  fail('R611-8-ECOMMERCE-LE-REVENUE', '611-8', { ecommerceSales: 13000 }),
  pass('R611-8-ECOMMERCE-LE-REVENUE', '611-8', { ecommerceSales: 12000 }),
  fail('R611-8-COMPUTERS', '611-8', { computers: 61 }, { says: '3倍' }),
  pass('R611-8-COMPUTERS', '611-8', { computers: 60 }),
  fail('R611-8-DIGITAL-STAFF-LE', '611-8', { digitalStaff: 21 }),
  pass('R611-8-DIGITAL-STAFF-LE', '611-8', { digitalStaff: 20 }),
];

const individual: Case[] = [
  fail('RIND-USCC-FORMAT', 'individual', { uscc: '92640502' }),
  pass('RIND-USCC-FORMAT', 'individual', {}),
  fail('RIND-USCC-CHECKSUM', 'individual', { uscc: `${individualUscc.slice(0, 17)}${individualUscc.endsWith('0') ? '1' : '0'}` }),
  pass('RIND-USCC-CHECKSUM', 'individual', {}),
  fail('RIND-USCC-PARTS', 'individual', { uscc: withCheck('94640502MA75Q3K87') }, { says: '机构类别' }),
  pass('RIND-USCC-PARTS', 'individual', {}),
  fail('RIND-USCC-PARTS', 'individual', { uscc: withCheck('92640502MA75Q3K85') }, { says: '第9至17位' }),
  fail('RIND-USCC-INDIVIDUAL', 'individual', { uscc: '91350100M000100Y43' }, { says: '以“91”开头' }),
  pass('RIND-USCC-INDIVIDUAL', 'individual', {}),
  fail('RIND-AREA-STRUCTURE', 'individual', { areaCode: '6405021002010' }),
  pass('RIND-AREA-STRUCTURE', 'individual', {}),
  fail('RIND-AREA-COUNTY', 'individual', { areaCode: '640521100201002' }),
  pass('RIND-AREA-COUNTY', 'individual', {}),
  fail('RIND-AREA-DIVISION', 'individual', { areaCode: '640502101003002' }),
  pass('RIND-AREA-DIVISION', 'individual', {}),
  fail('RIND-ADDR-TEXT', 'individual', { addrDetail: 'ABC' }),
  pass('RIND-ADDR-TEXT', 'individual', {}),
  fail('RIND-DIV-STRUCTURE', 'individual', { divisionCode: '64050210020A' }, { says: '只能是数字' }),
  pass('RIND-DIV-STRUCTURE', 'individual', {}),
  fail('RIND-DIV-EXISTS', 'individual', { divisionCode: '640502100399', areaCode: '640502100399001' }),
  pass('RIND-DIV-EXISTS', 'individual', {}),
  fail('RIND-DIV-COUNTY', 'individual', { divisionCode: '640521100201' }),
  pass('RIND-DIV-COUNTY', 'individual', { divisionCode: '640521100201', industryCode: '4710' }),
  fail('RIND-ACTIVITY-TEXT', 'individual', { activity1: '烧烤 外卖' }, { says: '空格' }),
  pass('RIND-ACTIVITY-TEXT', 'individual', {}),
  fail('RIND-INDUSTRY-CLASS', 'individual', { industryCode: '621' }),
  pass('RIND-INDUSTRY-CLASS', 'individual', {}),
  fail('RIND-INDUSTRY-SCOPE', 'individual', { industryCode: '0311' }),
  pass('RIND-INDUSTRY-SCOPE', 'individual', {}),
  fail('RIND-OPENED-FUTURE', 'individual', { openedYm: '2025-01' }),
  pass('RIND-OPENED-FUTURE', 'individual', {}),
  fail('RIND-OPENED-AFTER-REFERENCE', 'individual', { openedYm: '2024-02' }),
  pass('RIND-OPENED-AFTER-REFERENCE', 'individual', { openedYm: '2023-12' }),
  fail('RIND-FEMALE-LE-TOTAL', 'individual', { femaleEmployees: 4 }),
  pass('RIND-FEMALE-LE-TOTAL', 'individual', { femaleEmployees: 3 }),
  fail('RIND-EMPLOYEES-MIN', 'individual', { employees: 0, femaleEmployees: 0 }, { says: '包括经营者本人' }),
  pass('RIND-EMPLOYEES-MIN', 'individual', { employees: 1, femaleEmployees: 0 }),
  fail('RIND-REVENUE-PER-EMPLOYEE', 'individual', { revenue: 30000 }, { says: '住宿和餐饮业' }),
  pass('RIND-REVENUE-PER-EMPLOYEE', 'individual', {}),
  fail('RIND-PHONE', 'individual', { phoneMobile: '123' }),
  pass('RIND-PHONE', 'individual', { phoneMobile: '0955-7012345' }),
  fail('RIND-FILLED-FUTURE', 'individual', { filledDate: '2024-04-01' }),
  pass('RIND-FILLED-FUTURE', 'individual', {}),
];

const cases: Case[] = [...generic, ...identity611, ...location611, ...activity611, ...attributes611, ...tables, ...individual];

function run(c: Case) {
  if (!pack.form(c.form)) throw new Error(`no form ${c.form}`);
  return evaluate(pack, c.form, { ...bases[c.form], ...c.patch }, { ...baseCtx, ...c.ctx });
}

describe('the valid example forms', () => {
  it.each(Object.keys(bases))('form %s has no findings at all', (form) => {
    expect(pack.form(form)).toBeDefined();
    expect(evaluate(pack, form, bases[form] ?? {}, baseCtx)).toEqual([]);
  });
});

describe('every rule, failing and passing', () => {
  it.each(cases.map((c) => [`${c.rule} ${c.fails ? 'fails' : 'passes'} on ${JSON.stringify(c.patch).slice(0, 80)}`, c] as const))(
    '%s',
    (_name, c) => {
      const hits = run(c).filter((f) => f.ruleId === c.rule && (c.path === undefined || f.path === c.path));
      if (!c.fails) {
        expect(hits).toEqual([]);
        return;
      }
      expect(hits.length).toBeGreaterThan(0);
      for (const f of hits) {
        expect(f.messageZh).not.toMatch(/[{}]/);
        expect(f.messageEn).not.toMatch(/[{}]/);
        expect(f.messageZh).toMatch(/\p{Script=Han}/u);
      }
      if (c.says) expect(hits.map((f) => f.messageZh).join(' / ')).toContain(c.says);
    },
  );

  it('covers every rule id of the pack with a failing and a passing case', () => {
    const failing = new Set(cases.filter((c) => c.fails).map((c) => c.rule));
    const passing = new Set(cases.filter((c) => !c.fails).map((c) => c.rule));
    const ids = pack.body.rules.map((r) => r.id);
    expect(ids.filter((id) => !failing.has(id))).toEqual([]);
    expect(ids.filter((id) => !passing.has(id))).toEqual([]);
    // …and no case names a rule that does not exist.
    expect(cases.map((c) => c.rule).filter((id) => !ids.includes(id))).toEqual([]);
  });
});
