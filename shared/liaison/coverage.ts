// Coverage and workload of 包保 officials: which enterprises each follows, how many visits those
// enterprises had in the window (the last 90 days), which of them were never visited and which
// not within the window — per official and per department. Pure: main feeds it the directory's
// current 包保责任人 and the visit log, the export and the screen show what it returns.

export const COVERAGE_WINDOW_DAYS = 90;

export interface CoverageEnterprise {
  id: string;
  /** The current 包保责任人 ('' when nobody follows it). */
  official: string;
  /** The department of the current assignment ('' when not known). */
  department: string;
}

export interface CoverageVisit {
  enterpriseId: string;
  date: string;
}

export interface CoverageCounts {
  enterprises: number;
  /** Visits dated within the window, to the enterprises counted. */
  visitsInWindow: number;
  /** Enterprises with at least one visit within the window. */
  visitedInWindow: number;
  /** Enterprises without a visit within the window (never-visited ones included). */
  notVisitedInWindow: number;
  /** Enterprises without any visit up to the day of the report. */
  neverVisited: number;
  /** The newest visit up to the day of the report, or null. */
  lastVisit: string | null;
}

export interface OfficialCoverage extends CoverageCounts {
  official: string;
  /** The departments of the enterprises the official follows, sorted ('' left out). */
  departments: string[];
  /** The enterprises not visited within the window, for the list behind the count. */
  notVisitedIds: string[];
}

export interface DepartmentCoverage extends CoverageCounts {
  department: string;
  officials: number;
}

export interface CoverageReport {
  asOf: string;
  windowDays: number;
  /** The first day of the window: `asOf` minus windowDays − 1 days (both ends included). */
  windowStart: string;
  officials: OfficialCoverage[];
  departments: DepartmentCoverage[];
  /** Enterprises nobody follows. */
  unassigned: CoverageCounts;
  total: CoverageCounts;
}

const DAY_MS = 86_400_000;

/** `date` (YYYY-MM-DD) moved by `days`, in calendar days (UTC arithmetic: no DST, no clock). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

interface Tally {
  enterprises: number;
  visitsInWindow: number;
  visitedInWindow: number;
  neverVisited: number;
  lastVisit: string | null;
}

const emptyTally = (): Tally => ({ enterprises: 0, visitsInWindow: 0, visitedInWindow: 0, neverVisited: 0, lastVisit: null });

const countsOf = (t: Tally): CoverageCounts => ({ ...t, notVisitedInWindow: t.enterprises - t.visitedInWindow });

const newer = (a: string | null, b: string | null): string | null => (a === null ? b : b === null ? a : a > b ? a : b);

/**
 * The coverage report on `asOf`. A visit counts in the window when windowStart ≤ date ≤ asOf;
 * a visit dated after `asOf` (a report for an earlier day) counts nowhere. Visits to
 * enterprises not in `enterprises` (another township's, a deleted one) are ignored.
 */
export function coverageReport(
  enterprises: readonly CoverageEnterprise[],
  visits: readonly CoverageVisit[],
  asOf: string,
  windowDays: number = COVERAGE_WINDOW_DAYS,
): CoverageReport {
  const windowStart = addDays(asOf, -(windowDays - 1));
  const perEnterprise = new Map<string, { inWindow: number; last: string | null }>();
  for (const e of enterprises) perEnterprise.set(e.id, { inWindow: 0, last: null });
  for (const v of visits) {
    const p = perEnterprise.get(v.enterpriseId);
    if (!p || v.date > asOf) continue;
    if (v.date >= windowStart) p.inWindow += 1;
    p.last = newer(p.last, v.date);
  }

  const officials = new Map<string, { tally: Tally; departments: Set<string>; notVisited: string[] }>();
  const departments = new Map<string, { tally: Tally; officials: Set<string> }>();
  const unassigned = emptyTally();
  const total = emptyTally();
  const add = (t: Tally, p: { inWindow: number; last: string | null }) => {
    t.enterprises += 1;
    t.visitsInWindow += p.inWindow;
    if (p.inWindow > 0) t.visitedInWindow += 1;
    if (p.last === null) t.neverVisited += 1;
    t.lastVisit = newer(t.lastVisit, p.last);
  };

  for (const e of enterprises) {
    const p = perEnterprise.get(e.id) ?? { inWindow: 0, last: null };
    add(total, p);
    const official = e.official.trim();
    if (official === '') {
      add(unassigned, p);
      continue;
    }
    const o = officials.get(official) ?? { tally: emptyTally(), departments: new Set<string>(), notVisited: [] };
    add(o.tally, p);
    if (e.department !== '') o.departments.add(e.department);
    if (p.inWindow === 0) o.notVisited.push(e.id);
    officials.set(official, o);
    const d = departments.get(e.department) ?? { tally: emptyTally(), officials: new Set<string>() };
    add(d.tally, p);
    d.officials.add(official);
    departments.set(e.department, d);
  }

  const byName = (a: string, b: string) => a.localeCompare(b, 'zh-CN');
  return {
    asOf,
    windowDays,
    windowStart,
    officials: [...officials]
      .sort(([a], [b]) => byName(a, b))
      .map(([official, o]) => ({ official, departments: [...o.departments].sort(byName), notVisitedIds: o.notVisited, ...countsOf(o.tally) })),
    departments: [...departments]
      .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : byName(a, b)))
      .map(([department, d]) => ({ department, officials: d.officials.size, ...countsOf(d.tally) })),
    unassigned: countsOf(unassigned),
    total: countsOf(total),
  };
}
