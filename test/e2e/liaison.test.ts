import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'date-fns';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeState } from '@main/sync/queries/state';
import { useE2eApp } from '../helpers/e2e-app';

// 企业包保 and training sessions in chromium against the real core: assigning two enterprises
// at once to an official and their department, logging a visit (an empty one refused in words),
// coverage following it, a reassignment keeping the history, the author's correction keeping
// the earlier text, and a training session counted for the year; in Chinese and in English.

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');
const directoryCsv = path.join(fixtures, 'directory-shapotou.csv');
const today = format(new Date(), 'yyyy-MM-dd');
const year = new Date().getFullYear();

const app = useE2eApp('census-e2e-liaison-');
const ids = new Map<string, string>();

beforeAll(async () => {
  await app.api('settings:update', { userName: '马海燕', deviceName: '区统计局-工作站02', regionCode: '640502' });
  await app.api('directory:import', { fileName: 'directory-shapotou.csv', contentBase64: readFileSync(directoryCsv).toString('base64') });
  for (const row of (await app.api('enterprises:list', { limit: 100 })).rows) ids.set(row.name, row.id);
});

/** The session the bureau's login leaves (role, account, name, scope), without a server. */
function signInAsBureau(): void {
  app.withStore((db) => {
    writeState(db, 'userRole', 'admin');
    writeState(db, 'userId', 'u-ma');
    writeState(db, 'userName', '马海燕');
    writeState(db, 'scope', ['']);
  });
}

const byTestId = (id: string) => app.page.getByTestId(id);
const idOf = (name: string): string => {
  const id = ids.get(name);
  if (!id) throw new Error(`no enterprise ${name}`);
  return id;
};

const MARKET = '中卫市塞上优品超市有限公司';
const RESTAURANT = '沙坡头区黄河宴餐饮有限公司';

describe('企业包保 and training in the browser harness', () => {
  it('assigns two enterprises at once, logs a visit and shows it in the coverage', async () => {
    await app.page.setViewportSize({ width: 1366, height: 768 });
    await app.page.goto(app.harness.url);
    await byTestId('nav-directory').click();
    await byTestId('directory-section-liaison').click();
    await byTestId('liaison-page').waitFor();
    // The directory's 包保责任人 from the import are the officials already.
    await byTestId('coverage-official-李秀兰').waitFor();

    // Before any login the laptop may not assign: the screen says who may, main refuses anyway.
    await expect.poll(() => byTestId('liaison-bulk-hint').textContent()).toBe('分配包保责任人须以乡镇统计员或区统计局账号登录（在“同步”页登录）。');
    expect(await byTestId(`liaison-row-${idOf(MARKET)}`).getByTestId('liaison-select').isDisabled()).toBe(true);
    await expect(app.api('liaison:assign', { enterpriseIds: [idOf(MARKET)], official: '赵磊', department: '', since: today })).rejects.toThrow(/FORBIDDEN/);
    expect((await app.api('enterprises:get', { id: idOf(MARKET) })).fields.liaison).toBe('李秀兰');

    signInAsBureau();
    await app.page.reload();
    await byTestId('coverage-official-李秀兰').waitFor();
    await byTestId(`liaison-row-${idOf(MARKET)}`).getByTestId('liaison-select').check();
    await byTestId(`liaison-row-${idOf(RESTAURANT)}`).getByTestId('liaison-select').check();
    await byTestId('assign-official').fill('赵磊');
    await byTestId('assign-department').fill('经济发展办');
    await byTestId('liaison-bulk').scrollIntoViewIfNeeded();
    await app.browser.screenshot('liaison-bulk-assign');
    await byTestId('assign-submit').click();
    await expect.poll(() => byTestId('liaison-notice').textContent()).toContain('已分配 2 家企业');
    await expect.poll(() => byTestId('coverage-赵磊-enterprises').textContent()).toBe('2');
    expect(await byTestId('coverage-赵磊-never').textContent()).toBe('2');
    expect((await app.api('enterprises:get', { id: idOf(MARKET) })).fields.liaison).toBe('赵磊');

    await byTestId(`liaison-row-${idOf(MARKET)}`).getByRole('link', { name: MARKET }).click();
    await byTestId('liaison-enterprise').waitFor();
    expect(await byTestId('liaison-official').textContent()).toBe('赵磊');
    expect(await byTestId('liaison-department').textContent()).toBe('经济发展办');

    // An empty note is refused in words and logs nothing.
    await byTestId('visit-save').click();
    await expect.poll(() => byTestId('visit-form').textContent()).toContain('请写明沟通内容。');
    expect((await app.api('liaison:get', { enterpriseId: idOf(MARKET) })).visits).toEqual([]);

    await byTestId('visit-kind').selectOption('visit');
    await byTestId('visit-discussed').fill('上门了解限上申报准备情况，核对1—5月零售额台账');
    await byTestId('visit-next').fill('补齐5月销售凭证');
    await byTestId('visit-due').fill(`${year + 1}-01-15`);
    await byTestId('visit-save').click();
    await expect.poll(() => byTestId('visit-entry').count()).toBe(1);
    expect(await byTestId('visit-entry-text').first().textContent()).toBe('上门了解限上申报准备情况，核对1—5月零售额台账');

    // The author corrects it; the earlier wording stays under it.
    await byTestId('visit-correct').click();
    await byTestId('visit-edit-discussed').fill('上门了解限上申报准备情况，核对1—5月零售额台账和进货发票');
    await byTestId('visit-edit-save').click();
    await expect.poll(() => byTestId('visit-entry-text').first().textContent()).toBe('上门了解限上申报准备情况，核对1—5月零售额台账和进货发票');
    expect(await byTestId('liaison-visits').textContent()).toContain('已更正 1 次');

    // A reassignment keeps who followed it when.
    await byTestId('liaison-reassign').click();
    await byTestId('assign-official').fill('孙悦');
    await byTestId('assign-department').fill('统计站');
    await byTestId('assign-submit').click();
    await expect.poll(() => byTestId('liaison-official').textContent()).toBe('孙悦');
    const history = byTestId('liaison-history');
    // The import's 李秀兰 (from the day of the import), then 赵磊, then 孙悦 now.
    await expect.poll(() => history.locator('tbody tr').count()).toBe(3);
    expect(await history.locator('tbody th').allTextContents()).toEqual(['孙悦', '赵磊', '李秀兰']);
    expect(await history.textContent()).toContain(`${today} 起至今`);
    await app.browser.screenshot('liaison-enterprise');

    // The enterprise's own history names the change of official and the visit in words, and its
    // identity panel leads to this page.
    await app.page.goto(`${app.harness.origin}/#/directory/enterprise/${idOf(MARKET)}`);
    await byTestId('enterprise-tab-history').click();
    await expect.poll(async () => (await app.page.locator('.enterprise-panel').textContent()) ?? '').toContain('包保分配');
    const historyText = (await app.page.locator('.enterprise-panel').textContent()) ?? '';
    expect(historyText).toContain(`孙悦 · 统计站（${today} 起）`);
    expect(historyText).toContain('走访记录');
    expect(historyText).not.toContain('"official"');
    await byTestId('enterprise-tab-identity').click();
    await byTestId('identity-liaison').click();
    await byTestId('liaison-enterprise').waitFor();

    await app.page.goto(`${app.harness.origin}/#/directory/liaison`);
    await byTestId('coverage-official-孙悦').waitFor();
    expect(await byTestId('coverage-孙悦-visits').textContent()).toBe('1');
    expect(await byTestId('coverage-孙悦-never').textContent()).toBe('0');
    expect(await byTestId('coverage-赵磊-enterprises').textContent()).toBe('1');
    await app.browser.screenshot('liaison-coverage');
  });

  it('records a training session, refuses bad hours in words, and counts it for the year', async () => {
    await app.page.goto(`${app.harness.origin}/#/directory/training`);
    await byTestId('training-page').waitFor();
    await expect.poll(() => byTestId('training-count-sessions').textContent()).toBe('0');
    await byTestId('training-new').click();
    await byTestId('training-topic').fill('企业统计人员统计法及一套表填报培训');
    await byTestId('training-audience').selectOption('enterprise_staff');
    await byTestId('training-trainer').fill('刘强');
    await byTestId('training-count').fill('45');
    await byTestId('training-hours').fill('0.25');
    await byTestId('training-attendees').fill('马晓梅 中卫市塞上优品超市有限公司\n张强 沙坡头区黄河宴餐饮有限公司');
    await byTestId('training-save').click();
    await expect.poll(() => byTestId('training-problems').textContent()).toContain('学时应在 0.5 到 200 之间');
    expect((await app.api('training:list', { year })).sessions).toEqual([]);

    await byTestId('training-hours').fill('3');
    await byTestId('training-save').click();
    await expect.poll(() => byTestId('training-row').count()).toBe(1);
    expect(await byTestId('training-count-sessions').textContent()).toBe('1');
    expect(await byTestId('training-count-people').textContent()).toBe('45');
    expect(await byTestId('training-count-enterprise_staff').textContent()).toContain('1 期 · 45 人次');
    const [session] = (await app.api('training:list', { year })).sessions;
    expect(session).toMatchObject({ areaCode: '640502', attendees: [{ name: '马晓梅', enterprise: '中卫市塞上优品超市有限公司' }, { name: '张强', enterprise: '沙坡头区黄河宴餐饮有限公司' }] });
    await app.browser.screenshot('training');
  });

  it('shows coverage and training in English', async () => {
    await app.page.goto(`${app.harness.origin}/#/directory/liaison`);
    await byTestId('lang-en').click();
    await expect.poll(() => byTestId('directory-section-liaison').textContent()).toBe('Enterprise liaison');
    await expect.poll(() => byTestId('liaison-coverage').textContent()).toContain('Coverage and workload');
    expect(await byTestId('liaison-coverage').textContent()).not.toMatch(/[（）、：；]/);
    await app.browser.screenshot('liaison-coverage-en');
    await byTestId('directory-section-training').click();
    await expect.poll(() => byTestId('training-count-enterprise_staff').textContent()).toBe('1 held · 45 trained');
    await app.browser.screenshot('training-en');
    expect(app.problems).toEqual([]);
  });
});
