import { describe, expect, it } from 'vitest';
import { SteppedSort } from '@main/directory/index-sort';

// The warm-up sorts the name order in steps; the result must be the very order a sort in one
// go gives, for any size (empty, under one run, several runs, an odd number of runs).

const byName = new Intl.Collator('zh-CN').compare;

function stepped(items: Int32Array, cmp: (a: number, b: number) => number): { order: Int32Array; steps: number } {
  const sort = new SteppedSort(items, cmp);
  for (let steps = 1; ; steps += 1) {
    const order = sort.step();
    if (order) return { order, steps };
  }
}

describe('stepped sort', () => {
  it('gives the order a sort in one go gives, for every size', () => {
    let seed = 3;
    const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
    for (const size of [0, 1, 7, 11_999, 12_000, 12_001, 50_000]) {
      const names = Array.from({ length: size }, () => String.fromCharCode(...Array.from({ length: 2 + Math.floor(rand() * 4) }, () => 0x4e00 + Math.floor(rand() * 3_000))));
      // Ties broken by index, as the directory index breaks them by id: a total order.
      const cmp = (a: number, b: number) => byName(names[a] ?? '', names[b] ?? '') || a - b;
      const items = Int32Array.from(names.keys());
      const { order, steps } = stepped(items, cmp);
      expect([...order]).toEqual([...items].sort(cmp));
      // Runs of 12,000 sorted one per step, then merged: 50,000 names take 5 + 4 steps.
      if (size === 50_000) expect(steps).toBe(9);
    }
  });
});
