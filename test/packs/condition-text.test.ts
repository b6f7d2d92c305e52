import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import builtin from '@shared/packs/builtin/wjp5-2023.json';
import type { Condition, Scalar } from '@shared/forms/types';
import type { FormPack } from '@shared/packs/types';
import { conditionText, parseCondition } from '@shared/packs/workbook/condition-text';

const roundTrip = (c: Condition) => {
  const text = conditionText(c);
  const back = parseCondition(text);
  return { text, back };
};

// Item codes as the pack schema allows them, with CEL's reserved words and the helper names mixed in.
const itemCode = fc.oneof(
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,12}$/),
  fc.constantFrom('in', 'null', 'true', 'false', 'as', 'while', 'item', 'empty', 'all', 'any', 'notIn'),
);
const text = fc.string({ unit: 'grapheme', maxLength: 12 });
const number = fc.double({ noNaN: true, noDefaultInfinity: true });
const scalar: fc.Arbitrary<Scalar> = fc.oneof(text, number, fc.integer(), fc.boolean());

const { condition } = fc.letrec<{ condition: Condition }>((tie) => ({
  condition: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ item: itemCode, op: fc.constantFrom('empty' as const, 'notEmpty' as const, 'isTrue' as const, 'isFalse' as const) }),
    fc.record({ item: itemCode, op: fc.constantFrom('eq' as const, 'ne' as const), value: scalar }),
    fc.record({ item: itemCode, op: fc.constantFrom('in' as const, 'notIn' as const), value: fc.array(scalar, { maxLength: 4 }) }),
    fc.record({ item: itemCode, op: fc.constantFrom('prefix' as const, 'notPrefix' as const), value: fc.array(text, { maxLength: 4 }) }),
    fc.record({ item: itemCode, op: fc.constantFrom('gt' as const, 'ge' as const, 'lt' as const, 'le' as const), value: number }),
    fc.record({ item: itemCode, op: fc.constantFrom('has' as const, 'lacks' as const), value: fc.array(text.filter((t) => t !== ''), { minLength: 1, maxLength: 4 }) }),
    fc.record({ all: fc.array(tie('condition'), { minLength: 1, maxLength: 4 }) }),
    fc.record({ any: fc.array(tie('condition'), { minLength: 1, maxLength: 4 }) }),
    fc.record({ not: tie('condition') }),
  ),
}));

describe('conditions as workbook text', () => {
  it('reads back every condition it writes, numbers and strings kept apart, groups kept nested', () => {
    fc.assert(
      fc.property(condition, (c) => {
        const { text, back } = roundTrip(c);
        expect(back, text).toEqual({ ok: true, condition: c });
      }),
      { numRuns: 400 },
    );
  });

  it('writes the built-in pack conditions as readable CEL and reads them back', () => {
    const pack = builtin as unknown as FormPack;
    const all: Condition[] = [];
    for (const form of pack.forms) {
      for (const section of form.sections) {
        if (section.relevant) all.push(section.relevant);
        for (const item of section.items) {
          if (item.relevant) all.push(item.relevant);
          if (typeof item.required === 'object') all.push(item.required);
        }
      }
    }
    for (const rule of pack.rules) {
      if (rule.when) all.push(rule.when);
      if (rule.check.fn === 'assert') all.push(rule.check.params.cond);
    }
    expect(all.length).toBeGreaterThan(40);
    for (const c of all) expect(roundTrip(c).back).toStrictEqual({ ok: true, condition: c });
    expect(conditionText({ item: 'industryCode', op: 'notPrefix', value: ['47', '48'] })).toBe('notStartsWithAny(industryCode, ["47", "48"])');
    expect(conditionText({ item: 'hmtInvestment', op: 'has', value: ['1', '3'] })).toBe('hasAny(hmtInvestment, ["1", "3"])');
    expect(conditionText({ item: 'hmtInvestment', op: 'lacks', value: ['2'] })).toBe('hasNone(hmtInvestment, ["2"])');
    expect(parseCondition('hasAny(retailFormats, ["1"])')).toEqual({ ok: true, condition: { item: 'retailFormats', op: 'has', value: ['1'] } });
    expect(parseCondition('hasAny(retailFormats, [1])').ok).toBe(false);
  });

  it('prints the usual shapes the way a statistician writes them', () => {
    expect(conditionText({ all: [{ item: 'institutionType', op: 'eq', value: '10' }, { item: 'operatingStatus', op: 'eq', value: 1 }] })).toBe(
      'institutionType == "10" && operatingStatus == 1',
    );
    expect(conditionText({ any: [{ all: [{ item: 'a', op: 'isTrue' }, { item: 'b', op: 'empty' }] }, { not: { item: 'c', op: 'in', value: ['1', 2] } }] })).toBe(
      '(isTrue(a) && empty(b)) || !(c in ["1", 2])',
    );
    expect(conditionText({ all: [{ all: [{ item: 'a', op: 'isTrue' }, { item: 'b', op: 'isTrue' }] }, { item: 'c', op: 'gt', value: 1.5 }] })).toBe(
      'all(isTrue(a), isTrue(b)) && c > 1.5',
    );
  });

  it('accepts the hand-written forms and refuses what is not a condition', () => {
    expect(parseCondition('industryCode.startsWith("47") || x in ["1"]')).toStrictEqual({
      ok: true,
      condition: { any: [{ item: 'industryCode', op: 'prefix', value: ['47'] }, { item: 'x', op: 'in', value: ['1'] }] },
    });
    // As typed with a Chinese input method.
    expect(parseCondition('institutionType ＝＝ “10” ｜｜ notIn（x，［“1”，“2”］）')).toEqual({
      ok: true,
      condition: { any: [{ item: 'institutionType', op: 'eq', value: '10' }, { item: 'x', op: 'notIn', value: ['1', '2'] }] },
    });
    expect(parseCondition('x == "“10”"')).toEqual({ ok: true, condition: { item: 'x', op: 'eq', value: '“10”' } });
    expect(parseCondition('!(x in ["10", "55"])')).toStrictEqual({ ok: true, condition: { not: { item: 'x', op: 'in', value: ['10', '55'] } } });
    for (const bad of ['x == ', 'x + 1 > 2', 'f611.employees > 0', 'x > "5"', 'size(x) > 1', '"10" == x', 'x == y']) {
      const result = parseCondition(bad);
      expect(result.ok, bad).toBe(false);
      if (!result.ok) expect(result.error).toMatch(/ \/ /);
    }
  });
});
