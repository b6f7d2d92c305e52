import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FormValues, Item } from '@shared/forms/types';
import { evaluate } from '@shared/rules';
import { normaliseForms, normaliseItemText, valueFromText } from '@shared/text/item-input';
import { normaliseInput, normaliseSearch, type InputKind } from '@shared/text/normalise';
import { pack } from './pack';

// What people type with an input method in full-width mode (１２３, ９１３５…) is what they mean
// in half width: every input normalises through shared/text/normalise.ts. Properties: the
// normal form is a fixed point, and for every item of every form a full-width string is read
// exactly as its half-width twin — same stored value, same findings.

const kinds: InputKind[] = ['code', 'number', 'contact', 'text'];
const fullWidth = (s: string): string => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const fullWidthAlnum = (s: string): string => s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

const items: { formId: string; item: Item }[] = pack.forms.flatMap((spec) =>
  spec.sections.flatMap((section) => (section.repeat ? [] : section.items.map((item) => ({ formId: spec.id, item })))),
);

describe('normaliseInput', () => {
  it('is idempotent for any text and any kind', () => {
    // Found by the property below: a combining mark after a removed space composes next time.
    for (const kind of kinds) expect(normaliseInput(normaliseInput('a \u0301', kind), kind)).toBe(normaliseInput('a \u0301', kind));
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-composite', maxLength: 40 }), fc.constantFrom(...kinds), (text, kind) => {
        const once = normaliseInput(text, kind);
        expect(normaliseInput(once, kind)).toBe(once);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom(...kinds), (text, kind) => {
        const once = normaliseInput(text, kind);
        expect(normaliseInput(once, kind)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads full-width ASCII as ASCII for codes, figures and contacts, and full-width letters and digits in free text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789ABCXYZabcxyz-.@/:'), maxLength: 30 }), (s) => {
        for (const kind of ['code', 'number', 'contact'] as const) expect(normaliseInput(fullWidth(s), kind)).toBe(normaliseInput(s, kind));
        expect(normaliseInput(fullWidthAlnum(s), 'text')).toBe(normaliseInput(s, 'text'));
        expect(normaliseSearch(fullWidthAlnum(s))).toBe(normaliseSearch(s));
      }),
    );
  });

  it('takes spaces out of codes, keeps the full-width punctuation of Chinese text', () => {
    expect(normaliseInput('９１３５ ０１００\u3000Ｍ０００１００Ｙ４３', 'code')).toBe('91350100M000100Y43');
    expect(normaliseInput('－１２３', 'number')).toBe('-123');
    expect(normaliseInput('宁夏（中卫）第１分店，东区……', 'text')).toBe('宁夏（中卫）第1分店，东区……');
    expect(normaliseInput('abc ', 'text')).toBe('abc ');
  });
});

describe('form items typed in full width', () => {
  it('every full-width digit string is accepted where its half-width twin is, for every item of every form', () => {
    fc.assert(
      fc.property(fc.constantFrom(...items), fc.stringMatching(/^[0-9]{1,18}$/), ({ formId, item }, digits) => {
        const half = valueFromText(item, digits);
        expect(valueFromText(item, fullWidth(digits))).toEqual(half);
        expect(normaliseItemText(item, fullWidth(digits))).toBe(normaliseItemText(item, digits));
        if (half === undefined) return;
        const ctx = { today: '2024-03-15' };
        const typed = (v: string): FormValues => ({ [item.code]: valueFromText(item, v) });
        expect(evaluate(pack, formId, typed(fullWidth(digits)), ctx)).toEqual(evaluate(pack, formId, typed(digits), ctx));
      }),
      { numRuns: 500 },
    );
  });

  it('reads dates, identifiers and grouped figures typed in full width', () => {
    const byType = (type: Item['type']) => items.find((i) => i.item.type === type)?.item;
    const money = byType('money');
    const ym = byType('yearMonth');
    const uscc = byType('uscc');
    if (!money || !ym || !uscc) throw new Error('the forms have money, year-month and USCC items');
    expect(valueFromText(money, '１，２３４，５６７')).toBe(1234567);
    expect(valueFromText(money, '－４２')).toBe(-42);
    expect(valueFromText(ym, '２０１９年３月')).toBe('2019-03');
    expect(valueFromText(uscc, 'ｇｂ ９１３５')).toBe('GB9135');
  });

  it('normalises a stored forms document the same way (main does, on save)', () => {
    expect(normaliseForms(pack, { '611': { employees: '１２', uscc: '９１３５０１００ｍ０００１００ｙ４３', name: 'ＡＢＣ（宁夏）公司', note: '１' } })).toEqual({
      '611': { employees: 12, uscc: '91350100M000100Y43', name: 'ABC（宁夏）公司', note: '１' },
    });
    // A form the pack does not have is kept as it came.
    expect(normaliseForms(pack, { '611-9': { employees: '１２' } })).toEqual({ '611-9': { employees: '１２' } });
  });
});
