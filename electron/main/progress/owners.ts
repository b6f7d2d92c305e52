import type { AppDatabase } from '@db/open';
import { unitsWithLastWorker, type WorkedUnit } from './queries';
import type { TeamMember } from '@shared/review/review';
import type { Team } from '../session/roles';

// Whose unit is it? Progress per enumerator, the reviewer's enumerator filter and the queue's
// "普查员" column all ask, and all must give the same answer, with every unit counted once: two
// enumerators assigned the same 普查区 must not both be credited with all of it.
//
// A unit belongs to the enumerator holding the most specific assigned prefix that covers its
// 普查小区 (a 小区 assignment beats its 普查区's, which beats the township's). Where that leaves
// a tie (two people assigned the same area) or nobody (an area no enumerator holds any more),
// it belongs to the one of them who last worked it (its trace or review events); otherwise to
// nobody, and the reports show such units on their own line so the per-person figures still add
// up to the total.

const enumerators = (team: Team): TeamMember[] => team.users.filter((u) => u.role === 'enumerator');

/** The team's assignments by prefix, for lookups that cost one probe per prefix length. */
export interface AssignmentIndex {
  byPrefix: ReadonlyMap<string, readonly string[]>;
  /** Distinct prefix lengths, longest first. */
  lengths: readonly number[];
}

export function assignmentIndex(team: Team): AssignmentIndex {
  const byPrefix = new Map<string, string[]>();
  for (const u of enumerators(team)) {
    for (const p of u.areas) {
      if (p === '') continue;
      const ids = byPrefix.get(p) ?? [];
      if (!ids.includes(u.id)) ids.push(u.id);
      byPrefix.set(p, ids);
    }
  }
  const lengths = [...new Set([...byPrefix.keys()].map((p) => p.length))].sort((a, b) => b - a);
  return { byPrefix, lengths };
}

/** The enumerators with the longest assigned prefix covering the 普查小区 (none, one, or a tie). */
export function assignedOwners(index: AssignmentIndex, areaCode: string): readonly string[] {
  for (const length of index.lengths) {
    if (length > areaCode.length) continue;
    const ids = index.byPrefix.get(areaCode.slice(0, length));
    if (ids) return ids;
  }
  return [];
}

/** Every enumerator with some assigned prefix covering the code (a 小区, its 普查区, its township…). */
export function coveringEnumerators(index: AssignmentIndex, areaCode: string): string[] {
  const ids = new Set<string>();
  for (const length of index.lengths) {
    if (length <= areaCode.length) for (const id of index.byPrefix.get(areaCode.slice(0, length)) ?? []) ids.add(id);
  }
  return [...ids];
}

export interface Ownership {
  /** 普查小区 decided as a whole: their one assigned enumerator, or null (nobody could own them).
   * Every code given to unitOwnership is here or has its units in byUnit. */
  byArea: ReadonlyMap<string, string | null>;
  /** Units of the other 普查小区, each with its owner (null: nobody). */
  byUnit: ReadonlyMap<string, WorkedUnit & { owner: string | null }>;
}

/** Who owns every live unit of the given 普查小区 (the codes holding units, e.g. liveAreaCodes). */
export function unitOwnership(db: AppDatabase, team: Team, areaCodes: readonly string[]): Ownership {
  const byArea = new Map<string, string | null>();
  const byUnit = new Map<string, WorkedUnit & { owner: string | null }>();
  const index = assignmentIndex(team);
  const everyone = enumerators(team).map((u) => u.id);
  // Areas to settle unit by unit, grouped by who may own them.
  const open = new Map<string, { candidates: readonly string[]; areas: string[] }>();
  for (const code of areaCodes) {
    const assigned = assignedOwners(index, code);
    if (assigned.length === 1) byArea.set(code, assigned[0] ?? null);
    else if (everyone.length === 0) byArea.set(code, null);
    else {
      const candidates = assigned.length > 1 ? assigned : everyone;
      const key = candidates.join('\u0000');
      const group = open.get(key) ?? { candidates, areas: [] };
      group.areas.push(code);
      open.set(key, group);
    }
  }
  for (const { candidates, areas } of open.values()) {
    // A trace row names a person by account id (synced edits) or name (this laptop's): both
    // map back to the account. A name two accounts share is left out rather than guessed.
    const identity = new Map<string, string>();
    const shared = new Set<string>();
    for (const u of enumerators(team).filter((m) => candidates.includes(m.id))) {
      identity.set(u.id, u.id);
      for (const name of new Set([u.name, u.username].filter((n) => n !== ''))) {
        if (identity.has(name) && identity.get(name) !== u.id) shared.add(name);
        else identity.set(name, u.id);
      }
    }
    for (const name of shared) identity.delete(name);
    for (const unit of unitsWithLastWorker(db, areas, [...identity.keys()])) {
      byUnit.set(unit.id, { ...unit, owner: unit.lastWorker === null ? null : (identity.get(unit.lastWorker) ?? null) });
    }
  }
  return { byArea, byUnit };
}

/** The owner of one unit (its id and 普查小区), under an ownership computed for a prefix covering it. */
export function ownerOf(o: Ownership, unit: { id: string; areaCode: string }): string | null {
  const area = o.byArea.get(unit.areaCode);
  return area !== undefined ? area : (o.byUnit.get(unit.id)?.owner ?? null);
}

/** What an enumerator owns: whole 普查小区 and single units. */
export function ownedBy(o: Ownership, userId: string): { areaCodes: string[]; unitIds: string[] } {
  return {
    areaCodes: [...o.byArea].filter(([, owner]) => owner === userId).map(([code]) => code),
    unitIds: [...o.byUnit.values()].filter((u) => u.owner === userId).map((u) => u.id),
  };
}
