import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scaleBandOf, unitScale } from '@shared/rules/scale';
import type { ScaleBands } from '@shared/packs/types';
import { checkPack } from '@shared/packs/check';
import { computeDoc, scale2017 } from './compute-pack';

// 单位规模 by 《统计上大中小微型企业划分办法(2017)》 (国统字〔2017〕213号), thresholds in 万元 in the
// 办法 and in 千元 on the forms (×10): shared/packs/data/scale-2017.json read by unitScale.

const NaN_ = Number.NaN;
const size = (industry: string, employees: number, revenue: number, assets = NaN_) => unitScale(scale2017, industry, { employees, revenue, assets });

describe('unitScale', () => {
  it('工业 (B–D, 06–46): 从业人员 and 营业收入, every lower limit needed', () => {
    expect(size('1310', 1000, 400_000)).toBe('1');
    expect(size('1310', 999, 400_000)).toBe('2');
    expect(size('1310', 1000, 399_999)).toBe('2');
    expect(size('0610', 300, 20_000)).toBe('2');
    expect(size('4620', 300, 19_999)).toBe('3');
    expect(size('4620', 20, 3_000)).toBe('3');
    expect(size('4620', 19, 1_000_000)).toBe('4');
    expect(size('4620', 20, 2_999)).toBe('4');
  });

  it('建筑业 (47–50): 营业收入 and 资产总额', () => {
    expect(size('4710', 0, 800_000, 800_000)).toBe('1');
    expect(size('4710', 0, 800_000, 799_999)).toBe('2');
    expect(size('5010', 0, 60_000, 50_000)).toBe('2');
    expect(size('5010', 0, 59_999, 50_000)).toBe('3');
    expect(size('5010', 0, 3_000, 3_000)).toBe('3');
    expect(size('5010', 0, 3_000, 2_999)).toBe('4');
    // 资产总额 blank: not known.
    expect(size('4710', 5000, 800_000)).toBe('');
  });

  it('批发, 零售, 交通运输, 仓储, 邮政, 住宿, 餐饮, 信息传输, 软件 by their own limits', () => {
    const cases: [string, [number, number], [number, number], [number, number]][] = [
      ['5111', [200, 400_000], [20, 50_000], [5, 10_000]],
      ['5211', [300, 200_000], [50, 5_000], [10, 1_000]],
      ['5310', [1000, 300_000], [300, 30_000], [20, 2_000]],
      ['5810', [1000, 300_000], [300, 30_000], [20, 2_000]],
      ['5910', [200, 300_000], [100, 10_000], [20, 1_000]],
      ['6010', [1000, 300_000], [300, 20_000], [20, 1_000]],
      ['6110', [300, 100_000], [100, 20_000], [10, 1_000]],
      ['6210', [300, 100_000], [100, 20_000], [10, 1_000]],
      ['6311', [2000, 1_000_000], [100, 10_000], [10, 1_000]],
      ['6410', [2000, 1_000_000], [100, 10_000], [10, 1_000]],
      ['6510', [300, 100_000], [100, 10_000], [10, 500]],
      ['7020', [1000, 50_000], [300, 10_000], [100, 5_000]],
    ];
    for (const [industry, large, medium, small] of cases) {
      expect([industry, size(industry, ...large)]).toEqual([industry, '1']);
      expect([industry, size(industry, large[0] - 1, large[1])]).toEqual([industry, '2']);
      expect([industry, size(industry, ...medium)]).toEqual([industry, '2']);
      expect([industry, size(industry, medium[0], medium[1] - 1)]).toEqual([industry, '3']);
      expect([industry, size(industry, ...small)]).toEqual([industry, '3']);
      expect([industry, size(industry, small[0] - 1, small[1])]).toEqual([industry, '4']);
      expect([industry, size(industry, small[0], small[1] - 1)]).toEqual([industry, '4']);
    }
  });

  it('房地产开发经营 (7010): 营业收入 and 资产总额; 物业管理 (7020) differs from the rest of 70', () => {
    expect(size('7010', 0, 2_000_000, 100_000)).toBe('1');
    expect(size('7010', 0, 2_000_000, 99_999)).toBe('2');
    expect(size('7010', 0, 10_000, 50_000)).toBe('2');
    expect(size('7010', 0, 1_000, 20_000)).toBe('3');
    expect(size('7010', 0, 999, 20_000)).toBe('4');
    // 7090 其他房地产业 is not listed: 从业人员 only.
    expect(size('7090', 300, NaN_)).toBe('1');
    expect(scaleBandOf(scale2017, '7020')?.nameZh).toBe('物业管理');
  });

  it('租赁和商务服务业 (71, 72): 从业人员 and 资产总额', () => {
    expect(size('7211', 300, NaN_, 1_200_000)).toBe('1');
    expect(size('7211', 300, NaN_, 1_199_999)).toBe('2');
    expect(size('7111', 100, NaN_, 80_000)).toBe('2');
    expect(size('7111', 10, NaN_, 1_000)).toBe('3');
    expect(size('7111', 10, NaN_, 999)).toBe('4');
    expect(size('7111', 10, 5_000)).toBe('');
  });

  it('其他未列明行业: 从业人员 only (revenue and assets may be blank)', () => {
    expect(size('8310', 300, NaN_)).toBe('1');
    expect(size('8310', 299, NaN_)).toBe('2');
    expect(size('8310', 100, NaN_)).toBe('2');
    expect(size('8310', 99, NaN_)).toBe('3');
    expect(size('8310', 10, NaN_)).toBe('3');
    expect(size('8310', 9, NaN_)).toBe('4');
    expect(size('0111', 0, NaN_)).toBe('4');
  });

  it('is blank without an industry or with a needed figure blank', () => {
    expect(size('', 500, 500)).toBe('');
    expect(size('52AB', 500, 500)).toBe('');
    expect(size('5211', NaN_, 500)).toBe('');
    expect(size('5211', 500, NaN_)).toBe('');
  });

  it('never gives a smaller size for more staff, revenue or assets (smaller code = larger size)', () => {
    const industries = [...new Set(scale2017.bands.flatMap((b) => b.industries.map((i) => (i.length === 2 ? `${i}10` : i)))), '8310'];
    const figure = fc.integer({ min: 0, max: 3_000_000 });
    fc.assert(
      fc.property(fc.constantFrom(...industries), figure, figure, figure, figure, figure, figure, (industry, e, r, a, de, dr, da) => {
        const before = size(industry, e, r, a);
        const after = size(industry, e + de, r + dr, a + da);
        expect(Number(after)).toBeLessThanOrEqual(Number(before));
      }),
      { numRuns: 500 },
    );
  });

  it('is a table the pack accepts, and one the pack refuses when out of order', () => {
    expect(checkPack(computeDoc())).toEqual([]);
    const bad: ScaleBands = { ...scale2017, bands: scale2017.bands.map((b, i) => (i === 0 ? { ...b, medium: [2000, 20_000] } : b)) };
    expect(checkPack(computeDoc(undefined, { scaleBands: bad })).map((p) => p.message).join()).toContain('大型 ≥ 中型 ≥ 小型');
  });
});
