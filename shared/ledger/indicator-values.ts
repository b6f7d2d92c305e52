import type { IndicatorDef } from './indicators';

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
