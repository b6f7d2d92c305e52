import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { analysisTables } from '@shared/analysis/tables';
import { analysisStore, putEnterprise, putSeries, T_BINHE, T_WENCHANG } from './helpers';

// The workbook of a month and of a quarter holds the page's tables (shared/analysis/tables.ts):
// read back, every row equals what the page shows — figures as numbers, "—" where there is none,
// the 提示 column with flags and missing months.

async function readBack(contentBase64: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(contentBase64, 'base64') as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0]?.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
}

describe('the analysis workbook', () => {
  it('reads back equal to the page’s tables, for a month and for a quarter', async () => {
    const s = analysisStore();
    putEnterprise(s.sqlite, 'e1', T_BINHE, '1371', 'above');
    putSeries(s.sqlite, 'e1', 2024, 'industrialOutput', [1005, 1200, null, 1300]);
    putSeries(s.sqlite, 'e1', 2023, 'industrialOutput', [1000, 1000, 1000, 1000]);
    putSeries(s.sqlite, 'e1', 2024, 'avgEmployees', [10, 11, 12, 13]);
    putEnterprise(s.sqlite, 'e2', T_WENCHANG, '5211', 'below');
    putSeries(s.sqlite, 'e2', 2024, 'retailSales', [90, 80, 70, 60]);
    putSeries(s.sqlite, 'e2', 2023, 'retailSales', [100, 100, 100, 100]);
    await s.ok('analysis:setTarget', { year: 2024, areaCode: T_WENCHANG, line: 'trade.retailSales', targetTenths: 65, note: '' });
    for (const period of [{ kind: 'month' as const, month: 2 }, { kind: 'quarter' as const, quarter: 1 }]) {
      const query = { year: 2024, period };
      const report = await s.ok('analysis:report', query);
      const file = await s.ok('analysis:exportXlsx', query);
      expect(file.fileName).toBe(period.kind === 'month' ? '沙坡头区2024年2月经济运行分析.xlsx' : '沙坡头区2024年第1季度经济运行分析.xlsx');
      const rows = await readBack(file.contentBase64);
      const tables = analysisTables(report);
      for (const table of tables) {
        const at = rows.findIndex((r) => r[0] === table.title.zh);
        expect(at).toBeGreaterThan(0);
        expect(rows[at + 1]).toEqual(table.columns.map((c) => c.zh));
        table.rows.forEach((r, i) => {
          const shown = [r.label, ...r.cells.map((c) => c.text)];
          const read = (rows[at + 2 + i] ?? []).map((v, j) => (j > 0 && /^-?\d+(\.\d+)?$/.test(v) && shown[j]?.includes('.') ? Number(v).toFixed(shown[j]?.split('.')[1]?.length ?? 0) : v));
          expect(read.slice(0, shown.length)).toEqual(shown.map((v) => v.replace(/^—$/, '—')));
        });
      }
      // The figures a reader checks first, as the page says them.
      const retail = tables.find((t) => t.key === 'trade.retailSales.township');
      const wenchang = retail?.rows.find((r) => r.key === T_WENCHANG);
      if (period.kind === 'month') {
        // 170 against 200: −15.0 %, below the 6.5 % target and negative.
        expect(wenchang?.cells.map((c) => c.text)).toEqual(['80', '100', '-20.0', '170', '200', '-15.0', '—', '—', '—', '-15.0', '1', '6.5', '负增长；低于目标']);
      } else {
        // e1 left March out: its 工业总产值 quarter and YTD say so and have no growth.
        const io = tables.find((t) => t.key === 'industry.industrialOutput.township')?.rows.find((r) => r.key === T_BINHE);
        expect(io?.cells.map((c) => c.text)).toEqual(['2205', '3000', '—', '2205', '3000', '—', '2205', '—', '—', '—', '—', '—', '缺报：本年1家缺3月']);
      }
    }
  });
});
