import { readCodedCell, type LocalText } from '@shared/codes/cell-reader';
import { directoryCodedColumns } from '@shared/codes/import-columns';
import type { EnterpriseFields, EnterpriseStatus } from '@shared/directory/directory';
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

/** One non-blank cell of a known column read into its field's value, or why not. */
export function readDirectoryCell(field: DirectoryField, text: string): CellRead {
  const coded = directoryCodedColumns();
  switch (field) {
    case 'isOnlineReporter':
    case 'hasQualification': {
      const read = readCodedCell(coded[field], text);
      return read.ok ? { ok: true, value: read.value === 'yes' } : read;
    }
    case 'scale':
    case 'status':
    case 'industryCode':
    case 'registrationCategory':
    case 'institutionType':
      return readCodedCell(coded[field], text);
    case 'divisionCode':
      return readDivisionCode(text);
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
