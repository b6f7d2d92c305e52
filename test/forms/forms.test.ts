import { describe, expect, it } from 'vitest';
import { evaluateCondition, type Lookup } from '@shared/forms/conditions';
import { buildRefs } from '@shared/forms/refs';
import { itemState } from '@shared/forms/state';
import type { Condition, FormValues, Value } from '@shared/forms/types';
import { isBlank, itemPath, numberOf, parsePath } from '@shared/forms/values';
import { pack, specOf } from './pack';

// The form specs as data (the built-in pack's forms), and the one condition evaluator that drives skip logic and
// conditional requirements in both the renderer and the rule engine.

const spec611 = specOf('611');
const lookup =
  (values: Record<string, Value>): Lookup =>
  (code) =>
    values[code];
const holds = (cond: Condition, values: Record<string, Value>) => evaluateCondition(cond, lookup(values));

describe('form specs', () => {
  it('has the registration forms of the census', () => {
    expect(pack.forms.map((f) => f.id).sort()).toEqual(['611', '611-1', '611-2', '611-3', '611-4', '611-6', '611-7', '611-8', 'individual']);
  });

  it.each(pack.forms.map((s) => [s.id, s] as const))('%s has unique item codes and labels in both languages', (_id, spec) => {
    const refs = buildRefs(spec);
    expect(refs.size).toBeGreaterThan(0);
    for (const { item } of refs.values()) {
      expect(item.labelZh, item.code).toMatch(/\p{Script=Han}/u);
      expect(item.labelEn, item.code).toMatch(/[A-Za-z]/);
      if (item.type === 'money') expect(item.unitZh, item.code).toBe('千元');
    }
  });

  it('611 carries the items docs/domain.md lists', () => {
    const codes = [...buildRefs(spec611).keys()];
    for (const code of [
      'unitType', 'areaCode', 'buildingCode', 'uscc', 'orgCode', 'name', 'legalRep', 'foundedYm', 'openedYm',
      'addrDetail', 'divisionCode', 'regSameAsLocation', 'regAddrDetail', 'regDivisionCode', 'phoneAreaCode',
      'phoneFixed', 'phoneMobile', 'postcode', 'email', 'website', 'activity1', 'activity2', 'activity3',
      'industryCode', 'registrationCategory', 'holding', 'affiliation', 'operatingStatus', 'accountingStandard',
      'enterpriseAccountingStandard', 'institutionType', 'groupRole', 'parentUscc', 'hasEstablishments',
      'hmtInvestment', 'businessForm', 'retailFormat', 'businessArea', 'employees', 'femaleEmployees', 'revenue',
      'assets', 'taxes', 'expenditure', 'unitHead', 'statHead', 'filler', 'fillerPhone', 'filledDate',
    ]) {
      expect(codes).toContain(code);
    }
  });

  it('611 carries the corrections of 2023.2: establishments’ own figures and legal entity, address lines, park, trade items, frame keys', () => {
    const codes = [...buildRefs(spec611).keys()];
    for (const code of [
      'frameId', 'frameSpecialty', 'addrStreetOffice', 'addrCommittee', 'regProvince', 'regCity', 'regCounty', 'regTownship',
      'parkName', 'parkCode', 'parentAddrDetail', 'parentDivisionCode', 'establishmentCategory', 'parentOutsideCounty',
      'lodgingCateringArea', 'hotelStar', 'estRevenue', 'estExpenditure', 'estSalesArea', 'estForSaleArea',
    ]) {
      expect(codes).toContain(code);
    }
    const refs = buildRefs(spec611);
    // Printed numbers known from 四经普; the rest stay marked.
    expect(refs.get('uscc')?.item.printedNo).toBe('109');
    expect(refs.get('legalRep')?.item.printedNo).toBe('201');
    expect(refs.get('name')?.item.printedNo).toMatch(/\(check\)$/);
    expect(specOf('611-8').titleZh).toBe('信息通信技术应用和数字化转型情况');
    const names = Object.fromEntries((pack.codeList('registrationCategory')?.entries ?? []).map((e) => [e.code, e.zh]));
    expect(names).toMatchObject({ '131': '全民所有制企业（国有企业）', '132': '集体所有制企业（集体企业）', '400': '农民专业合作社（联合社）', '900': '其他市场主体' });
    expect(specOf('611-2').sections.flatMap((sec) => sec.items.map((i) => i.code))).not.toContain('eduSecondaryOrBelow');
  });

  it('611-1 is a repeating list of establishments', () => {
    const section = specOf('611-1').sections[0];
    // The 本部 is a row and a 多产业法人 has at least one other: two rows at least.
    expect(section?.repeat).toMatchObject({ min: 2, itemLabelZh: '产业活动单位' });
  });
});

describe('evaluateCondition', () => {
  it.each([
    [{ item: 'a', op: 'eq', value: '10' }, { a: '10' }, true],
    [{ item: 'a', op: 'eq', value: '10' }, { a: 10 }, true],
    [{ item: 'a', op: 'eq', value: '10' }, { a: undefined }, false],
    [{ item: 'a', op: 'ne', value: '10' }, { a: undefined }, true],
    [{ item: 'a', op: 'in', value: ['10', '55'] }, { a: '55' }, true],
    [{ item: 'a', op: 'notIn', value: ['10', '55'] }, { a: '20' }, true],
    [{ item: 'a', op: 'prefix', value: ['51', '52'] }, { a: '5212' }, true],
    [{ item: 'a', op: 'prefix', value: ['51', '52'] }, { a: '' }, false],
    [{ item: 'a', op: 'notPrefix', value: ['47'] }, { a: '' }, true],
    [{ item: 'a', op: 'empty' }, { a: '  ' }, true],
    [{ item: 'a', op: 'notEmpty' }, { a: 0 }, true],
    [{ item: 'a', op: 'isTrue' }, { a: true }, true],
    [{ item: 'a', op: 'isFalse' }, { a: undefined }, false],
    [{ item: 'a', op: 'isFalse' }, { a: 'false' }, true],
    [{ item: 'a', op: 'isTrue' }, { a: '1' }, false],
    [{ item: 'a', op: 'gt', value: 5 }, { a: '6' }, true],
    [{ item: 'a', op: 'le', value: 5 }, { a: 'abc' }, false],
    [{ all: [{ item: 'a', op: 'eq', value: '1' }, { item: 'b', op: 'eq', value: '2' }] }, { a: '1', b: '2' }, true],
    [{ any: [{ item: 'a', op: 'eq', value: '1' }, { item: 'b', op: 'eq', value: '2' }] }, { a: '0', b: '2' }, true],
    [{ not: { item: 'a', op: 'empty' } }, { a: 'x' }, true],
    [{ all: [] }, {}, true],
    [{ any: [] }, {}, false],
  ] satisfies [Condition, Record<string, Value>, boolean][])('%j on %j is %s', (cond, values, expected) => {
    expect(holds(cond, values)).toBe(expected);
  });
});

describe('itemState (skip logic and asterisks for the renderer)', () => {
  const base: FormValues = { unitType: '1', institutionType: '10', operatingStatus: '1', industryCode: '5212' };

  it('shows trade items only for wholesale, retail, hotels and catering', () => {
    expect(itemState(spec611, base, 'businessForm')).toEqual({ relevant: true, required: true });
    expect(itemState(spec611, { ...base, industryCode: '6210' }, 'retailFormat')).toEqual({ relevant: false, required: false });
    expect(itemState(spec611, { ...base, industryCode: '5110' }, 'retailFormat')).toEqual({ relevant: true, required: false });
    expect(itemState(spec611, { ...base, industryCode: '2710' }, 'businessForm')?.relevant).toBe(false);
  });

  it('requires 营业收入 of operating enterprises and cooperatives only', () => {
    expect(itemState(spec611, base, 'revenue')?.required).toBe(true);
    expect(itemState(spec611, { ...base, institutionType: '55' }, 'revenue')?.required).toBe(true);
    expect(itemState(spec611, { ...base, operatingStatus: '2' }, 'revenue')).toEqual({ relevant: true, required: false });
    const publicBody = { ...base, institutionType: '20', accountingStandard: '2' };
    expect(itemState(spec611, publicBody, 'revenue')?.relevant).toBe(false);
    expect(itemState(spec611, publicBody, 'expenditure')?.relevant).toBe(true);
  });

  it('asks 执行企业会计准则情况 only under enterprise accounting', () => {
    expect(itemState(spec611, { ...base, accountingStandard: '1' }, 'enterpriseAccountingStandard')?.required).toBe(true);
    expect(itemState(spec611, { ...base, accountingStandard: '2' }, 'enterpriseAccountingStandard')?.relevant).toBe(false);
  });

  it('does not ask an establishment for legal-entity items, and asks for its parent', () => {
    const establishment = { ...base, unitType: '2' };
    expect(itemState(spec611, establishment, 'affiliation')?.relevant).toBe(false);
    expect(itemState(spec611, establishment, 'parentUscc')).toEqual({ relevant: true, required: true });
  });

  it('answers for row paths and refuses paths the form does not have', () => {
    const spec = specOf('611-1');
    const values = { establishments: [{ estName: '一店' }] };
    expect(itemState(spec, values, 'establishments.0.estName')).toEqual({ relevant: true, required: true });
    expect(itemState(spec, values, 'estName')).toBeNull();
    expect(itemState(spec, values, 'other.0.estName')).toBeNull();
    expect(itemState(spec611, base, 'noSuchItem')).toBeNull();
  });
});

describe('docs/domain.md requirements that live in the specs (reported by GEN-REQUIRED)', () => {
  const enterprise: FormValues = { unitType: '1', institutionType: '10', operatingStatus: '1' };
  const required = (values: FormValues, path: string) => itemState(spec611, values, path)?.required;

  it('企业 not 筹建 ⇒ 开业年月', () => {
    expect(required(enterprise, 'openedYm')).toBe(true);
    expect(required({ ...enterprise, operatingStatus: '3' }, 'openedYm')).toBe(false);
    expect(required({ ...enterprise, institutionType: '20' }, 'openedYm')).toBe(false);
  });

  it('industry 52 ⇒ 零售业态; 51/52/61/62 ⇒ 经营形式', () => {
    for (const industry of ['5110', '5212', '6110', '6210']) {
      expect(required({ ...enterprise, industryCode: industry }, 'businessForm'), industry).toBe(true);
    }
    expect(required({ ...enterprise, industryCode: '5212' }, 'retailFormat')).toBe(true);
    expect(required({ ...enterprise, industryCode: '5110' }, 'retailFormat')).toBe(false);
  });

  it('运营状态, 主要业务活动1 and the sign-off are always required', () => {
    for (const path of ['operatingStatus', 'activity1', 'industryCode', 'unitHead', 'statHead', 'filler', 'fillerPhone']) {
      expect(required({}, path), path).toBe(true);
    }
  });
});

describe('values and paths', () => {
  it('round-trips paths', () => {
    expect(itemPath('revenue')).toBe('revenue');
    expect(itemPath('estRevenue', { sectionId: 'establishments', index: 2 })).toBe('establishments.2.estRevenue');
    expect(parsePath('establishments.2.estRevenue')).toEqual({ code: 'estRevenue', row: { sectionId: 'establishments', index: 2 } });
    expect(parsePath('revenue')).toEqual({ code: 'revenue' });
    expect(parsePath('a.b.c')).toBeNull();
    expect(parsePath('')).toBeNull();
  });

  it('treats blank text, null and empty rows as empty, but not 0 or false', () => {
    expect([undefined, null, '', '  ', []].every(isBlank)).toBe(true);
    expect([0, false, 'x'].some(isBlank)).toBe(false);
  });

  it('reads numbers from numbers and decimal text only', () => {
    expect(numberOf(' 12 ')).toBe(12);
    expect(numberOf('12.5')).toBe(12.5);
    expect(numberOf('1e3')).toBeUndefined();
    expect(numberOf('十二')).toBeUndefined();
    expect(numberOf(Number.NaN)).toBeUndefined();
  });
});
