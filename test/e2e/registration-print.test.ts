import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateUnits } from '../../scripts/bench/registration-seed';
import type { FormsDoc } from '@shared/registration/registration';
import { screenshotDir } from '../helpers/browser';
import { useE2eApp } from '../helpers/e2e-app';

// The printed 611 for the unit to sign, in Debian's chromium: a submitted legal unit's 611 and
// the detail tables it filled, laid out as 项目 / 代码 / 计量单位 / 填报内容 per section, coded
// values as code and name, money in 千元, blanks blank, then the 单位负责人 / 统计负责人 / 填表人
// lines, 联系电话 and 报出日期; the print stylesheet leaves only the sheet on A4.

const app = useE2eApp('census-e2e-print-');
const byTestId = (id: string) => app.page.getByTestId(id);
let id = '';

/** The 填报内容 of the item row labelled `label` in the printed table of `formId`. */
async function printed(formId: string, label: string): Promise<string> {
  const row = byTestId(`print-form-${formId}`).locator('tbody tr', { has: app.page.locator('th', { hasText: new RegExp(`^${label}$`) }) });
  expect(await row.count(), `${formId} ${label}`).toBe(1);
  return (await row.locator('td').nth(2).textContent()) ?? '';
}
async function unitOf(formId: string, label: string): Promise<string> {
  const row = byTestId(`print-form-${formId}`).locator('tbody tr', { has: app.page.locator('th', { hasText: new RegExp(`^${label}$`) }) });
  return (await row.locator('td').nth(1).textContent()) ?? '';
}

describe('the printed 611', () => {
  it('is reached from a filled unit’s page', async () => {
    await app.api('settings:update', { userName: '马晓梅', deviceName: '沙坡头区-笔记本03', regionCode: '640502' });
    const seed = generateUnits(1, { seed: 11 })[0];
    if (!seed) throw new Error('no seed unit');
    const created = await app.api('units:create', { areaCode: seed.areaCode, kind: 'legal', name: seed.name, uscc: seed.uscc });
    id = created.id;
    const saved = await app.api('units:save', { id, version: created.version, forms: seed.forms as FormsDoc, explanations: {} });
    await app.api('units:submit', { id, version: saved.version });

    const { page } = app;
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`${app.harness.url}#/registration/unit/${id}`);
    await byTestId('unit-page').waitFor();
    expect(await byTestId('unit-print').textContent()).toBe('打印 611');
    await byTestId('unit-print').click();
    await byTestId('form-print').waitFor();
  });

  it('lays the 611 out item by item with codes, units and values as the unit filled them', async () => {
    expect(await byTestId('print-title').textContent()).toBe('单位基本情况');
    expect(await byTestId('print-uscc').textContent()).toBe('91640502056448461M');
    expect(await byTestId('print-name').textContent()).toBe('中卫市枸杞红物业管理有限责任公司');
    expect(await printed('611', '法定代表人（单位负责人）')).toBe('马志强');
    expect(await printed('611', '成立年月')).toBe('2012年02月');
    expect(await printed('611', '登记注册统计类别')).toBe('112 私营有限责任公司');
    expect(await printed('611', '行业代码')).toBe('6210 正餐服务');
    expect(await printed('611', '是否有下属产业活动单位')).toBe('2 否');
    await expect.poll(() => printed('611', '区划代码')).toBe('640502100002 向阳巷居委会');
    expect(await printed('611', '营业收入')).toBe('9,408');
    expect(await unitOf('611', '营业收入')).toBe('千元');
    expect(await unitOf('611', '从业人员期末人数')).toBe('人');
    // Blank items print blank: nothing is filled in for the page.
    expect(await printed('611', '网址')).toBe('');
    expect(await printed('611', '固定电话')).toBe('');
    // The detail tables the unit filled follow, each under its own title.
    expect(await byTestId('print-form-611-3').locator('h2').textContent()).toBe('611-3表 企业主要经济指标（小企业会计准则、企业会计制度）');
    expect(await printed('611-3', '营业成本')).toBe('7,526');
    expect(await byTestId('print-form-611-2').count()).toBe(1);
    expect(await byTestId('print-form-611-8').count()).toBe(1);
    expect(await byTestId('print-form-611-1').count()).toBe(0); // no establishments
  });

  it('ends with the sign-off lines for the unit to sign', async () => {
    expect(await byTestId('print-sign-unitHead').textContent()).toBe('单位负责人：杨军（签字）');
    expect(await byTestId('print-sign-statHead').textContent()).toBe('统计负责人：张秀英（签字）');
    expect(await byTestId('print-sign-filler').textContent()).toBe('填表人：杨伟（签字）');
    expect(await byTestId('print-sign-phone').textContent()).toBe('联系电话：13955818830');
    expect(await byTestId('print-sign-date').textContent()).toBe('报出日期：2024年03月01日');
    expect(await byTestId('print-draft-note').count()).toBe(0); // submitted
    await app.browser.screenshot('registration-print-611-zh-CN');
    await byTestId('print-sign').scrollIntoViewIfNeeded();
    await app.browser.screenshot('registration-print-611-sign-zh-CN');
  });

  it('prints only the sheet on A4', async () => {
    const { page } = app;
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.app-header').isVisible()).toBe(false);
    expect(await byTestId('print-now').isVisible()).toBe(false);
    expect(await byTestId('form-print').isVisible()).toBe(true);
    // As wide as A4 (210 mm at 96 dpi): how the sheet lays out on paper.
    await page.setViewportSize({ width: 794, height: 1123 });
    await app.browser.screenshot('registration-print-611-print-media');
    await page.screenshot({ path: path.join(screenshotDir, 'registration-print-611-page1.png'), clip: { x: 0, y: 0, width: 794, height: 1123 } });
    await page.setViewportSize({ width: 1366, height: 768 });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    writeFileSync(path.join(screenshotDir, 'registration-print-611.pdf'), pdf);
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    const pages = text.match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pages).toBeLessThanOrEqual(6);
    await page.emulateMedia({ media: 'screen' });
  });

  it('prints an individual business’s form with its own sign-off', async () => {
    const created = await app.api('units:create', { areaCode: '640502100002001', kind: 'individual', name: '沙坡头区老马拉面馆' });
    const forms: FormsDoc = {
      individual: {
        ...created.forms.individual,
        operatorName: '马福海',
        phoneMobile: '13909551234',
        industryCode: '6210',
        revenue: 300,
        filler: '马晓梅',
        filledDate: '2024-03-16',
      },
    };
    await app.api('units:save', { id: created.id, version: created.version, forms, explanations: {} });
    await app.page.goto(`${app.harness.url}#/registration/unit/${created.id}`);
    await byTestId('unit-page').waitFor();
    expect(await byTestId('unit-print').textContent()).toBe('打印普查表');
    await byTestId('unit-print').click();
    await byTestId('form-print').waitFor();
    expect(await byTestId('print-title').textContent()).toBe('个体经营户基本情况');
    expect(await printed('individual', '经营者姓名')).toBe('马福海');
    expect(await printed('individual', '全年营业收入')).toBe('300');
    expect(await printed('individual', '开业年月')).toBe('');
    // A draft: said above the sheet, not on it.
    expect(await byTestId('print-draft-note').textContent()).toContain('尚未提交');
    expect(await byTestId('print-sign-unitHead').count()).toBe(0);
    expect(await byTestId('print-sign-filler').textContent()).toBe('填表人：马晓梅（签字）');
    expect(await byTestId('print-sign-phone').textContent()).toBe('联系电话：13909551234');
    expect(await byTestId('print-sign-date').textContent()).toBe('报出日期：2024年03月16日');
    await app.page.goto(`${app.harness.url}#/registration/unit/${id}/print`);
    await byTestId('print-title').filter({ hasText: '单位基本情况' }).waitFor();
  });

  it('reads in English, and goes back to the unit', async () => {
    await byTestId('lang-en').click();
    await byTestId('print-title').filter({ hasText: 'Basic information of the unit' }).waitFor();
    expect(await printed('611', 'Registration category')).toBe('112 Private limited liability company');
    await app.browser.screenshot('registration-print-611-en');
    await byTestId('lang-zh-CN').click();
    await byTestId('print-back').click();
    await byTestId('unit-page').waitFor();
    expect(app.problems).toEqual([]);
  });
});
