import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeState } from '@main/sync/queries/state';
import { usccOfSerial } from '../helpers/uscc';
import { useE2eApp } from '../helpers/e2e-app';

// The walkthrough: a supervisor of 滨河镇 (640502100) imported a 名录 with rows in other
// townships; the preview said nothing and sync refused those rows later as 不在您负责的区域内.
// Now the preview marks them with the user's areas by name, and the import skips them.

const app = useE2eApp('census-e2e-import-scope-');
const byTestId = (id: string) => app.page.getByTestId(id);

const uscc = (serial: string) => usccOfSerial(serial);

function directoryFile(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'census-scope-csv-'));
  const file = path.join(dir, '名录.csv');
  const rows = [
    ['统一社会信用代码', '企业名称', '详细地址', '统计用区划代码', '行业代码', '规模', '包保责任人', '经营状态'],
    [uscc('701'), '滨河镇本镇企业', '文昌路1号', '640502100201', '5211', '规下', '王芳', '在营'],
    [uscc('702'), '文昌镇外镇企业', '鼓楼路2号', '640502101001', '5211', '规下', '李娜', '在营'],
    [uscc('703'), '文昌镇外镇企业二', '鼓楼路3号', '640502101002', '5211', '规下', '李娜', '在营'],
  ];
  writeFileSync(file, `\uFEFF${rows.map((r) => r.join(',')).join('\r\n')}\r\n`);
  return file;
}

async function openPreview(file: string) {
  await byTestId('nav-directory').click();
  await byTestId('directory-import').click();
  await byTestId('directory-import-file').setInputFiles(file);
  await byTestId('directory-import-preview').waitFor();
}

describe('a directory import checks the rows against the user’s areas', () => {
  it('says the areas are unknown before any login', async () => {
    const { page, harness } = app;
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(harness.url);
    await byTestId('nav-settings').click();
    await byTestId('settings-userName').fill('张建军');
    await byTestId('settings-deviceName').fill('滨河镇指导员-笔记本');
    await byTestId('settings-save').click();
    await byTestId('settings-saved').waitFor();
    await openPreview(directoryFile());
    expect(await byTestId('import-scope-note').getAttribute('data-scope')).toBe('unknown');
    expect(await byTestId('import-scope-note').textContent()).toContain('尚未登录账号');
    await app.page.keyboard.press('Escape');
  });

  it('marks rows outside a supervisor’s areas with the areas by name, and skips them', async () => {
    app.withStore((db) => {
      writeState(db, 'userRole', 'supervisor');
      writeState(db, 'userId', 'u-zhang');
      writeState(db, 'scope', ['640502100']);
    });
    await app.page.reload();
    await openPreview(directoryFile());
    const note = byTestId('import-scope-note');
    expect(await note.textContent()).toBe('您负责：滨河镇 640502100。其中 2 行不在您负责的区域内，不导入。');
    const outside = app.page.locator('[data-testid^="import-row-"][data-action="outOfScope"]');
    await expect.poll(() => outside.count()).toBe(2);
    expect(await outside.first().textContent()).toContain('不在您负责的区域内（您负责：滨河镇 640502100），不导入');
    await app.browser.screenshot('import-scope-preview-zh-CN');
    expect(await byTestId('directory-import-confirm').textContent()).toContain('1');
    await byTestId('directory-import-confirm').click();
    await byTestId('directory-import-report').waitFor();
    expect(await byTestId('import-out-of-scope').textContent()).toBe('另有 2 行不在您负责的区域内，未导入。');
    await app.browser.screenshot('import-scope-done-zh-CN');
    const listed = await app.api('enterprises:list', {});
    expect(listed.rows.map((r) => r.name)).toEqual(['滨河镇本镇企业']);
    await byTestId('directory-import-close').click();

    // The sync page names the areas too, by the nearest division the data holds.
    await byTestId('nav-sync').click();
    await expect.poll(() => byTestId('sync-scope').textContent()).toBe('滨河镇 640502100');
    await app.browser.screenshot('import-scope-sync-zh-CN');

    await byTestId('lang-en').click();
    await openPreview(directoryFile());
    expect(await byTestId('import-scope-note').textContent()).toBe('Your areas: 滨河镇 640502100. 2 rows are outside your areas and will not be imported.');
    expect(await outside.first().textContent()).toContain('Outside your areas (yours: 滨河镇 640502100); not imported');
    // The recognised columns as an English list.
    expect(await byTestId('directory-import-columns').textContent()).toContain('统一社会信用代码, 企业名称, ');
    await app.browser.screenshot('import-scope-preview-en');
  });
});
