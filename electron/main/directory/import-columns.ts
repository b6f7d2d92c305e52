import { readCodedCell, type LocalText } from '@shared/codes/cell-reader';
import { directoryCodedColumns } from '@shared/codes/import-columns';
import type { EnterpriseFields, EnterpriseStatus, QualificationKind, UnitKind } from '@shared/directory/directory';
import type { ThresholdMeasure } from '@shared/followup/thresholds';
import { directoryImportColumns } from '@shared/files/imports';

// Directory file columns: which header means which field (the names are listed in
// shared/files/imports.ts, with the template and the dialog), and how cell text becomes a value.
// Headers are matched after trimming, dropping white space and any bracketed note
// ("行业代码（GB/T 4754）" → 行业代码), case-insensitively. The export writes the first name of
// each field, so an exported file imports back as it is. Coded cells are read by the shared
// reader (shared/codes/cell-reader.ts): a code, "code name" or the name.

export type DirectoryField = keyof EnterpriseFields;

const isDirectoryField = (field: string): field is DirectoryField => directoryImportColumns.some((c) => c.field === field);

export const normaliseHeader = (h: string): string =>
  h
    .normalize('NFKC')
    .replace(/[（(【[].*?[）)】\]]/g, '')
    .replace(/\s+/g, '')
    .toLowerCase();

const byHeader = new Map<string, DirectoryField>();
for (const c of directoryImportColumns) {
  const field = c.field;
  if (isDirectoryField(field)) for (const h of c.headers) byHeader.set(normaliseHeader(h), field);
}

/** Field of each header (null: not a directory column); a field's first column wins. */
export function mapHeaders(headers: readonly string[]): (DirectoryField | null)[] {
  const seen = new Set<DirectoryField>();
  return headers.map((h) => {
    const field = byHeader.get(normaliseHeader(h)) ?? null;
    if (field === null || seen.has(field)) return null;
    seen.add(field);
    return field;
  });
}

export const headerOf = (field: string): string => directoryImportColumns.find((c) => c.field === field)?.headers[0] ?? field;

/** The fields a row cannot do without: refused whole when one of them is wrong (and the org code of a row without a USCC). */
export const primaryFields: readonly DirectoryField[] = ['uscc', 'name', 'divisionCode'];

export type CellRead = { ok: true; value: unknown; note?: LocalText } | { ok: false; reason: LocalText };

/** A 12-digit division code, alone or followed by its name ("640502100002 向阳巷居委会"). */
function readDivisionCode(text: string): CellRead {
  const t = text.normalize('NFKC').trim();
  const m = /^(\d{12})(?:\D.*)?$/.exec(t);
  if (m?.[1]) return { ok: true, value: m[1] };
  return {
    ok: false,
    reason: { zh: `区划代码“${text}”应为 12 位统计用区划代码（可带名称，如“640502100002 向阳巷居委会”）`, en: `Division code "${text}" must be a 12-digit statistical division code (a name may follow it)` },
  };
}

/** 成立日期 as 2019-06-18, 2019/6/18, 2019.6.18 or 2019年6月18日 (an XLSX date cell arrives as ISO text). */
function readDate(text: string): CellRead {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[T\s].*)?$/.exec(text.normalize('NFKC').trim());
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const date = new Date(Date.UTC(y, mo - 1, d));
    if (date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d) {
      return { ok: true, value: `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
    }
  }
  return { ok: false, reason: { zh: `成立日期“${text}”不是有效日期（如 2019-06-18）`, en: `Founding date "${text}" is not a valid date (e.g. 2019-06-18)` } };
}

/** A whole number of 千元 (thousands separators allowed); never a guess at another unit. */
function readThousands(text: string): CellRead {
  const t = text.normalize('NFKC').replace(/[,\s]/g, '');
  if (/^\d{1,13}$/.test(t)) return { ok: true, value: Number(t) };
  return { ok: false, reason: { zh: `计划总投资“${text}”应为千元整数`, en: `Planned investment "${text}" must be a whole number of thousand yuan` } };
}

/** One non-blank cell of a known column read into its field's value, or why not. */
export function readDirectoryCell(field: DirectoryField, text: string): CellRead {
  const coded = directoryCodedColumns();
  switch (field) {
    case 'isOnlineReporter':
    case 'isLocallyRegistered':
    case 'hasDevelopmentActivity':
    case 'isNewBuild':
    case 'isProjectUnderConstruction': {
      const read = readCodedCell(coded[field], text);
      return read.ok ? { ok: true, value: read.value === 'yes' } : read;
    }
    case 'unitKind':
    case 'qualificationKind':
    case 'scale':
    case 'status':
    case 'industryCode':
    case 'registrationCategory':
    case 'institutionType':
      return readCodedCell(coded[field], text);
    case 'divisionCode':
      return readDivisionCode(text);
    case 'foundedOn':
      return readDate(text);
    case 'projectInvestment':
      return readThousands(text);
    case 'parentUscc':
      return { ok: true, value: text };
    default:
      return { ok: true, value: text };
  }
}

/** Export labels of the status codes. */
export const statusLabel: Record<EnterpriseStatus, string> = {
  active: '在营',
  suspended: '停业',
  closed: '关闭',
  deregistered: '注销',
  revoked: '吊销',
  bankrupt: '破产',
  moved_away: '迁出',
  merged: '合并',
};

/** Export labels the import reads back (shared/codes/import-columns.ts choices). */
export const unitKindLabel: Record<UnitKind, string> = { legal: '法人单位', establishment: '产业活动单位', individual: '个体经营户' };
export const qualificationLabel: Record<QualificationKind, string> = {
  none: '无',
  general: '总承包',
  specialty: '专业承包',
  labour: '劳务',
  specialistWork: '专业作业',
  unconfirmed: '待确认',
};
export const measureLabel: Record<ThresholdMeasure, string> = { mainRevenue: '主营业务收入', revenue: '营业收入' };
