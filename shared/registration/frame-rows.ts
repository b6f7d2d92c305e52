import { checkAreaCode, checkOrgCode, checkUscc, normaliseIdentifier, type IdCheckReason } from '@shared/census/identifiers';
import { readCodedCell } from '@shared/codes/cell-reader';
import { frameCodedColumns } from '@shared/codes/import-columns';
import { isInCensusScope } from '@shared/codes/industry';
import type { UnitKind } from '@shared/registration/units';
import { userError } from '@shared/result';
import { columnMap, parseFrameNumber, requiredFrameFields, type FrameField } from './frame-columns';
import type { Table } from '@shared/tables/table';

// Per-row checks of a listing frame, in Chinese and English. Errors keep a row out of the
// import (it could not be filed or named); warnings are shown and the row is imported, because
// the enumerator verifies the unit on site anyway (a wrong USCC check character is a warning:
// some real codes fail it, docs/domain.md).

/**
 * A unit is "the same" as a frame row when it is in the same 普查小区 and has the same USCC,
 * or — for a row without a USCC — the same name. One key builder for the laptop's import
 * (electron/main/registration/frame-queries.ts) and the server's (server/admin/frame.ts).
 */
export const frameKey = (areaCode: string, uscc: string, name: string): string =>
  uscc !== '' ? `u\u0000${areaCode}\u0000${uscc}` : `n\u0000${areaCode}\u0000${name}`;

export interface FrameMessage {
  column: string;
  messageZh: string;
  messageEn: string;
}

export interface CheckedFrameRow {
  rowNo: number;
  areaCode: string;
  kind: UnitKind | null;
  name: string;
  uscc: string;
  address: string;
  /** The frame's industry code when it is a valid census class, else ''. */
  industryCode: string;
  /** The frame's own key of the unit (底册唯一标识码) and 专业类别, carried into the form as they are. */
  frameId: string;
  specialty: string;
  errors: FrameMessage[];
  warnings: FrameMessage[];
  /** Same-unit key (area + USCC, or area + name): see frameKey. */
  key: string;
  /** Every column of the row as text (header → cell), kept as the unit's basis. */
  raw: Record<string, string>;
}

const fieldZh: Record<FrameField, string> = {
  areaCode: '普查小区代码',
  name: '单位详细名称',
  uscc: '统一社会信用代码',
  orgCode: '组织机构代码',
  address: '详细地址',
  kind: '单位类型',
  industryCode: '行业代码',
  lastYearRevenue: '上年营业收入',
  lastYearEmployees: '上年从业人员',
  frameId: '底册唯一标识码',
  specialty: '专业类别',
};

const areaReason: Record<IdCheckReason, [string, string]> = {
  EMPTY: ['缺少普查小区代码', 'The census sub-district code is missing'],
  LENGTH: ['普查小区代码应为15位数字', 'The census sub-district code must have 15 digits'],
  CHARSET: ['普查小区代码只能是数字', 'The census sub-district code may contain digits only'],
  STRUCTURE: ['普查小区代码结构不正确（前12位为村级区划代码，后3位为001起的顺序码）', 'Malformed census sub-district code (a 12-digit village code, then a sequence from 001)'],
  CHECKSUM: ['普查小区代码不正确', 'Invalid census sub-district code'],
  // Reasons of the USCC check; an area code never gives them.
  REGISTRAR: ['普查小区代码不正确', 'Invalid census sub-district code'],
  FILLER: ['普查小区代码不正确', 'Invalid census sub-district code'],
  BRANCH: ['普查小区代码不正确', 'Invalid census sub-district code'],
};

const usccReason: Record<Exclude<IdCheckReason, 'EMPTY' | 'CHECKSUM'>, [string, string]> = {
  LENGTH: ['统一社会信用代码应为18位', 'The USCC must have 18 characters'],
  CHARSET: ['统一社会信用代码含有不允许的字符（不用I、O、S、V、Z）', 'The USCC has characters outside the GB 32100 set (no I, O, S, V, Z)'],
  STRUCTURE: ['统一社会信用代码第3至8位应为行政区划码', 'Characters 3–8 of the USCC must be an area code'],
  REGISTRAR: ['统一社会信用代码第1位应为登记管理部门代码（1–9、A、N、Y）', 'The first character of the USCC must be a registrar code (1–9, A, N, Y)'],
  FILLER: ['统一社会信用代码是占位填充（如全为0），不是真实代码', 'The USCC is a filler (such as all zeros), not a real code'],
  // An org code's reason; a USCC never gives it.
  BRANCH: ['统一社会信用代码含有不允许的字符（不用I、O、S、V、Z）', 'The USCC has characters outside the GB 32100 set (no I, O, S, V, Z)'],
};

const fieldEn: Record<FrameField, string> = {
  areaCode: 'census sub-district code',
  name: 'unit name',
  uscc: 'USCC',
  orgCode: 'organisation code',
  address: 'address',
  kind: 'unit kind',
  industryCode: 'industry code',
  lastYearRevenue: 'last year revenue',
  lastYearEmployees: 'last year employees',
  frameId: 'frame identifier',
  specialty: 'speciality',
};

/**
 * Refuses a file without the columns every unit needs (普查小区代码, 单位详细名称, 单位类型),
 * naming the missing ones and what the file's first row holds instead: with a wrong header
 * every row would fail the same way, which says less than one sentence about the header.
 */
export function assertFrameColumns(headers: readonly string[], fileName: string): void {
  const columns = columnMap(headers);
  const missing = requiredFrameFields.filter((f) => !columns.has(f));
  if (missing.length === 0) return;
  const found = headers.filter((h) => h.trim() !== '').slice(0, 12);
  const foundZh = found.length === 0 ? '（空）' : found.map((h) => `“${h}”`).join('、');
  const foundEn = found.length === 0 ? '(nothing)' : found.map((h) => `"${h}"`).join(', ');
  throw userError(
    'INVALID_INPUT',
    `未识别到底册的列：缺少${missing.map((f) => `“${fieldZh[f]}”`).join('、')}。文件 ${fileName} 的第一行是 ${foundZh}。第一行须为列名，可用的列名见导入模板。`,
    `Listing-frame columns not recognised: ${missing.map((f) => fieldEn[f]).join(', ')} missing. The first row of ${fileName} holds ${foundEn}. The first row must name the columns; the import template lists the names read.`,
    missing.map((f) => ({ path: 'headers', message: f })),
  );
}

// "9.13502E+17": a spreadsheet showed the code as a number and the CSV kept what it showed.
const SCIENTIFIC = /^\d(\.\d+)?E\+?\d+$/i;

export function checkFrameRows(table: Table, opts: { county?: string }) {
  const columns = columnMap(table.headers);
  const coded = frameCodedColumns();
  const columnName = (field: FrameField) => {
    const c = columns.get(field);
    return c ? (table.headers[c.index] ?? fieldZh[field]) : fieldZh[field];
  };
  const seen = new Map<string, number>();
  const usccRows = new Map<string, { rowNo: number; areaCode: string }>();
  // Header texts as the keys of each row's kept copy: blank and repeated headers made unique.
  const rawKeys: string[] = [];
  for (const [i, h] of table.headers.entries()) {
    let k = h === '' ? `列${i + 1}` : h;
    while (rawKeys.includes(k)) k = `${k}#${i + 1}`;
    rawKeys.push(k);
  }

  const rows = table.rows.map((row): CheckedFrameRow => {
    const errors: FrameMessage[] = [];
    const warnings: FrameMessage[] = [];
    const add = (list: FrameMessage[], field: FrameField, zh: string, en: string) =>
      list.push({ column: columnName(field), messageZh: zh, messageEn: en });
    const cell = (field: FrameField) => {
      const c = columns.get(field);
      return c === undefined ? '' : (row.cells[c.index] ?? '').trim();
    };
    const isLossy = (field: FrameField) => {
      const c = columns.get(field);
      return c !== undefined && row.lossy.includes(c.index);
    };

    const areaCode = cell('areaCode');
    const area = checkAreaCode(areaCode);
    if (!area.ok) add(errors, 'areaCode', ...areaReason[area.reason]);
    else if (opts.county && !areaCode.startsWith(opts.county)) {
      add(warnings, 'areaCode', `普查小区不在本区县（${opts.county}）`, `The sub-district is outside the deployment county ${opts.county}`);
    }

    const name = cell('name');
    if (name === '') add(errors, 'name', '缺少单位名称', 'The unit name is missing');

    // The USCC is secondary in a frame (个体户 have none; the enumerator copies it from the
    // licence on site): one that cannot be a USCC is left out with a warning, and the unit is
    // imported without it rather than not at all. The frame row keeps what the cell said.
    let uscc = normaliseIdentifier(cell('uscc'));
    const notCarried = (zh: string, en: string) => {
      add(warnings, 'uscc', `${zh}；未带入表中，请入户时照营业执照填写`, `${en}; not carried into the form, copy it from the licence on site`);
      uscc = '';
    };
    if (isLossy('uscc') || SCIENTIFIC.test(uscc)) {
      notCarried('统一社会信用代码被表格软件存成了数字，已丢失位数（请把该列设为文本后重新导出）', 'The USCC was stored as a number and lost digits (format the column as text and export again)');
    } else if (uscc !== '') {
      const check = checkUscc(uscc);
      if (!check.ok) {
        const reason = check.reason;
        if (reason === 'CHECKSUM') {
          add(warnings, 'uscc', '统一社会信用代码校验位不正确，请入户时核实', 'The USCC check character is wrong; verify it on site');
        } else if (reason !== 'EMPTY') {
          notCarried(...usccReason[reason]);
        }
      }
    }

    // The 组织机构代码 is carried into the 611 as the frame gives it (shared/forms/preload.ts) and
    // never keeps a row out: the enumerator copies it from the certificate on site. A 本部 code
    // (the 法人's first 8 characters + B, the 三经普 convention) is accepted with a note.
    const orgCode = normaliseIdentifier(cell('orgCode'));
    const org = checkOrgCode(orgCode);
    if (!org.ok && org.reason === 'BRANCH') {
      add(warnings, 'orgCode', '组织机构代码按本部写法（法人组织机构代码前8位+B），已导入，请入户时核实', 'The organisation code follows the 本部 convention (the legal unit’s first 8 characters + B); imported, verify it on site');
    } else if (!org.ok && org.reason === 'CHECKSUM') {
      add(warnings, 'orgCode', '组织机构代码校验码不正确，请入户时核实', 'The organisation code check character is wrong; verify it on site');
    } else if (!org.ok && org.reason !== 'EMPTY') {
      add(warnings, 'orgCode', '组织机构代码格式不正确（应为8位数字或大写字母加1位校验码），请入户时照证书填写', 'The organisation code is malformed (8 digits or capitals and a check character); copy it from the certificate on site');
    }

    const kindText = cell('kind');
    let kind: UnitKind | null = null;
    if (kindText === '') add(errors, 'kind', '缺少单位类型（法人单位/产业活动单位/个体经营户）', 'The unit kind is missing (法人单位 / 产业活动单位 / 个体经营户)');
    else {
      const read = readCodedCell(coded.kind, kindText);
      if (read.ok) kind = read.value;
      else add(errors, 'kind', read.reason.zh, read.reason.en);
    }

    // The industry code is secondary: one the census cannot use is left out with a warning
    // and the unit is still imported (the enumerator codes it on the form).
    const industryText = cell('industryCode');
    let industryCode = '';
    if (industryText !== '') {
      const read = readCodedCell(coded.industryCode, industryText);
      if (!read.ok) add(warnings, 'industryCode', `${read.reason.zh}；未带入表中`, `${read.reason.en}; not carried into the form`);
      else if (!isInCensusScope(read.value)) {
        add(warnings, 'industryCode', `行业代码 ${read.value} 属农林牧渔业（01–04 大类），不在普查范围内，未带入表中`, `Industry code ${read.value} is farming, forestry, animal husbandry or fishing (divisions 01–04), outside the census; not carried into the form`);
      } else {
        industryCode = read.value;
        if (read.note) add(warnings, 'industryCode', read.note.zh, read.note.en);
      }
    }
    for (const field of ['lastYearRevenue', 'lastYearEmployees'] as const) {
      const text = cell(field);
      if (text !== '' && parseFrameNumber(text) === undefined) {
        add(warnings, field, `${columnName(field)}“${text}”不是数字，已忽略`, `${columnName(field)} “${text}” is not a number; ignored`);
      }
    }

    const key = frameKey(areaCode, uscc, name);
    const first = seen.get(key);
    if (errors.length === 0 && first !== undefined) {
      add(errors, uscc !== '' ? 'uscc' : 'name', `与第${first}行是同一单位`, `Same unit as row ${first}`);
    } else if (first === undefined) {
      seen.set(key, row.rowNo);
    }
    // The same USCC in another sub-district is flagged, not refused: a legal unit and its
    // establishment elsewhere may carry one code, and only the enumerator can tell on site.
    const sameCode = uscc === '' ? undefined : usccRows.get(uscc);
    if (sameCode && sameCode.areaCode !== areaCode && errors.length === 0) {
      add(
        warnings,
        'uscc',
        `统一社会信用代码与第${sameCode.rowNo}行（普查小区 ${sameCode.areaCode}）相同：同一单位只能登记一次，请核实是否重复`,
        `Same USCC as row ${sameCode.rowNo} (sub-district ${sameCode.areaCode}): a unit is registered once; check whether it is a duplicate`,
      );
    } else if (uscc !== '' && !sameCode && errors.length === 0) {
      usccRows.set(uscc, { rowNo: row.rowNo, areaCode });
    }

    const raw: Record<string, string> = {};
    rawKeys.forEach((k, i) => (raw[k] = (row.cells[i] ?? '').trim()));
    return {
      rowNo: row.rowNo,
      areaCode,
      kind,
      name,
      uscc,
      address: cell('address'),
      industryCode,
      frameId: cell('frameId').slice(0, 40),
      specialty: cell('specialty').slice(0, 20),
      errors,
      warnings,
      key,
      raw,
    };
  });
  return { columns, rows };
}
