import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGbk } from '../helpers/import-files';
import { orgCodeOf, realUscc } from '../helpers/uscc';
import { openE2eApp, type E2eApp } from '../helpers/e2e-app';

// The directory with an enterprise known by its 组织机构代码 alone, at 1366×768 in Chinese and
// English: imported from a GBK CSV beside a full-width USCC, shown by its org code in the list,
// the header and the identity panel, then given its USCC typed in full width with spaces and a
// hyphen, which is stored as the canonical code. Screenshots in
// test-results/screenshots/directory-org-code-*.png.

let app: E2eApp;
const VILLAGE = '640502100201';
const ORG = orgCodeOf('MA76DA01');
const USCC = realUscc('MA76DA01', '12');
const fullWidth = (s: string) => s.replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const byTestId = (id: string) => app.page.getByTestId(id);

async function shot(name: string): Promise<void> {
  await app.page.waitForTimeout(300);
  await app.browser.screenshot(`directory-org-code-${name}`);
}

beforeAll(async () => {
  app = await openE2eApp('census-e2e-dirorg-', { isReducedMotion: true });
  await app.page.setViewportSize({ width: 1366, height: 768 });
  await app.api('settings:update', { userName: '李秀兰', deviceName: '宣和镇统计站-台式机', regionCode: '640502' });
  const csv = [
    '统一社会信用代码,组织机构代码,企业名称,区划代码,行业代码',
    `${fullWidth(realUscc('MA76DA02'))},,中卫市宏达商贸有限公司,${VILLAGE},5212`,
    `,${ORG.slice(0, 8)}-${ORG.charAt(8)},中卫市沙坡头区档案馆,${VILLAGE},9221`,
  ].join('\r\n');
  const report = await app.api('directory:import', { fileName: '名录.csv', contentBase64: Buffer.from(encodeGbk(csv)).toString('base64') });
  expect(report).toMatchObject({ inserted: 2, errors: [] });
});

afterAll(async () => {
  await app?.close();
});

describe('an enterprise with only a 组织机构代码', () => {
  it('is listed and shown by its org code, and takes a USCC typed in full width with spaces', async () => {
    await app.page.goto(app.harness.url);
    await byTestId('nav-directory').click();
    await byTestId('directory-table').waitFor();
    const rows = app.page.locator('[data-testid^="enterprise-row-"]');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await byTestId('directory-table').textContent()).toContain(ORG);
    expect(await byTestId('directory-table').textContent()).toContain(realUscc('MA76DA02'));
    await shot('list-zh');

    await app.page.locator('[data-testid^="enterprise-link-"]', { hasText: '档案馆' }).click();
    await byTestId('enterprise-header').waitFor();
    expect(await byTestId('enterprise-code').textContent()).toBe(`组织机构代码 ${ORG}`);
    await byTestId('enterprise-tab-identity').click();
    await byTestId('identity-edit').click();
    expect(await byTestId('identity-orgCode').inputValue()).toBe(ORG);
    await shot('identity-zh');
    await byTestId('lang-en').click();
    await shot('identity-en');
    await byTestId('lang-zh-CN').click();

    // Typed as people type it: full width, grouped with a space and a hyphen.
    const typed = `${fullWidth(USCC.slice(0, 8))} ${fullWidth(USCC.slice(8, 12))}－${fullWidth(USCC.slice(12))}`;
    await byTestId('identity-uscc').fill(typed);
    await byTestId('identity-save').click();
    await byTestId('identity-panel').waitFor();
    await expect.poll(() => byTestId('enterprise-code').textContent()).toBe(USCC);
    const saved = await app.api('enterprises:list', { query: '档案馆' });
    expect(saved.rows[0]).toMatchObject({ uscc: USCC, orgCode: ORG });
    await byTestId('lang-en').click();
    await shot('saved-en');
    await byTestId('lang-zh-CN').click();
  });
});
