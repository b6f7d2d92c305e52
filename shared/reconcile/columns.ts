import type { ProfessionId } from '../ledger/indicator-sets';
import { indicatorSetTable } from '../ledger/indicator-sets';

// The 快报 workbook's columns (the page, the template and the reader share this one list).
// Sheet 1 (单位明细) is required: one row per unit. Sheet 2 (汇总) is optional: the totals as
// the 快报 publishes them, by 专业, 行业大类 and 乡镇; where it is missing (or a CSV file, which
// holds one table) the totals of a dimension are the sums of the unit rows, and the page says so.

export interface ColumnDef<F extends string> {
  field: F;
  /** First = what the template and the export write; the rest are read too. */
  headers: readonly string[];
  isRequired: boolean;
  note: { zh: string; en: string };
  example: string | number;
}

export type UnitField = 'uscc' | 'orgCode' | 'name' | 'profession' | 'industryCode' | 'divisionCode' | 'revenue' | 'employees';
export type TotalField = 'dimension' | 'code' | 'name' | 'units' | 'revenue' | 'employees';

export const UNIT_SHEET = '单位明细';
export const TOTALS_SHEET = '汇总';

export const unitColumns: readonly ColumnDef<UnitField>[] = [
  { field: 'uscc', headers: ['统一社会信用代码', '社会信用代码', '信用代码', 'uscc'], isRequired: false, note: { zh: '18 位；与组织机构代码至少填一个', en: '18 characters; this or the org code' }, example: '91640502MA76X1Y23B' },
  { field: 'orgCode', headers: ['组织机构代码', '机构代码', 'org code'], isRequired: false, note: { zh: '9 位；无统一社会信用代码时必填', en: '9 characters; required without a USCC' }, example: '' },
  { field: 'name', headers: ['单位详细名称', '单位名称', '名称', 'name'], isRequired: true, note: { zh: '必填', en: 'required' }, example: '中卫市宏达机械制造有限公司' },
  { field: 'profession', headers: ['专业', '专业类别', 'profession'], isRequired: false, note: { zh: '工业、批发零售、住宿餐饮、建筑业、房地产开发、服务业；空白时按行业代码归入', en: 'industry, trade, hospitality, construction, real estate, services; blank: from the industry code' }, example: '工业' },
  { field: 'industryCode', headers: ['行业代码', '行业小类代码', 'industry code'], isRequired: true, note: { zh: 'GB/T 4754-2017 四位小类', en: 'GB/T 4754-2017 4-digit class' }, example: '3432' },
  { field: 'divisionCode', headers: ['区划代码', '统计用区划代码', '乡镇代码', 'division code'], isRequired: true, note: { zh: '12 位统计用区划代码或 9 位乡镇（街道）代码', en: '12-digit division code or the 9-digit township code' }, example: '640502100002' },
  { field: 'revenue', headers: ['营业收入（千元）', '营业收入', 'revenue'], isRequired: true, note: { zh: '千元，整数', en: 'thousand yuan, whole' }, example: 23500 },
  { field: 'employees', headers: ['从业人员（人）', '从业人员', '从业人员期末人数', 'employees'], isRequired: true, note: { zh: '人，整数', en: 'persons, whole' }, example: 86 },
];

export const totalColumns: readonly ColumnDef<TotalField>[] = [
  { field: 'dimension', headers: ['分组', '分组方式', 'dimension'], isRequired: true, note: { zh: '专业、行业（行业大类）或乡镇', en: '专业 (profession), 行业 (industry division) or 乡镇 (township)' }, example: '专业' },
  { field: 'code', headers: ['代码', '分组代码', 'code'], isRequired: true, note: { zh: '专业填名称（如“工业”）；行业填两位大类代码；乡镇填 9 位代码', en: 'profession: its name; industry: the 2-digit division; township: 9 digits' }, example: '工业' },
  { field: 'name', headers: ['名称', '分组名称', 'name'], isRequired: false, note: { zh: '可空', en: 'optional' }, example: '' },
  { field: 'units', headers: ['单位数（个）', '单位数', 'units'], isRequired: true, note: { zh: '个', en: 'count' }, example: 12 },
  { field: 'revenue', headers: ['营业收入（千元）', '营业收入', 'revenue'], isRequired: true, note: { zh: '千元，整数', en: 'thousand yuan, whole' }, example: 1_250_000 },
  { field: 'employees', headers: ['从业人员（人）', '从业人员', '从业人员期末人数', 'employees'], isRequired: true, note: { zh: '人，整数', en: 'persons, whole' }, example: 2_310 },
];

/** A header as matched: no spaces, case or bracketed note ("营业收入（千元）" → 营业收入). */
export const normaliseHeader = (h: string): string =>
  h
    .normalize('NFKC')
    .replace(/[（(【[].*?[）)】\]]/g, '')
    .replace(/\s+/g, '')
    .toLowerCase();

/** Index of each field's column (first match wins), or undefined when absent. */
export function mapColumns<F extends string>(defs: readonly ColumnDef<F>[], headers: readonly string[]): Map<F, number> {
  const found = new Map<F, number>();
  headers.forEach((h, i) => {
    const n = normaliseHeader(h);
    const def = defs.find((d) => d.headers.some((x) => normaliseHeader(x) === n));
    if (def && !found.has(def.field)) found.set(def.field, i);
  });
  return found;
}

export const dimensions = ['profession', 'industry', 'township'] as const;
export type Dimension = (typeof dimensions)[number];

export const dimensionNames: Record<Dimension, { zh: string; en: string; aliases: readonly string[] }> = {
  profession: { zh: '专业', en: 'Profession', aliases: ['专业', 'profession'] },
  industry: { zh: '行业', en: 'Industry', aliases: ['行业', '行业大类', 'industry'] },
  township: { zh: '乡镇', en: 'Township', aliases: ['乡镇', '乡镇街道', '乡镇（街道）', '街道', 'township'] },
};

const professionAliases: Record<ProfessionId, readonly string[]> = {
  industry: ['工业'],
  trade: ['批发零售', '批零', '批发和零售业', '批发业', '零售业'],
  hospitality: ['住宿餐饮', '住餐', '住宿和餐饮业', '住宿业', '餐饮业'],
  construction: ['建筑业', '建筑'],
  realEstate: ['房地产开发', '房地产', '房地产业'],
  services: ['服务业', '规上服务业', '其他服务业'],
};

/** A 专业 cell read as its id: the set's name, an alias or the id itself. */
export function readProfession(text: string): ProfessionId | null {
  const t = text.normalize('NFKC').replace(/\s+/g, '');
  for (const set of indicatorSetTable.sets) {
    if (t === set.id || t === set.zh || professionAliases[set.id].includes(t)) return set.id;
  }
  return null;
}

export const professionName = (id: string): { zh: string; en: string } => {
  const set = indicatorSetTable.sets.find((s) => s.id === id);
  return set ? { zh: set.zh, en: set.en } : { zh: id, en: id };
};

/**
 * The year whose 快报 the census joins up with: 五经普 registers the period data of 2023
 * (domain.md, reference time 2023-12-31), so the forms' cross-period rules compare with 2023's.
 */
export const CENSUS_ANNUAL_YEAR = 2023;
