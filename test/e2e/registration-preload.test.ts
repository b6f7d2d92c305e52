import { describe, expect, it } from 'vitest';
import { useE2eApp } from '../helpers/e2e-app';

// Preloading from the listing frame, as the enumerator sees it: a unit from a full 清查底册 row
// opens with the frame's 法定代表人, phone, address (省/地/县/乡 and 区划代码), name, USCC and
// codes in its 611 items, each marked 来自底册 and none of them an answer; confirming one,
// correcting one and clearing one each removes its mark, survives a reload, and is in the
// history as the enumerator's, with the frame's value as basis.

const app = useE2eApp('census-e2e-preload-');
const byTestId = (id: string) => app.page.getByTestId(id);

const HEADER = [
  '普查小区代码',
  '单位类型',
  '单位详细名称',
  '统一社会信用代码',
  '法定代表人',
  '联系电话',
  '省（自治区、直辖市）',
  '地（区、市、州、盟）',
  '县（区、市、旗）',
  '乡（镇、街道）',
  '街（村）、门牌号',
  '区划代码',
  '成立日期',
  '行业代码',
  '机构类型',
  '登记注册统计类别',
  '电子邮箱',
  '上年营业收入（千元）',
].join(',');
const ROW = [
  '640502100002001',
  '法人',
  '中卫市塞上五金建材有限公司',
  '91640502MA76U8N234',
  '马建国',
  '0955-7012345',
  '宁夏回族自治区',
  '中卫市',
  '沙坡头区',
  '滨河镇',
  '鼓楼东街8号',
  '640502100002',
  '2015-03-12',
  '5174',
  '10 企业',
  '112 私营有限责任公司',
  'wujin@example.cn',
  '2600',
].join(',');

let unitId = '';

describe('a unit from the listing frame', () => {
  it('imports the frame row', async () => {
    await app.api('settings:update', { userName: '马晓梅', deviceName: '沙坡头区-笔记本03', regionCode: '640502' });
    const csv = `${HEADER}\r\n${ROW}\r\n`;
    const result = await app.api('frame:import', { fileName: '底册.csv', contentBase64: Buffer.from(csv).toString('base64') });
    expect(result.imported).toBe(1);
    unitId = (await app.api('units:list', { query: '塞上五金' })).rows[0]?.id ?? '';
    expect(unitId).not.toBe('');
  });

  it('opens its 611 with the frame’s values in the items, each marked 来自底册', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`${app.harness.url}#/registration/unit/${unitId}`);
    await byTestId('unit-page').waitFor();
    await byTestId('frame-banner-611').waitFor();
    const offered: [string, string][] = [
      ['name', '中卫市塞上五金建材有限公司'],
      ['uscc', '91640502MA76U8N234'],
      ['legalRep', '马建国'],
      ['foundedYm', '2015-03'],
      ['addrProvince', '宁夏回族自治区'],
      ['addrCity', '中卫市'],
      ['addrCounty', '沙坡头区'],
      ['addrTownship', '滨河镇'],
      ['addrDetail', '鼓楼东街8号'],
      ['divisionCode', '640502100002'],
      ['phoneAreaCode', '0955'],
      ['phoneFixed', '7012345'],
      ['email', 'wujin@example.cn'],
      ['industryCode', '5174'],
      ['institutionType', '10'],
      ['registrationCategory', '112'],
    ];
    for (const [item, value] of offered) {
      expect(await byTestId(`item-611-${item}`).inputValue(), item).toBe(value);
      expect(await byTestId(`frame-mark-611-${item}`).textContent(), item).toBe('来自底册');
    }
    // Coded offers read with their names; the mark says where the value came from.
    expect(await byTestId('item-611-registrationCategory-name').textContent()).toBe('私营有限责任公司');
    expect(await byTestId('frame-mark-611-phoneFixed').getAttribute('title')).toBe('由清查底册“联系电话”列推得，向单位核实后确认或修改');
    expect(await byTestId('frame-banner-611').textContent()).toContain(`本表有 ${offered.length} 项预填自清查底册`);
    // Not answers: nothing is stored, and the required 法定代表人 is still open for the rules.
    const stored = await app.api('units:get', { id: unitId });
    expect(stored.forms['611']).toEqual({ unitType: '1', areaCode: '640502100002001' });
    await byTestId('save-state').filter({ hasText: '已是最新' }).waitFor();
    await app.browser.screenshot('registration-preload-zh-CN');
    await byTestId('item-611-addrTownship').scrollIntoViewIfNeeded();
    await app.browser.screenshot('registration-preload-address-zh-CN');
  });

  it('takes a confirmation, a correction and a clearing as the enumerator’s, each removing its mark', async () => {
    const { page } = app;
    await byTestId('frame-confirm-611-legalRep').click();
    expect(await byTestId('frame-mark-611-legalRep').count()).toBe(0);
    expect(await byTestId('item-611-legalRep').inputValue()).toBe('马建国');
    await byTestId('item-611-phoneFixed').fill('7012346');
    expect(await byTestId('frame-mark-611-phoneFixed').count()).toBe(0);
    await byTestId('item-611-email').fill('');
    expect(await byTestId('frame-mark-611-email').count()).toBe(0);
    await byTestId('save-state').filter({ hasText: '已保存' }).waitFor();
    const stored = await app.api('units:get', { id: unitId });
    expect(stored.forms['611']).toMatchObject({ legalRep: '马建国', phoneFixed: '7012346', email: '' });
    expect(stored.forms['611']?.name).toBeUndefined();

    // After a reload: the three stay settled, the other offers are still marked.
    await page.reload();
    await byTestId('frame-banner-611').waitFor();
    expect(await byTestId('frame-mark-611-legalRep').count()).toBe(0);
    expect(await byTestId('frame-mark-611-email').count()).toBe(0);
    expect(await byTestId('item-611-email').inputValue()).toBe('');
    expect(await byTestId('item-611-phoneFixed').inputValue()).toBe('7012346');
    await byTestId('frame-mark-611-name').waitFor();
    expect(await byTestId('frame-banner-611').textContent()).toContain('本表有 13 项');

    // The history says who took what from the frame.
    const history = await app.api('units:history', { id: unitId });
    const save = history.find((h) => h.action === 'save');
    expect(save?.userName).toBe('马晓梅');
    expect(save?.reason).toContain('确认底册值 / Confirmed from the listing frame: 611.legalRep');
    expect(save?.reason).toContain('改正底册值 / Corrected the listing frame: 611.phoneFixed（底册 / frame 联系电话: 7012345）');
    expect(save?.reason).toContain('不采用底册值 / Listing-frame value not taken: 611.email');
  });

  it('confirms the rest at once, and reads in English', async () => {
    await byTestId('lang-en').click();
    await byTestId('frame-banner-611').filter({ hasText: 'preloaded from the listing frame' }).waitFor();
    expect(await byTestId('frame-mark-611-name').textContent()).toBe('From frame');
    await app.browser.screenshot('registration-preload-en');
    await byTestId('frame-confirm-all-611').click();
    expect(await byTestId('frame-banner-611').count()).toBe(0);
    expect(await app.page.locator('[data-testid^="frame-mark-611-"]').count()).toBe(0);
    await byTestId('save-state').filter({ hasText: 'Saved' }).waitFor();
    const stored = await app.api('units:get', { id: unitId });
    expect(stored.forms['611']).toMatchObject({ name: '中卫市塞上五金建材有限公司', uscc: '91640502MA76U8N234', institutionType: '10', divisionCode: '640502100002' });
    await byTestId('lang-zh-CN').click();
    expect(app.problems).toEqual([]);
  });
});
