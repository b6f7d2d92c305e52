// 双随机一公开: a draw anyone can replay. The pool is sorted (by USCC, a public and stable key),
// the printed seed is hashed to 32 bits (FNV-1a) and drives mulberry32, a small, well-known
// PRNG; enterprises are picked by a partial Fisher–Yates shuffle, then each gets its inspectors
// by shuffling the sorted inspector list with the same generator. Same seed + same lists →
// same draw, on any machine (only 32-bit integer arithmetic and exact doubles are involved).

export const DRAW_ALGORITHM = 'fnv1a32-mulberry32-fisher-yates/1';

/** FNV-1a over the UTF-16 code units of the seed: a 32-bit start state for the generator. */
export function seedHash(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i += 1) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** mulberry32 (Tommy Ettinger): uniform doubles in [0, 1) from a 32-bit state. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The first `count` items of a seeded Fisher–Yates shuffle of `items` (which is not changed). */
export function sample<T>(items: readonly T[], count: number, rand: () => number): T[] {
  const a = [...items];
  const n = Math.min(count, a.length);
  for (let i = 0; i < n; i += 1) {
    const j = i + Math.floor(rand() * (a.length - i));
    const tmp = a[i] as T;
    a[i] = a[j] as T;
    a[j] = tmp;
  }
  return a.slice(0, n);
}

/** How many to draw for a share given in percent with at most one decimal (3.5 → 3.5 %), rounded up. */
export function countForShare(poolSize: number, sharePct: number): number {
  const tenths = Math.round(sharePct * 10);
  return Math.min(poolSize, Math.ceil((poolSize * tenths) / 1000));
}

export interface DrawInput<T> {
  seed: string;
  /** Each candidate with the key the pool is sorted by (USCC). */
  pool: readonly { key: string; item: T }[];
  count: number;
  inspectors: readonly string[];
  inspectorsPerEnterprise: number;
}

export interface DrawPick<T> {
  item: T;
  key: string;
  inspectors: string[];
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The draw itself; the caller sorts nothing, this does. */
export function runDraw<T>(input: DrawInput<T>): DrawPick<T>[] {
  const rand = mulberry32(seedHash(input.seed));
  const pool = [...input.pool].sort((a, b) => byText(a.key, b.key));
  const inspectors = [...new Set(input.inspectors)].sort(byText);
  const perEnterprise = Math.min(input.inspectorsPerEnterprise, inspectors.length);
  return sample(pool, input.count, rand).map((p) => ({
    item: p.item,
    key: p.key,
    inspectors: sample(inspectors, perEnterprise, rand),
  }));
}
