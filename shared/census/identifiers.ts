// Identifier checks for the 611 form: 统一社会信用代码 (GB 32100-2015), 组织机构代码 (GB 11714),
// 统计用区划代码 (12 digits) and 普查小区代码 (15 digits). Pure functions returning a reason code;
// the rule engine decides severity. Real registers contain codes whose check character is wrong,
// so a CHECKSUM failure is 核实性 (explain and submit), never a block (docs/domain.md).

import { normaliseInput } from '../text/normalise';

export type IdCheckReason = 'EMPTY' | 'LENGTH' | 'CHARSET' | 'CHECKSUM' | 'STRUCTURE' | 'REGISTRAR' | 'FILLER' | 'BRANCH';
export type IdCheck = { ok: true } | { ok: false; reason: IdCheckReason };

const OK: IdCheck = { ok: true };
const fail = (reason: IdCheckReason): IdCheck => ({ ok: false, reason });

// ---------------------------------------------------------------------------------------------
// 统一社会信用代码 GB 32100-2015: registrar 1 + type 1 + registrar's area 6 + org code 9 + check 1.

/** GB 32100 character set: digits and capitals without I, O, S, V, Z; a character's value is its index. */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Weight of position i (0-based) is 3^i mod 31. */
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

// Hyphens and dashes people put between groups of a code (9135 0100-M000 100Y43, the printed
// 组织机构代码 XXXXXXXX-X); NFKC has already made the full-width ones (－) ASCII.
const DASHES = /[-\u2010-\u2015\u2212\uFE58\uFE63]/g;

/**
 * The one normal form of a typed or imported 统一社会信用代码 or 组织机构代码: half-width (NFKC:
 * an input method in full-width mode types ９１３５…), without any space or hyphen, upper-case
 * (the letters carry no case and people type lower case). Idempotent; what is stored is this
 * (docs/domain.md, "Identifiers"). Forms, the listing frame, the directory and `census check` all
 * call it.
 */
export function normaliseIdentifier(code: string): string {
  // Upper-casing and NFKC do not commute for a few characters (ΐ upper-cases to a decomposed
  // sequence NFKC composes again): repeat to the fixed point, which two rounds reach in practice.
  let s = code;
  for (let round = 0; round < 4; round++) {
    const next = normaliseInput(s, 'code').replace(DASHES, '').toUpperCase();
    if (next === s) break;
    s = next;
  }
  return s;
}

/** The check character for the first 17 characters; throws on input that is not 17 alphabet characters. */
export function usccCheckChar(first17: string): string {
  const s = normaliseIdentifier(first17);
  if (s.length !== 17) throw new RangeError(`usccCheckChar needs 17 characters, got ${s.length}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_ALPHABET.indexOf(s.charAt(i));
    if (value < 0) throw new RangeError(`usccCheckChar: '${s.charAt(i)}' is not in the GB 32100 alphabet`);
    sum += value * (USCC_WEIGHTS[i] ?? 0);
  }
  return USCC_ALPHABET.charAt((31 - (sum % 31)) % 31);
}

/**
 * GB 32100-2015 附录A: each registrar (登记管理部门, position 1) and the categories (机构类别,
 * position 2) it issues. (check: the table is from the standard as summarised in secondary
 * sources; Y's categories are not certain.)
 */
export const USCC_CATEGORIES: Readonly<Record<string, string>> = {
  '1': '1239', // 机构编制: 机关, 事业单位, 中央编办直接管理的群众团体, 其他
  '2': '19', // 外交
  '3': '123459', // 司法行政: 律师执业机构, 公证处, 基层法律服务所, 司法鉴定机构, 仲裁委员会, 其他
  '4': '19', // 文化
  // 民政: 社会团体, 民办非企业单位, 基金会, 村民委员会 (4), 居民委员会 (5), 其他 (check: 4 and 5
  // are the 基层群众性自治组织 codes issued since 2018, not in the 2015 table)
  '5': '123459',
  '6': '129', // 旅游
  '7': '129', // 宗教
  '8': '19', // 工会
  '9': '123', // 工商: 企业, 个体工商户, 农民专业合作社
  A: '19', // 中央军委改革和编制办公室
  N: '1239', // 农业: 组级, 村级, 乡镇级集体经济组织, 其他
  Y: '', // 其他: categories not certain; any is accepted
};
/** Registrars some sources add (G, J, Q): accepted, their categories unknown (check). */
const OTHER_REGISTRARS = 'GJQ';

/** A code people type to fill the box, not a code: all one character, or an all-zero org code. */
function isFiller(s: string): boolean {
  return /^(.)\1*$/.test(s) || s.slice(8, 17) === '000000000';
}

export function checkUscc(code: string): IdCheck {
  const s = normaliseIdentifier(code);
  if (s === '') return fail('EMPTY');
  if (s.length !== 18) return fail('LENGTH');
  for (const ch of s) if (!USCC_ALPHABET.includes(ch)) return fail('CHARSET');
  // The all-zero code passes the checksum: a filler must be caught before it.
  if (isFiller(s)) return fail('FILLER');
  const registrar = s.charAt(0);
  if (!Object.hasOwn(USCC_CATEGORIES, registrar) && !OTHER_REGISTRARS.includes(registrar)) return fail('REGISTRAR');
  // Positions 3–8 are the registrar's GB/T 2260 area code: digits only.
  if (!/^\d{6}$/.test(s.slice(2, 8))) return fail('STRUCTURE');
  return usccCheckChar(s.slice(0, 17)) === s.charAt(17) ? OK : fail('CHECKSUM');
}

export type UsccPartsReason = 'CATEGORY' | 'ORGCODE';

/**
 * The parts of a well-formed USCC a register can still get wrong, a 核实性 matter: a category its
 * registrar does not issue (CATEGORY), or positions 9–17 that are not a GB 11714 组织机构代码 with
 * its own check character (ORGCODE; the USCC's check character covers the whole code, so a code
 * made up or copied wrongly can pass it and still carry an org code no registrar gave). Null when
 * both hold (or the code is not 18 characters: the format rule says so).
 */
export function usccPartsProblem(code: string): UsccPartsReason | null {
  const s = normaliseIdentifier(code);
  if (s.length !== 18) return null;
  const categories = USCC_CATEGORIES[s.charAt(0)];
  if (categories !== undefined && categories !== '' && !categories.includes(s.charAt(1))) return 'CATEGORY';
  return checkOrgCode(s.slice(8, 17)).ok ? null : 'ORGCODE';
}

/** The 组织机构代码 embedded at positions 9–17, or '' when `uscc` is not 18 characters. */
export function usccOrgCode(uscc: string): string {
  const s = normaliseIdentifier(uscc);
  return s.length === 18 ? s.slice(8, 17) : '';
}

/** 机构类型 hinted by the USCC's registrar + type prefix (docs/domain.md); 'individual' = 个体工商户.
 * USCC category 55 is not 机构类型 55: the hints map prefixes, never the category alone. */
export type InstitutionTypeHint = '10' | '20' | '30' | '40' | '51' | '52' | '53' | '54' | '55' | '56' | 'individual';

const PREFIX_TO_INSTITUTION: Readonly<Record<string, InstitutionTypeHint>> = {
  '91': '10', // 工商 · 企业
  '92': 'individual', // 工商 · 个体工商户
  '93': '55', // 工商 · 农民专业合作社
  '11': '30', // 机构编制 · 机关
  '12': '20', // 机构编制 · 事业单位
  '51': '40', // 民政 · 社会团体
  '52': '51', // 民政 · 民办非企业单位
  '53': '52', // 民政 · 基金会
  '13': '40', // 机构编制 · 中央编办直接管理的群众团体: 社会团体
  // 民政 · 村民委员会 / 居民委员会: USCC 55 is a 居委会, 机构类型 53, not 机构类型 55 (合作社). (check)
  '54': '54',
  '55': '53',
  N1: '56', // 农业 · 组级集体经济组织
  N2: '56', // 农业 · 村级集体经济组织
  N3: '56', // 农业 · 乡镇级集体经济组织
};

/** The 机构类型 code the prefix implies, or null when the prefix carries no hint. */
export function institutionTypeFromUscc(uscc: string): InstitutionTypeHint | null {
  return PREFIX_TO_INSTITUTION[normaliseIdentifier(uscc).slice(0, 2)] ?? null;
}

// ---------------------------------------------------------------------------------------------
// 组织机构代码 GB 11714: 8 characters of 0-9A-Z (A = 10 … Z = 35) and a check character 0-9/X.

const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

function orgCharValue(ch: string): number {
  if (/^[0-9]$/.test(ch)) return Number(ch);
  if (/^[A-Z]$/.test(ch)) return ch.charCodeAt(0) - 55;
  return -1;
}

/** The check character for the first 8 characters; throws on input that is not 8 of 0-9A-Z. */
export function orgCodeCheckChar(first8: string): string {
  const s = normaliseIdentifier(first8);
  if (s.length !== 8) throw new RangeError(`orgCodeCheckChar needs 8 characters, got ${s.length}`);
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const value = orgCharValue(s.charAt(i));
    if (value < 0) throw new RangeError(`orgCodeCheckChar: '${s.charAt(i)}' is not 0-9 or A-Z`);
    sum += value * (ORG_WEIGHTS[i] ?? 0);
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/**
 * The 三经普 convention for a 本部 (an establishment at the 法人's own seat, without a code of its
 * own): the 法人's org code's first 8 characters and 'B'. B is never a GB 11714 check character, so
 * such a code is told apart from a mistyped one: checkOrgCode says BRANCH (核实性), not CHARSET.
 */
export const isBranchOrgCode = (code: string): boolean => /^[0-9A-Z]{8}B$/.test(normaliseIdentifier(code));

/** The 本部 code of a 法人 whose org code (or USCC, positions 9–16) is given; '' when it has none. */
export function branchOrgCodeOf(legalCode: string): string {
  const s = normaliseIdentifier(legalCode);
  const org = s.length === 18 ? s.slice(8, 17) : s;
  return /^[0-9A-Z]{8}[0-9X]$/.test(org) ? `${org.slice(0, 8)}B` : '';
}

export function checkOrgCode(code: string): IdCheck {
  const s = normaliseIdentifier(code);
  if (s === '') return fail('EMPTY');
  if (s.length !== 9) return fail('LENGTH');
  if (isBranchOrgCode(s)) return fail('BRANCH');
  if (!/^[0-9A-Z]{8}[0-9X]$/.test(s)) return fail('CHARSET');
  return orgCodeCheckChar(s.slice(0, 8)) === s.charAt(8) ? OK : fail('CHECKSUM');
}

// ---------------------------------------------------------------------------------------------
// 统计用区划代码: PP CC DD TTT VVV. Ranges from the NBS 编制规则 (docs/domain.md): township 001–099
// 街道, 100–199 镇, 200–399 乡, 400–599 类似乡级单位 (development zones, farms); village
// 001–199 居委会, 200–399 村委会, and 400–499 / 500–599 for units 类似居委会 / 类似村委会
// (virtual communities, farm living quarters), which the 2023 codes do use.

/** The 31 provincial-level codes of the 2023 statistical division codes (mainland). */
export const PROVINCE_CODES: readonly string[] = [
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41',
  '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
];

export type DivisionLevel = 1 | 2 | 3 | 4 | 5;
export type TownshipKind = 'subdistrict' | 'town' | 'township' | 'zone';
export type VillageKind = 'residents' | 'village';

export interface DivisionParts {
  province: string;
  city: string;
  county: string;
  township: string;
  village: string;
  /** 1 province … 5 village/community: the deepest non-zero part. */
  level: DivisionLevel;
  townshipKind: TownshipKind | null;
  villageKind: VillageKind | null;
  /** Village part 400–599: a unit treated like a 居委会/村委会 rather than one. */
  villageSimilar: boolean;
}

function townshipKindOf(n: number): TownshipKind | null {
  if (n === 0) return null;
  if (n < 100) return 'subdistrict';
  if (n < 200) return 'town';
  if (n < 400) return 'township';
  return 'zone';
}

/** Parts of a 12-digit code, or null when it is not 12 digits or breaks the structure. */
export function parseDivisionCode(code12: string): DivisionParts | null {
  if (!/^\d{12}$/.test(code12)) return null;
  const province = code12.slice(0, 2);
  const city = code12.slice(2, 4);
  const county = code12.slice(4, 6);
  const township = code12.slice(6, 9);
  const village = code12.slice(9, 12);
  const t = Number(township);
  const v = Number(village);
  if (!PROVINCE_CODES.includes(province) || t >= 600 || v >= 600) return null;
  // A zero part ends the code: nothing below it may be set. The one exception is a county part
  // of 00 above townships, for prefecture cities without counties (东莞 4419, 中山 4420 …).
  if (city === '00' && code12.slice(4) !== '00000000') return null;
  if (t === 0 && v !== 0) return null;
  const level: DivisionLevel = v ? 5 : t ? 4 : county !== '00' ? 3 : city !== '00' ? 2 : 1;
  return {
    province,
    city,
    county,
    township,
    village,
    level,
    townshipKind: townshipKindOf(t),
    villageKind: v === 0 ? null : v < 200 || (v >= 400 && v < 500) ? 'residents' : 'village',
    villageSimilar: v >= 400,
  };
}

/** The code without its trailing zero levels ('640502100000' → '640502100'), as the division store keys it. */
export function shortDivisionCode(code12: string): string | null {
  const parts = parseDivisionCode(code12);
  if (!parts) return null;
  const { province, city, county, township, level } = parts;
  if (level === 5) return code12;
  if (level === 4) return province + city + county + township;
  if (level === 3) return province + city + county;
  return level === 2 ? province + city : province;
}

/**
 * Structure of a 12-digit division code. It says nothing about existence: that needs the
 * division store (electron/main/divisions/queries.ts divisionExists). `villageLevel` additionally requires
 * a village/community code, as the 611 form's 区划代码 items do.
 */
export function checkDivisionCode(code12: string, opts: { villageLevel?: boolean } = {}): IdCheck {
  const s = code12.trim();
  if (s === '') return fail('EMPTY');
  if (s.length !== 12) return fail('LENGTH');
  if (!/^\d+$/.test(s)) return fail('CHARSET');
  const parts = parseDivisionCode(s);
  if (!parts || (opts.villageLevel && parts.level !== 5)) return fail('STRUCTURE');
  return OK;
}

/** 普查小区代码: a 普查区 (a village-level division code) + a 3-digit sequence from 001. */
export function checkAreaCode(code15: string): IdCheck {
  const s = code15.trim();
  if (s === '') return fail('EMPTY');
  if (s.length !== 15) return fail('LENGTH');
  if (!/^\d+$/.test(s)) return fail('CHARSET');
  if (parseDivisionCode(s.slice(0, 12))?.level !== 5 || s.slice(12) === '000') return fail('STRUCTURE');
  return OK;
}
