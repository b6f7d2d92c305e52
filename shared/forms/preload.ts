import { normaliseHeader, parseValue, splitPhone, type Parse } from './frame-cell';
import type { UnitKind } from '../registration/units';
import type { LoadedPack } from '../packs/load';
import { primaryFormId } from './unit-forms';

// Preloading the registration form from the listing frame (底册): which frame column fills which
// item, as data. A frame row is kept on the unit as imported (header → text), so the mapping
// is applied when the unit is read, never written into the answers: the values are offered
// beside the items as "来自底册" until the enumerator confirms or edits them (see
// electron/main/registration/preload.ts for why, and for how a confirmation is traced).
//
// Only what the frame states is offered, in the item's own notation: a date becomes 'YYYY-MM',
// a coded column becomes its code when it reads as a code, "code label" or the exact label; a
// value that does not read cleanly is not offered at all (never guessed). Figures are not
// preloaded: a frame's revenue and staff are last year's, not the census year's.

export interface FrameValue {
  /** The item's value in the form's notation (codes as their code). */
  value: string;
  /** The frame column it came from (its header as imported). */
  column: string;
  /** Worked out from another column (names from a division code, the code from the 普查小区). */
  isDerived: boolean;
}

/** Item code → what the frame offers for it, for one form. */
export type FormPreload = Record<string, FrameValue>;
/** Form id → its preload. */
export type UnitPreload = Record<string, FormPreload>;

/** Division names of a 12-digit code's levels, where the store knows them. */
export interface DivisionNames {
  province?: string;
  city?: string;
  county?: string;
  township?: string;
}

export interface PreloadOptions {
  /** Names of the levels of a 12-digit division code (from the division store); none known: {}. */
  divisionNames?(code12: string): DivisionNames;
}


interface Mapping {
  item: string;
  /** Frame headers that carry the item, most specific first (compared after normaliseHeader). */
  headers: readonly string[];
  parse: Parse;
}

const text = (item: string, headers: readonly string[]): Mapping => ({ item, headers, parse: 'text' });

const ADDRESS: readonly Mapping[] = [
  text('addrProvince', ['省（自治区、直辖市）', '省', '省份', '省名称', 'province']),
  text('addrCity', ['地（区、市、州、盟）', '地', '市', '地市', '地级市', '市名称', 'city', 'prefecture']),
  text('addrCounty', ['县（区、市、旗）', '县', '区县', '县区', '县名称', 'county']),
  text('addrTownship', ['乡（镇、街道）', '乡', '乡镇', '乡镇街道', '乡镇（街道）', '街道', 'township']),
  text('addrDetail', ['街（村）、门牌号', '街村门牌号', '街（村）门牌号', '门牌号', 'street']),
  { item: 'divisionCode', headers: ['区划代码', '所在地区划代码', '统计用区划代码', '行政区划代码', 'divisioncode'], parse: 'division' },
];

/** Columns that hold a whole address; its division part is cut off when the names are known. */
const FULL_ADDRESS = ['详细地址', '单位详细地址', '单位地址', '地址', '单位所在地详细地址', '经营地址', 'address'];
/** The frame's 普查小区 column (named as the source of a division code worked out from it). */
const AREA_HEADERS = ['普查小区代码', '普查小区', '小区代码'];
/** A phone column that may be a mobile or a landline: split by what it reads as. */
const ANY_PHONE = ['联系电话', '电话', '电话号码', 'phone', 'telephone'];
/** The 611's phone columns, most specific first, each with the item it names. */
const PHONE_COLUMNS_611: readonly { headers: readonly string[]; item: string | null }[] = [
  { headers: ['固定电话', '座机'], item: 'phoneFixed' },
  { headers: ['移动电话', '手机', '手机号码', 'mobile'], item: 'phoneMobile' },
  { headers: ANY_PHONE, item: null },
];

/** 611 (法人单位 and 产业活动单位). */
const map611: readonly Mapping[] = [
  text('name', ['单位详细名称', '单位名称', '单位全称', '名称', 'name', 'unitname']),
  { item: 'uscc', headers: ['统一社会信用代码', '社会信用代码', '信用代码', 'uscc', 'creditcode'], parse: 'uscc' },
  { item: 'orgCode', headers: ['组织机构代码', '机构代码', 'orgcode'], parse: 'orgCode' },
  text('buildingCode', ['建筑物编码', '建筑物代码', 'buildingcode']),
  text('legalRep', ['法定代表人（单位负责人）', '法定代表人', '单位负责人', '负责人', '法人代表', 'legalrepresentative']),
  { item: 'foundedYm', headers: ['成立年月', '成立日期', '成立时间', 'founded'], parse: 'yearMonth' },
  { item: 'openedYm', headers: ['开业年月', '开业日期', '开业时间', 'opened'], parse: 'yearMonth' },
  ...ADDRESS,
  { item: 'phoneAreaCode', headers: ['长途区号', '区号'], parse: 'digits' },
  { item: 'postcode', headers: ['邮政编码', '邮编', 'postcode'], parse: 'postcode' },
  { item: 'email', headers: ['电子邮箱', '邮箱', 'email'], parse: 'email' },
  text('website', ['网址', '网站', 'website']),
  text('activity1', ['主要业务活动1', '主要业务活动', '主要经营活动', 'mainactivity']),
  { item: 'industryCode', headers: ['行业代码', '行业小类代码', 'industrycode'], parse: 'industry' },
  { item: 'institutionType', headers: ['机构类型', 'institutiontype'], parse: { codeList: 'institutionType' } },
  { item: 'registrationCategory', headers: ['登记注册统计类别', '登记注册类型', '登记注册类别', '企业登记注册类型'], parse: { codeList: 'registrationCategory' } },
  { item: 'holding', headers: ['企业控股情况', '控股情况'], parse: { codeList: 'holding' } },
  { item: 'affiliation', headers: ['隶属关系'], parse: { codeList: 'affiliation' } },
  { item: 'operatingStatus', headers: ['运营状态', '营业状态', '经营状态'], parse: { codeList: 'operatingStatus' } },
];

/** 个体经营户. */
const mapIndividual: readonly Mapping[] = [
  text('name', ['个体经营户名称', '字号名称', '单位详细名称', '单位名称', '名称', 'name']),
  { item: 'uscc', headers: ['统一社会信用代码', '营业执照号码', '社会信用代码', '信用代码', 'uscc'], parse: 'uscc' },
  text('operatorName', ['经营者姓名', '经营者', '法定代表人（单位负责人）', '法定代表人', '负责人']),
  { item: 'openedYm', headers: ['开业年月', '开业日期', '成立日期', '成立年月'], parse: 'yearMonth' },
  { item: 'operatingStatus', headers: ['运营状态', '营业状态', '经营状态'], parse: { codeList: 'operatingStatus' } },
  ...ADDRESS,
  { item: 'phoneMobile', headers: ['联系电话', '移动电话', '手机', '电话', 'phone'], parse: 'digits' },
  text('activity1', ['主要业务活动', '主要经营活动', 'mainactivity']),
  { item: 'industryCode', headers: ['行业代码', '行业小类代码', 'industrycode'], parse: 'industry' },
];

/**
 * The form item a frame column fills when the unit's form opens (its code; 'phone' for a phone
 * column split by what it reads as), or null: the frame preview says which columns are used.
 */
export function preloadItemForHeader(header: string): string | null {
  const h = normaliseHeader(header);
  const hit = (headers: readonly string[]) => headers.some((x) => normaliseHeader(x) === h);
  if (hit(ANY_PHONE)) return 'phone';
  const phone = PHONE_COLUMNS_611.find((p) => p.item && hit(p.headers));
  if (phone?.item) return phone.item;
  const mapping = [...map611, ...mapIndividual].find((m) => hit(m.headers));
  if (mapping) return mapping.item;
  if (hit(FULL_ADDRESS)) return 'addrDetail';
  return null;
}

/** The frame row's cells by normalised header (the first column wins when two say the same). */
function cellsByHeader(row: Readonly<Record<string, string>>): Map<string, { column: string; text: string }> {
  const cells = new Map<string, { column: string; text: string }>();
  for (const [column, cellText] of Object.entries(row)) {
    // The import keeps repeated headers as 'header#n': the first one is the header itself.
    const key = normaliseHeader(column.replace(/#\d+$/, ''));
    if (!cells.has(key)) cells.set(key, { column, text: cellText });
  }
  return cells;
}

// Aliases normalised once: a unit's offers are worked out every time it is read.
const normalised = new WeakMap<readonly string[], readonly string[]>();
const keysOf = (headers: readonly string[]): readonly string[] => {
  let keys = normalised.get(headers);
  if (!keys) {
    keys = headers.map(normaliseHeader);
    normalised.set(headers, keys);
  }
  return keys;
};

const lookup = (cells: ReturnType<typeof cellsByHeader>, headers: readonly string[]) => {
  for (const key of keysOf(headers)) {
    const cell = cells.get(key);
    if (cell && cell.text.trim() !== '') return cell;
  }
  return undefined;
};

/** The address with the leading province, city and county names cut off (the 611 asks for them apart). */
function addressTail(address: string, names: DivisionNames): string {
  let rest = address.trim();
  for (const name of [names.province, names.city, names.county]) {
    if (name && rest.startsWith(name)) rest = rest.slice(name.length).trim();
  }
  return rest;
}

/**
 * What a unit's frame row offers its primary form (611 or the individual form), item by item.
 * `areaCode` is the unit's 普查小区: its 普查区 is the village the unit was listed in, the
 * division code offered when the frame has no column of its own.
 */
export function preloadFromFrame(
  pack: LoadedPack,
  kind: UnitKind,
  frameRow: Readonly<Record<string, string>> | null,
  areaCode: string,
  opts: PreloadOptions = {},
): UnitPreload {
  if (!frameRow) return {};
  const cells = cellsByHeader(frameRow);
  const out: FormPreload = {};
  const mappings = kind === 'individual' ? mapIndividual : map611;
  for (const m of mappings) {
    const cell = lookup(cells, m.headers);
    if (!cell) continue;
    const value = parseValue(m.parse, cell.text, pack.codeList);
    if (value !== null) out[m.item] = { value, column: cell.column, isDerived: false };
  }
  // The 611 asks for 长途区号, 固定电话 and 移动电话 apart: a phone column is split by what it
  // reads as (0955-7012345 → area code and number; 13909551234 → mobile). A value that had to
  // be split out or moved to another item is marked as worked out.
  if (kind !== 'individual') {
    for (const { headers, item: own } of PHONE_COLUMNS_611) {
      const cell = lookup(cells, headers);
      const split = cell ? splitPhone(cell.text) : null;
      if (!cell || !split) continue;
      const parts = Object.entries(split).filter((e): e is [string, string] => typeof e[1] === 'string');
      for (const [item, value] of parts) {
        if (!out[item]) out[item] = { value, column: cell.column, isDerived: parts.length > 1 || item !== own };
      }
    }
  }
  // The division code: the frame's own, else the village of the 普查小区 the unit is listed in.
  const areaColumn = lookup(cells, AREA_HEADERS)?.column ?? '普查小区代码';
  if (!out.divisionCode && /^\d{15}$/.test(areaCode)) {
    out.divisionCode = { value: areaCode.slice(0, 12), column: areaColumn, isDerived: true };
  }
  const code = out.divisionCode?.value;
  const names = code && opts.divisionNames ? opts.divisionNames(code) : {};
  const derivedNames: [string, string | undefined][] = [
    ['addrProvince', names.province],
    ['addrCity', names.city],
    ['addrCounty', names.county],
    ['addrTownship', names.township],
  ];
  for (const [item, name] of derivedNames) {
    if (!out[item] && name && out.divisionCode) out[item] = { value: name, column: out.divisionCode.column, isDerived: true };
  }
  if (!out.addrDetail) {
    const full = lookup(cells, FULL_ADDRESS);
    const tail = full ? addressTail(full.text, names) : '';
    if (full && tail !== '') out.addrDetail = { value: tail, column: full.column, isDerived: tail !== full.text.trim() };
  }
  return Object.keys(out).length > 0 ? { [primaryFormId(kind)]: out } : {};
}
