import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { screenshotDir } from '../helpers/browser';
import { useE2eApp } from '../helpers/e2e-app';

// The 2023.2 forms as an enumerator meets them, at 1366×768 in Chinese and English:
// - a small enterprise (小企业会计准则) fills 611-3; a public institution (政府会计) fills 611-6 with
//   劳务费, 福利费, 工会经费 and 经营支出; neither sees the other's table;
// - an establishment (产业活动单位) reports its own 经营性单位收入 and its legal entity (归属法人: code,
//   name, address, division, 单位类别), not 营业收入, 税金及附加 or 资产总计.
// Screenshots: test-results/screenshots/forms-regime-*.png.

const app = useE2eApp('census-e2e-regime-');
const by = (id: string) => app.page.getByTestId(id);
const AREA = '640502100002001';

// The window as the enumerator sees it (1366×768), not the whole scrolled page.
const shot = async (name: string) => {
  await app.page.waitForTimeout(300);
  await app.page.screenshot({ path: path.join(screenshotDir, `forms-regime-${name}.png`) });
};

let smallId = '';
let schoolId = '';
let establishmentId = '';

async function create(kind: 'legal' | 'establishment', name: string, f611: Record<string, unknown>, more: Record<string, Record<string, unknown>> = {}) {
  const created = await app.api('units:create', { areaCode: AREA, kind, name });
  const forms = { '611': { ...created.forms['611'], name, ...f611 }, ...more };
  await app.api('units:save', { id: created.id, version: created.version, forms, explanations: {} });
  return created.id;
}

beforeAll(async () => {
  await app.page.setViewportSize({ width: 1366, height: 768 });
  await app.api('settings:update', { userName: '马晓梅', deviceName: '沙坡头区-笔记本03', regionCode: '640502' });
  smallId = await create('legal', '中卫市宏达建材有限公司', { institutionType: '10', accountingStandard: '1', enterpriseAccountingStandard: '2', industryCode: '5165', activity1: '建材批发' }, {
    '611-3': { revenue: 3200, operatingCost: 2700, taxes: 30, operatingProfit: 150 },
  });
  schoolId = await create('legal', '中卫市第三中学', { institutionType: '20', accountingStandard: '2', industryCode: '8334', activity1: '初中教育' }, {
    '611-6': { incomeTotal: 3000, fiscalIncome: 2500, expenditureTotal: 2800, staffExpenditure: 1500, goodsServicesExpenditure: 1000, laborFees: 200 },
  });
  establishmentId = await create('establishment', '好邻居超市文昌店', {
    industryCode: '5212',
    activity1: '日用百货零售',
    parentUscc: '91640502MA76QK3P11',
    parentName: '中卫市好邻居超市有限公司',
    establishmentCategory: '2',
    parentOutsideCounty: false,
    estRevenue: 7000,
  });
  await app.page.goto(app.harness.url);
});

describe('the indicator table follows the accounting regime', () => {
  it('a small enterprise fills 611-3, not 611-4, 611-6 or 611-7', async () => {
    await app.page.goto(`${app.harness.origin}/#/registration/unit/${smallId}`);
    await by('unit-page').waitFor();
    await by('tab-611-3').waitFor();
    for (const other of ['611-4', '611-6', '611-7']) expect(await by(`tab-${other}`).count(), other).toBe(0);
    expect(await by('tab-611-3').textContent()).toContain('小企业会计准则');
    await by('tab-611-3').click();
    await by('item-611-3-otherIncome').waitFor();
    expect(await by('item-611-3-rdExpenses').count()).toBe(0);
    await shot('611-3-zh');
    await by('lang-en').click();
    await expect.poll(() => by('tab-611-3').textContent()).toContain('small-enterprise');
    await shot('611-3-en');
    await by('lang-zh-CN').click();
  });

  it('shows the 611-3 figures on its 611 carried, read-only, and the size of the enterprise computed', async () => {
    await by('tab-611').click();
    await expect.poll(() => by('item-611-revenue').textContent()).toContain('3,200');
    expect(await by('item-611-revenue-computed').textContent()).toBe('由611-3表自动带入');
    expect(await app.page.locator('input[data-testid="item-611-revenue"]').count()).toBe(0);
    await by('item-611-revenue').scrollIntoViewIfNeeded();
    await shot('611-carried-zh');
    // The reviewer's read-only view says where the figure comes from too.
    await app.page.goto(`${app.harness.origin}/#/review/unit/${smallId}`);
    await by('review-unit-page').waitFor();
    await expect.poll(() => by('item-611-revenue-computed').textContent()).toBe('由611-3表自动带入');
  });

  it('a public institution fills 611-6 (政府会计) with the processing script’s items', async () => {
    await app.page.goto(`${app.harness.origin}/#/registration/unit/${schoolId}`);
    await by('unit-page').waitFor();
    await by('tab-611-6').click();
    for (const code of ['laborFees', 'welfareFees', 'unionFees', 'operatingExpenditure', 'businessIncome', 'householdTransfers']) {
      await by(`item-611-6-${code}`).waitFor();
    }
    expect(await by('tab-611-3').count()).toBe(0);
    expect(await by('item-611-6-laborFees').inputValue()).toBe('200');
    await shot('611-6-zh');
    await by('lang-en').click();
    await expect.poll(() => by('tab-611-6').textContent()).toContain('government accounting');
    await shot('611-6-en');
    await by('lang-zh-CN').click();
  });
});

describe('an establishment reports its own figures and its legal entity', () => {
  it('shows 经营性单位收入 and the 归属法人 block, not 营业收入, 税金及附加 or 资产总计', async () => {
    await app.page.goto(`${app.harness.origin}/#/registration/unit/${establishmentId}`);
    await by('unit-page').waitFor();
    for (const code of ['parentUscc', 'parentName', 'parentAddrDetail', 'parentDivisionCode', 'establishmentCategory', 'parentOutsideCounty', 'estRevenue', 'estExpenditure']) {
      await by(`item-611-${code}`).waitFor();
    }
    for (const code of ['revenue', 'taxes', 'assets', 'hasParent', 'accountingStandard']) expect(await by(`item-611-${code}`).count(), code).toBe(0);
    expect(await by('item-611-estRevenue').inputValue()).toBe('7000');
    await by('item-611-parentUscc').scrollIntoViewIfNeeded();
    await shot('establishment-parent-zh');
    await by('item-611-estRevenue').scrollIntoViewIfNeeded();
    await shot('establishment-figures-zh');
    await by('lang-en').click();
    await by('item-611-parentUscc').scrollIntoViewIfNeeded();
    await shot('establishment-parent-en');
    await by('lang-zh-CN').click();
  });
});
