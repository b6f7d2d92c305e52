import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkOrgCode, checkUscc, normaliseIdentifier, orgCodeCheckChar, usccCheckChar, usccPartsProblem, USCC_ALPHABET } from '@shared/census/identifiers';
import { Uscc } from '@shared/directory/directory';
import { TypedUscc } from '@shared/registration/registration';
import { valueFromText } from '@shared/text/item-input';

// One normal form for a typed or imported USCC / 组织机构代码 (normaliseIdentifier): what people
// type with a Chinese input method (full width), the groups they space or hyphenate, lower case.

const CANONICAL = '91350100M000100Y43';

describe('normaliseIdentifier', () => {
  it('makes full width, spaces, hyphens and lower case the canonical code', () => {
    expect(normaliseIdentifier('９１３５０１００Ｍ０００１００Ｙ４３')).toBe(CANONICAL);
    expect(normaliseIdentifier('9135 0100-M000 100Y43')).toBe(CANONICAL);
    expect(normaliseIdentifier(' 91350100m000100y43\u3000')).toBe(CANONICAL);
    expect(normaliseIdentifier('９１３５０１００－ｍ０００１００ｙ４３')).toBe(CANONICAL);
    expect(normaliseIdentifier('M000100Y‐4')).toBe('M000100Y4');
    expect(checkUscc('9135 0100-M000 100Y43')).toEqual({ ok: true });
  });

  it('is what a form item, the directory and units:create store', () => {
    expect(valueFromText({ type: 'uscc' }, '9135 0100-m000 100y43')).toBe(CANONICAL);
    expect(valueFromText({ type: 'orgCode' }, 'ｍ０００１００ｙ－４')).toBe('M000100Y4');
    expect(Uscc.parse('９１３５０１００Ｍ０００１００Ｙ４３')).toBe(CANONICAL);
    expect(Uscc.parse('9135 0100-M000 100Y43')).toBe(CANONICAL);
    expect(TypedUscc.parse('9135 0100-M000 100Y43')).toBe(CANONICAL);
    // Still refused when it is not 18 characters once normalised.
    expect(Uscc.safeParse('9135 0100-M000 100Y4').success).toBe(false);
  });

  it('is idempotent on any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        const once = normaliseIdentifier(s);
        expect(normaliseIdentifier(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });

  // A code as someone may type it: any character full width or lower case, and spaces or
  // hyphens (ASCII, full-width, ideographic) between any two.
  const mangled = (code: string) =>
    fc
      .tuple(
        ...[...code].map((ch) =>
          fc.tuple(
            fc.constantFrom(ch, ch.toLowerCase(), String.fromCharCode(ch.charCodeAt(0) + 0xfee0), String.fromCharCode(ch.toLowerCase().charCodeAt(0) + 0xfee0)),
            fc.constantFrom('', '', ' ', '-', '\u3000', '－', '\u2010', '  '),
          ),
        ),
      )
      .map((parts) => parts.map(([c, sep]) => c + sep).join(''));
  const uscChar = fc.constantFrom(...USCC_ALPHABET);
  const orgChar = fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ');
  const validOrg = fc.array(orgChar, { minLength: 8, maxLength: 8 }).map((cs) => cs.join('') + orgCodeCheckChar(cs.join('')));
  const validUscc = fc
    .tuple(fc.constantFrom('91', '92', '93', '11', '12', '51', '52', 'N2'), fc.array(fc.constantFrom(...'0123456789'), { minLength: 6, maxLength: 6 }), fc.array(uscChar, { minLength: 8, maxLength: 8 }))
    .map(([head, area, org8]) => {
      const body = `${head}${area.join('')}${org8.join('')}${orgCodeCheckChar(org8.join(''))}`;
      return body + usccCheckChar(body);
    })
    .filter((code) => code.slice(8, 17) !== '000000000');

  it('a valid USCC survives any spaces, hyphens, full width and lower case', () => {
    fc.assert(
      fc.property(
        validUscc.chain((code) => fc.tuple(fc.constant(code), mangled(code))),
        ([code, typed]) => {
          expect(normaliseIdentifier(typed)).toBe(code);
          expect(checkUscc(typed)).toEqual({ ok: true });
          expect(usccPartsProblem(typed)).toBeNull();
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a valid 组织机构代码 survives the same', () => {
    fc.assert(
      fc.property(
        validOrg.chain((code) => fc.tuple(fc.constant(code), mangled(code))),
        ([code, typed]) => {
          expect(normaliseIdentifier(typed)).toBe(code);
          expect(checkOrgCode(typed)).toEqual({ ok: true });
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('the org code inside a USCC (positions 9–17)', () => {
  const withCheck = (first17: string) => first17 + usccCheckChar(first17);

  it('flags a USCC whose positions 9–17 are not a valid GB 11714 code, though its own check character is right', () => {
    // MA76U8N2H is no org code: its check character would be 3 (and H is never one).
    expect(checkUscc(withCheck('91640502MA76U8N2H'))).toEqual({ ok: true });
    expect(usccPartsProblem(withCheck('91640502MA76U8N2H'))).toBe('ORGCODE');
    expect(usccPartsProblem(withCheck('91640502MA76U8N25'))).toBe('ORGCODE');
  });

  it('does not flag one whose org code is right, nor a code the format rule speaks for', () => {
    expect(usccPartsProblem(withCheck('91640502MA76U8N23'))).toBeNull();
    expect(usccPartsProblem(CANONICAL)).toBeNull();
    expect(usccPartsProblem('91640502MA76U8N2')).toBeNull();
  });
});
