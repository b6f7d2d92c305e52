import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import builtin from '@shared/packs/builtin/wjp5-2023.json';
import { hashMatches } from '@shared/node/pack-hash';
import type { FormPack } from '@shared/packs/types';
import { loadWorkbook, workbookBytes, workbookToPack } from '@shared/node/pack-workbook';
import { packToWorkbook } from '@shared/packs/workbook/write';

const pack = builtin as unknown as FormPack;

describe('the built-in pack through the authoring workbook', () => {
  it('comes back unchanged, hash included, from the .xlsx bytes', async () => {
    expect(hashMatches(pack)).toBe(true);
    const bytes = await workbookBytes(packToWorkbook(pack));
    const back = workbookToPack(await loadWorkbook(bytes, 'wjp5.xlsx'));
    expect(back.problems).toEqual([]);
    expect(back.pack).toStrictEqual(JSON.parse(JSON.stringify(pack)));
    expect(back.pack?.hash).toBe(pack.hash);
  });

  it('is a workbook Excel reads: the sheets, a frozen Chinese-first header, text-formatted codes', async () => {
    const bytes = await workbookBytes(packToWorkbook(pack));
    // Excel refuses overlapping validation ranges as a damaged file: one range per drop-down.
    const { default: JSZip } = await import('jszip');
    const zip = await JSZip.loadAsync(bytes);
    const sheetXml = (await zip.file('xl/worksheets/sheet5.xml')?.async('string')) ?? '';
    expect(sheetXml.match(/<dataValidation /g)).toHaveLength(1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '设置 settings', '表 forms', '单位填报表 unitForms', '分组 sections', '项目 items', '代码 choices', '代码表 lists', '审核规则 rules', '分原因提示 messages', '合理区间 plausibility', '规模划分 scale', '迁移 moves', '说明 readme',
    ]);
    const items = wb.getWorksheet('项目 items');
    expect(items?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const itemCount = pack.forms.flatMap((f) => f.sections.flatMap((s) => s.items)).length;
    expect(items?.getRow(1).getCell(3).value).toBe('代码 name');
    // A drop-down of the item types, also on rows below the data for new items.
    expect(items?.getCell(`D${itemCount + 50}`).dataValidation).toMatchObject({ type: 'list', formulae: [expect.stringContaining('integer,money')] });
    expect(items?.actualRowCount).toBe(itemCount + 1);
    const rules = wb.getWorksheet('审核规则 rules');
    expect(rules?.actualRowCount).toBe(pack.rules.length + 1);
    // A national code '10' stays the text '10' (Excel would otherwise keep a number).
    const choices = wb.getWorksheet('代码 choices');
    expect(choices?.getRow(2).getCell(2).value).toBe(pack.codeLists[0]?.entries[0]?.code);
    expect(choices?.getColumn(2).numFmt).toBe('@');
    // Conditions are CEL text, not JSON.
    const when = rules?.getColumn(5).values.filter((v): v is string => typeof v === 'string') ?? [];
    expect(when).toContain('notStartsWithAny(industryCode, ["47", "48", "49", "50"])');
    expect(when.join('\n')).not.toContain('{');
    // Which forms a unit fills, with the condition on its primary form as text.
    const unitForms = wb.getWorksheet('单位填报表 unitForms');
    expect(unitForms?.getRow(1).getCell(1).value).toBe('单位类型 kind');
    const conditions = unitForms?.getColumn(3).values.filter((v): v is string => typeof v === 'string') ?? [];
    expect(conditions.some((c) => c.includes('accountingStandard'))).toBe(true);
  });
});
