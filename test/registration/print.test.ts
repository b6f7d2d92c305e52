import { describe, expect, it } from 'vitest';
import type { FormSpec, FormValues } from '@shared/forms';
import { builtinPack } from '@shared/packs/builtin';

const pack = builtinPack();
const getFormSpec = (id: string) => pack.form(id);
import { hasAnswers, printSections, printValue, signOffOf, type PrintSection } from '@shared/forms/print';
import { refsOf } from '@shared/forms/refs';

// The printed form (shared/forms/print.ts): answers as the paper writes them, blanks blank,
// nothing filled in for the page.

const spec = (id: string): FormSpec => {
  const s = getFormSpec(id);
  if (!s) throw new Error(`no form ${id}`);
  return s;
};
const item = (formId: string, code: string) => {
  const i = refsOf(spec(formId)).get(code)?.item;
  if (!i) throw new Error(`no item ${code}`);
  return i;
};
const rowsOf = (sections: PrintSection[]) =>
  new Map(sections.flatMap((s) => (s.kind === 'items' ? s.rows.map((r) => [r.label, r] as const) : [])));

describe('printValue', () => {
  it.each([
    ['registrationCategory', '112', '112 私营有限责任公司'],
    ['institutionType', '10', '10 企业'],
    ['hasEstablishments', false, '2 否'],
    ['regSameAsLocation', true, '1 是'],
    ['industryCode', '5212', '5212 超级市场零售'],
    ['revenue', 1234567, '1,234,567'],
    ['employees', '24', '24'],
    ['foundedYm', '2012-02', '2012年02月'],
    ['filledDate', '2024-03-01', '2024年03月01日'],
    ['legalRep', '马志强', '马志强'],
    ['website', undefined, ''],
    ['website', '', ''],
    ['revenue', null, ''],
  ] as const)('prints %s = %s as “%s”', (code, value, printed) => {
    expect(printValue(item('611', code), value, 'zh', pack.findCode)).toBe(printed);
  });

  it('prints a value that is not a known code as it is, never a guessed name', () => {
    expect(printValue(item('611', 'institutionType'), '77', 'zh', pack.findCode)).toBe('77');
    expect(printValue(item('611', 'revenue'), '12a', 'zh', pack.findCode)).toBe('12a');
  });

  it('prints English names in English', () => {
    expect(printValue(item('611', 'institutionType'), '10', 'en', pack.findCode)).toBe('10 Enterprise');
    expect(printValue(item('611', 'foundedYm'), '2012-02', 'en', pack.findCode)).toBe('2012-02');
  });
});

describe('printSections', () => {
  const values: FormValues = {
    unitType: '2', // an establishment
    name: '中卫市鑫源连锁超市沙坡头店',
    industryCode: '7020', // not trade
    institutionType: '10',
    holding: '3', // stored, but not asked of an establishment
    uscc: '91640502MA76QK3P11',
    revenue: 9408, // stored from an earlier version, but an establishment reports 经营性单位收入
    estRevenue: 9408,
    unitHead: '杨军',
    filledDate: '2024-03-01',
  };

  it('lays out every item of each relevant section with its code and unit, blanks blank', () => {
    const sections = printSections(spec('611'), values, 'zh', pack.findCode, ['signOff']);
    expect(sections.map((s) => s.id)).toEqual(['identity', 'location', 'activity', 'attributes', 'group', 'figures']);
    const rows = rowsOf(sections);
    // The printed number where it is known (四经普 109); one marked (check) is not printed.
    expect(rows.get('统一社会信用代码')).toEqual({ code: '109', label: '统一社会信用代码', unit: '', value: '91640502MA76QK3P11' });
    expect(rows.get('单位详细名称')).toEqual({ code: '', label: '单位详细名称', unit: '', value: '中卫市鑫源连锁超市沙坡头店' });
    expect(rows.get('经营性单位收入')).toMatchObject({ unit: '千元', value: '9,408' });
    expect(rows.get('营业收入')?.value).toBe('');
    expect(rows.get('网址')?.value).toBe('');
    // Not relevant for an establishment: blank on paper, whatever is stored.
    expect(rows.get('企业控股情况')?.value).toBe('');
  });

  it('prints a repeating section as a grid of its rows', () => {
    const [grid] = printSections(spec('611-1'), { establishments: [{ estName: '东园经营部', estEmployees: 3, estRevenue: 900 }] }, 'zh', pack.findCode);
    expect(grid?.kind).toBe('grid');
    if (grid?.kind !== 'grid') return;
    expect(grid.columns.find((c) => c.label === '经营性单位收入')).toEqual({ label: '经营性单位收入', unit: '千元' });
    expect(grid.rows[0]?.map((c) => c.value)).toEqual(['', '', '东园经营部', '', '', '', '', '', '', '3', '900', '']);
  });

  it('gives the sign-off lines and tells a started table from an empty one', () => {
    expect(signOffOf(spec('611'), values, 'zh', pack.findCode)).toEqual({ unitHead: '杨军', statHead: '', filler: '', fillerPhone: '', filledDate: '2024年03月01日' });
    expect(hasAnswers({})).toBe(false);
    expect(hasAnswers({ computers: '' })).toBe(false);
    expect(hasAnswers({ establishments: [{ estName: '' }] })).toBe(false);
    expect(hasAnswers({ computers: 0 })).toBe(true);
  });
});
