import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useE2eApp } from '../helpers/e2e-app';

// The registration workflow around the form: changes need a named user and
// device; a unit found in the field is added; a unit that cannot be found is recorded as such
// with a reason and nothing filled in; and when another device saved first, the enumerator's
// own edits survive the CONFLICT and can be re-applied.

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');

const app = useE2eApp('census-e2e-flow-', { region: null });

const byTestId = (id: string) => app.page.getByTestId(id);

async function unitIdByName(name: string): Promise<string> {
  const row = (await app.api('units:list', { query: name })).rows.find((r) => r.name === name);
  if (!row) throw new Error(`no unit named ${name}`);
  return row.id;
}

async function openUnit(name: string): Promise<string> {
  const id = await unitIdByName(name);
  await app.page.goto(`${app.harness.origin}/#/registration/unit/${id}`);
  await byTestId('unit-page').waitFor();
  return id;
}

describe('registration workflow in the browser harness', () => {
  it('refuses to import a frame until the user and device are named', async () => {
    await app.page.goto(app.harness.url);
    await byTestId('registration-empty').waitFor();
    await byTestId('frame-import').click();
    await byTestId('frame-file').setInputFiles(path.join(fixtures, 'frame-shapotou.csv'));
    await byTestId('frame-confirm').click();
    const notice = byTestId('frame-dialog').getByTestId('error-notice');
    await notice.waitFor();
    expect(await notice.getAttribute('data-code')).toBe('PROFILE_INCOMPLETE');
    expect(await notice.textContent()).toContain('用户姓名或设备名称尚未填写');
    expect((await app.api('units:list', {})).total).toBe(0);

    await app.api('settings:update', { userName: '马晓梅', deviceName: '沙坡头区-笔记本03', regionCode: '640502' });
    await byTestId('frame-file').setInputFiles(path.join(fixtures, 'frame-shapotou.csv'));
    await byTestId('frame-confirm').click();
    await byTestId('frame-result').waitFor();
    await byTestId('frame-close').click();
    await expect.poll(async () => (await app.api('units:list', {})).total).toBe(5);
  });

  it('adds a unit found in the field and opens its form', async () => {
    await app.page.goto(`${app.harness.origin}/#/registration`);
    await byTestId('unit-add').click();
    await byTestId('add-dialog').waitFor();
    await byTestId('add-area').fill('640502100002002');
    await byTestId('add-kind-individual').check();
    await byTestId('add-name').fill('沙坡头区顺达汽车修理部');
    await byTestId('add-address').fill('滨河镇迎宾大道102号');
    await byTestId('add-confirm').click();
    await byTestId('unit-page').waitFor();
    expect(await byTestId('unit-name').textContent()).toBe('沙坡头区顺达汽车修理部');
    // Added in the field, it starts as a draft with what the enumerator typed, nothing more.
    expect(await byTestId('unit-status').textContent()).toBe('草稿');
    await byTestId('tab-individual').waitFor();
    expect(await byTestId('item-individual-name').inputValue()).toBe('沙坡头区顺达汽车修理部');
  });

  it('records a unit as not found with a reason, read-only, and can resume it', async () => {
    const id = await openUnit('沙坡头区老马拉面馆');
    // Opening and looking is not a change: autosave writes nothing.
    await app.page.waitForTimeout(1500);
    expect((await app.api('units:history', { id })).map((h) => h.action)).toEqual(['import']);
    await byTestId('mark-not-found').click();
    await byTestId('not-found-dialog').waitFor();
    await byTestId('not-found-reason').fill('无');
    expect(await byTestId('not-found-confirm').isDisabled()).toBe(true);
    await byTestId('not-found-reason').fill('按地址两次上门未找到，电话停机');
    await byTestId('not-found-confirm').click();
    await expect.poll(() => byTestId('unit-status').textContent()).toBe('找不到');
    expect(await byTestId('not-found-reason-shown').textContent()).toContain('按地址两次上门未找到，电话停机');
    expect(await byTestId('item-individual-name').getAttribute('readonly')).not.toBeNull();
    expect(await byTestId('unit-submit').count()).toBe(0);

    const stored = await app.api('units:get', { id });
    expect(stored.status).toBe('not_found');
    expect(stored.notFoundReason).toBe('按地址两次上门未找到，电话停机');
    const history = await app.api('units:history', { id });
    expect(history.at(-1)).toMatchObject({ action: 'not_found', reason: expect.stringContaining('按地址两次上门未找到') });

    await byTestId('unit-reopen').click();
    await expect.poll(() => byTestId('unit-status').textContent()).toBe('草稿');
    expect(await byTestId('item-individual-name').getAttribute('readonly')).toBeNull();
  });

  it('keeps the enumerator’s edits through a CONFLICT and re-applies only them', async () => {
    const id = await openUnit('中卫市鑫源商贸有限公司');
    await byTestId('item-611-legalRep').fill('张宏');
    await byTestId('save-state').filter({ hasText: '已保存' }).waitFor();

    // Another device saves a different item of the same version first.
    const current = await app.api('units:get', { id });
    await app.api('units:save', {
      id,
      version: current.version,
      forms: { ...current.forms, '611': { ...current.forms['611'], activity1: '百货零售批发' } },
      explanations: current.explanations,
    });

    await byTestId('item-611-foundedYm').fill('2015-08');
    await byTestId('conflict-notice').waitFor();
    expect(await byTestId('conflict-kept').textContent()).toContain('611表 · 成立年月：2015-08');
    // The other device's answer is on screen now; ours is kept aside, not lost.
    await expect.poll(() => byTestId('item-611-activity1').inputValue()).toBe('百货零售批发');
    expect(await byTestId('item-611-foundedYm').inputValue()).toBe('');
    await app.browser.screenshot('registration-conflict-zh-CN');

    await byTestId('conflict-reapply').click();
    await expect.poll(() => byTestId('item-611-foundedYm').inputValue()).toBe('2015-08');
    await byTestId('save-state').filter({ hasText: '已保存' }).waitFor();
    const merged = await app.api('units:get', { id });
    expect(merged.forms['611']).toMatchObject({ legalRep: '张宏', activity1: '百货零售批发', foundedYm: '2015-08' });
  });

  it('adds and removes rows of a repeating section (611-1 establishments)', async () => {
    const id = await unitIdByName('中卫市鑫源商贸有限公司');
    // 有下属产业活动单位 = 1 是 brings in form 611-1.
    await byTestId('item-611-hasEstablishments').fill('1');
    await byTestId('item-611-hasEstablishments').press('Enter');
    await byTestId('item-611-hasEstablishments-name').waitFor();
    await byTestId('tab-611-1').click();
    // No empty rows are made up: the section starts empty and says how many it needs.
    expect(await app.page.locator('[data-testid^="row-establishments-"]').count()).toBe(0);
    await byTestId('row-add-establishments').click();
    await byTestId('row-establishments-0').waitFor();
    await byTestId('item-611-1-establishments-0-estName').fill('中卫市鑫源连锁超市沙坡头店');
    await byTestId('row-add-establishments').click();
    await byTestId('item-611-1-establishments-1-estName').fill('中卫市鑫源连锁超市东园店');
    await byTestId('row-add-establishments').click();
    await byTestId('row-remove-establishments-2').click();
    await expect.poll(() => app.page.locator('[data-testid^="row-establishments-"]').count()).toBe(2);
    await byTestId('save-state').filter({ hasText: '已保存' }).waitFor();
    const stored = await app.api('units:get', { id });
    expect(stored.forms['611']?.hasEstablishments).toBe(true);
    const rows = stored.forms['611-1']?.establishments;
    expect(Array.isArray(rows) ? rows.map((r) => r.estName) : rows).toEqual(['中卫市鑫源连锁超市沙坡头店', '中卫市鑫源连锁超市东园店']);
    await app.browser.screenshot('registration-repeating-zh-CN');
    await byTestId('tab-611').click();
  });

  it('shows the form in English with the same findings', async () => {
    await byTestId('lang-en').click();
    await expect.poll(() => byTestId('unit-submit').textContent()).toBe('Submit');
    expect(await byTestId('findings-panel').textContent()).toContain('Must fix');
    await app.browser.screenshot('registration-form-en');
    await byTestId('lang-zh-CN').click();
    await expect.poll(() => byTestId('unit-submit').textContent()).toBe('提交');
    expect(app.problems).toEqual([]);
  });
});
