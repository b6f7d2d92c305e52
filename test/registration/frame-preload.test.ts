import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codeFromText, parseValue } from '@shared/forms/frame-cell';
import { preloadFromFrame, preloadItemForHeader, type FormPreload } from '@shared/forms/preload';
import { refsOf } from '@shared/forms/refs';
import { answersWithoutOffers, pendingOffers, valuesWithOffers } from '@shared/forms/preload-offers';
import { loadPack } from '@shared/packs/load';
import { listOf, pack, packWith, specOf } from '../forms/pack';

// What a listing-frame row offers the 611 and the individual form (shared/forms/preload.ts),
// and how the editor keeps those offers out of the answers until they are confirmed.

const AREA = '640502100002001';
const names = () => ({ province: '宁夏回族自治区', city: '中卫市', county: '沙坡头区', township: '滨河镇' });

describe('preloadFromFrame', () => {
  it('offers the 611 what a full 清查底册 row holds, in the items’ own notation', () => {
    const row = {
      普查小区代码: AREA,
      单位类型: '法人',
      单位详细名称: '中卫市塞上五金建材有限公司',
      统一社会信用代码: '９１６４０５０２ＭＡ７６Ｕ８Ｎ２３４', // full width, as some tools export it
      '法定代表人（单位负责人）': '马建国',
      成立日期: '2015-03-12',
      开业年月: '2015年4月',
      '省（自治区、直辖市）': '宁夏回族自治区',
      '地（区、市、州、盟）': '中卫市',
      '县（区、市、旗）': '沙坡头区',
      '乡（镇、街道）': '滨河镇',
      '街（村）、门牌号': '鼓楼东街8号',
      区划代码: '640502100002',
      联系电话: '0955-7012345',
      移动电话: '13909551234',
      邮政编码: '755000',
      行业代码: '5174',
      机构类型: '10 企业',
      登记注册统计类别: '私营有限责任公司',
      运营状态: '1',
      '上年营业收入（千元）': '2600',
      上年从业人员: '9',
    };
    const offers = preloadFromFrame(pack, 'legal', row, AREA)['611'];
    expect(offers).toEqual({
      name: { value: '中卫市塞上五金建材有限公司', column: '单位详细名称', isDerived: false },
      uscc: { value: '91640502MA76U8N234', column: '统一社会信用代码', isDerived: false },
      legalRep: { value: '马建国', column: '法定代表人（单位负责人）', isDerived: false },
      foundedYm: { value: '2015-03', column: '成立日期', isDerived: false },
      openedYm: { value: '2015-04', column: '开业年月', isDerived: false },
      addrProvince: { value: '宁夏回族自治区', column: '省（自治区、直辖市）', isDerived: false },
      addrCity: { value: '中卫市', column: '地（区、市、州、盟）', isDerived: false },
      addrCounty: { value: '沙坡头区', column: '县（区、市、旗）', isDerived: false },
      addrTownship: { value: '滨河镇', column: '乡（镇、街道）', isDerived: false },
      addrDetail: { value: '鼓楼东街8号', column: '街（村）、门牌号', isDerived: false },
      divisionCode: { value: '640502100002', column: '区划代码', isDerived: false },
      phoneAreaCode: { value: '0955', column: '联系电话', isDerived: true },
      phoneFixed: { value: '7012345', column: '联系电话', isDerived: true },
      phoneMobile: { value: '13909551234', column: '移动电话', isDerived: false },
      postcode: { value: '755000', column: '邮政编码', isDerived: false },
      industryCode: { value: '5174', column: '行业代码', isDerived: false },
      institutionType: { value: '10', column: '机构类型', isDerived: false },
      registrationCategory: { value: '112', column: '登记注册统计类别', isDerived: false },
      operatingStatus: { value: '1', column: '运营状态', isDerived: false },
    });
  });

  it('works out the division code from the 普查小区 and its names from the division store when the frame has only an address', () => {
    const row = { 普查小区代码: AREA, 单位详细名称: '沙坡头区老马拉面馆', 详细地址: '宁夏回族自治区中卫市沙坡头区滨河镇应理南街3号', 联系电话: '13909551234' };
    const offers = preloadFromFrame(pack, 'individual', row, AREA, { divisionNames: names })['individual'] ?? {};
    expect(offers.divisionCode).toEqual({ value: '640502100002', column: '普查小区代码', isDerived: true });
    expect(offers.addrProvince).toEqual({ value: '宁夏回族自治区', column: '普查小区代码', isDerived: true });
    expect(offers.addrTownship?.value).toBe('滨河镇');
    // The province, city and county are items of their own; the township stays in the street address.
    expect(offers.addrDetail).toEqual({ value: '滨河镇应理南街3号', column: '详细地址', isDerived: true });
    expect(offers.phoneMobile?.value).toBe('13909551234');
    // Without division data the names are not offered, never guessed.
    expect(Object.keys(preloadFromFrame(pack, 'individual', row, AREA)['individual'] ?? {})).not.toContain('addrProvince');
  });

  it('offers nothing it cannot read cleanly, and no figures', () => {
    const row = {
      普查小区代码: AREA,
      单位详细名称: '某公司',
      统一社会信用代码: '9.13502E+17',
      成立日期: '去年春天',
      机构类型: '公司',
      登记注册统计类别: '112 国有独资公司', // code and label disagree
      行业代码: '0111', // agriculture: out of census scope
      邮政编码: '7550',
      联系电话: '请问前台',
      '上年营业收入（千元）': '2600',
    };
    const offers = preloadFromFrame(pack, 'legal', row, AREA)['611'] ?? {};
    expect(Object.keys(offers).sort()).toEqual(['divisionCode', 'name']);
    expect(preloadFromFrame(pack, 'legal', null, AREA)).toEqual({});
  });

  it('splits phone columns into the 611’s 长途区号, 固定电话 and 移动电话', () => {
    const offers = preloadFromFrame(pack, 'legal', { 固定电话: '(0955) 7012345', 移动电话: '139 0955 1234', 联系电话: '13800000000' }, AREA)['611'] ?? {};
    expect(offers.phoneAreaCode).toEqual({ value: '0955', column: '固定电话', isDerived: true });
    expect(offers.phoneFixed).toEqual({ value: '7012345', column: '固定电话', isDerived: true });
    // The mobile column wins over the general phone column.
    expect(offers.phoneMobile).toEqual({ value: '13909551234', column: '移动电话', isDerived: false });
    expect(preloadFromFrame(pack, 'legal', { 固定电话: '7012345' }, AREA)['611']?.phoneFixed).toEqual({ value: '7012345', column: '固定电话', isDerived: false });
  });

  it('names the item a frame column fills, for the import preview', () => {
    expect(preloadItemForHeader('法定代表人（单位负责人）')).toBe('legalRep');
    expect(preloadItemForHeader(' 联系电话 ')).toBe('phone');
    expect(preloadItemForHeader('固定电话')).toBe('phoneFixed');
    expect(preloadItemForHeader('经营者姓名')).toBe('operatorName');
    expect(preloadItemForHeader('上年营业收入（千元）')).toBeNull();
    expect(preloadItemForHeader('备注')).toBeNull();
  });

  it('reads a coded column as a code, “code label” or the exact label', () => {
    expect(codeFromText(listOf('registrationCategory'), '112')).toBe('112');
    expect(codeFromText(listOf('registrationCategory'), '112 私营有限责任公司')).toBe('112');
    expect(codeFromText(listOf('registrationCategory'), '112-私营有限责任公司')).toBe('112');
    expect(codeFromText(listOf('registrationCategory'), '私营有限责任公司')).toBe('112');
    expect(codeFromText(listOf('institutionType'), '企业')).toBe('10');
    expect(codeFromText(listOf('institutionType'), '１０')).toBe('10');
    expect(codeFromText(listOf('institutionType'), '企')).toBeNull();
    expect(codeFromText(listOf('institutionType'), '11 企业')).toBeNull();
  });

  it('reads coded columns with the code lists of the pack the unit is filled under', () => {
    // A later pack version that renames 10 企业 and drops 55: the frame is read against it.
    const renamed = loadPack(
      packWith((doc) => ({
        ...doc,
        codeLists: doc.codeLists.map((l) =>
          l.id === 'institutionType' ? { ...l, entries: l.entries.filter((e) => e.code !== '55').map((e) => (e.code === '10' ? { ...e, zh: '企业法人' } : e)) } : l,
        ),
      })),
    );
    const offered = (p: typeof pack, cell: string) => preloadFromFrame(p, 'legal', { 机构类型: cell }, AREA)['611']?.institutionType?.value;
    expect(offered(pack, '企业')).toBe('10');
    expect(offered(renamed, '企业')).toBeUndefined();
    expect(offered(renamed, '企业法人')).toBe('10');
    expect(offered(pack, '55')).toBe('55');
    expect(offered(renamed, '55')).toBeUndefined();
    expect(parseValue({ codeList: 'institutionType' }, '10 企业法人', renamed.codeList)).toBe('10');
    // A list the pack does not have offers nothing rather than failing the import.
    expect(parseValue({ codeList: 'noSuchList' }, '10', pack.codeList)).toBeNull();
    expect(codeFromText(undefined, '10')).toBeNull();
  });

  it('only ever offers items of the form, each in a notation the item accepts (any frame row)', () => {
    const headers = ['单位详细名称', '统一社会信用代码', '成立日期', '开业年月', '机构类型', '登记注册类型', '运营状态', '联系电话', '邮政编码', '区划代码', '行业代码', '法定代表人', '电子邮箱', '组织机构代码'];
    const cell = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.stringMatching(/^\d{1,20}$/),
      fc.constantFrom('2015-03-12', '2015年13月', '201500', '10 企业', '企业', '0955-7012345', '13909551234', '５２１２', '5212'),
    );
    fc.assert(
      fc.property(fc.constantFrom('legal', 'establishment', 'individual' as const), fc.dictionary(fc.constantFrom(...headers), cell), (kind, row) => {
        for (const [formId, offers] of Object.entries(preloadFromFrame(pack, kind, row, AREA))) {
          const refs = refsOf(specOf(formId));
          for (const [code, offer] of Object.entries(offers)) {
            const item = refs.get(code)?.item;
            expect(item, code).toBeDefined();
            expect(offer.value.trim()).toBe(offer.value);
            expect(offer.value).not.toBe('');
            if (item?.codeList) expect(listOf(item.codeList).entries.map((e) => e.code)).toContain(offer.value);
            if (item?.type === 'yearMonth') expect(offer.value).toMatch(/^\d{4}-(0[1-9]|1[0-2])$/);
            if (item?.type === 'divisionCode') expect(offer.value).toMatch(/^\d{12}$/);
            if (item?.type === 'industryCode') expect(offer.value).toMatch(/^\d{4}$/);
            if (item?.maxLength !== undefined && item.type !== 'text') expect(offer.value.length).toBeLessThanOrEqual(item.maxLength);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('frame offers in the editor', () => {
  const spec = specOf('611');
  const preload: FormPreload = {
    legalRep: { value: '马建国', column: '法定代表人', isDerived: false },
    phoneFixed: { value: '7012345', column: '联系电话', isDerived: true },
    email: { value: 'a@b.cn', column: '电子邮箱', isDerived: false },
  };

  it('keeps a pending offer out of the answers while the input shows it', () => {
    const stored = { unitType: '1', email: '' }; // the email offer was declined earlier
    const pending = pendingOffers(spec, stored, preload);
    expect([...pending].sort()).toEqual(['legalRep', 'phoneFixed']);
    // As read back from the inputs: the offers' values are there, but they are not answers.
    const read = { unitType: '1', legalRep: '马建国', phoneFixed: '7012345' };
    expect(answersWithoutOffers(read, stored, preload, pending)).toEqual({ unitType: '1', email: '' });
    // The form is drawn (skip logic) with them.
    expect(valuesWithOffers({ unitType: '1' }, preload, pending)).toMatchObject({ legalRep: '马建国', phoneFixed: '7012345' });
  });

  it('makes a confirmed or edited offer an answer, and a cleared one a declined blank', () => {
    const pending = new Set(['phoneFixed']); // legalRep confirmed, email cleared
    const read = { unitType: '1', legalRep: '马建国', phoneFixed: '7012345' };
    expect(answersWithoutOffers(read, {}, preload, pending)).toEqual({ unitType: '1', legalRep: '马建国', email: '' });
  });
});
