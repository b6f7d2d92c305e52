import { sectionRanges } from './queries';
import { enterpriseStatuses, followUpStages, unitKinds, type EnterpriseFilter, type FollowUpStage } from '@shared/directory/directory';
import type { SearchText } from './index-text';

// A directory filter compiled to a test over the index's column arrays (index-columns.ts):
// the typed-array tests first, the text search last. One meaning of a filter for every screen
// (lists, export, candidates, 退库, the draw and the statistics).

/** Bits of the index's `flags` column. */
export const FLAG = { NEAR: 1, GROWTH: 2, ONLINE: 4, BELOW: 8, REACHED: 16, MEASURE_MISSING: 32 } as const;

/** Work-list selections beyond the filter (OR within candidates). */
export type WorkList = { kind: 'candidates'; reached: boolean; near: boolean; growth: boolean; followed: boolean } | { kind: 'exits' };

/** The columns a filter reads, one element per slot. */
export interface IndexColumns {
  readonly ids: readonly string[];
  readonly texts: readonly string[];
  readonly division: Float64Array;
  readonly industry: Int32Array;
  readonly scale: Uint8Array;
  readonly status: Uint8Array;
  readonly stage: Uint8Array;
  readonly flags: Uint8Array;
  /** unitKinds index (0 legal, 1 establishment, 2 individual). */
  readonly unitKind: Uint8Array;
  readonly liaison: Int32Array;
  readonly liaisonIds: ReadonlyMap<string, number>;
  readonly search: SearchText;
}

const stageCode = (s: FollowUpStage | 'none'): number => (s === 'none' ? 0 : followUpStages.indexOf(s) + 1);
const statusCode = (s: string): number => enterpriseStatuses.indexOf(s as (typeof enterpriseStatuses)[number]);

export function compileFilter(c: IndexColumns, f: EnterpriseFilter, terms: readonly string[], work?: WorkList): (slot: number) => boolean {
  const tests: ((s: number) => boolean)[] = [];
  if (work?.kind === 'candidates') {
    const mask = (work.reached ? FLAG.REACHED : 0) | (work.near ? FLAG.NEAR : 0) | (work.growth ? FLAG.GROWTH : 0);
    tests.push((s) => ((c.flags[s] as number) & mask) !== 0 || (work.followed && c.stage[s] !== 0));
  } else if (work?.kind === 'exits') {
    // 规上 enterprises no longer active, or fallen below their threshold.
    const active = statusCode('active');
    tests.push((s) => c.scale[s] === 1 && (c.status[s] !== active || ((c.flags[s] as number) & FLAG.BELOW) !== 0));
  }
  if (f.divisionPrefix) {
    const scale = 10 ** (12 - f.divisionPrefix.length);
    const lo = Number(f.divisionPrefix) * scale;
    const hi = lo + scale;
    tests.push((s) => (c.division[s] as number) >= lo && (c.division[s] as number) < hi);
  }
  if (f.industry) {
    let lo = 0;
    let hi = 0;
    if (/^[A-T]$/.test(f.industry)) {
      const range = sectionRanges.get(f.industry);
      if (range) [lo, hi] = [Number(range[0]) * 100, Number(range[1]) * 100];
    } else {
      const scale = 10 ** (4 - f.industry.length);
      [lo, hi] = [Number(f.industry) * scale, (Number(f.industry) + 1) * scale];
    }
    tests.push((s) => (c.industry[s] as number) >= lo && (c.industry[s] as number) < hi);
  }
  if (f.scale) {
    const want = f.scale === 'above' ? 1 : 0;
    tests.push((s) => c.scale[s] === want);
  }
  const flagTest = (bit: number, want: boolean | undefined) => {
    if (want !== undefined) tests.push((s) => (((c.flags[s] as number) & bit) !== 0) === want);
  };
  flagTest(FLAG.NEAR, f.isNearThreshold);
  flagTest(FLAG.REACHED, f.isReached);
  if (f.unitKinds && f.unitKinds.length > 0) {
    const allowed = new Set(f.unitKinds.map((k) => unitKinds.indexOf(k)));
    tests.push((s) => allowed.has(c.unitKind[s] as number));
  }
  flagTest(FLAG.GROWTH, f.isGrowth);
  flagTest(FLAG.ONLINE, f.isOnlineReporter);
  if (f.liaison !== undefined) {
    const id = c.liaisonIds.get(f.liaison) ?? -2;
    tests.push((s) => c.liaison[s] === id);
  }
  if (f.statuses && f.statuses.length > 0) {
    const allowed = new Set(f.statuses.map(statusCode));
    tests.push((s) => allowed.has(c.status[s] as number));
  }
  if (f.stages && f.stages.length > 0) {
    const allowed = new Set(f.stages.map(stageCode));
    tests.push((s) => allowed.has(c.stage[s] as number));
  }
  if (terms.length > 0) {
    const hits = c.search.matching(terms, c.ids.length, (slot) => c.texts[slot] ?? '');
    tests.push((s) => hits[s] === 1);
  }
  return (s) => {
    for (const t of tests) if (!t(s)) return false;
    return true;
  };
}
