import { readCodedCell } from '@shared/codes/cell-reader';
import { frameCodedColumns } from '@shared/codes/import-columns';
import { frameImportColumns } from '@shared/files/imports';
import type { UnitKind } from '@shared/registration/units';

// Columns of a listing frame (底册) file, recognised by their Chinese or English header (the
// names are listed in shared/files/imports.ts, with the template and the dialog). Frames come from
// different offices and tools: headers vary in wording, spacing, full-width parentheses and a
// unit in brackets ("上年营业收入（千元）"), so headers are normalised before matching, and the
// money unit in a header is honoured.

export const frameFields = [
  'areaCode',
  'name',
  'uscc',
  'orgCode',
  'address',
  'kind',
  'industryCode',
  'lastYearRevenue',
  'lastYearEmployees',
  'frameId',
  'specialty',
] as const;
export type FrameField = (typeof frameFields)[number];

/** Columns without which no row can become a unit: where it is, what it is called, what kind. */
export const requiredFrameFields: readonly FrameField[] = ['areaCode', 'name', 'kind'];

const byAlias = new Map<string, FrameField>(
  frameFields.flatMap((field) => (frameImportColumns.find((c) => c.field === field)?.headers ?? []).map((alias) => [normalise(alias), field] as const)),
);

export type MoneyUnit = '千元' | '万元' | '元';

export interface RecognisedHeader {
  field: FrameField | null;
  /** The unit given in brackets, if any ('千元', '万元', '元', '人', …). */
  unit: string | null;
}

/** Lower-case, no BOM, no spaces, underscores or hyphens, half-width brackets. */
function normalise(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/[\s\u3000_-]+/g, '')
    .toLowerCase();
}

export function recogniseHeader(header: string): RecognisedHeader {
  const h = normalise(header);
  const unitMatch = /\(([^()]*)\)$/.exec(h);
  const bare = unitMatch ? h.slice(0, unitMatch.index) : h;
  return { field: byAlias.get(bare) ?? null, unit: unitMatch?.[1] ?? null };
}

/** Column index of each recognised field (the first column wins when two say the same). */
export function columnMap(headers: readonly string[]): Map<FrameField, { index: number; unit: string | null }> {
  const map = new Map<FrameField, { index: number; unit: string | null }>();
  headers.forEach((header, index) => {
    const { field, unit } = recogniseHeader(header);
    if (field && !map.has(field)) map.set(field, { index, unit });
  });
  return map;
}

/** 法人单位 / 产业活动单位 / 个体经营户 as a code, "code name" or name; null when not one of them. */
export function parseKind(text: string): UnitKind | null {
  const read = readCodedCell(frameCodedColumns().kind, text.trim());
  return read.ok ? read.value : null;
}

const NUMBER = /^-?\d+(\.\d+)?$/;

/** A number from frame text ('1,234.5' → 1234.5); undefined when blank or unreadable. */
export function parseFrameNumber(text: string): number | undefined {
  const t = text.replace(/[,，\s]/g, '');
  return NUMBER.test(t) ? Number(t) : undefined;
}

/** Last year's revenue in 千元, converting from 万元 or 元 when the header says so. */
export function revenueInThousands(value: number, unit: string | null): number {
  if (unit === '万元') return value * 10;
  if (unit === '元') return Math.round(value / 1000);
  return value;
}

/** Last year's figures from a stored frame row (header → text), for cross-period rules. */
export function lastYearFromFrameRow(row: Readonly<Record<string, string>> | null): { revenue?: number; employees?: number } | null {
  if (!row) return null;
  const headers = Object.keys(row);
  const columns = columnMap(headers);
  const out: { revenue?: number; employees?: number } = {};
  const revenueColumn = columns.get('lastYearRevenue');
  if (revenueColumn) {
    const n = parseFrameNumber(row[headers[revenueColumn.index] ?? ''] ?? '');
    if (n !== undefined) out.revenue = revenueInThousands(n, revenueColumn.unit);
  }
  const employeesColumn = columns.get('lastYearEmployees');
  if (employeesColumn) {
    const n = parseFrameNumber(row[headers[employeesColumn.index] ?? ''] ?? '');
    if (n !== undefined && Number.isInteger(n)) out.employees = n;
  }
  return out.revenue === undefined && out.employees === undefined ? null : out;
}
