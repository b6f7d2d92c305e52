import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openE2eApp, type E2eApp } from '../helpers/e2e-app';

// The enumerator's main job in Debian's chromium against the real core: import a
// listing frame, find a retail unit, fill its 611 with the keyboard alone, watch the live
// findings appear and go away (bad USCC, 开业 before 成立, 零售业态 missing for 52xx), explain
// a 核实性 one, submit, and see the status in the list and every change in the history.

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');
const frameCsv = path.join(fixtures, 'frame-shapotou.csv');
const frameXlsx = path.join(fixtures, 'frame-shapotou-more.xlsx');

let app: E2eApp;
let harness: E2eApp['harness'];
let browser: E2eApp['browser'];
let page: E2eApp['page'];
let pageProblems: string[] = [];
let api: E2eApp['api'];

beforeAll(async () => {
  app = await openE2eApp('census-e2e-reg-');
  ({ harness, browser, page, api } = app);
  pageProblems = app.problems;
});

afterAll(async () => {
  await app?.close();
});

const byTestId = (id: string) => page.getByTestId(id);
const finding = (ruleId: string, itemPath: string) => page.locator(`[data-testid="finding-${ruleId}"][data-path="${itemPath}"]`);
// A string expression: the callback runs in the page, and this file is type-checked without DOM types.
const focusedTestId = async (): Promise<string | null> => {
  const id: unknown = await page.evaluate("document.activeElement?.getAttribute('data-testid') ?? null");
  return typeof id === 'string' ? id : null;
};

async function unitIdByName(name: string): Promise<string> {
  const list = await api('units:list', { query: name });
  const row = list.rows.find((r) => r.name === name);
  if (!row) throw new Error(`no unit named ${name}`);
  return row.id;
}

/**
 * Types into the focused item and presses Enter; waits until the next relevant item has focus
 * (the move waits one task, so items made relevant by this answer exist first). Typing the
 * next answer before that would land in the wrong box.
 */
async function enter(text: string, opts: { isLast?: boolean } = {}): Promise<void> {
  const from = await focusedTestId();
  if (text !== '') await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  if (!opts.isLast) await expect.poll(focusedTestId).not.toBe(from);
}

/** Alt+Enter on an item showing a listing-frame offer: takes it and moves to the next item. */
async function confirmOffer(): Promise<void> {
  const from = await focusedTestId();
  await page.keyboard.press('Alt+Enter');
  await expect.poll(focusedTestId).not.toBe(from);
}

async function expectFocus(testId: string): Promise<void> {
  await expect.poll(focusedTestId).toBe(testId);
}

/** F8 until the given item has focus (keyboard only; at most one round of the findings). */
async function f8To(testId: string): Promise<void> {
  for (let i = 0; i < 12; i += 1) {
    const from = await focusedTestId();
    if (from === testId) return;
    await page.keyboard.press('F8');
    await expect.poll(focusedTestId).not.toBe(from);
  }
  expect(await focusedTestId()).toBe(testId);
}

describe('registration in the browser harness', () => {
  it('needs a user and device before changes can be attributed', async () => {
    await page.goto(harness.url);
    await byTestId('nav-settings').click();
    await byTestId('settings-form').waitFor();
    await byTestId('settings-userName').fill('马晓梅');
    await byTestId('settings-deviceName').fill('沙坡头区-笔记本03');
    await byTestId('settings-regionCode').fill('640502');
    await byTestId('settings-save').click();
    await byTestId('settings-saved').waitFor();
  });

  it('imports a CSV listing frame after a preview with per-row errors', async () => {
    await byTestId('nav-registration').click();
    await byTestId('registration-empty').waitFor();
    await byTestId('frame-import').click();
    await byTestId('frame-file').setInputFiles(frameCsv);
    await byTestId('frame-preview').waitFor();
    expect(await byTestId('frame-counts').textContent()).toBe('共 7 行：将导入 5 行，有错误 2 行，本机已有 0 行（跳过）。');
    // The bad area code (14 digits) and the nameless row are errors; the bad USCC check
    // character is only a warning, because some real codes fail it.
    await expect.poll(() => byTestId('frame-row-7').locator('[data-testid="frame-row-error"]').count()).toBe(1);
    expect(await byTestId('frame-row-7').textContent()).toContain('普查小区代码应为15位数字');
    expect(await byTestId('frame-row-8').textContent()).toContain('缺少单位名称');
    expect(await byTestId('frame-row-2').textContent()).toContain('统一社会信用代码校验位不正确');
    await browser.screenshot('registration-frame-preview-zh-CN');
    await byTestId('frame-confirm').click();
    await byTestId('frame-result').waitFor();
    expect(await byTestId('frame-result').textContent()).toBe('已导入 5 个单位；因错误跳过 2 行，因已存在跳过 0 行。');
    await byTestId('frame-close').click();
    await expect.poll(() => byTestId('units-total').textContent()).toBe('5');
  });

  it('imports an XLSX frame and skips the units already present', async () => {
    await byTestId('frame-import').click();
    await byTestId('frame-file').setInputFiles(frameXlsx);
    await byTestId('frame-preview').waitFor();
    expect(await byTestId('frame-counts').textContent()).toBe('共 2 行：将导入 1 行，有错误 0 行，本机已有 1 行（跳过）。');
    await byTestId('frame-confirm').click();
    await byTestId('frame-result').waitFor();
    expect(await byTestId('frame-result').textContent()).toBe('已导入 1 个单位；因错误跳过 0 行，因已存在跳过 1 行。');
    await byTestId('frame-close').click();
    await expect.poll(() => byTestId('units-total').textContent()).toBe('6');
  });

  it('lists units by sub-district, flags a duplicate USCC, filters by status and searches instantly', async () => {
    await expect.poll(() => page.locator('[data-testid^="unit-row-"]').count()).toBe(6);
    expect(await byTestId('area-640502100002001').textContent()).toContain('0/3');
    expect(await byTestId('area-640502100002002').textContent()).toContain('0/3');
    // The 普查区 is named from the division store: 640502100002 = 向阳巷居委会.
    await expect.poll(() => page.getByRole('navigation', { name: '普查小区' }).textContent()).toContain('向阳巷居委会');
    // Same USCC in two sub-districts of one 普查区: both rows carry the flag.
    const wujin = await unitIdByName('中卫市塞上五金建材有限公司');
    const wujinEast = await unitIdByName('中卫市塞上五金建材有限公司东园经营部');
    await byTestId(`duplicate-${wujin}`).waitFor();
    await byTestId(`duplicate-${wujinEast}`).waitFor();

    await byTestId('unit-search').fill('鑫源');
    await expect.poll(() => page.locator('[data-testid^="unit-row-"]').count()).toBe(2);
    await byTestId('unit-search').fill('91640502MA76R0D80L');
    await expect.poll(() => page.locator('[data-testid^="unit-row-"]').count()).toBe(1);
    await byTestId('unit-search').fill('应理南街');
    await expect.poll(() => page.locator('[data-testid^="unit-row-"]').count()).toBe(1);
    await byTestId('unit-search').fill('');
    await expect.poll(() => page.locator('[data-testid^="unit-row-"]').count()).toBe(6);

    await byTestId('area-640502100002002').click();
    await expect.poll(() => page.locator('[data-testid^="unit-row-"]').count()).toBe(3);
    await byTestId('area-all').click();
    await byTestId('status-filter-submitted').click();
    await byTestId('unit-none').waitFor();
    await byTestId('status-filter-all').click();
    await expect.poll(() => page.locator('[data-testid^="unit-row-"]').count()).toBe(6);
    await browser.screenshot('registration-list-zh-CN');
  });

  it('completes a retail unit’s 611 with the keyboard, fixing live findings, and submits it', async () => {
    const id = await unitIdByName('中卫市鑫源连锁超市沙坡头店');
    await byTestId(`unit-link-${id}`).click();
    await byTestId('unit-page').waitFor();
    expect(await byTestId('unit-status').textContent()).toBe('未开始');
    // The frame's values are offered in the inputs, marked 来自底册, and are not answers yet:
    // the frame's USCC has a wrong check character, but nothing is checked until it is taken.
    await byTestId('frame-mark-611-uscc').waitFor();
    expect(await byTestId('item-611-uscc').inputValue()).toBe('91640502MA76QK3P51');
    expect(await finding('R611-USCC-CHECKSUM', 'uscc').count()).toBe(0);

    // From here on: keyboard only. Focus starts on the first empty item.
    await expectFocus('item-611-buildingCode');
    await enter(''); // 建筑物编码 left blank: optional
    await expectFocus('item-611-frameId');
    await enter(''); // 底册唯一标识码, 专业类别: this frame has neither column
    await expectFocus('item-611-frameSpecialty');
    await enter('');
    await expectFocus('item-611-uscc');
    await confirmOffer(); // take the frame's code for now (Alt+Enter)
    await finding('R611-USCC-CHECKSUM', 'uscc').waitFor();
    expect(await byTestId('frame-mark-611-uscc').count()).toBe(0);
    await enter(''); // 组织机构代码: optional when the USCC is given
    await expectFocus('item-611-name');
    await confirmOffer();
    await enter('王建国'); // 单位负责人
    await enter('201905'); // 成立年月, typed as digits
    await expectFocus('item-611-openedYm');
    await enter('201903'); // 开业年月 before 成立年月
    await finding('R611-OPEN-AFTER-FOUND', 'openedYm').waitFor();
    expect(await byTestId('item-611-foundedYm').inputValue()).toBe('2019-05');
    // An establishment has no 注册地 items: the next item is the address, offered from the
    // 普查小区's village (province … township) and the frame's address.
    await expectFocus('item-611-addrProvince');
    expect(await byTestId('item-611-addrProvince').inputValue()).toBe('宁夏回族自治区');
    await confirmOffer();
    await confirmOffer(); // 中卫市
    await confirmOffer(); // 沙坡头区
    await confirmOffer(); // 滨河镇
    await expectFocus('item-611-addrStreetOffice');
    await enter(''); // 街道办事处, 社区（居委会）、村委会: optional
    await enter('');
    await expectFocus('item-611-addrDetail');
    expect(await byTestId('item-611-addrDetail').inputValue()).toBe('滨河镇文昌南街12号');
    await enter('文昌南街12号'); // typed over the frame's text: corrected
    await expectFocus('item-611-divisionCode');
    // The village by its pinyin initials: 向阳巷居委会 = xyxjwh. Picking the offered code takes it.
    await page.keyboard.type('xyx');
    await page.locator('[role="option"][data-code="640502100002"]').waitFor();
    await enter('');
    expect(await byTestId('item-611-divisionCode').inputValue()).toBe('640502100002');
    await expect.poll(() => byTestId('item-611-divisionCode-name').textContent()).toBe('向阳巷居委会');
    expect(await byTestId('frame-mark-611-divisionCode').count()).toBe(0);
    await expectFocus('item-611-parkName');
    await enter(''); // not in a park: 园区代码 is not asked
    await expectFocus('item-611-phoneAreaCode');
    await enter('0955');
    await enter('7012345');
    await enter('13909551234');
    await enter('755000');
    await enter(''); // 电子邮箱
    await enter(''); // 网址
    await expectFocus('item-611-activity1');
    await enter('日用百货零售');
    await enter('');
    await enter('');
    await expectFocus('item-611-industryCode');
    expect(await byTestId('item-611-industryCode-name').textContent()).toBe('超级市场零售');
    await confirmOffer(); // takes 5212 from the frame
    await expectFocus('item-611-institutionType');
    await enter('10');
    expect(await byTestId('item-611-institutionType-name').textContent()).toBe('企业');
    // 登记注册统计类别 by pinyin initials: 私营有限责任公司 = syyxzrgs.
    await page.keyboard.type('syyx');
    await page.locator('#item-611-registrationCategory[aria-expanded="true"]').waitFor();
    await enter('');
    expect(await byTestId('item-611-registrationCategory').inputValue()).toBe('112');
    await expectFocus('item-611-operatingStatus');
    await enter('1');
    // Establishment: 上一级法人 is asked; 控股、隶属、会计 items are skipped.
    await expectFocus('item-611-parentUscc');
    await enter('91640502MA76R0D80L');
    await enter('中卫市鑫源商贸有限公司');
    await expectFocus('item-611-parentAddrDetail');
    await enter('文昌南街88号');
    await expectFocus('item-611-parentDivisionCode');
    await page.keyboard.type('640502100002');
    await enter('');
    await expectFocus('item-611-establishmentCategory');
    await enter('2'); // 下属其他产业活动单位
    expect(await byTestId('item-611-establishmentCategory-name').textContent()).toBe('下属其他产业活动单位');
    await expectFocus('item-611-parentOutsideCounty');
    await enter('2'); // 否: the legal entity is in this county
    // Industry 52xx opened the trade items. 经营形式 by initials: 连锁直营店 = lszyd.
    await expectFocus('item-611-businessForm');
    await page.keyboard.type('lszy');
    await page.locator('#item-611-businessForm[aria-expanded="true"]').waitFor();
    await enter('');
    expect(await byTestId('item-611-businessForm').inputValue()).toBe('3');
    await expectFocus('item-611-chainBrand'); // relevant for chain stores only
    await enter('鑫源超市');
    // 零售业态 is a list of checkboxes (up to three): Enter leaves the whole list.
    await expectFocus('item-611-retailFormat-1010');
    await enter(''); // 零售业态 left out: required for retail
    await finding('GEN-REQUIRED', 'retailFormat').waitFor();
    await expectFocus('item-611-businessArea');
    await enter('1200'); // 营业面积
    // An establishment types its own staff (it fills no 611-2) and reports 经营性单位收入.
    await expectFocus('item-611-employees');
    await enter('18');
    await enter('11');
    await expectFocus('item-611-estRevenue');
    await enter('3200'); // last year's report said 8000 (−60 %)
    await finding('R611-EST-REVENUE-CROSS-PERIOD', 'estRevenue').waitFor();
    await enter(''); // 非经营性单位支出: not for a business
    await expectFocus('item-611-unitHead');
    await enter('王建国');
    await enter('李娜');
    await enter('李娜');
    await enter('13909551234');
    await enter('20240315', { isLast: true });

    // The findings are shown beside the items and in the panel, in Chinese.
    await finding('R611-USCC-CHECKSUM', 'uscc').waitFor();
    expect(await finding('R611-OPEN-AFTER-FOUND', 'openedYm').textContent()).toContain('开业年月（2019年3月）早于成立年月（2019年5月）');
    expect(await finding('GEN-REQUIRED', 'retailFormat').textContent()).toContain('请填写零售业态');
    expect(await byTestId('unit-submit').isDisabled()).toBe(true);
    await byTestId('save-state').filter({ hasText: '已保存' }).waitFor();
    await page.keyboard.press('F8');
    await browser.screenshot('registration-form-findings-zh-CN');

    // Fix them, still by keyboard: F8 jumps from finding to finding.
    await f8To('item-611-uscc');
    await page.keyboard.press('Control+A');
    await enter('91640502MA76QK3P5C');
    await expect.poll(() => finding('R611-USCC-CHECKSUM', 'uscc').count()).toBe(0);

    await f8To('item-611-openedYm');
    await page.keyboard.press('Control+A');
    await enter('201906');
    await expect.poll(() => finding('R611-OPEN-AFTER-FOUND', 'openedYm').count()).toBe(0);

    // 零售业态's checkboxes: Tab walks them, Space ticks 1040 超市.
    await f8To('item-611-retailFormat-1010');
    for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
    await expectFocus('item-611-retailFormat-1040');
    await page.keyboard.press('Space');
    expect(await byTestId('item-611-retailFormat-1040').isChecked()).toBe(true);
    await expect.poll(() => finding('GEN-REQUIRED', 'retailFormat').count()).toBe(0);

    // The revenue drop is real: explain it in the box beside the item (Tab from the item).
    await f8To('item-611-estRevenue');
    await page.keyboard.press('Tab');
    await expectFocus('explain-R611-EST-REVENUE-CROSS-PERIOD');
    await page.keyboard.type('2023年门店装修停业4个月，已核对账簿和增值税纳税申报表');
    await expect.poll(() => byTestId('unit-submit').isDisabled()).toBe(false);
    expect(await byTestId('findings-count-mandatory').textContent()).toBe('强制性 0');
    await browser.screenshot('registration-form-ready-zh-CN');

    await page.keyboard.press('Control+Enter');
    await expect.poll(() => byTestId('unit-status').textContent()).toBe('已提交');
    await byTestId('submitted-notice').waitFor();

    const stored = await api('units:get', { id });
    expect(stored.status).toBe('submitted');
    expect(stored.uscc).toBe('91640502MA76QK3P5C');
    expect(stored.forms['611']).toMatchObject({
      uscc: '91640502MA76QK3P5C',
      openedYm: '2019-06',
      foundedYm: '2019-05',
      retailFormat: '1040',
      businessForm: '3',
      estRevenue: 3200,
      employees: 18,
      filledDate: '2024-03-15',
    });
    expect(Object.values(stored.explanations)).toEqual(['2023年门店装修停业4个月，已核对账簿和增值税纳税申报表']);
  });

  it('shows who changed what, when, on which device, from what to what', async () => {
    await byTestId('tab-history').click();
    await byTestId('unit-history').waitFor();
    await expect.poll(() => byTestId('history-row').count()).toBeGreaterThanOrEqual(3);
    const actions = await byTestId('history-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
    expect(actions[0]).toBe('submit');
    expect(actions.at(-1)).toBe('import');
    const text = await byTestId('unit-history').textContent();
    expect(text).toContain('马晓梅');
    expect(text).toContain('沙坡头区-笔记本03');
    const changed = await byTestId('history-change').evaluateAll((els) => els.map((e) => e.getAttribute('data-path')));
    for (const item of ['legalRep', 'foundedYm', 'openedYm', 'uscc', 'retailFormat', 'estRevenue', 'filledDate']) {
      expect(changed, item).toContain(`611.${item}`);
    }
    // The USCC correction reads from → to.
    const usccChange = byTestId('history-change').filter({ hasText: '91640502MA76QK3P5C' }).first();
    expect(await usccChange.textContent()).toContain('91640502MA76QK3P51 → 91640502MA76QK3P5C');
    // Codes read with their names, dates as the form writes them.
    expect(await page.locator('[data-testid="history-change"][data-path="611.retailFormat"]').textContent()).toBe(
      '611表 · 零售业态 空 → 1040（超市）',
    );
    expect(
      await page.locator('[data-testid="history-change"][data-path="611.openedYm"]').allTextContents(),
    ).toContain('611表 · 开业年月 2019年3月 → 2019年6月');
    await browser.screenshot('registration-history-zh-CN');
  });

  it('shows the unit as 已提交 in the list', async () => {
    const id = await unitIdByName('中卫市鑫源连锁超市沙坡头店');
    await byTestId('back-to-list').click();
    await byTestId(`unit-row-${id}`).waitFor();
    // The list may first paint the rows it held, then the ones read again after the submission.
    await expect.poll(() => byTestId(`unit-status-${id}`).textContent()).toBe('已提交');
    await byTestId('status-filter-submitted').click();
    await expect.poll(() => page.locator('[data-testid^="unit-row-"]').count()).toBe(1);
    await byTestId('status-filter-all').click();
    expect(pageProblems).toEqual([]);
  });
});
