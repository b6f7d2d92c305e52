import { checkOrgCode, checkUscc, normaliseIdentifier, usccOrgCode } from '../census/identifiers';
import { industryByCode, industrySection, isIndustryClass } from '../codes/industry';
import { professionOf, type ProfessionId } from '../ledger/indicator-sets';
import type { Table } from '../tables/table';
import {
  dimensionNames,
  dimensions,
  mapColumns,
  readProfession,
  totalColumns,
  unitColumns,
  type ColumnDef,
  type Dimension,
  type TotalField,
  type UnitField,
} from './columns';

// A 快报 file's tables read into unit rows and totals, every problem named with its sheet, row
// and column in Chinese and English. The import is all or nothing: one refused row and nothing
// is written (a 快报 missing a unit would show a gap that is not there), so every problem here is
// an error; a checksum failure of a well-formed code is only a warning (domain.md: some real
// codes fail it).

export interface AnnualUnitRow {
  rowNo: number;
  uscc: string;
  orgCode: string;
  name: string;
  profession: ProfessionId;
  industryCode: string;
  township: string;
  revenue: number;
  employees: number;
}

export interface AnnualTotalRow {
  rowNo: number;
  dimension: Dimension;
  code: string;
  name: string;
  units: number;
  revenue: number;
  employees: number;
}

export interface ReadProblem {
  sheet: string;
  /** 0: the sheet as a whole (a missing column). */
  rowNo: number;
  column: string;
  zh: string;
  en: string;
}

export interface ReadAnnual {
  units: AnnualUnitRow[];
  totals: AnnualTotalRow[];
  errors: ReadProblem[];
  warnings: ReadProblem[];
}

const sectionOf = (division: string): string | undefined => industrySection(division);

/** A whole non-negative number as a 快报 writes it: "23,500", "23500.0", full-width digits. */
export function readWhole(text: string): number | null {
  const t = text.normalize('NFKC').replace(/[,\s]/g, '');
  const m = /^(\d+)(?:\.0*)?$/.exec(t);
  if (!m?.[1]) return null;
  const n = Number(m[1]);
  return Number.isSafeInteger(n) ? n : null;
}

function missingColumns<F extends string>(defs: readonly ColumnDef<F>[], found: Map<F, number>, sheet: string): ReadProblem[] {
  return defs
    .filter((d) => d.isRequired && !found.has(d.field))
    .map((d) => ({
      sheet,
      rowNo: 0,
      column: d.headers[0] ?? d.field,
      zh: `缺少“${d.headers[0]}”列（${d.note.zh}）。请使用模板的列名。`,
      en: `The column "${d.headers[0]}" is missing (${d.note.en}). Use the template's headers.`,
    }));
}

/** The unit sheet's rows; `county` (6 digits) refuses units outside the deployment. */
export function readUnitTable(table: Table, sheet: string, county: string | null): { rows: AnnualUnitRow[]; errors: ReadProblem[]; warnings: ReadProblem[] } {
  const cols = mapColumns(unitColumns, table.headers);
  const errors: ReadProblem[] = missingColumns(unitColumns, cols, sheet);
  const warnings: ReadProblem[] = [];
  if (!cols.has('uscc') && !cols.has('orgCode')) {
    errors.push({ sheet, rowNo: 0, column: '统一社会信用代码', zh: '缺少“统一社会信用代码”或“组织机构代码”列，无法与普查单位对应。', en: 'Neither a USCC nor an org code column: units cannot be matched.' });
  }
  if (errors.length > 0) return { rows: [], errors, warnings };
  const rows: AnnualUnitRow[] = [];
  const firstOf = new Map<string, number>();
  for (const r of table.rows) {
    const cell = (f: UnitField): string => {
      const i = cols.get(f);
      return i === undefined ? '' : (r.cells[i] ?? '').trim();
    };
    const bad = (f: UnitField, zh: string, en: string) => {
      const def = unitColumns.find((d) => d.field === f);
      errors.push({ sheet, rowNo: r.rowNo, column: def?.headers[0] ?? f, zh, en });
    };
    const before = errors.length;
    const name = cell('name');
    if (name === '') bad('name', '单位详细名称为空', 'The name is blank');
    let uscc = normaliseIdentifier(cell('uscc'));
    const usccCol = cols.get('uscc');
    if (uscc !== '' && usccCol !== undefined && r.lossy.includes(usccCol)) {
      bad('uscc', `统一社会信用代码“${cell('uscc')}”在 Excel 中被存成了数字，末几位已丢失；请把该列设为文本后重新录入`, `The USCC "${cell('uscc')}" was stored as a number by Excel and lost its last digits; format the column as text and type it again`);
      uscc = '';
    } else if (uscc !== '') {
      const check = checkUscc(uscc);
      if (!check.ok && check.reason === 'CHECKSUM') {
        warnings.push({ sheet, rowNo: r.rowNo, column: '统一社会信用代码', zh: `统一社会信用代码“${uscc}”校验位不符，请核实（仍按此代码对应）`, en: `USCC "${uscc}" fails its checksum; verify it (matched as written)` });
      } else if (!check.ok) {
        bad('uscc', `统一社会信用代码“${cell('uscc')}”应为 18 位代码`, `USCC "${cell('uscc')}" must be an 18-character code`);
      }
    }
    let orgCode = normaliseIdentifier(cell('orgCode'));
    if (orgCode !== '') {
      const check = checkOrgCode(orgCode);
      if (!check.ok && check.reason !== 'CHECKSUM') bad('orgCode', `组织机构代码“${cell('orgCode')}”应为 9 位代码`, `Org code "${cell('orgCode')}" must be 9 characters`);
      else if (!check.ok && uscc === '') {
        warnings.push({ sheet, rowNo: r.rowNo, column: '组织机构代码', zh: `组织机构代码“${orgCode}”校验位不符，请核实（仍按此代码对应）`, en: `Org code "${orgCode}" fails its checksum; verify it (matched as written)` });
      } else if (uscc.length === 18 && usccOrgCode(uscc) !== orgCode) {
        bad('orgCode', `组织机构代码“${orgCode}”与统一社会信用代码第 9–17 位“${usccOrgCode(uscc)}”不一致`, `Org code "${orgCode}" differs from positions 9–17 of the USCC ("${usccOrgCode(uscc)}")`);
      }
    } else if (uscc.length === 18) {
      orgCode = usccOrgCode(uscc);
    }
    if (cell('uscc') === '' && cell('orgCode') === '') bad('uscc', '统一社会信用代码和组织机构代码都为空，至少填一个', 'Both the USCC and the org code are blank; give one');
    let industryCode = cell('industryCode').normalize('NFKC');
    // A numeric cell drops the leading zero of 0610 and the like.
    if (/^\d{3}$/.test(industryCode) && isIndustryClass(`0${industryCode}`)) industryCode = `0${industryCode}`;
    if (!isIndustryClass(industryCode)) bad('industryCode', `行业代码“${cell('industryCode')}”不是 GB/T 4754-2017 的四位小类`, `Industry code "${cell('industryCode')}" is not a GB/T 4754-2017 4-digit class`);
    const division = cell('divisionCode').normalize('NFKC').replace(/\D.*$/, '');
    let township = '';
    if (!/^\d{9}(\d{3})?$/.test(division)) bad('divisionCode', `区划代码“${cell('divisionCode')}”应为 12 位统计用区划代码或 9 位乡镇代码`, `Division code "${cell('divisionCode')}" must be 12 digits, or the township's 9`);
    else if (county !== null && !division.startsWith(county)) bad('divisionCode', `区划代码“${division}”不在本区县（${county}）`, `Division code "${division}" is outside this county (${county})`);
    else township = division.slice(0, 9);
    const professionText = cell('profession');
    let profession: ProfessionId | null = professionText === '' ? null : readProfession(professionText);
    if (professionText !== '' && profession === null) bad('profession', `专业“${professionText}”无法识别（应为工业、批发零售、住宿餐饮、建筑业、房地产开发或服务业）`, `Profession "${professionText}" is not one of industry, trade, hospitality, construction, real estate, services`);
    profession ??= professionOf(industryCode, sectionOf);
    const revenue = readWhole(cell('revenue'));
    if (revenue === null) bad('revenue', `营业收入“${cell('revenue')}”应为千元整数（不能为空或负数）`, `Revenue "${cell('revenue')}" must be a whole number of thousand yuan`);
    const employees = readWhole(cell('employees'));
    if (employees === null) bad('employees', `从业人员“${cell('employees')}”应为整数人数（不能为空或负数）`, `Staff "${cell('employees')}" must be a whole number of persons`);
    // The same unit twice would count it twice in every total.
    for (const key of [uscc.length === 18 ? `u:${uscc}` : '', orgCode !== '' ? `o:${orgCode}` : '']) {
      if (key === '') continue;
      const first = firstOf.get(key);
      if (first !== undefined) {
        bad(key.startsWith('u:') ? 'uscc' : 'orgCode', `与第 ${first} 行是同一单位（${key.slice(2)}），每个单位只能有一行`, `Same unit as row ${first} (${key.slice(2)}): one row per unit`);
        break;
      }
    }
    for (const key of [uscc.length === 18 ? `u:${uscc}` : '', orgCode !== '' ? `o:${orgCode}` : '']) if (key !== '' && !firstOf.has(key)) firstOf.set(key, r.rowNo);
    if (errors.length > before || revenue === null || employees === null) continue;
    rows.push({ rowNo: r.rowNo, uscc: uscc.length === 18 ? uscc : '', orgCode, name, profession, industryCode, township, revenue, employees });
  }
  if (table.rows.length === 0) errors.push({ sheet, rowNo: 0, column: '', zh: '单位明细没有数据行', en: 'The unit sheet has no rows' });
  return { rows, errors, warnings };
}

function readDimension(text: string): Dimension | null {
  const t = text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
  return dimensions.find((d) => dimensionNames[d].aliases.some((a) => a.normalize('NFKC').toLowerCase() === t)) ?? null;
}

/** The totals sheet's rows. */
export function readTotalTable(table: Table, sheet: string, county: string | null): { rows: AnnualTotalRow[]; errors: ReadProblem[] } {
  const cols = mapColumns(totalColumns, table.headers);
  const errors = missingColumns(totalColumns, cols, sheet);
  if (errors.length > 0) return { rows: [], errors };
  const rows: AnnualTotalRow[] = [];
  const firstOf = new Map<string, number>();
  for (const r of table.rows) {
    const cell = (f: TotalField): string => {
      const i = cols.get(f);
      return i === undefined ? '' : (r.cells[i] ?? '').trim();
    };
    const bad = (f: TotalField, zh: string, en: string) => errors.push({ sheet, rowNo: r.rowNo, column: totalColumns.find((d) => d.field === f)?.headers[0] ?? f, zh, en });
    const before = errors.length;
    const dimension = readDimension(cell('dimension'));
    let code = cell('code').normalize('NFKC').replace(/\s+/g, '');
    if (dimension === null) bad('dimension', `分组“${cell('dimension')}”应为专业、行业或乡镇`, `Dimension "${cell('dimension')}" must be 专业, 行业 or 乡镇`);
    else if (dimension === 'profession') {
      const p = readProfession(code);
      if (p === null) bad('code', `专业“${cell('code')}”无法识别`, `Profession "${cell('code')}" is not known`);
      else code = p;
    } else if (dimension === 'industry') {
      if (/^\d$/.test(code)) code = `0${code}`;
      if (industryByCode(code)?.level !== 2) bad('code', `行业“${cell('code')}”应为两位行业大类代码`, `Industry "${cell('code')}" must be a 2-digit division`);
    } else if (!/^\d{9}$/.test(code)) bad('code', `乡镇代码“${cell('code')}”应为 9 位`, `Township "${cell('code')}" must be 9 digits`);
    else if (county !== null && !code.startsWith(county)) bad('code', `乡镇代码“${code}”不在本区县（${county}）`, `Township "${code}" is outside this county (${county})`);
    const units = readWhole(cell('units'));
    const revenue = readWhole(cell('revenue'));
    const employees = readWhole(cell('employees'));
    if (units === null) bad('units', `单位数“${cell('units')}”应为整数`, `Units "${cell('units')}" must be a whole number`);
    if (revenue === null) bad('revenue', `营业收入“${cell('revenue')}”应为千元整数`, `Revenue "${cell('revenue')}" must be whole thousand yuan`);
    if (employees === null) bad('employees', `从业人员“${cell('employees')}”应为整数`, `Staff "${cell('employees')}" must be a whole number`);
    if (dimension !== null && errors.length === before) {
      const key = `${dimension}:${code}`;
      const first = firstOf.get(key);
      if (first !== undefined) bad('code', `与第 ${first} 行重复（${dimensionNames[dimension].zh} ${code}）`, `Same group as row ${first}`);
      else firstOf.set(key, r.rowNo);
    }
    if (errors.length > before || dimension === null || units === null || revenue === null || employees === null) continue;
    rows.push({ rowNo: r.rowNo, dimension, code, name: cell('name'), units, revenue, employees });
  }
  return { rows, errors };
}
