// Every code list of docs/domain.md and the 611 form as versioned data (code lists and
// edit rules are data with a version and a source). Entries marked "(check)" in a list's source
// are not yet verified against the printed form book: correct them here and bump the version.
// Initials are precomputed (test/forms/codes.test.ts recomputes them with pinyin-pro) so the
// renderer never loads the pinyin dictionary.
import type { CodeEntry, CodeList } from './types';

const e = (code: string, zh: string, en: string, initials: string): CodeEntry => ({ code, zh, en, initials });

function list<Id extends string>(meta: Omit<CodeList, 'entries'> & { id: Id }, entries: CodeEntry[]): CodeList & { id: Id } {
  return { ...meta, entries };
}

export const codeLists = {
  institutionType: list(
    { id: 'institutionType', nameZh: '机构类型', nameEn: 'Institution type', version: '2023.1', source: '第五次全国经济普查 611 表《单位基本情况》机构类型 (国家统计局, 2023)', year: 2023 },
    [
      e('10', '企业', 'Enterprise', 'qy'),
      e('20', '事业单位', 'Public service institution', 'sydw'),
      e('30', '机关', 'Government agency', 'jg'),
      e('40', '社会团体', 'Social organisation', 'shtt'),
      e('51', '民办非企业单位', 'Private non-enterprise unit', 'mbfqydw'),
      e('52', '基金会', 'Foundation', 'jjh'),
      e('53', '居委会', 'Residents’ committee', 'jwh'),
      e('54', '村委会', 'Villagers’ committee', 'cwh'),
      e('55', '农民专业合作社', 'Farmers’ specialised cooperative', 'nmzyhzs'),
      e('56', '农村集体经济组织', 'Rural collective economic organisation', 'ncjtjjzz'),
      e('90', '其他', 'Other', 'qt'),
    ],
  ),
  registrationCategory: list(
    { id: 'registrationCategory', nameZh: '登记注册统计类别', nameEn: 'Registration category', version: '2023.1', source: '国家统计局、国家市场监督管理总局《关于市场主体统计分类的划分规定》(2023); 2xx/3xx names from that scheme (check: document number 国统字〔2023〕14号 and exact names)', year: 2023 },
    [
      e('111', '国有独资公司', 'Wholly state-owned company', 'gydzgs'),
      e('112', '私营有限责任公司', 'Private limited liability company', 'syyxzrgs'),
      e('119', '其他有限责任公司', 'Other limited liability company', 'qtyxzrgs'),
      e('121', '私营股份有限公司', 'Private company limited by shares', 'sygfyxgs'),
      e('129', '其他股份有限公司', 'Other company limited by shares', 'qtgfyxgs'),
      e('131', '国有企业', 'State-owned enterprise', 'gyqy'),
      e('132', '集体企业', 'Collective enterprise', 'jtqy'),
      e('133', '股份合作企业', 'Joint-stock cooperative enterprise', 'gfhzqy'),
      e('134', '联营企业', 'Associated enterprise', 'lyqy'),
      e('140', '个人独资企业', 'Sole proprietorship', 'grdzqy'),
      e('150', '合伙企业', 'Partnership', 'hhqy'),
      e('190', '其他内资企业', 'Other domestic enterprise', 'qtnzqy'),
      e('210', '港澳台投资有限责任公司', 'Hong Kong, Macao or Taiwan-invested limited liability company', 'gattzyxzrgs'),
      e('220', '港澳台投资股份有限公司', 'Hong Kong, Macao or Taiwan-invested company limited by shares', 'gattzgfyxgs'),
      e('230', '港澳台投资合伙企业', 'Hong Kong, Macao or Taiwan-invested partnership', 'gattzhhqy'),
      e('290', '其他港澳台投资企业', 'Other Hong Kong, Macao or Taiwan-invested enterprise', 'qtgattzqy'),
      e('310', '外商投资有限责任公司', 'Foreign-invested limited liability company', 'wstzyxzrgs'),
      e('320', '外商投资股份有限公司', 'Foreign-invested company limited by shares', 'wstzgfyxgs'),
      e('330', '外商投资合伙企业', 'Foreign-invested partnership', 'wstzhhqy'),
      e('390', '其他外商投资企业', 'Other foreign-invested enterprise', 'qtwstzqy'),
      e('400', '农民专业合作社', 'Farmers’ specialised cooperative', 'nmzyhzs'),
      e('500', '个体工商户', 'Individual business', 'gtgsh'),
      e('900', '其他', 'Other', 'qt'),
    ],
  ),
  operatingStatus: list(
    { id: 'operatingStatus', nameZh: '运营状态', nameEn: 'Operating status', version: '2023.1', source: '第五次全国经济普查 611 表 运营状态 (2023)', year: 2023 },
    [
      e('1', '正常运营', 'Operating', 'zcyy'),
      e('2', '停业（歇业）', 'Suspended', 'tyxy'),
      e('3', '筹建', 'Under preparation', 'cj'),
      e('4', '当年关闭', 'Closed this year', 'dngb'),
      e('5', '当年破产', 'Bankrupt this year', 'dnpc'),
      e('6', '当年注销', 'Deregistered this year', 'dnzx'),
      e('7', '当年撤（吊）销', 'Licence revoked this year', 'dncdx'),
      e('9', '其他', 'Other', 'qt'),
    ],
  ),
  affiliation: list(
    {
      id: 'affiliation',
      nameZh: '隶属关系',
      nameEn: 'Administrative affiliation',
      version: '2023.2',
      source: '第五次全国经济普查 611 表 隶属关系 (2023); 90 其他 is refused by 名录库规则 141 (隶属关系 ∈ {10, 11}, docs/domain.md), so it is kept only to name older answers (check: whether the 五经普 form still prints 90)',
      year: 2023,
    },
    [
      e('10', '中央', 'Central', 'zy'),
      e('11', '地方', 'Local', 'df'),
      { ...e('90', '其他', 'Other', 'qt'), notOffered: '名录库规则 141: 隶属关系 ∈ {10, 11} (rule R611-AFFILIATION)' },
    ],
  ),
  holding: list(
    { id: 'holding', nameZh: '控股情况', nameEn: 'Controlling shareholder', version: '2023.1', source: '第五次全国经济普查 611 表 控股情况 (2023); names follow the 统计上对公有和非公有控股经济的分类办法', year: 2023 },
    [
      e('1', '国有控股', 'State-controlled', 'gykg'),
      e('2', '集体控股', 'Collectively controlled', 'jtkg'),
      e('3', '私人控股', 'Privately controlled', 'srkg'),
      e('4', '港澳台控股', 'Hong Kong, Macao or Taiwan-controlled', 'gatkg'),
      e('5', '外商控股', 'Foreign-controlled', 'wskg'),
      e('9', '其他', 'Other', 'qt'),
    ],
  ),
  accountingStandard: list(
    { id: 'accountingStandard', nameZh: '执行会计标准类别', nameEn: 'Accounting regime', version: '2023.1', source: '第五次全国经济普查 611 表 执行会计标准类别 (2023); code 3 民间非营利组织会计制度 (check)', year: 2023 },
    [
      e('1', '企业会计准则制度', 'Enterprise accounting standards', 'qykjzzzd'),
      e('2', '政府会计准则制度', 'Government accounting standards', 'zfkjzzzd'),
      e('3', '民间非营利组织会计制度', 'Accounting system for non-profit organisations', 'mjfylzzkjzd'),
      e('9', '其他', 'Other', 'qt'),
    ],
  ),
  enterpriseAccountingStandard: list(
    { id: 'enterpriseAccountingStandard', nameZh: '执行企业会计准则情况', nameEn: 'Enterprise accounting standard applied', version: '2023.1', source: '第五次全国经济普查 611 表 执行企业会计准则情况 (2023), asked when 执行会计标准类别 = 1; code 3 执行企业会计制度 (check)', year: 2023 },
    [
      e('1', '执行企业会计准则', 'Accounting Standards for Business Enterprises', 'zxqykjzz'),
      e('2', '执行小企业会计准则', 'Accounting Standards for Small Business Enterprises', 'zxxqykjzz'),
      e('3', '执行企业会计制度', 'Enterprise Accounting System', 'zxqykjzd'),
    ],
  ),
  businessForm: list(
    { id: 'businessForm', nameZh: '经营形式', nameEn: 'Business form', version: '2023.1', source: '第五次全国经济普查 611 表 批发和零售业、住宿和餐饮业 经营形式 (2023)', year: 2023 },
    [
      e('1', '独立门店', 'Independent store', 'dlmd'),
      e('2', '连锁总店', 'Chain headquarters', 'lszd'),
      e('3', '连锁直营店', 'Chain store, directly operated', 'lszyd'),
      e('4', '连锁加盟店', 'Chain store, franchised', 'lsjmd'),
      e('9', '其他', 'Other', 'qt'),
    ],
  ),
  retailFormat: list(
    { id: 'retailFormat', nameZh: '零售业态', nameEn: 'Retail format', version: '2023.1', source: 'GB/T 18106-2021《零售业态分类》as coded on the 2023 批零 forms: store-based 1010–1120, non-store 2010–2090 (check: codes-to-names order and the non-store list; the GB/T 18106-2010 order ends 专卖店, 家居建材商店, 购物中心, 厂家直销中心)', year: 2023 },
    [
      e('1010', '食杂店', 'Grocery store', 'szd'),
      e('1020', '便利店', 'Convenience store', 'bld'),
      e('1030', '折扣店', 'Discount store', 'zkd'),
      e('1040', '超市', 'Supermarket', 'cs'),
      e('1050', '大型超市', 'Hypermarket', 'dxcs'),
      e('1060', '仓储会员店', 'Warehouse club', 'cchyd'),
      e('1070', '百货店', 'Department store', 'bhd'),
      e('1080', '购物中心', 'Shopping centre', 'gwzx'),
      e('1090', '专业店', 'Specialty store', 'zyd'),
      e('1100', '品牌专卖店', 'Brand store', 'ppzmd'),
      e('1110', '集合店', 'Multi-brand concept store', 'jhd'),
      e('1120', '无人值守商店', 'Unattended store', 'wrzssd'),
      e('2010', '网络零售', 'Online retail', 'wlls'),
      e('2020', '电视购物', 'Television shopping', 'dsgw'),
      e('2030', '邮购', 'Mail order', 'yg'),
      e('2040', '无人售货设备零售', 'Vending machine retail', 'wrshsbls'),
      e('2050', '直销', 'Direct selling', 'zx'),
      e('2060', '电话零售', 'Telephone retail', 'dhls'),
      e('2070', '流动售卖', 'Mobile vending', 'ldsm'),
      e('2090', '其他无店铺零售', 'Other non-store retail', 'qtwdpls'),
    ],
  ),
  unitScale: list(
    { id: 'unitScale', nameZh: '单位规模', nameEn: 'Unit size class', version: '2023.1', source: '国家统计局《统计上大中小微型企业划分办法(2017)》(国统字〔2017〕213号); computed from industry, staff and revenue, never typed', year: 2017 },
    [
      e('1', '大型', 'Large', 'dx'),
      e('2', '中型', 'Medium', 'zx'),
      e('3', '小型', 'Small', 'xx'),
      e('4', '微型', 'Micro', 'wx'),
    ],
  ),
  urbanRural: list(
    { id: 'urbanRural', nameZh: '城乡分类代码', nameEn: 'Urban–rural classification', version: '2023.1', source: '国家统计局《统计用区划代码和城乡划分代码编制规则》, 统计上划分城乡的规定 (国函〔2008〕60号); 2023 edition', year: 2023 },
    [
      e('111', '主城区', 'Main urban area', 'zcq'),
      e('112', '城乡结合区', 'Urban–rural fringe', 'cxjhq'),
      e('121', '镇中心区', 'Town centre', 'zzxq'),
      e('122', '镇乡结合区', 'Town–rural fringe', 'zxjhq'),
      e('123', '特殊区域', 'Special area', 'tsqy'),
      e('210', '乡中心区', 'Township centre', 'xzxq'),
      e('220', '村庄', 'Village', 'cz'),
    ],
  ),
  unitType: list(
    { id: 'unitType', nameZh: '单位类型', nameEn: 'Unit type', version: '2023.1', source: '第五次全国经济普查 611 表 单位类型 (2023)', year: 2023 },
    [
      e('1', '法人单位', 'Legal entity', 'frdw'),
      e('2', '产业活动单位', 'Establishment', 'cyhddw'),
    ],
  ),
  enterpriseGroup: list(
    { id: 'enterpriseGroup', nameZh: '企业集团情况', nameEn: 'Enterprise group membership', version: '2023.1', source: '第五次全国经济普查 611 表 企业集团情况 (2023) (check: codes and wording)', year: 2023 },
    [
      e('1', '企业集团母公司（核心企业）', 'Group parent (core enterprise)', 'qyjtmgshxqy'),
      e('2', '企业集团成员企业', 'Group member enterprise', 'qyjtcyqy'),
      e('3', '非企业集团成员', 'Not in an enterprise group', 'fqyjtcy'),
    ],
  ),
  hkMacaoTaiwanInvestment: list(
    { id: 'hkMacaoTaiwanInvestment', nameZh: '港澳台商投资情况', nameEn: 'Hong Kong, Macao or Taiwan investor origin', version: '2023.1', source: '第五次全国经济普查 611 表 港澳台商投资情况, for registration categories 2xx (check: codes and wording)', year: 2023 },
    [
      e('1', '香港', 'Hong Kong', 'xg'),
      e('2', '澳门', 'Macao', 'am'),
      e('3', '台湾', 'Taiwan', 'tw'),
    ],
  ),
  yesNo: list(
    { id: 'yesNo', nameZh: '是否', nameEn: 'Yes / no', version: '2023.1', source: 'Census form convention: 1 是 2 否 (e.g. 611 有无产业活动单位)', year: 2023 },
    [
      e('1', '是', 'Yes', 's'),
      e('2', '否', 'No', 'f'),
    ],
  ),
} satisfies Record<string, CodeList>;

export type CodeListId = keyof typeof codeLists;

export const codeListIds: readonly CodeListId[] = Object.keys(codeLists).filter(
  (key): key is CodeListId => key in codeLists,
);

const offered = new Map<CodeListId, readonly CodeEntry[]>();

/** The entries a picker offers: every entry but those a rule refuses (CodeEntry.notOffered); the same array each call. */
export function offeredEntries(listId: CodeListId): readonly CodeEntry[] {
  let entries = offered.get(listId);
  if (!entries) {
    entries = codeLists[listId].entries.filter((entry) => entry.notOffered === undefined);
    offered.set(listId, entries);
  }
  return entries;
}

export function findCode(listId: CodeListId, code: string): CodeEntry | undefined {
  return codeLists[listId].entries.find((entry) => entry.code === code);
}
