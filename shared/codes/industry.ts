// GB/T 4754-2017 国民经济行业分类, read from the generated industry-data.ts. The census
// registers secondary and tertiary industry only (docs/domain.md): divisions 01–04 (farming,
// forestry, animal husbandry, fishing) are out of scope, 05 (their support services) is in.
import { industryRows, industrySource } from './industry-data';

export { industrySource };

export type IndustryLevel = 1 | 2 | 3 | 4;

export interface IndustryEntry {
  /** Section letter A–T, or a 2-, 3- or 4-digit code. */
  readonly code: string;
  /** 1 门类 section, 2 大类 division, 3 中类 group, 4 小类 class. */
  readonly level: IndustryLevel;
  readonly section: string;
  readonly name: string;
  /** Same as `name`, so industry entries feed searchCodes like any code list. */
  readonly zh: string;
  readonly initials: string;
}

const entries: readonly IndustryEntry[] = industryRows.map(([code, level, section, name, initials]) => ({
  code,
  level,
  section,
  name,
  zh: name,
  initials,
}));
const byCode = new Map(entries.map((e) => [e.code, e]));
const classes = entries.filter((e) => e.level === 4);

/** Divisions outside the census: agriculture proper (A01–A04). */
export const outOfScopeDivisions: readonly string[] = ['01', '02', '03', '04'];

export function industryByCode(code: string): IndustryEntry | undefined {
  return byCode.get(code);
}

/** Every entry (sections, divisions, groups, classes) in the standard's order. */
export function industryEntries(): readonly IndustryEntry[] {
  return entries;
}

/** The 4-digit 小类, the level the 611 form's 行业代码 is coded at. */
export function industryClasses(): readonly IndustryEntry[] {
  return classes;
}

export function isIndustryClass(code4: string): boolean {
  return byCode.get(code4)?.level === 4;
}

/** The 2-digit division of a numeric code ('5212' → '52'), or undefined for a section or unknown code. */
export function industryDivision(code: string): string | undefined {
  const entry = byCode.get(code);
  if (!entry || entry.level === 1) return undefined;
  return code.slice(0, 2);
}

/** The section letter of any known code ('5212' → 'F', 'F' → 'F'). */
export function industrySection(code: string): string | undefined {
  return byCode.get(code)?.section;
}

/**
 * Whether units coded `code` are registered in the census. Numeric codes: known and not under
 * divisions 01–04. A section counts as in scope when any of its divisions is (so A is, via 05).
 */
export function isInCensusScope(code: string): boolean {
  const entry = byCode.get(code);
  if (!entry) return false;
  if (entry.level === 1) {
    return entries.some((e) => e.level === 2 && e.section === code && !outOfScopeDivisions.includes(e.code));
  }
  return !outOfScopeDivisions.includes(code.slice(0, 2));
}
