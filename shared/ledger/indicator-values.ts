import { MAX_LEDGER_VALUE, type IndicatorDef } from './indicators';

// Between the stored integer (the form's unit × 10^scale, indicators.ts) and the text a user
// types or reads. Exact: no floating-point arithmetic touches a figure, so 1.2345 万千瓦时 is
// 12345 stored and shows as 1.2345 again.

/** The stored integer as the form shows it ('12345' → '1.2345' for scale 4); trailing zeros kept. */
export function formatIndicatorValue(def: Pick<IndicatorDef, 'scale'>, stored: number): string {
  if (def.scale === 0) return String(stored);
  const negative = stored < 0;
  const digits = String(Math.abs(stored)).padStart(def.scale + 1, '0');
  const whole = digits.slice(0, digits.length - def.scale);
  const frac = digits.slice(digits.length - def.scale);
  return `${negative ? '-' : ''}${whole}.${frac}`;
}

export type ParsedIndicatorValue = { ok: true; value: number } | { ok: false; reason: 'NOT_A_NUMBER' | 'TOO_MANY_DECIMALS' };

/**
 * Typed text to the stored integer: optional sign, digits, at most `scale` decimals; thousands
 * separators (',', '，') and surrounding spaces are allowed. Empty text is not a number here:
 * the caller decides whether it clears a cell.
 */
export function parseIndicatorValue(def: Pick<IndicatorDef, 'scale'>, text: string): ParsedIndicatorValue {
  const t = text.trim().replace(/[,，]/g, '');
  const m = /^([+-]?)(\d+)(?:\.(\d*))?$/.exec(t) ?? /^([+-]?)()\.(\d+)$/.exec(t);
  if (!m) return { ok: false, reason: 'NOT_A_NUMBER' };
  const [, sign, whole, frac = ''] = m;
  const trimmed = frac.replace(/0+$/, '');
  if (trimmed.length > def.scale) return { ok: false, reason: 'TOO_MANY_DECIMALS' };
  const digits = `${whole === '' ? '0' : whole}${frac.padEnd(def.scale, '0').slice(0, def.scale)}`;
  const value = Number(digits);
  if (!Number.isSafeInteger(value)) return { ok: false, reason: 'NOT_A_NUMBER' };
  return { ok: true, value: sign === '-' && value !== 0 ? -value : value };
}

export type LedgerFigureProblem = 'notANumber' | 'tooManyDecimals' | 'negative' | 'tooLarge';
export type LedgerFigure = { ok: true; value: number | null } | { ok: false; reason: LedgerFigureProblem };

/**
 * A figure as a person types it into the ledger or a spreadsheet copies it: full-width digits
 * and marks (NFKC), spaces and thousands separators, a currency sign, accounting negatives in
 * brackets "(1,234)", at most the indicator's decimals in its form unit (用电量 1.2345 万千瓦时);
 * a blank clears. Anything else is refused, never rounded. The one reading of ledger input:
 * the grid's cells, its paste, the annual figures.
 */
export function readLedgerFigure(def: Pick<IndicatorDef, 'scale' | 'mayBeNegative'>, text: string): LedgerFigure {
  let t = text.normalize('NFKC').trim().replace(/^[¥$]\s*/, '');
  const bracketed = /^\((.*)\)$/.exec(t);
  if (bracketed) t = `-${bracketed[1] ?? ''}`;
  t = t.replace(/[\s,，]/g, '');
  if (t === '') return { ok: true, value: null };
  const parsed = parseIndicatorValue(def, t);
  if (!parsed.ok) return { ok: false, reason: parsed.reason === 'TOO_MANY_DECIMALS' ? 'tooManyDecimals' : 'notANumber' };
  if (parsed.value < 0 && !def.mayBeNegative) return { ok: false, reason: 'negative' };
  if (Math.abs(parsed.value) > MAX_LEDGER_VALUE) return { ok: false, reason: 'tooLarge' };
  return { ok: true, value: parsed.value };
}

/** A stored figure as a spreadsheet number in the form's unit (用电量 12345 → 1.2345), for exports. */
export function indicatorNumber(def: Pick<IndicatorDef, 'scale'>, stored: number): number {
  return Number(formatIndicatorValue(def, stored));
}

/** The Excel number format that shows a figure with exactly its decimals ('#,##0.0000' for 万千瓦时). */
export const indicatorNumFmt = (def: Pick<IndicatorDef, 'scale'>): string => (def.scale === 0 ? '#,##0' : `#,##0.${'0'.repeat(def.scale)}`);
