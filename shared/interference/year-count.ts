import type { InterferenceEntry } from './entry';

// The register's figures for the year-end summary. A correction is a new entry that names the
// one it corrects, so counting entries would count one attempt twice; an attempt is counted
// once, as its newest correction says (its date may have been corrected into another year).

type Countable = Pick<InterferenceEntry, 'id' | 'occurredOn' | 'recordedAt' | 'corrects'>;

/**
 * Each recorded attempt as its newest correction has it: the entries no other entry corrects.
 * Two corrections of the same entry (made on two laptops before either saw the other) both
 * stand; the attempt is then the newest of them (recordedAt, then id), so it counts once.
 */
export function currentEntries<T extends Countable>(entries: readonly T[]): T[] {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const corrected = new Set(entries.map((e) => e.corrects).filter((id): id is string => id !== null));
  const rootOf = (e: T): string => {
    let at: T = e;
    const seen = new Set<string>();
    while (at.corrects !== null && !seen.has(at.id)) {
      seen.add(at.id);
      const up = byId.get(at.corrects);
      // A correction of an entry this laptop does not hold stands for an attempt of its own.
      if (!up) return at.corrects;
      at = up;
    }
    return at.id;
  };
  const newest = new Map<string, T>();
  for (const e of entries) {
    if (corrected.has(e.id)) continue;
    const root = rootOf(e);
    const held = newest.get(root);
    if (!held || e.recordedAt > held.recordedAt || (e.recordedAt === held.recordedAt && e.id > held.id)) newest.set(root, e);
  }
  return [...newest.values()];
}

/**
 * The year's count for the year-end summary: the attempts to influence figures recorded as
 * having occurred in `year`, each once (currentEntries). Corrections do not add to it.
 */
export function interferenceYearCount(entries: readonly Countable[], year: number): number {
  const prefix = `${String(year).padStart(4, '0')}-`;
  return currentEntries(entries).filter((e) => e.occurredOn.startsWith(prefix)).length;
}
