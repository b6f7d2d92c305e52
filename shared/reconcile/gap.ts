import { industryByCode, industrySection } from '../codes/industry';
import { professionOf } from '../ledger/indicator-sets';
import { isBeyondTolerance } from '../rules/cross-period';
import { dimensions, professionName, type Dimension } from './columns';

// The gap table (census against the 快报) and the unit-level comparison: pure, so the page, the
// export and the tests compute the same numbers. Difference = census − 快报; % = difference / 快报
// to one decimal, rounded half away from zero with integers; undefined (null, shown "—") when the
// 快报 figure is 0 or absent. Groups without a code (a census unit without a valid industry code)
// form their own row, code ''.

export interface Figures {
  units: number;
  revenue: number;
  employees: number;
}

/** A census unit as the comparison reads it (legal entities in census scope only). */
export interface CensusUnitFacts {
  id: string;
  name: string;
  areaCode: string;
  uscc: string;
  orgCode: string;
  industryCode: string;
  /** Whole 千元; null when not filled. */
  revenue: number | null;
  employees: number | null;
}

export interface AnnualUnitFacts {
  uscc: string;
  orgCode: string;
  name: string;
  profession: string;
  industryCode: string;
  township: string;
  revenue: number;
  employees: number;
}

export interface StatedTotal extends Figures {
  dimension: Dimension;
  code: string;
  name: string;
}

export interface Measure {
  census: number;
  annual: number | null;
  diff: number | null;
  /** One decimal; null when the base is 0 or absent. */
  pct: number | null;
}

export interface GapRow {
  dimension: Dimension;
  code: string;
  units: Measure;
  revenue: Measure;
  employees: Measure;
}

/** diff / base × 100 to one decimal, half away from zero, exactly for whole figures; null for base 0. */
export function gapPercent(diff: number, base: number): number | null {
  if (base === 0) return null;
  const sign = Math.sign(diff) * Math.sign(base);
  const a = Math.abs(diff);
  const b = Math.abs(base);
  // tenths = round(a × 1000 / b) = floor((2 × a × 1000 + b) / (2 × b))
  if (Number.isSafeInteger(a * 2000 + b) && Number.isInteger(a) && Number.isInteger(b)) {
    const tenths = Math.floor((a * 2000 + b) / (2 * b));
    return (sign * tenths) / 10 || 0;
  }
  if (Number.isInteger(a) && Number.isInteger(b)) {
    const tenths = (BigInt(a) * 2000n + BigInt(b)) / (2n * BigInt(b));
    return (sign * Number(tenths)) / 10 || 0;
  }
  return (sign * Math.round((a * 1000) / b)) / 10 || 0;
}

export function measure(census: number, annual: number | null): Measure {
  if (annual === null) return { census, annual, diff: null, pct: null };
  const diff = census - annual;
  return { census, annual, diff, pct: gapPercent(diff, annual) };
}

const sectionOf = (division: string): string | undefined => industrySection(division);

/** The group of a census unit in each dimension ('' = no valid industry code). */
export function censusKeys(u: Pick<CensusUnitFacts, 'industryCode' | 'areaCode'>): Record<Dimension, string> {
  const isCoded = industryByCode(u.industryCode)?.level === 4;
  return {
    profession: isCoded ? professionOf(u.industryCode, sectionOf) : '',
    industry: isCoded ? u.industryCode.slice(0, 2) : '',
    township: u.areaCode.slice(0, 9),
  };
}

export function annualKeys(u: Pick<AnnualUnitFacts, 'profession' | 'industryCode' | 'township'>): Record<Dimension, string> {
  return { profession: u.profession, industry: u.industryCode.slice(0, 2), township: u.township };
}

const add = (into: Map<string, Figures>, key: string, f: { revenue: number | null; employees: number | null }) => {
  const t = into.get(key) ?? { units: 0, revenue: 0, employees: 0 };
  t.units += 1;
  t.revenue += f.revenue ?? 0;
  t.employees += f.employees ?? 0;
  into.set(key, t);
};

export interface GapTable {
  rows: GapRow[];
  /** Per dimension: whether the 快报 side is the file's stated totals or the unit rows' sums. */
  annualSource: Record<Dimension, 'stated' | 'summed'>;
  total: { units: Measure; revenue: Measure; employees: Measure };
}

/**
 * The gap table: every group either side has, in code order (the uncoded group last). A
 * dimension the file states totals for uses them (a group it does not state has no 快报 figure,
 * "—"); otherwise the 快报 side is the sum of its unit rows.
 */
export function gapTable(census: readonly CensusUnitFacts[], annual: readonly AnnualUnitFacts[], stated: readonly StatedTotal[]): GapTable {
  const rows: GapRow[] = [];
  const annualSource = {} as Record<Dimension, 'stated' | 'summed'>;
  for (const dimension of dimensions) {
    const c = new Map<string, Figures>();
    for (const u of census) add(c, censusKeys(u)[dimension], u);
    const a = new Map<string, Figures>();
    const mine = stated.filter((s) => s.dimension === dimension);
    annualSource[dimension] = mine.length > 0 ? 'stated' : 'summed';
    if (mine.length > 0) for (const s of mine) a.set(s.code, { units: s.units, revenue: s.revenue, employees: s.employees });
    else for (const u of annual) add(a, annualKeys(u)[dimension], u);
    // A group the 快报's units fall in but its stated totals leave out is listed too, without a 快报 figure.
    const listed = mine.length > 0 ? annual.map((u) => annualKeys(u)[dimension]) : [];
    const codes = [...new Set([...c.keys(), ...a.keys(), ...listed])].sort((x, y) => (x === '' ? 1 : y === '' ? -1 : x.localeCompare(y)));
    const order = dimension === 'profession' ? professionOrder : null;
    if (order) codes.sort((x, y) => order(x) - order(y));
    for (const code of codes) {
      const cf = c.get(code) ?? { units: 0, revenue: 0, employees: 0 };
      const af = a.get(code) ?? null;
      rows.push({
        dimension,
        code,
        units: measure(cf.units, af?.units ?? null),
        revenue: measure(cf.revenue, af?.revenue ?? null),
        employees: measure(cf.employees, af?.employees ?? null),
      });
    }
  }
  const sum = (list: readonly { revenue: number | null; employees: number | null }[]): Figures =>
    list.reduce<Figures>((t, u) => ({ units: t.units + 1, revenue: t.revenue + (u.revenue ?? 0), employees: t.employees + (u.employees ?? 0) }), { units: 0, revenue: 0, employees: 0 });
  const ct = sum(census);
  // The county total: the stated 专业 totals when they cover every 专业 the units fall in (a
  // published total may count more units than the file lists), else the unit rows' sum.
  const statedProfession = stated.filter((s) => s.dimension === 'profession');
  const coversUnits = statedProfession.length > 0 && annual.every((u) => statedProfession.some((s) => s.code === u.profession));
  const at = coversUnits
    ? statedProfession.reduce((t, s) => ({ units: t.units + s.units, revenue: t.revenue + s.revenue, employees: t.employees + s.employees }), { units: 0, revenue: 0, employees: 0 })
    : sum(annual);
  return { rows, annualSource, total: { units: measure(ct.units, at.units), revenue: measure(ct.revenue, at.revenue), employees: measure(ct.employees, at.employees) } };
}

const professionIds = ['industry', 'trade', 'hospitality', 'construction', 'realEstate', 'services'];
const professionOrder = (code: string): number => (code === '' ? 99 : professionIds.indexOf(code));

/** A group's name for people: the profession's, the industry division's, or the township's (from `townshipName`). */
export function groupName(dimension: Dimension, code: string, townshipName: (code9: string) => string | undefined): { zh: string; en: string } {
  if (code === '') return { zh: '行业代码未填或无效', en: 'No valid industry code' };
  if (dimension === 'profession') return professionName(code);
  if (dimension === 'industry') {
    const name = industryByCode(code)?.name ?? '';
    return { zh: name, en: name };
  }
  const name = townshipName(code) ?? '';
  return { zh: name, en: name };
}

// ---------------------------------------------------------------------------------------------
// Units

export interface UnitCompare {
  census: CensusUnitFacts;
  annual: AnnualUnitFacts;
  matchedBy: 'uscc' | 'orgCode';
  revenue: Measure & { isBeyond: boolean };
  employees: Measure & { isBeyond: boolean };
}

export interface UnitMatch {
  compared: UnitCompare[];
  annualOnly: AnnualUnitFacts[];
  censusOnly: CensusUnitFacts[];
}

export interface Tolerances {
  /** Fractions: 0.5 = ±50 %. */
  revenue: number;
  employees: number;
}

/** The 快报 unit a census unit is: by USCC first, then by 组织机构代码. */
export function annualIndex(annual: readonly AnnualUnitFacts[]) {
  const byUscc = new Map<string, AnnualUnitFacts>();
  const byOrg = new Map<string, AnnualUnitFacts>();
  for (const a of annual) {
    if (a.uscc !== '') byUscc.set(a.uscc, a);
    if (a.orgCode !== '') byOrg.set(a.orgCode, a);
  }
  return (u: Pick<CensusUnitFacts, 'uscc' | 'orgCode'>): { annual: AnnualUnitFacts; matchedBy: 'uscc' | 'orgCode' } | null => {
    const byCode = u.uscc === '' ? undefined : byUscc.get(u.uscc);
    if (byCode) return { annual: byCode, matchedBy: 'uscc' };
    const byOrgCode = u.orgCode === '' ? undefined : byOrg.get(u.orgCode);
    return byOrgCode ? { annual: byOrgCode, matchedBy: 'orgCode' } : null;
  };
}

const compareMeasure = (census: number | null, annual: number, tolerance: number): Measure & { isBeyond: boolean } => ({
  ...measure(census ?? 0, annual),
  ...(census === null ? { diff: null, pct: null } : {}),
  isBeyond: census !== null && isBeyondTolerance(census, annual, tolerance),
});

export function matchUnits(census: readonly CensusUnitFacts[], annual: readonly AnnualUnitFacts[], tolerances: Tolerances): UnitMatch {
  const find = annualIndex(annual);
  const compared: UnitCompare[] = [];
  const censusOnly: CensusUnitFacts[] = [];
  const matched = new Set<AnnualUnitFacts>();
  for (const u of census) {
    const hit = find(u);
    if (!hit) {
      censusOnly.push(u);
      continue;
    }
    matched.add(hit.annual);
    compared.push({
      census: u,
      annual: hit.annual,
      matchedBy: hit.matchedBy,
      revenue: compareMeasure(u.revenue, hit.annual.revenue, tolerances.revenue),
      employees: compareMeasure(u.employees, hit.annual.employees, tolerances.employees),
    });
  }
  return { compared, annualOnly: annual.filter((a) => !matched.has(a)), censusOnly };
}
