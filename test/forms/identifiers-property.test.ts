import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkOrgCode, checkUscc, normaliseIdentifier, orgCodeCheckChar, usccCheckChar } from '@shared/census/identifiers';

// The identifier checks (shared/census/identifiers.ts) against a model written here straight
// from the standards, sharing nothing with the code under test: its own alphabets, weights
// computed from the standards' formulas rather than copied tables, its own check characters.

// GB 32100-2015 表 1: the code's characters and their values, in order of value. The letters
// I, O, S, V and Z are not used.
const GB32100_CHARS = [...'0123456789', ...'ABCDEFGHJKLMNPQRTUWXY'];
// GB 32100-2015 §5: weight of position i (1-based) is 3^(i−1) mod 31; the check character's
// value is 31 − (Σ value × weight mod 31), with 31 written as 0.
const gb32100Weight = (i: number): number => {
  let w = 1;
  for (let k = 1; k < i; k++) w = (w * 3) % 31;
  return w;
};
function gb32100Check(first17: string): string {
  let sum = 0;
  [...first17].forEach((ch, k) => {
    sum += GB32100_CHARS.indexOf(ch) * gb32100Weight(k + 1);
  });
  const c = 31 - (sum % 31);
  return GB32100_CHARS[c === 31 ? 0 : c] as string;
}

// GB 11714-1997 §5: body characters 0–9 (value 0–9) and A–Z (value 10–35); weights
// 3 7 9 10 5 8 4 2; check = 11 − (Σ mod 11), 10 written as X and 11 as 0.
const GB11714_BODY = [...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'];
const GB11714_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const gb11714Value = (ch: string): number => GB11714_BODY.indexOf(ch);
function gb11714Sum(body: string): number {
  return [...body].reduce((sum, ch, i) => sum + gb11714Value(ch) * (GB11714_WEIGHTS[i] as number), 0);
}
function gb11714Check(body: string): string {
  const c = 11 - (gb11714Sum(body) % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

// GB 32100-2015 附录A: the registrars (登记管理部门) a code may start with, and G, J, Q some
// sources add. A code of one repeated character, or with a body of nine zeros, fills a box.
const REGISTRARS = [...'123456789ANY', ...'GJQ'];
const isFiller = (code: string): boolean => new Set(code).size === 1 || code.slice(8, 17) === '000000000';

const digit = fc.constantFrom(...'0123456789');
const uscChar = fc.constantFrom(...GB32100_CHARS);
const orgChar = fc.constantFrom(...GB11714_BODY);
const str = (parts: fc.Arbitrary<string>[]) => fc.tuple(...parts).map((cs) => cs.join(''));
const runs = { numRuns: 500 };

// Registrar + type (2 alphabet characters), the registrar's area (6 digits), the 9-character
// body: a code whose structure checkUscc accepts.
const anyBody17 = fc.tuple(str([uscChar, uscChar]), str(Array.from({ length: 6 }, () => digit)), str(Array.from({ length: 9 }, () => uscChar))).map((p) => p.join(''));
const usccBody17 = fc
  .tuple(str([fc.constantFrom(...REGISTRARS), uscChar]), str(Array.from({ length: 6 }, () => digit)), str(Array.from({ length: 9 }, () => uscChar)))
  .map((p) => p.join(''));
const validUscc = usccBody17.map((b) => b + gb32100Check(b)).filter((code) => !isFiller(code));
const orgBody8 = str(Array.from({ length: 8 }, () => orgChar));
const validOrg = orgBody8.map((b) => b + gb11714Check(b));

const replaceAt = (s: string, i: number, ch: string) => s.slice(0, i) + ch + s.slice(i + 1);

describe('统一社会信用代码 against a GB 32100-2015 model', () => {
  it('computes the check character the standard gives', () => {
    fc.assert(fc.property(anyBody17, (b) => {
        expect(usccCheckChar(b)).toBe(gb32100Check(b));
      }), runs);
  });

  it('accepts every code with the right check character, typed in any case or full width', () => {
    fc.assert(
      fc.property(validUscc, (code) => {
        expect(checkUscc(code)).toEqual({ ok: true });
        expect(checkUscc(code.toLowerCase())).toEqual({ ok: true });
        const fullWidth = [...code].map((ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)).join('');
        expect(checkUscc(fullWidth)).toEqual({ ok: true });
      }),
      runs,
    );
  });

  it('rejects every change of one character (the weights are units mod the prime 31)', () => {
    fc.assert(
      fc.property(validUscc, fc.nat(17), uscChar, (code, i, ch) => {
        fc.pre(code.charAt(i) !== ch);
        const changed = replaceAt(code, i, ch);
        const result = checkUscc(changed);
        expect(result.ok).toBe(false);
        // A filler first; then a first character no registrar has; within the area digits a
        // letter breaks the structure; anywhere else it is the check.
        const isAreaLetter = i >= 2 && i < 8 && !/\d/.test(ch);
        const reason = isFiller(changed) ? 'FILLER' : !REGISTRARS.includes(changed.charAt(0)) ? 'REGISTRAR' : isAreaLetter ? 'STRUCTURE' : 'CHECKSUM';
        expect(result).toEqual({ ok: false, reason });
      }),
      runs,
    );
  });

  it('rejects every swap of two different neighbouring characters', () => {
    fc.assert(
      fc.property(validUscc, fc.nat(16), (code, i) => {
        const [x, y] = [code.charAt(i), code.charAt(i + 1)];
        fc.pre(x !== y);
        expect(checkUscc(code.slice(0, i) + y + x + code.slice(i + 2)).ok).toBe(false);
      }),
      runs,
    );
  });

  it('names what is wrong: length, a character outside the alphabet', () => {
    fc.assert(
      fc.property(validUscc, fc.nat(17), fc.constantFrom('I', 'O', 'S', 'V', 'Z', '*', '中'), (code, i, bad) => {
        expect(checkUscc(code.slice(0, 17))).toEqual({ ok: false, reason: 'LENGTH' });
        expect(checkUscc(`${code}0`)).toEqual({ ok: false, reason: 'LENGTH' });
        expect(checkUscc(replaceAt(code, i, bad))).toEqual({ ok: false, reason: 'CHARSET' });
      }),
      runs,
    );
  });
});

describe('组织机构代码 against a GB 11714 model', () => {
  it('computes the check character the standard gives', () => {
    fc.assert(fc.property(orgBody8, (b) => {
        expect(orgCodeCheckChar(b)).toBe(gb11714Check(b));
      }), runs);
  });

  it('accepts every code with the right check character, with or without the printed hyphen', () => {
    fc.assert(
      fc.property(validOrg, (code) => {
        expect(checkOrgCode(code)).toEqual({ ok: true });
        expect(checkOrgCode(`${code.slice(0, 8)}-${code.charAt(8)}`)).toEqual({ ok: true });
        expect(checkOrgCode(code.toLowerCase())).toEqual({ ok: true });
        expect(normaliseIdentifier(`${code.slice(0, 8)}-${code.charAt(8)}`)).toBe(code);
      }),
      runs,
    );
  });

  it('rejects a one-character change exactly when the model says the sum moves mod 11', () => {
    // Values run to 35, so a change by 11, 22 or 33 (0 → B, 1 → M …) keeps the sum mod 11:
    // the standard cannot see those, and neither may the code pretend to.
    fc.assert(
      fc.property(validOrg, fc.nat(8), fc.constantFrom(...GB11714_BODY, 'X'), (code, i, ch) => {
        fc.pre(code.charAt(i) !== ch);
        const changed = replaceAt(code, i, ch);
        if (i === 8) {
          // The check character: only 0–9 and X exist there, and another one is always wrong; a
          // B there is the 本部 convention (the 法人's 8 + B), told apart as BRANCH.
          expect(checkOrgCode(changed)).toEqual({ ok: false, reason: /[0-9X]/.test(ch) ? 'CHECKSUM' : ch === 'B' ? 'BRANCH' : 'CHARSET' });
          return;
        }
        const isSeen = gb11714Check(changed.slice(0, 8)) !== changed.charAt(8);
        expect(checkOrgCode(changed)).toEqual(isSeen ? { ok: false, reason: 'CHECKSUM' } : { ok: true });
        // A digit for a digit always moves the sum: the weights are units mod 11, the change under 11.
        if (/\d/.test(ch) && /\d/.test(code.charAt(i))) expect(isSeen).toBe(true);
      }),
      runs,
    );
  });

  it('names what is wrong: length, a character outside the alphabet', () => {
    fc.assert(
      fc.property(validOrg, fc.nat(7), fc.constantFrom('*', '中', '-'), (code, i, bad) => {
        expect(checkOrgCode(code.slice(0, 8))).toEqual({ ok: false, reason: 'LENGTH' });
        expect(checkOrgCode(replaceAt(code, i, bad)).ok).toBe(false);
      }),
      runs,
    );
  });
});

describe('the 组织机构代码 inside a 统一社会信用代码', () => {
  it('a USCC built around a valid org code passes both checks', () => {
    const usccAlphabetOrg = fc
      .tuple(...Array.from({ length: 8 }, () => uscChar))
      .map((cs) => cs.join(''))
      .filter((b) => GB32100_CHARS.includes(gb11714Check(b)));
    fc.assert(
      fc.property(str([fc.constantFrom(...REGISTRARS), uscChar]), str(Array.from({ length: 6 }, () => digit)), usccAlphabetOrg, (prefix, area, org8) => {
        const first17 = prefix + area + org8 + gb11714Check(org8);
        const uscc = first17 + gb32100Check(first17);
        fc.pre(!isFiller(uscc));
        expect(checkUscc(uscc)).toEqual({ ok: true });
        expect(checkOrgCode(uscc.slice(8, 17))).toEqual({ ok: true });
      }),
      runs,
    );
  });
});
