import { describe, expect, it } from 'vitest';
import { countForShare, mulberry32, runDraw, sample, seedHash } from '@shared/inspection/draw';

const pool = Array.from({ length: 500 }, (_, i) => ({ key: `91640502MA${String(i).padStart(8, '0')}`, item: i }));
const inspectors = ['张三', '李四', '王五', '赵六', '钱七'];

describe('双随机 draw', () => {
  it('is reproducible: same seed and same list give the same draw', () => {
    const a = runDraw({ seed: '2024-05-20 第1批', pool, count: 15, inspectors, inspectorsPerEnterprise: 2 });
    const b = runDraw({ seed: '2024-05-20 第1批', pool, count: 15, inspectors, inspectorsPerEnterprise: 2 });
    expect(b).toEqual(a);
    expect(a).toHaveLength(15);
  });

  it('does not depend on the order the list arrives in', () => {
    const shuffled = [...pool].reverse();
    const a = runDraw({ seed: 'abc', pool, count: 10, inspectors, inspectorsPerEnterprise: 2 });
    const b = runDraw({ seed: 'abc', pool: shuffled, count: 10, inspectors: [...inspectors].reverse(), inspectorsPerEnterprise: 2 });
    expect(b).toEqual(a);
  });

  it('gives a different draw for a different seed', () => {
    const a = runDraw({ seed: 'abc', pool, count: 10, inspectors, inspectorsPerEnterprise: 2 });
    const b = runDraw({ seed: 'abd', pool, count: 10, inspectors, inspectorsPerEnterprise: 2 });
    expect(b.map((p) => p.key)).not.toEqual(a.map((p) => p.key));
  });

  it('is pinned: this seed and list always draw these enterprises (a change of algorithm must be visible)', () => {
    const picks = runDraw({ seed: 'census-2024', pool, count: 5, inspectors, inspectorsPerEnterprise: 2 });
    expect(picks.map((p) => p.item)).toMatchInlineSnapshot(`
      [
        421,
        181,
        461,
        434,
        293,
      ]
    `);
    expect(seedHash('census-2024')).toMatchInlineSnapshot(`960359925`);
  });

  it('draws distinct enterprises and distinct inspectors per enterprise', () => {
    const picks = runDraw({ seed: 's', pool, count: 100, inspectors, inspectorsPerEnterprise: 3 });
    expect(new Set(picks.map((p) => p.key)).size).toBe(100);
    for (const p of picks) {
      expect(new Set(p.inspectors).size).toBe(3);
      for (const name of p.inspectors) expect(inspectors).toContain(name);
    }
  });

  it('caps the count at the pool and the inspectors at the list', () => {
    expect(runDraw({ seed: 's', pool: pool.slice(0, 3), count: 10, inspectors: ['甲'], inspectorsPerEnterprise: 2 })).toHaveLength(3);
    expect(runDraw({ seed: 's', pool: pool.slice(0, 3), count: 10, inspectors: ['甲'], inspectorsPerEnterprise: 2 })[0]?.inspectors).toEqual(['甲']);
  });

  it('spreads picks roughly evenly (each item drawn about as often)', () => {
    const hits = new Array<number>(20).fill(0);
    const small = pool.slice(0, 20);
    for (let s = 0; s < 4_000; s += 1) for (const p of runDraw({ seed: `s${s}`, pool: small, count: 1, inspectors, inspectorsPerEnterprise: 1 })) hits[p.item] = (hits[p.item] ?? 0) + 1;
    for (const h of hits) expect(h).toBeGreaterThan(120); // expected 200 each
  });

  it('turns a share into a count, rounding up', () => {
    expect(countForShare(1000, 3)).toBe(30);
    expect(countForShare(101, 3)).toBe(4);
    expect(countForShare(10, 3.5)).toBe(1);
    expect(countForShare(0, 3)).toBe(0);
    expect(countForShare(10, 100)).toBe(10);
  });

  it('has a generator in [0, 1) and a sample that leaves its input alone', () => {
    const r = mulberry32(42);
    for (let i = 0; i < 1000; i += 1) {
      const x = r();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
    const items = [1, 2, 3, 4];
    sample(items, 4, mulberry32(1));
    expect(items).toEqual([1, 2, 3, 4]);
  });
});
