import { isInCensusScope, isIndustryClass } from '../codes/industry';
import type { CodeList } from '../codes/types';
import { normaliseIdentifier } from '../census/identifiers';

// Reading one cell of the listing frame in a form item's own notation (./preload.ts maps the
// columns to items): a value that does not read cleanly gives null, never a guess.

/** How a column's text is read. */
export type Parse = 'text' | 'uscc' | 'orgCode' | 'yearMonth' | 'postcode' | 'email' | 'division' | 'industry' | 'digits' | { codeList: string };

/** Same rules as frame-import-columns: no BOM, spaces, brackets' contents or list marks; lower case. */
export function normaliseHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/[\s\u3000_、,，:：-]+/g, '')
    .toLowerCase();
}

/** Full-width digits, letters and marks to their plain forms (a frame from another tool may hold them). */
const plain = (s: string): string => s.normalize('NFKC').trim();

// 2015-03-12, 2015/3/12, 2015.3, 2015年3月(12日), 201503, 20150312: the year and month; a text
// with anything else around them is not read.
const YEAR_MONTH_MARKED = /^(\d{4})\s*[-./年]\s*(\d{1,2})(?:\s*月|\s*[-./]\s*\d{1,2}|\s*月\s*\d{1,2}\s*日)?$/;
const YEAR_MONTH_DIGITS = /^(\d{4})(\d{2})(?:\d{2})?$/;

function parseYearMonth(s: string): string | null {
  const t = plain(s);
  const m = YEAR_MONTH_MARKED.exec(t) ?? YEAR_MONTH_DIGITS.exec(t);
  if (!m) return null;
  const month = Number(m[2]);
  return month >= 1 && month <= 12 ? `${m[1]}-${String(month).padStart(2, '0')}` : null;
}

/** A code of the list from its code, "code label", "code-label" or exact label; null otherwise. */
export function codeFromText(list: CodeList | undefined, raw: string): string | null {
  const s = plain(raw);
  const entries = list?.entries ?? [];
  const byCode = entries.find((e) => e.code === s);
  if (byCode) return byCode.code;
  const m = /^(\d+)\s*[-.、:：\s]?\s*(\S.*)$/.exec(s);
  if (m) {
    const entry = entries.find((e) => e.code === m[1]);
    return entry && entry.zh === m[2]?.trim() ? entry.code : null;
  }
  return entries.find((e) => e.zh === s)?.code ?? null;
}

/** `listOf` finds a code list of the pack the unit is filled under. */
export function parseValue(parse: Parse, raw: string, listOf: (id: string) => CodeList | undefined): string | null {
  const s = raw.trim();
  if (s === '') return null;
  if (typeof parse === 'object') return codeFromText(listOf(parse.codeList), s);
  switch (parse) {
    case 'text':
      return s;
    case 'uscc': {
      const v = normaliseIdentifier(s);
      return /^[0-9A-Z]{18}$/.test(v) ? v : null;
    }
    case 'orgCode': {
      const v = normaliseIdentifier(s);
      return /^[0-9A-Z]{9}$/.test(v) ? v : null;
    }
    case 'yearMonth':
      return parseYearMonth(s);
    case 'postcode': {
      const v = plain(s);
      return /^\d{6}$/.test(v) ? v : null;
    }
    case 'email': {
      const v = plain(s);
      return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v) ? v : null;
    }
    case 'division': {
      const v = plain(s);
      return /^\d{12}$/.test(v) ? v : null;
    }
    case 'industry': {
      const v = plain(s);
      return isIndustryClass(v) && isInCensusScope(v) ? v : null;
    }
    case 'digits': {
      const v = plain(s).replace(/[\s-]/g, '');
      return /^\d{3,20}$/.test(v) ? v : null;
    }
  }
}

/** The landline or mobile in a phone column: 13909551234 → mobile; 0955-7012345 → area code + number. */
export function splitPhone(raw: string): { phoneMobile?: string; phoneAreaCode?: string; phoneFixed?: string } | null {
  const s = plain(raw).replace(/[()（）]/g, ' ').trim();
  const compact = s.replace(/[\s-]/g, '');
  if (/^1\d{10}$/.test(compact)) return { phoneMobile: compact };
  const landline = /^(0\d{2,3})[\s-]*(\d{7,8})$/.exec(s) ?? /^(0\d{2,3})(\d{7,8})$/.exec(compact);
  if (landline?.[1] && landline[2]) return { phoneAreaCode: landline[1], phoneFixed: landline[2] };
  if (/^\d{7,8}$/.test(compact)) return { phoneFixed: compact };
  return null;
}
