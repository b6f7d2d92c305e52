import { mulberry32, sample, seedHash } from '../inspection/draw';
import { certStatusOn, normalisePersonName } from './roster';

// 双随机 with inspectors from the roster: the enterprises are drawn exactly as the plain draw
// draws them (pool sorted by USCC, FNV-1a seed, mulberry32, partial Fisher–Yates,
// shared/inspection/draw.ts); then, for each drawn enterprise in draw order, its inspectors are
// drawn from those eligible for it, never from a conflicted one. Eligible: a 执法证 valid on the
// draw's day, not the enterprise's 包保责任人 (its liaison, compared as normalised names), not
// listed as related to it. Same seed, pool, roster and day → same draw on any machine.

export const ROSTER_DRAW_ALGORITHM = 'fnv1a32-mulberry32-fisher-yates/roster-1';

export interface PoolEntry {
  enterpriseId: string;
  uscc: string;
  name: string;
  divisionCode: string;
  /** 包保责任人 as in the directory when the draw was published. */
  liaison: string;
}

export interface RosterEntry {
  inspectorId: string;
  name: string;
  certNo: string;
  validFrom: string;
  validTo: string;
  unit: string;
  /** Enterprises the inspector is related to (回避). */
  related: string[];
}

export const exclusionReasons = ['expired', 'not_yet_valid', 'liaison', 'related'] as const;
export type ExclusionReason = (typeof exclusionReasons)[number];

export interface Exclusion {
  enterpriseId: string;
  inspectorId: string;
  reason: ExclusionReason;
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Why `inspector` may not inspect `enterprise` on `day`, or null when eligible (the first reason that applies). */
export function exclusionOf(inspector: RosterEntry, enterprise: PoolEntry, day: string): ExclusionReason | null {
  const status = certStatusOn(inspector, day);
  if (status !== 'valid') return status;
  const liaison = normalisePersonName(enterprise.liaison);
  if (liaison !== '' && liaison === normalisePersonName(inspector.name)) return 'liaison';
  if (inspector.related.includes(enterprise.enterpriseId)) return 'related';
  return null;
}

/** The roster in its draw order: by 执法证号 (unique and printed), so the order does not depend on how it was stored. */
export const sortedRoster = (roster: readonly RosterEntry[]): RosterEntry[] => [...roster].sort((a, b) => byText(a.certNo, b.certNo) || byText(a.inspectorId, b.inspectorId));
export const sortedPool = (pool: readonly PoolEntry[]): PoolEntry[] => [...pool].sort((a, b) => byText(a.uscc, b.uscc) || byText(a.enterpriseId, b.enterpriseId));

/** Enterprises of the pool that could not get `perEnterprise` eligible inspectors, with how many they have. */
export function shortfalls(pool: readonly PoolEntry[], roster: readonly RosterEntry[], perEnterprise: number, day: string): { enterprise: PoolEntry; eligible: number }[] {
  const out: { enterprise: PoolEntry; eligible: number }[] = [];
  for (const e of sortedPool(pool)) {
    const eligible = roster.filter((i) => exclusionOf(i, e, day) === null).length;
    if (eligible < perEnterprise) out.push({ enterprise: e, eligible });
  }
  return out;
}

export interface RosterDrawInput {
  seed: string;
  pool: readonly PoolEntry[];
  roster: readonly RosterEntry[];
  count: number;
  perEnterprise: number;
  /** The day certificates are judged on (ISO date). */
  day: string;
}

export interface RosterDrawItem {
  enterpriseId: string;
  position: number;
  uscc: string;
  name: string;
  divisionCode: string;
  inspectors: { inspectorId: string; name: string; certNo: string }[];
}

export type RosterDrawResult =
  | { ok: true; items: RosterDrawItem[]; exclusions: Exclusion[] }
  | { ok: false; reason: 'NO_ELIGIBLE'; enterprise: PoolEntry; eligible: number };

/**
 * The draw. Refuses (NO_ELIGIBLE, naming the first such enterprise) rather than fill a place
 * with a conflicted inspector; publishing checks the whole pool first (shortfalls), so a
 * published draw always runs.
 */
export function runRosterDraw(input: RosterDrawInput): RosterDrawResult {
  const rand = mulberry32(seedHash(input.seed));
  const roster = sortedRoster(input.roster);
  const picked = sample(sortedPool(input.pool), input.count, rand);
  const items: RosterDrawItem[] = [];
  const exclusions: Exclusion[] = [];
  for (const [position, e] of picked.entries()) {
    const eligible: RosterEntry[] = [];
    for (const i of roster) {
      const reason = exclusionOf(i, e, input.day);
      if (reason === null) eligible.push(i);
      else exclusions.push({ enterpriseId: e.enterpriseId, inspectorId: i.inspectorId, reason });
    }
    if (eligible.length < input.perEnterprise) return { ok: false, reason: 'NO_ELIGIBLE', enterprise: e, eligible: eligible.length };
    const chosen = sample(eligible, input.perEnterprise, rand);
    items.push({
      enterpriseId: e.enterpriseId,
      position,
      uscc: e.uscc,
      name: e.name,
      divisionCode: e.divisionCode,
      inspectors: chosen.map((i) => ({ inspectorId: i.inspectorId, name: i.name, certNo: i.certNo })),
    });
  }
  return { ok: true, items, exclusions };
}

/** The pool as hashed for the 公示 sheet: one line per enterprise in draw order, every input to the draw included. */
export const poolText = (pool: readonly PoolEntry[]): string =>
  sortedPool(pool)
    .map((e) => [e.uscc, e.enterpriseId, e.divisionCode, normalisePersonName(e.liaison), e.name].join('\t'))
    .join('\n');

/** The roster as hashed: one line per inspector in draw order, related enterprises sorted. */
export const rosterText = (roster: readonly RosterEntry[]): string =>
  sortedRoster(roster)
    .map((i) => [i.certNo, i.inspectorId, i.name, i.validFrom, i.validTo, i.unit, [...i.related].sort(byText).join(',')].join('\t'))
    .join('\n');
