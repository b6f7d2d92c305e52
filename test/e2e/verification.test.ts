import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeState } from '@main/sync/queries/state';
import { useE2eApp } from '../helpers/e2e-app';

// 核查 tasks in chromium against the real core, as the bureau: tasks made from the 退库 list, one
// worked through its checklist with an evidence file, figures found against the ledger's, a 不符
// conclusion and both signatures (completing without the unit contact's is refused and says
// why), then the 退库 taken through verification, approval and removal; screenshots at 1366×768,
// the last in English.

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');
const directoryCsv = path.join(fixtures, 'directory-shapotou.csv');
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
const year = new Date().getFullYear();

const app = useE2eApp('census-e2e-verification-');
const ids = new Map<string, string>();
const idOf = (name: string): string => {
  const id = ids.get(name);
  if (!id) throw new Error(`no enterprise ${name}`);
  return id;
};
const STEEL = '中卫市钢联轧钢有限公司';
const byTestId = (id: string) => app.page.getByTestId(id);

beforeAll(async () => {
  await app.api('settings:update', { userName: '马海燕', deviceName: '区统计局-工作站02', regionCode: '640502' });
  await app.api('directory:import', { fileName: 'directory-shapotou.csv', contentBase64: readFileSync(directoryCsv).toString('base64') });
  for (const row of (await app.api('enterprises:list', { limit: 100 })).rows) ids.set(row.name, row.id);
  // A closed 规上 enterprise with a note: the 退库 list names it with its reason.
  const steel = await app.api('enterprises:get', { id: idOf(STEEL) });
  await app.api('enterprises:save', { id: steel.id, version: steel.version, fields: { ...steel.fields, status: 'closed', statusNote: '2024-05 起全面停产，设备已变卖' } });
  // What it reported January–May: the ledger's figures are the reported side of the check.
  const cells = [1, 2, 3, 4, 5].flatMap((month) => [
    { month, indicator: 'revenue' as const, from: null, to: 2_000 },
    { month, indicator: 'employees' as const, from: null, to: 85 },
  ]);
  await app.api('ledger:saveCells', { enterpriseId: idOf(STEEL), year, cells });
  // The bureau's account, as the last server login left it.
  app.withStore((db) => {
    writeState(db, 'userRole', 'admin');
    writeState(db, 'userId', 'u-bureau');
    writeState(db, 'userName', '马海燕');
  });
});

describe('核查 tasks in the browser harness', () => {
  it('are created from the 退库 list', async () => {
    await app.page.setViewportSize({ width: 1366, height: 768 });
    await app.page.goto(app.harness.url);
    await byTestId('nav-verification').click();
    await byTestId('verification-list').waitFor();
    await byTestId('verification-new').click();
    await byTestId('verification-create').waitFor();
    expect(await byTestId('verification-kind-exit').isChecked()).toBe(true);
    // Nothing ticked: refused on the form, nothing made.
    await byTestId('verification-batch-title').fill(`${year}年第二季度退库核查`);
    await byTestId('verification-create-submit').click();
    expect(await byTestId('verification-create-problem').textContent()).toBe('请至少选择一家企业。');

    await byTestId('verification-month').selectOption('5');
    await byTestId('verification-assignee').fill('王敏');
    const pick = byTestId(`verification-pick-${idOf(STEEL)}`);
    await pick.waitFor();
    expect(await byTestId('verification-picker').textContent()).toContain('2024-05 起全面停产，设备已变卖');
    await pick.check();
    await app.browser.screenshot('verification-create-zh-CN');
    await byTestId('verification-create-submit').click();
    await expect.poll(() => byTestId('verification-created').textContent()).toContain('已建立 1 项核查任务');
    const row = byTestId(`verification-row-${idOf(STEEL)}`);
    await row.waitFor();
    expect(await row.textContent()).toContain('退库核查');
    expect(await row.textContent()).toContain('王敏');
    expect(await row.getAttribute('data-state')).toBe('pending');
    await app.browser.screenshot('verification-list-zh-CN');
  });

  it('completes a task with evidence and a 不符 conclusion, only once both have signed', async () => {
    await byTestId(`verification-row-${idOf(STEEL)}`).getByTestId('verification-open').click();
    await byTestId('verification-task').waitFor();
    expect(await byTestId('verification-task-name').textContent()).toBe(STEEL);
    // The reported side comes from the ledger (Jan–May): 10,000 千元 and 85 people.
    const revenue = byTestId('verification-figure-revenue');
    expect(await revenue.textContent()).toContain('10,000');
    expect(await revenue.textContent()).toContain('台账');

    await byTestId('verification-found-revenue').fill('6500');
    await byTestId('verification-found-employees').fill('12');
    expect(await revenue.getAttribute('data-diff')).toBe('-3500');
    expect(await revenue.getAttribute('data-pct')).toBe('-35');
    await byTestId('verification-figures-save').click();
    await expect.poll(() => byTestId('verification-state-tag').first().getAttribute('data-state')).toBe('in_progress');

    for (const key of ['licence', 'income_statement', 'vat_return'] as const) {
      await byTestId(`verification-check-result-${key}`).selectOption('consistent');
      await byTestId(`verification-check-save-${key}`).click();
      await expect.poll(() => byTestId(`verification-check-${key}`).getAttribute('data-result')).toBe('consistent');
    }
    // 不符 without saying what was found is refused where it was typed.
    await byTestId('verification-check-result-payroll').selectOption('inconsistent');
    await byTestId('verification-check-save-payroll').click();
    await expect.poll(() => byTestId('verification-check-payroll').getByTestId('error-notice').textContent()).toContain('请写明情况');
    await byTestId('verification-check-note-payroll').fill('5月工资表仅12人，台账报85人');
    await byTestId('verification-check-save-payroll').click();
    await expect.poll(() => byTestId('verification-check-payroll').getAttribute('data-result')).toBe('inconsistent');
    await byTestId('verification-check-result-site_visit').selectOption('inconsistent');
    await byTestId('verification-check-note-site_visit').fill('厂区停产，设备已搬空');
    await byTestId('verification-check-save-site_visit').click();
    await expect.poll(() => byTestId('verification-check-site_visit').getAttribute('data-result')).toBe('inconsistent');

    // A photo of the site, through the ledger's attachment dialog.
    await byTestId('verification-attach-site_visit').click();
    await byTestId('evidence-attach-dialog').waitFor();
    expect(await byTestId('evidence-kind').inputValue()).toBe('site_photo');
    await byTestId('evidence-file').setInputFiles({ name: '厂区现场.png', mimeType: 'image/png', buffer: PNG });
    await byTestId('evidence-note').fill('6月20日实地查看，厂区已停产');
    await byTestId('evidence-attach-confirm').click();
    await expect.poll(() => byTestId('verification-files-site_visit').textContent()).toContain('厂区现场.png');

    await byTestId('verification-conclusion-inconsistent').check();
    await byTestId('verification-conclusion-note').fill('营业收入和从业人员与报送不符，已停产');
    await byTestId('verification-conclusion-save').click();
    await expect.poll(() => byTestId('verification-conclusion').textContent()).toContain('马海燕 ·');
    await byTestId('verification-sign-name-checker').fill('王敏');
    await byTestId('verification-sign-save-checker').click();
    await expect.poll(() => byTestId('verification-sign-checker').getAttribute('data-signed')).toBe('true');

    await byTestId('verification-action-complete').click();
    await expect.poll(() => byTestId('verification-state-panel').getByTestId('error-notice').textContent()).toBe('还不能完成核查：缺少企业联系人签名。');
    await byTestId('verification-sign-name-contact').fill('刘会计');
    await byTestId('verification-sign-save-contact').click();
    await expect.poll(() => byTestId('verification-sign-contact').getAttribute('data-signed')).toBe('true');
    await byTestId('verification-action-complete').click();
    await expect.poll(() => byTestId('verification-state-tag').first().getAttribute('data-state')).toBe('completed');
    await expect.poll(() => byTestId('verification-found-revenue').isDisabled()).toBe(true);

    const task = (await app.api('verification:list', {})).rows[0];
    expect(task).toMatchObject({ state: 'completed', conclusion: 'inconsistent', exitState: 'proposed' });
    const detail = await app.api('verification:get', { id: task?.id ?? '' });
    expect(detail.evidence).toEqual([expect.objectContaining({ item: 'site_visit', fileName: '厂区现场.png' })]);
    expect(detail.figures.find((f) => f.key === 'revenue')).toMatchObject({ reported: 10_000, found: 6_500, diff: -3_500, pct: -35 });
    await app.browser.screenshot('verification-task-zh-CN');
    await byTestId('verification-checklist').scrollIntoViewIfNeeded();
    await app.browser.screenshot('verification-task-checklist-zh-CN');
    await byTestId('verification-signatures').scrollIntoViewIfNeeded();
    await app.browser.screenshot('verification-task-signoff-zh-CN');
  });

  it('takes the enterprise off the 规上 directory only after the exit is verified and approved', async () => {
    await byTestId('verification-exit-approve').waitFor({ state: 'detached' });
    await byTestId('verification-exit-verify').click();
    await expect.poll(() => byTestId('verification-exit-tag').first().getAttribute('data-exit')).toBe('verified');
    await byTestId('verification-exit-approve').click();
    await expect.poll(() => byTestId('verification-exit-tag').first().getAttribute('data-exit')).toBe('approved');
    await byTestId('verification-exit-remove').click();
    await byTestId('verification-exit-date').fill(`${year}-07-01`);
    await byTestId('verification-exit-reason').fill('停产，经局务会同意退库');
    await byTestId('verification-exit-confirm').click();
    await expect.poll(() => byTestId('verification-exit-removed').textContent()).toContain(`已于 ${year}-07-01 退出规上名录`);
    expect((await app.api('exits:list', {})).rows.map((r) => r.id)).not.toContain(idOf(STEEL));
    expect(await app.api('enterprises:get', { id: idOf(STEEL) })).toMatchObject({ scale: 'below', status: 'closed' });
    await expect.poll(() => app.page.locator('[data-testid="verification-history-row"]').count()).toBe(18);
    const history = await byTestId('verification-history').textContent();
    expect(history).toContain('实地查看：不符；厂区停产，设备已搬空');
    expect(history).toContain('营业收入 10,000 → 6,500；从业人员期末人数 85 → 12');
    expect(history).toContain(`退库日期：${year}-07-01；停产，经局务会同意退库`);

    await byTestId('lang-en').click();
    await expect.poll(() => byTestId('verification-exit-removed').textContent()).toContain(`Left the above-size directory on ${year}-07-01`);
    await byTestId('verification-task').scrollIntoViewIfNeeded();
    await app.browser.screenshot('verification-task-en');
    await byTestId('verification-figures').scrollIntoViewIfNeeded();
    await app.browser.screenshot('verification-task-figures-en');
    await byTestId('verification-history').scrollIntoViewIfNeeded();
    await app.browser.screenshot('verification-task-history-en');
    await byTestId('verification-back').click();
    await byTestId('verification-table').waitFor();
    await app.browser.screenshot('verification-list-en');
    // A sample of the 规上 units from a seed: the form says why the seed is printed.
    await byTestId('verification-new').click();
    await byTestId('verification-kind-sample').check();
    await byTestId('verification-seed').fill('SPT-2026-Q3');
    expect(await byTestId('verification-create').textContent()).toContain('The same seed over the same list picks the same units');
    await app.browser.screenshot('verification-create-sample-en');
    await app.page.keyboard.press('Escape');
    await byTestId('verification-create').waitFor({ state: 'detached' });
    await byTestId('lang-zh-CN').click();
    expect(app.problems).toEqual([]);
  });
});
