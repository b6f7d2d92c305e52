import { industryClasses, isInCensusScope, type IndustryEntry } from './industry';
import { normaliseSearch } from '../text/normalise';

// Industry classes for a unit's 主要业务活动 text, for whoever codes 行业代码 from it (the
// office during review, shared/review/industry-coding.ts). The picker's own search matches a
// name by substring ("超市" → 超市零售); an activity is written in the unit's words ("超市零售日用
// 百货"), so here a class scores by the two-character words it shares with the text: Chinese
// words are mostly two characters, and a class sharing more of them is likelier. Only classes
// in census scope (not divisions 01–04) are offered.

const bigrams = (text: string): Set<string> => {
  const chars = [...normaliseSearch(text).replace(/[\s\p{P}\p{S}\d]/gu, '')];
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars.slice(i, i + 2).join(''));
  return out;
};

const scoped: readonly IndustryEntry[] = industryClasses().filter((e) => isInCensusScope(e.code));
const classGrams = new Map(scoped.map((e) => [e.code, bigrams(e.name)]));

/**
 * Up to `limit` classes for the activity texts, best first: most shared words, then the larger
 * share of the class name covered, then the standard's order. Blank texts suggest nothing.
 */
export function suggestIndustries(activities: readonly string[], limit = 6): IndustryEntry[] {
  const wanted = new Set<string>();
  for (const a of activities) for (const g of bigrams(a)) wanted.add(g);
  if (wanted.size === 0) return [];
  const hits: { entry: IndustryEntry; shared: number; cover: number; index: number }[] = [];
  scoped.forEach((entry, index) => {
    const grams = classGrams.get(entry.code) ?? new Set<string>();
    let shared = 0;
    for (const g of grams) if (wanted.has(g)) shared += 1;
    if (shared > 0) hits.push({ entry, shared, cover: shared / Math.max(1, grams.size), index });
  });
  hits.sort((a, b) => b.shared - a.shared || b.cover - a.cover || a.index - b.index);
  return hits.slice(0, limit).map((h) => h.entry);
}
