import { normaliseSearch } from '../text/normalise';

// Picker search over a code list: by code prefix, Chinese substring or pinyin initials
// ("lsy" → 零售业). A linear scan with precomputed lower-case initials is well under a
// millisecond for the 1,381 industry classes, so there is no index to keep in sync.

export interface SearchableEntry {
  readonly code: string;
  readonly zh: string;
  readonly initials: string;
}

// Lower rank sorts first. Exact code beats everything: an enumerator who types a code
// means that code.
const Rank = {
  ExactCode: 0,
  CodePrefix: 1,
  ExactName: 2,
  ExactInitials: 3,
  NamePrefix: 4,
  InitialsPrefix: 5,
  NameSubstring: 6,
  InitialsSubstring: 7,
} as const;
type Rank = (typeof Rank)[keyof typeof Rank];

function rankOf(entry: SearchableEntry, query: string, lower: string): Rank | null {
  const code = entry.code.toLowerCase();
  if (code === lower) return Rank.ExactCode;
  if (code.startsWith(lower)) return Rank.CodePrefix;
  if (entry.zh === query) return Rank.ExactName;
  if (entry.initials === lower) return Rank.ExactInitials;
  if (entry.zh.startsWith(query)) return Rank.NamePrefix;
  if (entry.initials.startsWith(lower)) return Rank.InitialsPrefix;
  if (entry.zh.includes(query)) return Rank.NameSubstring;
  if (entry.initials.includes(lower)) return Rank.InitialsSubstring;
  return null;
}

/**
 * Entries matching `query`, best first; ties keep the list's own order (codes ascending,
 * so a broader code comes before its children). An empty query matches nothing.
 */
export function searchCodes<T extends SearchableEntry>(entries: readonly T[], query: string, limit = 20): T[] {
  // A code typed in full width (１０) is the code 10 (shared/text/normalise.ts).
  const trimmed = normaliseSearch(query).trim();
  if (trimmed === '' || limit <= 0) return [];
  const lower = trimmed.toLowerCase();
  const hits: { entry: T; rank: Rank; index: number }[] = [];
  entries.forEach((entry, index) => {
    const rank = rankOf(entry, trimmed, lower);
    if (rank !== null) hits.push({ entry, rank, index });
  });
  hits.sort((a, b) => a.rank - b.rank || a.index - b.index);
  return hits.slice(0, limit).map((h) => h.entry);
}
