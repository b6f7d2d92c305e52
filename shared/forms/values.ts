import type { FormValues, Value } from './types';

// Reading form values the same way everywhere (renderer, main, server): what counts as empty,
// how a number typed as text is read. Nothing here changes a value.

const INTEGER_TEXT = /^-?\d+$/;
const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;

/**
 * Blank: the one definition every part of the app uses (form rules, print, history, trace,
 * frame rows). undefined, null, a text of only spaces and no rows are blank; 0 and false are answers.
 */
export function isBlank(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

/** The trimmed text of a scalar; '' for empty and for rows. */
export function textOf(value: Value): string {
  if (value === undefined || value === null || Array.isArray(value)) return '';
  return String(value).trim();
}

/** A finite number from a number or a decimal text; undefined when empty or unreadable. */
export function numberOf(value: Value): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string') {
    const t = value.trim();
    return DECIMAL_TEXT.test(t) ? Number(t) : undefined;
  }
  return undefined;
}

export function isIntegerValue(value: Value): boolean {
  if (typeof value === 'number') return Number.isSafeInteger(value);
  if (typeof value === 'string') {
    const t = value.trim();
    return INTEGER_TEXT.test(t) && Number.isSafeInteger(Number(t));
  }
  return false;
}

export function isDecimalValue(value: Value): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  return typeof value === 'string' && DECIMAL_TEXT.test(value.trim());
}

/** The rows of a repeating section; [] when absent or not an array. */
export function rowsOf(values: FormValues, sectionId: string): FormValues[] {
  const rows = values[sectionId];
  return Array.isArray(rows) ? rows : [];
}

/** Path of an item in FormValues: 'revenue', or 'establishments.2.revenue' (row index from 0). */
export function itemPath(code: string, row?: { sectionId: string; index: number }): string {
  return row ? `${row.sectionId}.${row.index}.${code}` : code;
}

export interface ParsedPath {
  code: string;
  row?: { sectionId: string; index: number };
}

export function parsePath(path: string): ParsedPath | null {
  const parts = path.split('.');
  if (parts.length === 1 && parts[0]) return { code: parts[0] };
  if (parts.length === 3 && parts[0] && parts[2] && INTEGER_TEXT.test(parts[1] ?? '')) {
    return { code: parts[2], row: { sectionId: parts[0], index: Number(parts[1]) } };
  }
  return null;
}
