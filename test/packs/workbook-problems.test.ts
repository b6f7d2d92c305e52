import type ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { loadWorkbook, workbookBytes, workbookToPack, WorkbookFileError } from '@shared/node/pack-workbook';
import type { WorkbookProblem } from '@shared/packs/workbook/sheet-reader';
import { builtinPack, builtinWorkbook, col, letter, rowWhere, setCell, sheet } from '../helpers/pack-workbook';

const problemsOf = async (wb: ExcelJS.Workbook): Promise<WorkbookProblem[]> => {
  // Through the bytes, as a file saved by Excel would be read.
  const read = workbookToPack(await loadWorkbook(await workbookBytes(wb), 'test.xlsx'));
  if (read.problems.length === 0) expect(read.pack).toBeDefined();
  else expect(read.pack).toBeUndefined();
  return read.problems;
};

const at = (problems: WorkbookProblem[], sheetName: string, row: number, column: string) =>
  problems.filter((p) => p.sheet === sheetName && p.row === row && p.column === column);

describe('a workbook with mistakes', () => {
  it('reports every mistake at once, each at its sheet, row and column, Chinese then English', async () => {
    const wb = builtinWorkbook();
    const items = sheet(wb, 'items');
    const rules = sheet(wb, 'rules');
    const choices = sheet(wb, 'choices');
    // 1 unknown item in a rule
    const ruleRow = setCell(wb, 'rules', { id: 'R611-ADDR-TEXT' }, 'items', 'addrDetial, adrDetail');
    // 2 duplicate code in a list
    const dupCode = rowWhere(choices, { list_name: 'operatingStatus' }) + 1;
    choices.getRow(dupCode).getCell(col(choices, 'name')).value = String(choices.getRow(dupCode - 1).getCell(col(choices, 'name')).value);
    // 3 a condition on an item of another form
    const otherForm = setCell(wb, 'items', { form: '611-1', name: 'estRevenue' }, 'relevant', 'institutionType == "10"');
    // 4 an expression that does not compile (a rule added at the end)
    const exprRow = rules.addRow([]).number;
    const put = (key: string, value: string) => (rules.getRow(exprRow).getCell(col(rules, key)).value = value);
    put('id', 'R611-3-PROFIT');
    put('form', '611-3');
    put('severity', '核实性');
    put('items', 'operatingProfit');
    put('check', 'expr');
    put('expression', 'operatingProfit <= revenue - operatingCost - taxs');
    put('message::zh', '营业利润过大');
    put('message::en', 'Operating profit too large');
    put('version', '2023.3');
    put('source', 'test');
    // 5 a bad type name
    const badType = setCell(wb, 'items', { form: '611', name: 'legalRep' }, 'type', 'txet');
    // 6 a non-number where a number belongs
    const badNumber = setCell(wb, 'items', { form: '611', name: 'name' }, 'max_length', '一百');
    // 7 bad severity
    const badSeverity = setCell(wb, 'rules', { id: 'R611-USCC-FORMAT' }, 'severity', 'urgent');
    // 8 duplicate item code
    const copied = items.getRow(rowWhere(items, { form: '611-2', name: 'employees' })).values as ExcelJS.CellValue[];
    const dupItem = items.addRow(copied.slice(1)).number;
    // 9 a condition that is not one
    const badCond = setCell(wb, 'items', { form: '611', name: 'regAddrDetail' }, 'relevant', 'isFalse(regSameAsLocation) &&');
    // 10 a code list that does not exist (found by checkPack, mapped back to the cell)
    const noList = setCell(wb, 'items', { form: '611', name: 'holding' }, 'list_name', 'holdings');

    const problems = await problemsOf(wb);
    const one = (sheetName: string, row: number, ws: ExcelJS.Worksheet, key: string, pattern: RegExp) => {
      const found = at(problems, sheetName, row, letter(ws, key));
      expect(found, `${sheetName}!${letter(ws, key)}${row}: ${JSON.stringify(problems, null, 1)}`).toHaveLength(1);
      expect(found[0]?.message).toMatch(pattern);
      expect(found[0]?.message).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
      expect(found[0]?.header).toBe(String(ws.getRow(1).getCell(col(ws, key)).value));
    };
    const both = at(problems, '审核规则 rules', ruleRow, letter(rules, 'items')).map((p) => p.message);
    expect(both).toEqual([expect.stringMatching(/不存在的项目 addrDetial/), expect.stringMatching(/不存在的项目 adrDetail/)]);
    one('代码 choices', dupCode, choices, 'name', /重复.*used twice/);
    one('项目 items', otherForm, items, 'relevant', /另一张表（611）.*another form/);
    one('审核规则 rules', exprRow, rules, 'expression', /无法编译.*taxs/);
    one('项目 items', badType, items, 'type', /未知的类型“txet”/);
    one('项目 items', badNumber, items, 'max_length', /应为整数.*一百/);
    one('审核规则 rules', badSeverity, rules, 'severity', /urgent.*mandatory, verify or hint/);
    one('项目 items', dupItem, items, 'name', /employees.*重复/);
    one('项目 items', badCond, items, 'relevant', /条件写法有误/);
    one('项目 items', noList, items, 'list_name', /holdings/);
    expect(problems, JSON.stringify(problems, null, 1)).toHaveLength(11);
    // Listed sheet by sheet, top to bottom.
    const sheets = wb.worksheets.map((w) => w.name);
    const walk = problems.map((p) => sheets.indexOf(p.sheet) * 100_000 + p.row);
    expect(walk).toEqual([...walk].sort((a, b) => a - b));
  });

  it('reports the forms a kind of unit fills: an unknown kind, a condition on an item its primary form lacks, a form that does not exist', async () => {
    const wb = builtinWorkbook();
    const unitForms = sheet(wb, 'unitForms');
    const badWhen = setCell(wb, 'unitForms', { form: '611-3' }, 'when', 'estEmployees > 0');
    const badKind = setCell(wb, 'unitForms', { form: '611-8' }, 'kind', '合作社');
    const noForm = setCell(wb, 'unitForms', { form: '611-2' }, 'form', '611-9');
    const problems = await problemsOf(wb);
    expect(at(problems, unitForms.name, badKind, letter(unitForms, 'kind'))[0]?.message).toMatch(/单位类型“合作社”/);
    expect(at(problems, unitForms.name, badWhen, letter(unitForms, 'when'))[0]?.message).toMatch(/estEmployees/);
    expect(at(problems, unitForms.name, noForm, letter(unitForms, 'form'))[0]?.message).toMatch(/611-9/);
  });

  it('names a missing sheet and a missing required column', async () => {
    const wb = builtinWorkbook();
    wb.removeWorksheet(sheet(wb, 'forms').id);
    const items = sheet(wb, 'items');
    items.getRow(1).getCell(col(items, 'type')).value = null;
    const problems = await problemsOf(wb);
    expect(problems.find((p) => p.sheet === '表 forms' && p.row === 0)?.message).toMatch(/缺少工作表“表”.*forms sheet/);
    expect(problems.find((p) => p.sheet === '项目 items' && p.row === 1)?.message).toMatch(/缺少必需的列“类型”.*type/);
    // Not every rule naming an item of the sheet that could not be read.
    expect(problems).toHaveLength(2);
  });

  it('maps the shape problems checkPack finds (a rule id with a space, a label too long, a bad industry section) to their cells', async () => {
    const wb = builtinWorkbook();
    const row = setCell(wb, 'rules', { id: 'R611-HYPERMARKET-AREA' }, 'id', 'R611 HYPERMARKET');
    const labelRow = setCell(wb, 'items', { form: '611-3', name: 'taxes' }, 'label::zh', '税'.repeat(201));
    const rangeRow = setCell(wb, 'plausibility', { table: 'unit', section: 'B' }, 'section', 'BB');
    const problems = await problemsOf(wb);
    expect(problems, JSON.stringify(problems, null, 1)).toHaveLength(3);
    expect(problems[0]).toMatchObject({ sheet: '项目 items', row: labelRow, column: 'E', header: '中文标签 label::zh' });
    expect(problems[1]).toMatchObject({ sheet: '审核规则 rules', row, column: 'A', header: '规则编号 id' });
    expect(problems[2]).toMatchObject({ sheet: '合理区间 plausibility', row: rangeRow, column: 'B' });
  });

  it('reports a reason message of a rule that is not there, and an unknown column', async () => {
    const wb = builtinWorkbook();
    const row = setCell(wb, 'messages', { rule: 'R611-USCC-FORMAT', reason: 'LENGTH' }, 'rule', 'R611-USCC-FORMATT');
    const forms = sheet(wb, 'forms');
    forms.getRow(1).getCell(7).value = '负责人';
    forms.getRow(1).getCell(8).value = '# 我的备注';
    forms.getRow(2).getCell(8).value = '不读取';
    const problems = await problemsOf(wb);
    expect(problems.map((p) => [p.sheet, p.row, p.column])).toEqual([
      ['表 forms', 1, 'G'],
      ['分原因提示 messages', row, 'A'],
    ]);
  });
});

describe('headers and names as statisticians write them', () => {
  const headersOnly = (wb: ExcelJS.Workbook, pick: (zh: string, key: string) => string) => {
    for (const ws of wb.worksheets) {
      if (ws.name.startsWith('说明')) continue;
      const [zh = '', key = ''] = ws.name.split(' ');
      ws.name = pick(zh, key);
      ws.getRow(1).eachCell((cell) => {
        const [hz = '', hk = ''] = String(cell.value).split(' ');
        cell.value = pick(hz, hk);
      });
    }
  };

  it('accepts Chinese-only headers and sheet names, and Chinese severities and types', async () => {
    const wb = builtinWorkbook();
    headersOnly(wb, (zh) => zh);
    expect(sheet(wb, '项目').getRow(1).getCell(3).value).toBe('代码');
    setCell(wb, '项目', { 代码: 'employees', 表号: '611-2' }, '类型', '整数');
    setCell(wb, '审核规则', { 规则编号: 'R611-USCC-FORMAT' }, '类别', '强制性');
    const read = workbookToPack(await loadWorkbook(await workbookBytes(wb), 'zh.xlsx'));
    expect(read.problems).toEqual([]);
    expect(read.pack?.hash).toBe(builtinPack.hash);
  });

  it('accepts English-only headers (XLSForm style) and English severities', async () => {
    const wb = builtinWorkbook();
    headersOnly(wb, (_zh, key) => key);
    expect(sheet(wb, 'items').getRow(1).getCell(5).value).toBe('label::zh');
    setCell(wb, 'rules', { id: 'R611-USCC-FORMAT' }, 'severity', 'mandatory');
    const read = workbookToPack(await loadWorkbook(await workbookBytes(wb), 'en.xlsx'));
    expect(read.problems).toEqual([]);
    expect(read.pack?.hash).toBe(builtinPack.hash);
  });

  it('reads cells as Excel leaves them: numbers typed into code cells, a date cell, rich text', async () => {
    const wb = builtinWorkbook();
    const dateRow = setCell(wb, 'settings', { key: 'date' }, 'value', new Date(Date.UTC(2023, 11, 1)));
    sheet(wb, 'settings').getRow(dateRow).getCell(2).numFmt = 'yyyy-mm-dd';
    setCell(wb, 'settings', { key: 'settings.revenueChange' }, 'value', '0.6');
    setCell(wb, 'items', { form: '611', name: 'name' }, 'label::zh', { richText: [{ text: '单位' }, { font: { bold: true }, text: '详细名称' }] });
    const choices = sheet(wb, 'choices');
    const codeRow = rowWhere(choices, { list_name: 'operatingStatus' });
    const code = String(choices.getRow(codeRow).getCell(col(choices, 'name')).value);
    choices.getRow(codeRow).getCell(col(choices, 'name')).value = Number(code);
    const read = workbookToPack(await loadWorkbook(await workbookBytes(wb), 'excel.xlsx'));
    expect(read.problems).toEqual([]);
    expect(read.pack?.codeLists.find((l) => l.id === 'operatingStatus')?.entries[0]?.code).toBe(code);
    expect(read.pack?.date).toBe('2023-12-01');
    expect(read.pack?.settings.revenueChange).toBe(0.6);
    expect(read.pack?.forms[0]?.sections[0]?.items.find((i) => i.code === 'name')?.labelZh).toBe('单位详细名称');
    expect(read.pack?.hash).not.toBe(builtinPack.hash);
  });
});

describe('a file that is not a workbook', () => {
  it('gets a clear message for random bytes, a damaged .xlsx and an old .xls', async () => {
    await expect(loadWorkbook(new TextEncoder().encode('id,name\n1,a\n'), 'a.xlsx')).rejects.toThrow(/a.xlsx 不是 Excel 工作簿（.xlsx） \/ a.xlsx is not an Excel workbook/);
    const bytes = await workbookBytes(builtinWorkbook());
    const damaged = bytes.slice(0, Math.floor(bytes.length / 2));
    const error = await loadWorkbook(damaged, 'b.xlsx').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkbookFileError);
    expect((error as Error).message).toMatch(/b.xlsx 已损坏.* \/ b.xlsx is damaged/);
    await expect(loadWorkbook(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]), 'c.xls')).rejects.toThrow(/旧版 Excel/);
  });
});
