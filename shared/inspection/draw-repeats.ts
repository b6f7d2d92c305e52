import type { DrawSummary } from '../followup/work';

// A list drawn more than once is what the bureau looks for in 双随机 records: a draw repeated
// until it suits someone. Draws sync, so repeats run on other laptops count too.

/**
 * Each draw over a list drawn more than once (same pool hash): its place among them, oldest
 * first. Draws sync, so this shows a list drawn again on another laptop too.
 */
export function repeatsOf(draws: readonly Pick<DrawSummary, 'id' | 'poolHash' | 'createdAt'>[]): Map<string, { n: number; total: number }> {
  const byPool = new Map<string, Pick<DrawSummary, 'id' | 'poolHash' | 'createdAt'>[]>();
  for (const d of draws) byPool.set(d.poolHash, [...(byPool.get(d.poolHash) ?? []), d]);
  const out = new Map<string, { n: number; total: number }>();
  for (const group of byPool.values()) {
    if (group.length < 2) continue;
    const key = (d: { createdAt: string; id: string }): string => `${d.createdAt}\u0000${d.id}`;
    const sorted = [...group].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    sorted.forEach((d, i) => out.set(d.id, { n: i + 1, total: group.length }));
  }
  return out;
}

