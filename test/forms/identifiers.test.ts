import { describe, expect, it } from 'vitest';
import {
  USCC_ALPHABET,
  checkAreaCode,
  checkDivisionCode,
  checkOrgCode,
  checkUscc,
  institutionTypeFromUscc,
  normaliseIdentifier,
  orgCodeCheckChar,
  parseDivisionCode,
  shortDivisionCode,
  usccCheckChar,
  usccOrgCode,
  usccPartsProblem,
} from '@shared/census/identifiers';

// The known-valid codes of docs/domain.md.
const VALID_USCCS = [
  '91350100M000100Y43',
  '91350200776049653A',
  '913502000728319549',
  '123502001549897397',
  '51610700305332460K',
];
// Positions 9–17 of each, which GB 32100 defines as the unit's 组织机构代码.
const VALID_ORG_CODES = VALID_USCCS.map((u) => u.slice(8, 17));

const ORG_CHARSET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const orgValue = (ch: string) => ORG_CHARSET.indexOf(ch);
const replaceAt = (s: string, i: number, ch: string) => s.slice(0, i) + ch + s.slice(i + 1);

describe('统一社会信用代码 (GB 32100)', () => {
  it.each(VALID_USCCS)('accepts %s', (code) => {
    expect(checkUscc(code)).toEqual({ ok: true });
    expect(usccCheckChar(code.slice(0, 17))).toBe(code.charAt(17));
  });

  it('accepts lower case and surrounding spaces (normalised), rejects empty', () => {
    expect(checkUscc(' 91350100m000100y43 ')).toEqual({ ok: true });
    expect(checkUscc('')).toEqual({ ok: false, reason: 'EMPTY' });
    expect(checkUscc('   ')).toEqual({ ok: false, reason: 'EMPTY' });
  });

  it('rejects wrong lengths', () => {
    expect(checkUscc('91350100M000100Y4')).toEqual({ ok: false, reason: 'LENGTH' });
    expect(checkUscc('91350100M000100Y430')).toEqual({ ok: false, reason: 'LENGTH' });
  });

  // Why no single substitution can keep a valid checksum: replacing the character at position
  // i < 17 (value a) by another alphabet character (value b ≠ a) changes the weighted sum by
  // w_i·(b − a). 31 is prime, w_i = 3^i mod 31 is non-zero, and 0 < |b − a| ≤ 30, so the
  // product is non-zero mod 31 and the required check character changes. Replacing the check
  // character itself leaves the required one unchanged. So every mutation must fail.
  it('rejects every one-character substitution from the alphabet (CHECKSUM; REGISTRAR in the first place, STRUCTURE in the area part)', () => {
    let mutations = 0;
    for (const code of VALID_USCCS) {
      for (let i = 0; i < 18; i++) {
        for (const ch of USCC_ALPHABET) {
          if (ch === code.charAt(i)) continue;
          mutations++;
          const mutated = replaceAt(code, i, ch);
          const inAreaPart = i >= 2 && i < 8 && !/\d/.test(ch);
          // GB 32100 registrars: 1–9, A, N, Y (and G, J, Q, which some sources add).
          const noRegistrar = i === 0 && !'123456789ANYGJQ'.includes(ch);
          expect(checkUscc(mutated), mutated).toEqual({ ok: false, reason: noRegistrar ? 'REGISTRAR' : inAreaPart ? 'STRUCTURE' : 'CHECKSUM' });
        }
      }
    }
    expect(mutations).toBe(VALID_USCCS.length * 18 * 30);
  });

  it('refuses fillers: all zeros (which passes the checksum), one repeated character, a body of nine zeros', () => {
    expect(usccCheckChar('00000000000000000')).toBe('0');
    expect(checkUscc('000000000000000000')).toEqual({ ok: false, reason: 'FILLER' });
    expect(checkUscc('１１１１１１１１１１１１１１１１１１')).toEqual({ ok: false, reason: 'FILLER' });
    const body = '91640502000000000';
    expect(checkUscc(body + usccCheckChar(body))).toEqual({ ok: false, reason: 'FILLER' });
  });

  it('knows each registrar\'s categories (GB 32100 附录A): a category it does not issue is a part to verify', () => {
    const seal = (first17: string) => first17 + usccCheckChar(first17);
    for (const code of VALID_USCCS) expect(usccPartsProblem(code), code).toBeNull();
    // 9 (工商) issues 1 企业, 2 个体工商户, 3 合作社: not 5.
    expect(usccPartsProblem(seal('95350200776049653'))).toBe('CATEGORY');
    expect(usccPartsProblem(seal('92350200776049653'))).toBeNull();
    // Y's categories are not certain: any is accepted.
    expect(usccPartsProblem(seal('Y7350200776049653'))).toBeNull();
  });

  it('hints 机构类型 from the prefix, including 13 → 40, N1–N3 → 56 and 54/55 → 村委会/居委会, never from the category alone', () => {
    expect(institutionTypeFromUscc('13350200776049653X')).toBe('40');
    for (const prefix of ['N1', 'N2', 'N3']) expect(institutionTypeFromUscc(`${prefix}350200776049653X`)).toBe('56');
    // USCC 55 is a 居委会 (机构类型 53), not 机构类型 55 (农民专业合作社); 54 a 村委会.
    expect(institutionTypeFromUscc('55350200776049653X')).toBe('53');
    expect(institutionTypeFromUscc('54350200776049653X')).toBe('54');
    expect(usccPartsProblem(`55350200776049653${usccCheckChar('55350200776049653')}`)).toBeNull();
    expect(institutionTypeFromUscc('93350200776049653X')).toBe('55');
  });

  it('rejects the letters GB 32100 leaves out (I O S V Z) and punctuation as CHARSET', () => {
    for (const ch of ['I', 'O', 'S', 'V', 'Z', '_', '*']) {
      expect(checkUscc(replaceAt(VALID_USCCS[0]!, 10, ch))).toEqual({ ok: false, reason: 'CHARSET' });
    }
  });

  it('reads a code typed in full width or with spaces as the code itself (docs/domain.md: normalise before checking)', () => {
    const fullWidth = (s: string) => s.replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    for (const code of VALID_USCCS) {
      expect(checkUscc(fullWidth(code))).toEqual({ ok: true });
      expect(checkUscc(`${code.slice(0, 6)} ${code.slice(6, 12)}\u3000${code.slice(12)}`)).toEqual({ ok: true });
    }
    expect(checkOrgCode('Ｍ０００１００Ｙ－４')).toEqual(checkOrgCode('M000100Y-4'));
  });

  it('reads the embedded organisation code and the institution-type hint', () => {
    expect(usccOrgCode('91350100M000100Y43')).toBe('M000100Y4');
    expect(usccOrgCode('9135')).toBe('');
    expect(institutionTypeFromUscc('91350100M000100Y43')).toBe('10');
    expect(institutionTypeFromUscc('92640502MA0000007X')).toBe('individual');
    expect(institutionTypeFromUscc('93640502MA0000007X')).toBe('55');
    expect(institutionTypeFromUscc('11640502000000000X')).toBe('30');
    expect(institutionTypeFromUscc('123502001549897397')).toBe('20');
    expect(institutionTypeFromUscc('51610700305332460K')).toBe('40');
    expect(institutionTypeFromUscc('52640502000000000X')).toBe('51');
    expect(institutionTypeFromUscc('53640502000000000X')).toBe('52');
    expect(institutionTypeFromUscc('Y1640502000000000X')).toBeNull();
    expect(institutionTypeFromUscc('')).toBeNull();
  });

  it('refuses to compute a check character from malformed input', () => {
    expect(() => usccCheckChar('9135')).toThrow(RangeError);
    expect(() => usccCheckChar('91350100M000100YO')).toThrow(RangeError);
  });
});

describe('组织机构代码 (GB 11714)', () => {
  it.each(VALID_ORG_CODES)('accepts %s, with or without the hyphen', (code) => {
    expect(checkOrgCode(code)).toEqual({ ok: true });
    expect(checkOrgCode(`${code.slice(0, 8)}-${code.charAt(8)}`)).toEqual({ ok: true });
    expect(orgCodeCheckChar(code.slice(0, 8))).toBe(code.charAt(8));
  });

  it('normalises the printed form and case', () => {
    expect(normaliseIdentifier(' m000100y-4 ')).toBe('M000100Y4');
    expect(checkOrgCode('m000100y4')).toEqual({ ok: true });
  });

  it('maps check value 10 to X and 11 to 0', () => {
    // Σ = 0 → 11 → '0'; '00000004': Σ = 4·2 = 8 → 3.
    expect(orgCodeCheckChar('00000000')).toBe('0');
    expect(orgCodeCheckChar('00000004')).toBe('3');
    // '40000000': 4·3 = 12 ≡ 1 → 10 → 'X'.
    expect(orgCodeCheckChar('40000000')).toBe('X');
    expect(checkOrgCode('40000000X')).toEqual({ ok: true });
  });

  it('rejects empty, wrong length and bad characters', () => {
    expect(checkOrgCode('')).toEqual({ ok: false, reason: 'EMPTY' });
    expect(checkOrgCode('M000100Y')).toEqual({ ok: false, reason: 'LENGTH' });
    // A hyphen is normalised away (the printed form XXXXXXXX-X): what is left is too short.
    expect(checkOrgCode('M000100Y-')).toEqual({ ok: false, reason: 'LENGTH' });
    expect(checkOrgCode('M000100Y-44')).toEqual({ ok: false, reason: 'LENGTH' });
    expect(checkOrgCode('M000100YA')).toEqual({ ok: false, reason: 'CHARSET' }); // check is 0-9 or X
    expect(checkOrgCode('M00010_Y4')).toEqual({ ok: false, reason: 'CHARSET' });
  });

  // Unlike GB 32100, mod 11 with values up to 35 lets some substitutions survive: replacing
  // value a by b at position i changes Σ by w_i·(b − a); 11 is prime and no weight is a multiple
  // of 11, so the checksum survives exactly when b − a ≡ 0 (mod 11), e.g. '0' → 'B' (0 → 11).
  // Digit-for-digit substitutions (|b − a| ≤ 9) and any change of the check character always fail.
  it('rejects every one-character substitution except those differing by a multiple of 11', () => {
    let survivors = 0;
    for (const code of VALID_ORG_CODES) {
      for (let i = 0; i < 9; i++) {
        const alphabet = i < 8 ? ORG_CHARSET : '0123456789X';
        for (const ch of alphabet) {
          if (ch === code.charAt(i)) continue;
          const mutated = replaceAt(code, i, ch);
          const keepsChecksum = i < 8 && (orgValue(ch) - orgValue(code.charAt(i))) % 11 === 0;
          if (keepsChecksum) survivors++;
          expect(checkOrgCode(mutated), mutated).toEqual(keepsChecksum ? { ok: true } : { ok: false, reason: 'CHECKSUM' });
          if (/^\d$/.test(ch) && /^\d$/.test(code.charAt(i))) expect(checkOrgCode(mutated).ok).toBe(false);
        }
      }
    }
    expect(survivors).toBeGreaterThan(0);
  });
});

describe('统计用区划代码 (12 digits)', () => {
  it('parses a village code of the deployment county', () => {
    expect(parseDivisionCode('640502100001')).toEqual({
      province: '64',
      city: '05',
      county: '02',
      township: '100',
      village: '001',
      level: 5,
      townshipKind: 'town',
      villageKind: 'residents',
      villageSimilar: false,
    });
    expect(checkDivisionCode('640502100001', { villageLevel: true })).toEqual({ ok: true });
  });

  it('classifies townships and villages by range', () => {
    const kinds = (code: string) => {
      const p = parseDivisionCode(code);
      return p && [p.townshipKind, p.villageKind, p.villageSimilar];
    };
    expect(kinds('110101001001')).toEqual(['subdistrict', 'residents', false]);
    expect(kinds('640502200201')).toEqual(['township', 'village', false]);
    expect(kinds('640502401400')).toEqual(['zone', 'residents', true]);
    expect(kinds('659002112517')).toEqual(['town', 'village', true]);
  });

  it('gives the level of higher-level codes padded to 12 digits and their short form', () => {
    expect(parseDivisionCode('640000000000')?.level).toBe(1);
    expect(parseDivisionCode('640500000000')?.level).toBe(2);
    expect(parseDivisionCode('640502000000')?.level).toBe(3);
    expect(parseDivisionCode('640502100000')?.level).toBe(4);
    // 东莞: a prefecture city without counties, townships directly under it.
    expect(parseDivisionCode('441900003000')?.level).toBe(4);
    expect(shortDivisionCode('640502100000')).toBe('640502100');
    expect(shortDivisionCode('640502000000')).toBe('640502');
    expect(shortDivisionCode('640502100001')).toBe('640502100001');
    expect(shortDivisionCode('999999999999')).toBeNull();
  });

  it('rejects bad structure', () => {
    const structure = { ok: false, reason: 'STRUCTURE' };
    expect(checkDivisionCode('990502100001')).toEqual(structure); // no province 99
    expect(checkDivisionCode('640502600001')).toEqual(structure); // township ≥ 600
    expect(checkDivisionCode('640502100600')).toEqual(structure); // village ≥ 600
    expect(checkDivisionCode('640502000001')).toEqual(structure); // village under no township
    expect(checkDivisionCode('640002100001')).toEqual(structure); // county under no city
    expect(checkDivisionCode('640502100000', { villageLevel: true })).toEqual(structure);
    expect(checkDivisionCode('640502100000')).toEqual({ ok: true });
  });

  it('rejects empty, wrong length and non-digits', () => {
    expect(checkDivisionCode('')).toEqual({ ok: false, reason: 'EMPTY' });
    expect(checkDivisionCode('640502')).toEqual({ ok: false, reason: 'LENGTH' });
    expect(checkDivisionCode('64050210000A')).toEqual({ ok: false, reason: 'CHARSET' });
    expect(parseDivisionCode('640502')).toBeNull();
  });
});

describe('普查小区代码 (15 digits)', () => {
  it('accepts a village-level 普查区 plus a sequence from 001', () => {
    expect(checkAreaCode('640502100001001')).toEqual({ ok: true });
    expect(checkAreaCode('640502200201150')).toEqual({ ok: true });
  });

  it('rejects sequence 000, a non-village 普查区, and malformed input', () => {
    expect(checkAreaCode('640502100001000')).toEqual({ ok: false, reason: 'STRUCTURE' });
    expect(checkAreaCode('640502100000001')).toEqual({ ok: false, reason: 'STRUCTURE' });
    expect(checkAreaCode('990502100001001')).toEqual({ ok: false, reason: 'STRUCTURE' });
    expect(checkAreaCode('')).toEqual({ ok: false, reason: 'EMPTY' });
    expect(checkAreaCode('640502100001')).toEqual({ ok: false, reason: 'LENGTH' });
    expect(checkAreaCode('64050210000100A')).toEqual({ ok: false, reason: 'CHARSET' });
  });
});
