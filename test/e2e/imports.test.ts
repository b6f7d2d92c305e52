import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openE2eApp, type E2eApp } from '../helpers/e2e-app';
import {
  corruptWorkbookBytes,
  DIRECTORY_ENTERPRISES,
  directoryWorkbookBytes,
  encodeGbk,
  FRAME_HEADER,
  frameBig5Bytes,
  frameCsvText,
  oversizedCsvBytes,
  truncatedWorkbookBytes,
  usccFor,
} from '../helpers/import-files';

// A day of files in and out, in Debian's chromium at 1366×768: the listing frame and the
// directory as people bring them (GBK, Excel's own workbook with codes written every way), the
// files that cannot be read — each refused with the reason main found, not "填写的内容不符合要求"
// — the templates, the count of a long import while it runs, a duplicate USCC flagged in the
// preview and at the door, a unit withdrawn by mistake and listed as withdrawn, and the 退库
// list and a draw exported.

let app: E2eApp;
let page: E2eApp['page'];

beforeAll(async () => {
  app = await openE2eApp('census-e2e-imports-');
  ({ page } = app);
  await page.setViewportSize({ width: 1366, height: 768 });
});

afterAll(async () => {
  await app?.close();
});

const byTestId = (id: string) => page.getByTestId(id);
const buffer = (name: string, bytes: Uint8Array, mimeType = 'text/csv') => ({ name, mimeType, buffer: Buffer.from(bytes) });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Chooses a file in the frame dialog and waits until the error notice says `expected`. */
async function expectFrameRefusal(file: ReturnType<typeof buffer>, expected: string): Promise<void> {
  await byTestId('frame-file').setInputFiles(file);
  const notice = page.getByTestId('frame-dialog').getByTestId('error-notice');
  await expect.poll(async () => ((await notice.count()) > 0 ? await notice.textContent() : ''), { timeout: 20_000 }).toContain(expected);
}

/** Clicks a button that starts a download and returns the suggested file name and the bytes. */
async function download(testId: string): Promise<{ name: string; file: string }> {
  const [dl] = await Promise.all([page.waitForEvent('download'), byTestId(testId).click()]);
  const file = path.join(app.dataDir, dl.suggestedFilename());
  await dl.saveAs(file);
  return { name: dl.suggestedFilename(), file };
}

describe('files in and out in the browser harness', () => {
  it('sets up the laptop', async () => {
    await page.goto(app.harness.url);
    await byTestId('nav-settings').click();
    await byTestId('settings-form').waitFor();
    await byTestId('settings-userName').fill('马晓梅');
    await byTestId('settings-deviceName').fill('沙坡头区-笔记本03');
    await byTestId('settings-regionCode').fill('640502');
    await byTestId('settings-save').click();
    await byTestId('settings-saved').waitFor();
  });

  it('says what the frame import accepts and offers its template', async () => {
    await byTestId('nav-registration').click();
    await byTestId('frame-import').click();
    await byTestId('frame-format').locator('summary').click();
    expect(await byTestId('frame-format').textContent()).toContain('UTF-8（带或不带 BOM）、GBK/GB18030、UTF-16（带 BOM）');
    await app.browser.screenshot('imports-frame-dialog-zh-CN');
    const template = await download('frame-template');
    expect(template.name).toBe('底册导入模板.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(template.file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['底册', '代码表', '说明']);
  });

  it('shows the reason for every file it cannot read, and imports nothing', async () => {
    await expectFrameRefusal(buffer('底册-big5.csv', frameBig5Bytes()), '文件是繁体中文 Big5 编码');
    await app.browser.screenshot('imports-error-big5-zh-CN');
    await expectFrameRefusal(buffer('底册.xlsx', corruptWorkbookBytes(), XLSX), '无法读取 Excel 文件：底册.xlsx。它不是有效的 .xlsx 工作簿');
    await app.browser.screenshot('imports-error-corrupt-zh-CN');
    await expectFrameRefusal(buffer('复制中断.xlsx', await truncatedWorkbookBytes(), XLSX), '文件已损坏或不完整');
    await app.browser.screenshot('imports-error-truncated-zh-CN');
    await expectFrameRefusal(buffer('名单.csv', new TextEncoder().encode('序号,企业,地点\r\n1,某公司,某地\r\n')), '未识别到底册的列：缺少“普查小区代码”');
    await app.browser.screenshot('imports-error-headers-zh-CN');
    const notice = await page.getByTestId('frame-dialog').getByTestId('error-notice').textContent();
    expect(notice).not.toContain('填写的内容不符合要求');

    // Too big is refused before the file is even read.
    await byTestId('frame-file').setInputFiles(buffer('太大.csv', oversizedCsvBytes()));
    await byTestId('frame-file-refused').waitFor();
    expect(await byTestId('frame-file-refused').textContent()).toContain('10 MB');
    // Styled as every other refusal: one notice, titled like them, the earlier file's gone.
    const notices = page.getByTestId('frame-dialog').getByTestId('error-notice');
    expect(await notices.count()).toBe(1);
    expect(await byTestId('frame-file-refused').getByTestId('error-notice').textContent()).toContain('文件未导入');
    await app.browser.screenshot('imports-error-oversized-zh-CN');
    expect((await app.api('units:list', {})).total).toBe(0);
  });

  it('shows the reason in English too', async () => {
    await byTestId('frame-close').click();
    await byTestId('lang-en').click();
    await byTestId('frame-import').click();
    await expectFrameRefusal(buffer('frame-big5.csv', frameBig5Bytes()), 'The file is in Big5 (traditional Chinese), which is not read');
    await app.browser.screenshot('imports-error-big5-en');
    await byTestId('frame-close').click();
    await byTestId('lang-zh-CN').click();
  });

  it('reads a frame workbook as Excel exports it, with a title merged above the header', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(['沙坡头区第五次全国经济普查单位清查底册（滨河镇）']);
    ws.mergeCells('A1:H1');
    for (const line of frameCsvText(5).trim().split('\r\n')) ws.addRow(line.split(','));
    await byTestId('frame-import').click();
    await byTestId('frame-file').setInputFiles(buffer('底册-导出.xlsx', new Uint8Array(await wb.xlsx.writeBuffer()), XLSX));
    await byTestId('frame-preview').waitFor();
    expect(await byTestId('frame-counts').textContent()).toBe('共 5 行：将导入 5 行，有错误 0 行，本机已有 0 行（跳过）。');
    await app.browser.screenshot('imports-frame-title-row-zh-CN');
    await byTestId('frame-close').click();
  });

  it('imports the 300-row frame from GBK, flagging a USCC repeated in another sub-district', async () => {
    const lines = frameCsvText(300).trimEnd().split('\r\n');
    // The last row repeats row 2's USCC in another sub-district: flagged, not refused.
    const second = (lines[1] ?? '').split(',');
    lines.push(['640502100007001', '中卫市重复代码商贸有限公司', second[2], '沙坡头区长城街9号', '法人单位', '5212', '', ''].join(','));
    await byTestId('frame-import').click();
    await byTestId('frame-file').setInputFiles(buffer('底册-gbk.csv', encodeGbk(`${lines.join('\r\n')}\r\n`)));
    await byTestId('frame-preview').waitFor();
    expect(await byTestId('frame-counts').textContent()).toBe('共 301 行：将导入 301 行，有错误 0 行，本机已有 0 行（跳过）。');
    await byTestId('frame-preview').getByRole('checkbox').check();
    const flagged = byTestId('frame-row-302');
    await flagged.waitFor();
    expect(await flagged.textContent()).toContain('统一社会信用代码与第2行（普查小区 640502100002002）相同');
    await app.browser.screenshot('imports-frame-duplicate-flag-zh-CN');
    await byTestId('frame-confirm').click();
    await byTestId('frame-result').waitFor();
    expect(await byTestId('frame-result').textContent()).toContain('301');
    await byTestId('frame-close').click();
  });

  it('counts a long import while it runs', async () => {
    // 15,000 rows in sub-districts of their own: a few seconds of rules and writing.
    const text = frameCsvText(15_000).replaceAll('640502100002001,', '640502100008001,').replaceAll('640502100002002,', '640502100008002,').replaceAll('640502100006001,', '640502100009001,').replaceAll('640502100007001,', '640502100010001,');
    const rows = text.split('\r\n').map((l, i) => (i === 0 ? l : l.replace(/,9[12]640502\d{9}[0-9A-Z],/, ',,')));
    await byTestId('frame-import').click();
    await byTestId('frame-file').setInputFiles(buffer('大底册.csv', new TextEncoder().encode(rows.join('\r\n'))));
    await byTestId('frame-preview').waitFor({ timeout: 60_000 });
    await byTestId('frame-confirm').click();
    const progress = byTestId('frame-progress-text');
    await expect.poll(async () => (await progress.textContent()) ?? '', { timeout: 30_000, interval: 50 }).toMatch(/已(检查|写入) [\d,]+ \/ 15,000 行/);
    await app.browser.screenshot('imports-progress-zh-CN');
    await byTestId('frame-result').waitFor({ timeout: 120_000 });
    expect(await byTestId('frame-result').textContent()).toContain('15,000');
    await byTestId('frame-close').click();
  });

  it('warns before adding a unit whose USCC is already here, with a link to it', async () => {
    const uscc = usccFor(10_001);
    await byTestId('unit-add').click();
    await byTestId('add-area').fill('640502100002002');
    await byTestId('add-name').fill('鑫源商贸（重复录入）');
    // Pasted as a licence prints it, grouped, in full width: the same code.
    const typed = `${uscc.slice(0, 9)} ${uscc.slice(9, 13)}－${uscc.slice(13)}`.replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    await byTestId('add-uscc').fill(typed);
    expect(await byTestId('add-uscc').inputValue()).toBe(uscc);
    await byTestId('add-confirm').click();
    await byTestId('add-duplicates').waitFor();
    expect(await byTestId('add-duplicate-link').first().textContent()).toContain('中卫市滨河001建材经营部');
    await app.browser.screenshot('imports-add-duplicate-zh-CN');
    expect(await byTestId('add-confirm').textContent()).toBe('不是同一单位，仍然新增');
    await byTestId('add-confirm').click();
    await byTestId('unit-withdraw').waitFor();
  });

  it('withdraws the unit added by mistake and lists it as withdrawn', async () => {
    await byTestId('unit-withdraw').click();
    await byTestId('withdraw-reason').fill('与“中卫市滨河001建材经营部”是同一家，重复录入');
    await byTestId('withdraw-confirm').click();
    await byTestId('page-registration').waitFor();
    await byTestId('withdrawn-open').waitFor();
    expect(await byTestId('withdrawn-open').textContent()).toBe('已撤销 1 个');
    await byTestId('withdrawn-open').click();
    const table = byTestId('withdrawn-table');
    await table.waitFor();
    expect(await table.textContent()).toContain('与“中卫市滨河001建材经营部”是同一家，重复录入');
    expect(await table.textContent()).toContain('马晓梅');
    await app.browser.screenshot('imports-withdrawn-zh-CN');
    await page.getByTestId('withdrawn-dialog').getByRole('button', { name: '关闭' }).click();
    expect((await app.api('units:list', { query: '重复录入' })).total).toBe(0);
  });

  it(`imports a ${DIRECTORY_ENTERPRISES}-enterprise 名录 as Excel wrote it, with its codes written every way`, async () => {
    await byTestId('nav-directory').click();
    await byTestId('directory-import').click();
    await byTestId('directory-import-file').setInputFiles(buffer('企业名录.xlsx', new Uint8Array(await directoryWorkbookBytes()), XLSX));
    await byTestId('directory-import-preview').waitFor({ timeout: 60_000 });
    expect(await byTestId('directory-import-counts').textContent()).toBe(
      `共 2,000 行：新增 2,000 家，更新 0 家，无变化 0 家，有错误 0 行（不导入）。`,
    );
    await app.browser.screenshot('imports-directory-preview-zh-CN');
    await byTestId('directory-import-confirm').click();
    await byTestId('directory-import-report').waitFor({ timeout: 60_000 });
    expect(await byTestId('directory-import-result').textContent()).toContain('新增 2,000 家');
    // Imported with notes: the industry codes a numeric cell shortened, restored and named.
    expect(await byTestId('directory-import-warnings').locator('li').count()).toBe(DIRECTORY_ENTERPRISES / 250);
    expect(await byTestId('directory-import-warnings').textContent()).toContain('读作 0610');
    await byTestId('directory-import-close').click();
  });

  it('refuses a 名录 without a USCC column with the columns it found', async () => {
    await byTestId('directory-import').click();
    await byTestId('directory-import-file').setInputFiles(buffer('名单.csv', new TextEncoder().encode(`${FRAME_HEADER[1]},${FRAME_HEADER[3]}\r\n某公司,某地\r\n`)));
    const notice = page.getByTestId('directory-import-dialog').getByTestId('error-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('文件中没有“统一社会信用代码”列');
    await byTestId('directory-import-close').click();
  });

  it('exports the 退库 list with the reason, not the status again', async () => {
    const list = await app.api('enterprises:list', { query: '东园0009' });
    const target = list.rows[0];
    if (!target) throw new Error('no enterprise 0009');
    const detail = await app.api('enterprises:get', { id: target.id });
    await app.api('enterprises:save', { id: target.id, version: detail.version, fields: { ...detail.fields, status: 'deregistered', statusNote: '2024-06-30 注销登记' } });
    await page.goto(`${app.harness.origin}/#/directory/exits`);
    const row = byTestId(`exit-row-${target.id}`);
    await row.waitFor();
    const reasons = await row.getByTestId('exit-reasons').textContent();
    expect(reasons).toBe('2024-06-30 注销登记');
    await app.browser.screenshot('imports-exits-zh-CN');
    const file = await download('exits-export');
    expect(file.name).toMatch(/^退库候选-\d{8}-\d{4}\.xlsx$/);
  });

  it('counts the national division codes while they load', async () => {
    await byTestId('nav-settings').click();
    await byTestId('divisions-load-country').click();
    const progress = byTestId('divisions-progress-text');
    await expect.poll(async () => ((await progress.count()) > 0 ? await progress.textContent() : ''), { timeout: 30_000, interval: 50 }).toMatch(/已写入 [\d,]+ \/ 665,\d{3} 条区划代码/);
    await app.browser.screenshot('imports-divisions-progress-zh-CN');
    await expect.poll(async () => byTestId('divisions-country').textContent(), { timeout: 120_000 }).toContain('载入');
  });

  it('exports a draw’s list', async () => {
    const record = await app.api('draw:run', { title: '2024 年第二季度双随机抽查', filter: { scale: 'above' }, count: 3, inspectors: ['周明', '杨帆'], seed: 'e2e-2024' });
    await page.goto(`${app.harness.origin}/#/directory/draw/${record.id}`);
    await byTestId('draw-record').waitFor();
    const file = await download('draw-export');
    expect(file.name).toMatch(/^双随机抽查-2024 年第二季度双随机抽查-\d{8}\.xlsx$/);
  });

  it('reads as well in English: the 退库 reasons, the withdrawn units, the import requirements', async () => {
    await byTestId('lang-en').click();
    await page.goto(`${app.harness.origin}/#/directory/exits`);
    await byTestId('exits-table').waitFor();
    expect(await byTestId('exits-table').textContent()).toContain('No status note');
    await app.browser.screenshot('imports-exits-en');
    await byTestId('nav-registration').click();
    await byTestId('withdrawn-open').click();
    await byTestId('withdrawn-table').waitFor();
    await app.browser.screenshot('imports-withdrawn-en');
    await page.getByTestId('withdrawn-dialog').getByRole('button', { name: 'Close' }).click();
    await byTestId('directory-import').waitFor({ state: 'detached' });
    await byTestId('frame-import').click();
    await byTestId('frame-format').locator('summary').click();
    expect(await byTestId('frame-format').textContent()).toContain('UTF-8 (with or without BOM), GBK/GB18030, UTF-16 (with BOM)');
    await app.browser.screenshot('imports-frame-dialog-en');
    await byTestId('frame-close').click();
    await byTestId('lang-zh-CN').click();
    expect(app.problems).toEqual([]);
  });
});
