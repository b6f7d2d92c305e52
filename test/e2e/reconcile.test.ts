import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeState } from '@main/sync/queries/state';
import { GAP_SHEET } from '@main/reconcile/exports';
import type { FormsDoc } from '@shared/registration/registration';
import { usccOrgCode } from '@shared/census/identifiers';
import { generateUnits } from '../../scripts/bench/registration-seed';
import { corruptWorkbookBytes } from '../helpers/import-files';
import { useE2eApp } from '../helpers/e2e-app';
import { annualWorkbook, type UnitLine } from '../reconcile/helpers';

// 快报衔接 in chromium against the real core: four census legal entities registered and submitted;
// the bureau imports the 2023 快报 from an XLSX as Excel exports it (after a damaged file is
// refused with its reason), reads the gap table, types an explanation; the unit whose revenue is
// far from its 快报 figure shows the 核实性 finding in the supervisor's queue and on its review
// page; the downloaded workbook holds the page's rows. Screenshots at 1366×768, Chinese and
// English, and the printed page: test-results/screenshots/reconcile-*.png.

const app = useE2eApp('census-e2e-reconcile-');
const byTestId = (id: string) => app.page.getByTestId(id);

interface Unit {
  id: string;
  name: string;
  uscc: string;
  industry: string;
  division: string;
  revenue: number;
  employees: number;
}
const units: Unit[] = [];

function signIn(role: 'admin' | 'supervisor', userId: string, name: string): void {
  app.withStore((db) => {
    writeState(db, 'userRole', role);
    writeState(db, 'userId', userId);
    writeState(db, 'userName', name);
    writeState(db, 'scope', ['']);
  });
}

beforeAll(async () => {
  await app.api('settings:update', { userName: '马晓梅', deviceName: '区统计局-工作站02', regionCode: '640502' });
  const seed = generateUnits(40, { seed: 11 }).filter((u) => u.kind === 'legal').slice(0, 4);
  for (const s of seed) {
    const created = await app.api('units:create', { areaCode: s.areaCode, kind: 'legal', name: s.name, uscc: s.uscc });
    const forms = structuredClone(s.forms) as FormsDoc;
    const saved = await app.api('units:save', { id: created.id, version: created.version, forms, explanations: {} });
    await app.api('units:submit', { id: created.id, version: saved.version });
    const f = forms['611'] ?? {};
    units.push({ id: created.id, name: s.name, uscc: s.uscc, industry: String(f.industryCode), division: String(f.divisionCode), revenue: Number(f.revenue), employees: Number(f.employees) });
  }
  signIn('admin', 'u-bureau', '马海燕');
});

const line = (u: Unit, revenue: number, employees: number, by: 'uscc' | 'org' = 'uscc'): UnitLine => [by === 'uscc' ? u.uscc : '', by === 'org' ? usccOrgCode(u.uscc) : '', u.name, '', u.industry, u.division, revenue, employees];

/** The gap rows on the page: group, then the twelve figure cells as shown. */
async function pageRows(): Promise<string[][]> {
  return app.page.locator('[data-testid^="rec-gap-"] tbody tr').evaluateAll((rows) =>
    rows.map((r) => [r.querySelector('th')?.textContent ?? '', ...[...r.querySelectorAll('td.rec-num')].map((td) => td.textContent ?? '')]),
  );
}

describe('快报衔接 in the browser harness', () => {
  it('refuses a damaged file, imports the 快报 after its preview, and shows the gap table', async () => {
    await app.page.setViewportSize({ width: 1366, height: 768 });
    await app.page.goto(app.harness.url);
    await byTestId('nav-reconcile').click();
    await byTestId('rec-empty').waitFor();
    await byTestId('rec-open-import').click();

    await byTestId('rec-file').setInputFiles({ name: '2023快报.xlsx', mimeType: 'application/octet-stream', buffer: corruptWorkbookBytes() });
    await expect.poll(() => byTestId('rec-import').textContent()).toContain('无法读取 Excel 文件');
    expect(await byTestId('rec-import-commit').isDisabled()).toBe(true);

    const [u0, u1, u2] = units as [Unit, Unit, Unit];
    const content = await annualWorkbook(
      [line(u0, u0.revenue, u0.employees), line(u1, 20_000, u1.employees), line(u2, u2.revenue, u2.employees, 'org'), ['91640502MA76X1Y23B', '', '中卫市新材料科技有限公司', '工业', '3432', '640502101003', 5_600, 40]],
      [['专业', '服务业', '', 3, 80_000, 200], ['专业', '工业', '', 1, 5_600, 40]],
    );
    await byTestId('rec-file').setInputFiles({ name: '2023年快报.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from(content, 'base64') });
    await expect.poll(() => byTestId('rec-preview-summary').textContent()).toBe('检查通过：4 个单位，2 条汇总数。');
    expect(await byTestId('rec-preview-rows').locator('tbody tr').count()).toBe(4);
    await app.browser.screenshot('reconcile-preview-zh-CN');
    await byTestId('rec-import-commit').click();
    await byTestId('rec-doc').waitFor();
    expect(await byTestId('rec-dataset').textContent()).toContain('2023年快报.xlsx，4 个单位；马海燕');

    // The page's numbers are the view's (computed and tested in test/reconcile); here they must be shown as such.
    const view = await app.api('reconcile:view', { year: 2023 });
    const total = view.total.revenue;
    expect(await byTestId('rec-total-revenue-census').textContent()).toBe(total.census.toLocaleString('en-US'));
    expect(await byTestId('rec-total-revenue-annual').textContent()).toBe((total.annual ?? 0).toLocaleString('en-US'));
    // The stated 服务业 total is used; the other dimensions sum the unit rows and say so.
    expect(await byTestId('rec-gap-profession').locator('caption').textContent()).not.toContain('单位明细合计');
    expect(await byTestId('rec-gap-township').locator('caption').textContent()).toContain('单位明细合计');
    expect(await byTestId('rec-profession-services-units-annual').textContent()).toBe('3');
    expect(await byTestId('rec-beyond').locator('tbody tr').count()).toBe(1);
    expect(await byTestId(`rec-beyond-${u1.id}`).textContent()).toContain(u1.name);
    expect(await byTestId('rec-annual-only').textContent()).toContain('中卫市新材料科技有限公司');
    expect(await byTestId('rec-census-only').textContent()).toContain((units[3] as Unit).name);

    // 640502101: the 快报's new unit alone, no census unit there.
    const code = '640502101';
    expect(view.rows.find((r) => r.dimension === 'township' && r.code === code)?.units).toEqual({ census: 0, annual: 1, diff: -1, pct: -100 });
    await byTestId(`rec-note-township-${code}-edit`).click();
    await byTestId(`rec-note-township-${code}-input`).fill('中卫市新材料科技有限公司2023年快报后迁入，普查登记在外区');
    await byTestId(`rec-note-township-${code}-save`).click();
    await expect.poll(() => byTestId(`rec-note-township-${code}-text`).textContent()).toBe('中卫市新材料科技有限公司2023年快报后迁入，普查登记在外区');
    expect(await byTestId(`rec-note-township-${code}`).textContent()).toContain('马海燕');
    await app.browser.screenshot('reconcile-zh-CN');
    await byTestId('rec-beyond').scrollIntoViewIfNeeded();
    await app.browser.screenshot('reconcile-units-zh-CN');
  });

  it('exports the page’s rows', async () => {
    const onPage = await pageRows();
    const [dl] = await Promise.all([app.page.waitForEvent('download'), byTestId('rec-export').click()]);
    const file = path.join(app.dataDir, 'reconcile.xlsx');
    await dl.saveAs(file);
    expect(dl.suggestedFilename()).toBe('2023年普查与快报衔接差异表.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const rows: string[][] = [];
    const text = (v: ExcelJS.CellValue) => (typeof v === 'number' ? v : Number.NaN);
    wb.getWorksheet(GAP_SHEET)?.eachRow((row, n) => {
      if (n <= 3) return;
      const cells = (row.values as ExcelJS.CellValue[]).slice(1);
      if (cells[0] === '合计' || cells.length < 15) return;
      const [dimension, code, name] = cells.map((c) => String(c ?? ''));
      const label = dimension === '专业' || code === '' ? name : `${code} ${name}`;
      // The page writes whole figures with separators, differences signed, % to one decimal.
      const figures = cells.slice(3, 15).map((c, i) => {
        const n = text(c);
        if (Number.isNaN(n)) return '—';
        const part = i % 4;
        if (part === 3) return `${n > 0 ? '+' : ''}${n.toFixed(1)}`;
        if (part === 2 && n > 0) return `+${n.toLocaleString('en-US')}`;
        return n.toLocaleString('en-US');
      });
      rows.push([label ?? '', ...figures]);
    });
    expect(rows).toEqual(onPage);
    const notes = wb.getWorksheet(GAP_SHEET)?.getColumn(16).values.map((v) => String(v ?? '')) ?? [];
    expect(notes).toContain('中卫市新材料科技有限公司2023年快报后迁入，普查登记在外区');
  });

  it('shows the unit’s finding in the supervisor’s queue and on its review page', async () => {
    const u1 = units[1] as Unit;
    signIn('supervisor', 'u-sup', '张指导');
    await app.page.goto(`${app.harness.url}#/review`);
    await byTestId(`queue-row-${u1.id}`).waitFor();
    expect(await byTestId(`queue-row-${u1.id}`).locator('.count-chip--verify').textContent()).toBe('1');
    expect(await byTestId(`queue-row-${(units[0] as Unit).id}`).locator('.count-chip--verify').count()).toBe(0);
    await app.browser.screenshot('reconcile-review-queue-zh-CN');
    await byTestId(`queue-link-${u1.id}`).click();
    const finding = byTestId('finding-R611-REVENUE-CROSS-PERIOD');
    await finding.first().waitFor();
    const message = (await finding.first().textContent()) ?? '';
    expect(message).toContain('与上年年报（20000千元）相比变化');
    expect(message).toContain(String(u1.revenue));
    await finding.first().scrollIntoViewIfNeeded();
    await app.browser.screenshot('reconcile-review-unit-zh-CN');
    signIn('admin', 'u-bureau', '马海燕');
  });

  it('prints the page as the document, and reads in English', async () => {
    await app.page.goto(`${app.harness.url}#/reconcile`);
    await byTestId('rec-doc').waitFor();
    await app.page.emulateMedia({ media: 'print' });
    expect(await byTestId('rec-year').isVisible()).toBe(false);
    expect(await byTestId('nav-reconcile').isVisible()).toBe(false);
    expect(await byTestId('rec-doc').isVisible()).toBe(true);
    await app.browser.screenshot('reconcile-print-zh-CN');
    await app.page.emulateMedia({ media: 'screen' });

    await app.api('settings:update', { language: 'en' });
    await app.page.reload();
    await byTestId('rec-doc').waitFor();
    await expect.poll(() => byTestId('reconcile-page').locator('h1').textContent()).toBe('Census vs annual report');
    expect(await byTestId('rec-gap-profession').locator('caption').textContent()).toContain('By profession');
    await app.browser.screenshot('reconcile-en');
    await app.api('settings:update', { language: 'zh-CN' });
    expect(app.problems).toEqual([]);
  });
});
