import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useE2eApp } from '../helpers/e2e-app';

// Copy and paste between Excel and the ledger grid, in Debian's chromium with the real
// clipboard: a 12-month × 3-indicator block as Excel copies it (thousands separators, full-width
// digits, a blank cell, the trailing line break) is refused whole when one cell is not a figure
// — that cell marked, nothing written — and saved as one change once corrected; Ctrl+Z takes it
// back; a range selected with Shift+arrows or the mouse copies out as the TSV Excel reads.

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');
const app = useE2eApp('census-e2e-ledger-clip-');
const byTestId = (id: string) => app.page.getByTestId(id);
const year = new Date().getFullYear();
let id = '';

/** 营业收入, 工业总产值, 工业销售产值 for January–December, as Excel puts them on the clipboard. */
function excelBlock(bad?: { month: number; text: string }): string {
  const rows: string[] = [];
  for (let m = 1; m <= 12; m += 1) {
    const revenue = m === 2 ? '１，３００' : (1000 + m * 100).toLocaleString('en-US');
    const cost = m === 5 ? '' : String(600 + m * 50);
    const taxes = bad && bad.month === m ? bad.text : String(10 + m);
    rows.push([revenue, cost, taxes].join('\t'));
  }
  return rows.join('\r\n') + '\r\n';
}

async function setClipboard(text: string): Promise<void> {
  await app.page.evaluate(`navigator.clipboard.writeText(${JSON.stringify(text)})`);
}
async function readClipboard(): Promise<string> {
  const text: unknown = await app.page.evaluate('navigator.clipboard.readText()');
  return typeof text === 'string' ? text : '';
}
const months = async () => (await app.api('ledger:getYear', { enterpriseId: id, year })).months;

describe('the ledger grid and the clipboard', () => {
  it('opens an enterprise’s ledger', async () => {
    await app.api('settings:update', { userName: '李秀兰', deviceName: '宣和镇统计站-台式机', regionCode: '640502' });
    const csv = readFileSync(path.join(fixtures, 'directory-shapotou.csv'));
    await app.api('directory:import', { fileName: 'directory.csv', contentBase64: csv.toString('base64') });
    id = (await app.api('enterprises:list', { query: '宏达机械' })).rows[0]?.id ?? '';
    expect(id).not.toBe('');
    const { page } = app;
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.harness.origin });
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`${app.harness.url}#/directory/enterprise/${id}`);
    await byTestId('ledger-grid').waitFor();
  });

  it('refuses a block with one bad cell: that cell marked, a message, nothing written', async () => {
    const { page } = app;
    await byTestId('ledger-cell-1-revenue').click();
    await setClipboard(excelBlock({ month: 7, text: '12.5' }));
    await page.keyboard.press('Control+V');
    await byTestId('ledger-paste-notice').filter({ hasText: '整块粘贴未执行' }).waitFor();
    expect(await byTestId('ledger-paste-bad').textContent()).toBe('7月“工业销售产值”：“12.5”小数位数超过此项单位允许的位数');
    const bad = byTestId('ledger-cell-7-industrialSales');
    expect(await bad.getAttribute('aria-invalid')).toBe('true');
    expect(await bad.inputValue()).toBe('12.5');
    expect(await page.locator('td[data-status="invalid"]').count()).toBe(1);
    expect((await months()).every((m) => Object.values(m).every((v) => v === null || v === undefined))).toBe(true);
    expect((await app.api('enterprises:history', { id })).filter((h) => h.action === 'ledger')).toEqual([]);
    await app.browser.screenshot('ledger-paste-refused-zh-CN');
  });

  it('saves the corrected block as one change, every cell in the trace', async () => {
    const { page } = app;
    await byTestId('ledger-cell-1-revenue').click();
    await setClipboard(excelBlock());
    await page.keyboard.press('Control+V');
    await byTestId('ledger-paste-notice').filter({ hasText: '已粘贴并保存 35 格' }).waitFor();
    expect(await page.locator('td[data-status="invalid"]').count()).toBe(0);
    const stored = await months();
    expect(stored.map((m) => [m.revenue ?? null, m.industrialOutput ?? null, m.industrialSales ?? null])).toEqual(
      Array.from({ length: 12 }, (_, i) => {
        const m = i + 1;
        return [m === 2 ? 1300 : 1000 + m * 100, m === 5 ? null : 600 + m * 50, 10 + m];
      }),
    );
    // The grid shows them grouped, the focused cell its bare digits.
    expect(await byTestId('ledger-cell-3-revenue').inputValue()).toBe('1,300');
    expect(await byTestId('ledger-cell-1-revenue').inputValue()).toBe('1100');
    const ledger = (await app.api('enterprises:history', { id })).filter((h) => h.action === 'ledger');
    expect(ledger).toHaveLength(1);
    expect(ledger[0]?.changes).toHaveLength(35);
    expect(ledger[0]?.userName).toBe('李秀兰');
    expect(ledger[0]?.reason).toContain('从剪贴板粘贴 35 格（12 行 × 3 列，起于 1月 营业收入）');
    await app.browser.screenshot('ledger-paste-saved-zh-CN');
  });

  it('takes the paste back with Ctrl+Z, and that too is in the trace', async () => {
    const { page } = app;
    await page.keyboard.press('Control+Z');
    await byTestId('ledger-paste-notice').filter({ hasText: '已撤销粘贴' }).waitFor();
    expect((await months()).every((m) => m.revenue === null || m.revenue === undefined)).toBe(true);
    const ledger = (await app.api('enterprises:history', { id })).filter((h) => h.action === 'ledger');
    expect(ledger).toHaveLength(2);
    expect(ledger.find((h) => h.reason?.startsWith('撤销粘贴'))?.changes).toHaveLength(35);
    // And in again, for the copying below.
    await setClipboard(excelBlock());
    await page.keyboard.press('Control+V');
    await byTestId('ledger-paste-notice').filter({ hasText: '已粘贴并保存 35 格' }).waitFor();
  });

  it('copies a range selected with Shift+arrows as the TSV Excel reads', async () => {
    const { page } = app;
    await byTestId('ledger-cell-4-revenue').click();
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowRight');
    expect(await page.locator('td[data-selected]').count()).toBe(6);
    await page.keyboard.press('Control+C');
    await byTestId('ledger-paste-notice').filter({ hasText: '已复制 3 行 × 2 列' }).waitFor();
    expect(await readClipboard()).toBe('1400\t800\r\n1500\t\r\n1600\t900\r\n');
    await app.browser.screenshot('ledger-copy-range-zh-CN');
    // Esc (as any key but Shift+arrows) ends the range.
    await page.keyboard.press('Escape');
    expect(await page.locator('td[data-selected]').count()).toBe(0);
  });

  it('selects by dragging the mouse, copies that, and pastes it elsewhere', async () => {
    const { page } = app;
    await byTestId('ledger-cell-12-industrialSales').scrollIntoViewIfNeeded();
    const from = await byTestId('ledger-cell-10-industrialOutput').boundingBox();
    const to = await byTestId('ledger-cell-12-industrialSales').boundingBox();
    if (!from || !to) throw new Error('cells not on screen');
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 6 });
    await page.mouse.up();
    expect(await page.locator('td[data-selected]').count()).toBe(6);
    await page.keyboard.press('Control+C');
    expect(await readClipboard()).toBe('1100\t20\r\n1150\t21\r\n1200\t22\r\n');
    // Into 工业总产值/工业销售产值 of January–March: one change again.
    await byTestId('ledger-cell-1-industrialOutput').click();
    await page.keyboard.press('Control+V');
    await byTestId('ledger-paste-notice').filter({ hasText: '已粘贴并保存 6 格' }).waitFor();
    const stored = await months();
    expect(stored.slice(0, 3).map((m) => [m.industrialOutput, m.industrialSales])).toEqual([
      [1100, 20],
      [1150, 21],
      [1200, 22],
    ]);
  });

  it('refuses a block that does not fit, and reads in English', async () => {
    const { page } = app;
    await byTestId('lang-en').click();
    await byTestId('ledger-cell-11-revenue').click();
    await setClipboard('1\t2\r\n3\t4\r\n5\t6\r\n');
    await page.keyboard.press('Control+V');
    await byTestId('ledger-paste-notice').filter({ hasText: 'does not fit the grid from month 11' }).waitFor();
    expect((await months())[10]?.revenue).toBe(2100);
    // English punctuation in English: no full-width brackets around the units.
    expect(await byTestId('ledger-detail-revenue').locator('th').textContent()).toBe('Operating revenue (¥ thousand)');
    await app.browser.screenshot('ledger-paste-misfit-en');
    await byTestId('lang-zh-CN').click();
    expect(app.problems).toEqual([]);
  });
});
