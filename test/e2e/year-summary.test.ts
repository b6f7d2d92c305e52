import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'date-fns';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeState } from '@main/sync/queries/state';
import type { Role } from '@shared/sync/api';
import { useE2eApp } from '../helpers/e2e-app';

// The year's summary (年度汇总) in chromium against the real core: records made through the
// app's own channels — a 退库 verified 不符 and carried out, an enterprise admitted (入库), a case
// filed and closed, a training session, a 包保 visit — counted on the page for the current year;
// the workbook downloaded from the page holds the same figures; the previous year shows its own
// (true zeros where records exist, "—" where none do); the interference count appears for the
// leadership only, on the page and in the file. Screenshots at 1366×768, Chinese and English:
// test-results/screenshots/year-summary-*.png.

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');
const today = format(new Date(), 'yyyy-MM-dd');
const year = new Date().getFullYear();

const app = useE2eApp('census-e2e-summary-');
const ids = new Map<string, string>();
const idOf = (name: string): string => {
  const id = ids.get(name);
  if (!id) throw new Error(`no enterprise ${name}`);
  return id;
};
const byTestId = (id: string) => app.page.getByTestId(id);

const STEEL = '宁夏鑫源金属结构有限公司';
const MACHINE = '中卫市宏达机械制造有限公司';
const MARKET = '中卫市塞上优品超市有限公司';
const RESTAURANT = '沙坡头区黄河宴餐饮有限公司';

function signIn(role: Role, userId: string): void {
  app.withStore((db) => {
    writeState(db, 'userRole', role);
    writeState(db, 'userId', userId);
    writeState(db, 'userName', '马海燕');
    writeState(db, 'scope', ['']);
  });
}

beforeAll(async () => {
  await app.api('settings:update', { userName: '马海燕', deviceName: '区统计局-工作站02', regionCode: '640502' });
  await app.api('directory:import', { fileName: 'directory-shapotou.csv', contentBase64: readFileSync(path.join(fixtures, 'directory-shapotou.csv')).toString('base64') });
  for (const row of (await app.api('enterprises:list', { limit: 100 })).rows) ids.set(row.name, row.id);
  signIn('admin', 'u-bureau');

  // 退库: the 规上 steel works closed; its exit task completed 不符, then verified, approved and carried out today.
  const steel = await app.api('enterprises:get', { id: idOf(STEEL) });
  await app.api('enterprises:save', { id: steel.id, version: steel.version, fields: { ...steel.fields, status: 'closed', statusNote: '全面停产' } });
  const [taskId = ''] = (await app.api('verification:create', { kind: 'exit', title: `${year}年退库核查`, period: { year, month: 12 }, enterpriseIds: [idOf(STEEL)] })).taskIds;
  await app.api('verification:figures', { id: taskId, figures: [{ key: 'revenue', reported: 10_000, found: 8_000 }] });
  for (const key of ['licence', 'income_statement', 'vat_return', 'payroll'] as const) await app.api('verification:check', { id: taskId, key, result: 'consistent', note: '' });
  await app.api('verification:check', { id: taskId, key: 'site_visit', result: 'inconsistent', note: '厂区已停产' });
  await app.api('verification:conclude', { id: taskId, result: 'inconsistent', note: '营业收入与报送不符' });
  await app.api('verification:sign', { id: taskId, role: 'checker', signature: { name: '马海燕', date: today } });
  await app.api('verification:sign', { id: taskId, role: 'contact', signature: { name: '刘会计', date: today } });
  await app.api('verification:step', { id: taskId, action: 'complete' });
  await app.api('verification:exitStep', { id: taskId, action: 'verify' });
  await app.api('verification:exitStep', { id: taskId, action: 'approve' });
  await app.api('verification:exitStep', { id: taskId, action: 'remove', date: today, reasons: ['closed'], reason: '全面停产' });

  // 入库: the machine works applied and was admitted today.
  const c = await app.api('followup:transition', { enterpriseId: idOf(MACHINE), version: 0, to: 'candidate', date: today });
  const a = await app.api('followup:transition', { enterpriseId: idOf(MACHINE), version: c.version, to: 'applied', date: today, applicationRound: 'monthly' });
  await app.api('followup:transition', { enterpriseId: idOf(MACHINE), version: a.version, to: 'admitted', date: today });

  // 统计执法: a case filed and closed with a warning.
  const opened = await app.api('enforce:caseOpen', { enterpriseId: idOf(RESTAURANT), caseNo: `沙统立〔${year}〕1号`, filedOn: today, violations: ['late_report'] });
  await app.api('enforce:caseAct', { id: opened.id, action: 'investigate', on: today });
  await app.api('enforce:caseAct', { id: opened.id, action: 'notify', on: today });
  await app.api('enforce:caseAct', { id: opened.id, action: 'decide', on: today, decision: { penalties: ['warning'], fineYuan: null, documentNo: `沙统罚〔${year}〕1号` } });
  await app.api('enforce:caseAct', { id: opened.id, action: 'close', on: today, note: '已整改' });

  // Training and a 包保 visit.
  await app.api('training:save', { draft: { areaCode: '640502', date: today, topic: '企业统计人员统计法培训', audience: 'enterprise_staff', trainer: '刘强', attendeeCount: 42, attendees: [], hours: 3, notes: '' } });
  await app.api('liaison:addVisit', { enterpriseId: idOf(MARKET), date: today, form: 'visit', discussed: '核对限上申报台账', nextStep: '', nextDue: null });
});

/** The page's figures, row by row: the label and its values as the cells say them. */
async function pageRows(): Promise<string[][]> {
  return app.page.locator('[data-testid="sum-doc"] tbody tr').evaluateAll((rows) =>
    rows.map((r) => [r.querySelector('th')?.textContent ?? '', ...[...r.querySelectorAll('td')].map((td) => (td.getAttribute('data-value') === '' ? '—' : (td.getAttribute('data-value') ?? '')))]),
  );
}

/** Downloads the workbook from the page and reads back its figure rows (label and values). */
async function downloadedRows(name: string): Promise<string[][]> {
  const [dl] = await Promise.all([app.page.waitForEvent('download'), byTestId('sum-export').click()]);
  const file = path.join(app.dataDir, name);
  await dl.saveAs(file);
  expect(dl.suggestedFilename()).toBe(`${year}年度统计工作汇总.xlsx`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const rows: string[][] = [];
  wb.worksheets[0]?.eachRow((row) => {
    const cells = (row.values as unknown[]).slice(1).map((v) => String(v ?? ''));
    // A figure row: a label then numbers or "—" (titles, headers and notes are one cell or words).
    if (cells.length >= 2 && cells.slice(1).every((v) => /^(\d+|—)$/.test(v))) rows.push(cells);
  });
  return rows;
}

const cell = (testId: string, i = 0) => byTestId(testId).locator('td').nth(i);

describe('the year’s summary in the browser harness', () => {
  it('counts this year’s records and exports the same figures', async () => {
    await app.page.setViewportSize({ width: 1366, height: 768 });
    await app.page.goto(app.harness.url);
    await byTestId('nav-summary').click();
    await byTestId('sum-doc').waitFor();
    expect(await byTestId('sum-year').inputValue()).toBe(String(year));

    expect(await cell('sum-verification-exit', 0).textContent()).toBe('1');
    expect(await cell('sum-verification-exit', 1).textContent()).toBe('0');
    expect(await cell('sum-verification-exit', 2).textContent()).toBe('1');
    expect(await cell('sum-verification-sample', 0).textContent()).toBe('0');
    expect(await cell('sum-directory-entered').textContent()).toBe('1');
    expect(await cell('sum-directory-left').textContent()).toBe('1');
    expect(await cell('sum-enforcement-inspected').textContent()).toBe('1');
    expect(await cell('sum-enforcement-inViolation').textContent()).toBe('1');
    expect(await cell('sum-enforcement-casesClosed').textContent()).toBe('1');
    expect(await cell('sum-enforcement-warnings').textContent()).toBe('1');
    expect(await cell('sum-enforcement-transferred').textContent()).toBe('0');
    expect(await cell('sum-training-enterprise_staff', 0).textContent()).toBe('1');
    expect(await cell('sum-training-enterprise_staff', 1).textContent()).toBe('42');
    expect(await cell('sum-training-total', 1).textContent()).toBe('42');
    expect(await cell('sum-liaison-visits').textContent()).toBe('1');
    expect(await cell('sum-liaison-enterprisesVisited').textContent()).toBe('1');
    // The bureau's staff (admin) are not the leadership: no interference table, not even its title.
    expect(await byTestId('sum-interference').count()).toBe(0);
    expect(await byTestId('summary-page').textContent()).not.toContain('干预');
    // Each table says where its figures come from and how they are decided.
    expect(await byTestId('sum-directory').textContent()).toContain('跟踪环节转为“已入库”');
    expect(await byTestId('sum-directory').textContent()).toContain('“已退库”且退库日期');
    await app.browser.screenshot('year-summary-zh-CN');

    const onPage = await pageRows();
    const inFile = await downloadedRows('summary-admin.xlsx');
    expect(inFile).toEqual(onPage);
    expect(inFile.flat().join('')).not.toContain('干预');
    expect(inFile).toContainEqual(['退库核查', '1', '0', '1']);
  });

  it('gives last year its own figures: true zeros where records exist, "—" where none do', async () => {
    await byTestId('sum-year').selectOption(String(year - 1));
    await expect.poll(() => byTestId('sum-doc').getAttribute('data-year')).toBe(String(year - 1));
    expect(await cell('sum-directory-entered').textContent()).toBe('0');
    expect(await cell('sum-training-total', 0).textContent()).toBe('0');
    await byTestId('sum-year').selectOption(String(year));
    await expect.poll(() => byTestId('sum-doc').getAttribute('data-year')).toBe(String(year));
  });

  it('says "—" and why where this laptop holds no record of a kind', async () => {
    // A second laptop's view is not at hand; the interference register is empty here: the
    // leadership sees its table with "—" and the reason until an entry is recorded.
    signIn('leader', 'u-leader');
    await app.page.reload();
    await byTestId('sum-interference').waitFor();
    expect(await cell('sum-interference-count').textContent()).toBe('—');
    expect(await byTestId('sum-interference-missing').textContent()).toContain('不是 0');
  });

  it('shows the interference count to the leadership only, on the page and in the file', async () => {
    await app.api('interference:record', {
      actorName: '李某',
      actorPost: '副镇长',
      actorUnit: '滨河镇人民政府',
      occurredOn: today,
      manner: 'phone',
      indicator: '规模以上工业增加值增速',
      period: `${year}年`,
      subject: MACHINE,
      request: '要求调高产值',
      response: 'reported',
      reportedTo: '区纪委监委',
      responseNote: '当场拒绝，按实际上报。',
      corrects: null,
      correctionReason: '',
    });
    await app.page.reload();
    await byTestId('sum-interference').waitFor();
    await expect.poll(() => cell('sum-interference-count').textContent()).toBe('1');
    const onPage = await pageRows();
    const inFile = await downloadedRows('summary-leader.xlsx');
    expect(inFile).toEqual(onPage);
    expect(inFile).toContainEqual(['记录的干预事项', '1']);
    await byTestId('sum-interference').scrollIntoViewIfNeeded();
    await app.browser.screenshot('year-summary-leader-zh-CN');

    // Back to the bureau's staff: the figure is gone from the page and from the file.
    signIn('admin', 'u-bureau');
    await app.page.reload();
    await byTestId('sum-doc').waitFor();
    expect(await byTestId('sum-interference').count()).toBe(0);
    expect((await downloadedRows('summary-admin-2.xlsx')).flat().join('')).not.toContain('干预');
  });

  it('prints the page as the document, and reads in English', async () => {
    await app.page.emulateMedia({ media: 'print' });
    expect(await byTestId('sum-year').isVisible()).toBe(false);
    expect(await byTestId('nav-summary').isVisible()).toBe(false);
    expect(await byTestId('sum-doc').isVisible()).toBe(true);
    await app.browser.screenshot('year-summary-print-zh-CN');
    await app.page.emulateMedia({ media: 'screen' });

    await app.api('settings:update', { language: 'en' });
    await app.page.reload();
    await byTestId('sum-doc').waitFor();
    await expect.poll(() => byTestId('summary-page').locator('h1').textContent()).toBe('Year summary');
    expect(await byTestId('sum-directory').textContent()).toContain('Entered (admitted as above-size)');
    expect(await cell('sum-directory-left').textContent()).toBe('1');
    await app.browser.screenshot('year-summary-en');
    await app.api('settings:update', { language: 'zh-CN' });
    expect(app.problems).toEqual([]);
  });
});
