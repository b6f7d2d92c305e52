import { orgCodeCheckChar, usccCheckChar } from '@shared/census/identifiers';

// Real-shaped codes for test data: positions 9–17 a GB 11714 组织机构代码 with its own check
// character, and the GB 32100 check character over the whole. The rules flag a made-up body
// (usccParts ORGCODE), so data meant to be clean must be built here.

/** The 组织机构代码 for 8 characters (digits and capitals), with its check character. */
export const orgCodeOf = (first8: string): string => first8 + orgCodeCheckChar(first8);

/** A valid USCC around an org code's first 8 characters. */
export function realUscc(org8: string, prefix = '91', area = '640502'): string {
  const body = `${prefix}${area}${orgCodeOf(org8)}`;
  return body + usccCheckChar(body);
}

/** A valid USCC from a serial (up to 8 digits or capitals, zero-padded). */
export const usccOfSerial = (serial: string | number, prefix = '91', area = '640502'): string => realUscc(String(serial).padStart(8, '0').slice(-8), prefix, area);
