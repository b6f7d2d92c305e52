import { describe, expect, it } from 'vitest';
import {
  industryByCode,
  industryClasses,
  industryDivision,
  industryEntries,
  industrySection,
  industrySource,
  isInCensusScope,
  isIndustryClass,
} from '@shared/codes/industry';
import { pinyinInitials } from '@shared/codes/initials';
import { searchCodes } from '@shared/codes/search';
import { listOf, pack } from './pack';

const codeListIds = pack.body.codeLists.map((l) => l.id);
const findCode = pack.findCode;
const entryCodes = (id: string) => listOf(id).entries.map((e) => e.code);

describe('code lists', () => {
  it('are the pack’s lists, the ones the forms name', () => {
    expect([...codeListIds].sort()).toEqual([
      'accountingStandard', 'affiliation', 'businessForm', 'enterpriseAccountingStandard', 'enterpriseGroup', 'establishmentCategory',
      'hkMacaoTaiwanInvestment', 'holding', 'hotelStar', 'institutionType', 'operatingStatus', 'registrationCategory',
      'retailFormat', 'unitScale', 'unitType', 'urbanRural', 'yesNo',
    ]);
  });

  it.each(codeListIds)('%s carries id, names, version, source and year, and unique codes', (id) => {
    const list = listOf(id);
    expect(list.id).toBe(id);
    expect(list.nameZh).not.toBe('');
    expect(list.nameEn).not.toBe('');
    expect(list.version).toMatch(/^\d{4}\.\d+$/);
    expect(list.source.length).toBeGreaterThan(10);
    expect(list.year).toBeGreaterThanOrEqual(2008);
    expect(list.entries.length).toBeGreaterThan(0);
    const codes = list.entries.map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const e of list.entries) {
      expect(e.code).toMatch(/^\d+$/);
      expect(e.zh).not.toBe('');
      expect(e.en).not.toBe('');
    }
  });

  it.each(codeListIds)('%s in the pack has initials that match pinyin-pro', (id) => {
    for (const e of listOf(id).entries) expect(e.initials, `${id} ${e.code} ${e.zh}`).toBe(pinyinInitials(e.zh));
  });

  it('holds the docs/domain.md codes', () => {
    expect(entryCodes('institutionType')).toEqual([
      '10', '20', '30', '40', '51', '52', '53', '54', '55', '56', '90',
    ]);
    expect(entryCodes('operatingStatus')).toEqual(['1', '2', '3', '4', '5', '6', '7', '9']);
    expect(entryCodes('affiliation')).toEqual(['10', '11', '90']);
    expect(entryCodes('urbanRural')).toEqual(['111', '112', '121', '122', '123', '210', '220']);
    const registration = entryCodes('registrationCategory');
    for (const code of ['111', '190', '210', '220', '230', '290', '310', '320', '330', '390', '400', '500', '900']) {
      expect(registration).toContain(code);
    }
    const retail = entryCodes('retailFormat').map(Number);
    expect(retail.filter((c) => c < 2000)).toEqual([1010, 1020, 1030, 1040, 1050, 1060, 1070, 1080, 1090, 1100, 1110, 1120]);
    expect(retail.filter((c) => c >= 2000).every((c) => c >= 2010 && c <= 2090)).toBe(true);
  });

  it('finds an entry by list and code', () => {
    expect(findCode('institutionType', '55')?.zh).toBe('农民专业合作社');
    expect(findCode('registrationCategory', '210')?.zh).toBe('港澳台投资有限责任公司');
    expect(findCode('institutionType', '99')).toBeUndefined();
    expect(findCode('noSuchList', '10')).toBeUndefined();
  });
});

describe('GB/T 4754-2017 industries', () => {
  const count = (level: number) => industryEntries().filter((e) => e.level === level).length;

  it('has 20 sections, 97 divisions and 1381 classes (see data/README.md on the reference copy’s 1380)', () => {
    expect(count(1)).toBe(20);
    expect(count(2)).toBe(97);
    expect(count(4)).toBe(1381);
    expect(industryClasses()).toHaveLength(1381);
    expect(industrySource.year).toBe(2017);
  });

  it('looks codes up with level, section and initials', () => {
    expect(industryByCode('52')).toMatchObject({ code: '52', level: 2, section: 'F', name: '零售业', initials: 'lsy' });
    expect(industryByCode('3741')).toMatchObject({ level: 4, name: '飞机制造' });
    expect(industryByCode('9999')).toBeUndefined();
    expect(isIndustryClass('5212')).toBe(true);
    expect(isIndustryClass('521')).toBe(false);
    expect(isIndustryClass('5210')).toBe(false);
    // A group without subdivisions exists only as its class ending in 0.
    expect(isIndustryClass('0190')).toBe(true);
    expect(industryDivision('5212')).toBe('52');
    expect(industryDivision('F')).toBeUndefined();
    expect(industrySection('5212')).toBe('F');
    expect(industrySection('F')).toBe('F');
  });

  it('puts divisions 01–04 out of census scope and 05 in', () => {
    expect(isInCensusScope('0111')).toBe(false);
    expect(isInCensusScope('04')).toBe(false);
    expect(isInCensusScope('0422')).toBe(false);
    expect(isInCensusScope('0511')).toBe(true);
    expect(isInCensusScope('05')).toBe(true);
    expect(isInCensusScope('0610')).toBe(true);
    expect(isInCensusScope('5212')).toBe(true);
    expect(isInCensusScope('A')).toBe(true); // via 05
    expect(isInCensusScope('9999')).toBe(false);
    const inScope = industryClasses().filter((c) => isInCensusScope(c.code));
    const agriculture = industryClasses().filter((c) => ['01', '02', '03', '04'].includes(c.code.slice(0, 2)));
    expect(inScope.length + agriculture.length).toBe(1381);
  });
});

describe('searchCodes', () => {
  const all = industryEntries();

  it('finds 零售业 by its pinyin initials first', () => {
    expect(searchCodes(all, 'lsy', 5)[0]?.name).toBe('零售业');
    expect(searchCodes(all, 'LSY', 5)[0]?.code).toBe('52');
  });

  it('matches initials inside a name too', () => {
    const hits = searchCodes(all, 'bhls', 10).map((e) => e.code);
    expect(hits).toContain('5211'); // 百货零售
  });

  it('lists a code prefix with the exact code first, then its children in order', () => {
    const hits = searchCodes(industryClasses(), '52', 100);
    expect(hits.length).toBeGreaterThan(30);
    expect(hits.every((e) => e.code.startsWith('52'))).toBe(true);
    const withDivision = searchCodes(all, '52', 3).map((e) => e.code);
    expect(withDivision).toEqual(['52', '521', '5211']);
  });

  it('finds a Chinese substring, name prefixes ahead of inner matches', () => {
    const hits = searchCodes(industryClasses(), '零售', 200);
    expect(hits.length).toBeGreaterThan(50);
    expect(hits.every((e) => e.name.includes('零售'))).toBe(true);
    expect(searchCodes(industryClasses(), '百货', 5).map((e) => e.code)).toContain('5211');
    // 批发和零售业 and 批发业 start with the query, 谷物、豆及薯类批发 only contains it.
    const wholesale = searchCodes(all, '批发', 100).map((e) => e.code);
    expect(wholesale.slice(0, 2)).toEqual(['F', '51']);
    expect(wholesale.indexOf('51')).toBeLessThan(wholesale.indexOf('5111'));
  });

  it('ranks an exact code above everything and respects the limit', () => {
    expect(searchCodes(all, 'F', 3)[0]?.code).toBe('F');
    expect(searchCodes(all, '5212', 10)[0]?.code).toBe('5212');
    expect(searchCodes(all, 'ls', 4)).toHaveLength(4);
    expect(searchCodes(all, '   ', 10)).toEqual([]);
    expect(searchCodes(all, 'xyzxyz', 10)).toEqual([]);
  });

  it('works on plain code lists', () => {
    expect(searchCodes(listOf('retailFormat').entries, 'bld')[0]?.zh).toBe('便利店');
    expect(searchCodes(listOf('institutionType').entries, '合作')[0]?.code).toBe('55');
  });
});
