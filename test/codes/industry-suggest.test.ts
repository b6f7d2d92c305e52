import { describe, expect, it } from 'vitest';
import { suggestIndustries } from '@shared/codes/industry-suggest';

// Classes suggested from a unit's 主要业务活动 for office coding: by the words the activity shares
// with a class name, census scope only.

describe('suggestIndustries', () => {
  it('finds the class whose name shares the activity’s words, best first', () => {
    expect(suggestIndustries(['汽车修理'], 3)[0]?.code).toBe('8111');
    expect(suggestIndustries(['应用软件开发'], 3)[0]?.code).toBe('6513');
    expect(suggestIndustries(['超市零售日用百货'], 5).map((e) => e.code)).toContain('5211');
  });

  it('reads several activities together and ignores punctuation and digits', () => {
    const codes = suggestIndustries(['汽车修理，', '2. 汽车租赁'], 6).map((e) => e.code);
    expect(codes).toEqual(expect.arrayContaining(['8111', '7111']));
  });

  it('never offers a class of divisions 01–04, and nothing for a blank text', () => {
    // 小麦种植 is class 0111 (division 01): outside the census; only in-scope classes may come back.
    expect(suggestIndustries(['小麦种植'], 10).every((e) => !['01', '02', '03', '04'].includes(e.code.slice(0, 2)))).toBe(true);
    expect(suggestIndustries(['稻谷种植'], 10).map((e) => e.code)).not.toContain('0111');
    expect(suggestIndustries(['', '  ', '。'], 5)).toEqual([]);
  });
});
