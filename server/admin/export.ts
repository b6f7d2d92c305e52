import ExcelJS from 'exceljs';
import fs from 'node:fs';
import { csvField, inertWorkbook } from '@shared/files/export-cells';
import { canonicalJson, type JsonValue } from '@shared/sync/protocol';
import type { EntityState, ServerStore } from '../store/types';
import { AdminError } from './users';

// `census admin export-units <out.csv|out.xlsx>`: every unit's current state on the server,
// one row per unit, one column per field (form items as '611.revenue'), for the bureau's own
// analysis. Values are exported as stored: text as text, numbers as numbers, lists and
// documents as their JSON. Text a spreadsheet would run as a formula is made inert
// (shared/files/export-cells.ts): unit names and answers are typed by enumerators.

const FIRST = ['id', 'areaCode', 'kind', 'source', 'deleted'] as const;

function cell(value: JsonValue | undefined): string | number | boolean {
  if (value === undefined || value === null) return '';
  if (typeof value === 'object') return canonicalJson(value);
  return value;
}

export function unitTable(units: readonly EntityState[]): { header: string[]; rows: (string | number | boolean)[][] } {
  const fieldNames = new Set<string>();
  for (const u of units) for (const f of Object.keys(u.fields)) if (!f.startsWith('$') && f !== 'areaCode' && f !== 'kind') fieldNames.add(f);
  const rest = [...fieldNames].sort();
  const rows = units.map((u) => {
    const created = u.fields.$create;
    const identity = typeof created === 'object' && created !== null && !Array.isArray(created) ? created : {};
    const deleted = u.fields.$delete;
    return [
      u.entityId,
      u.scopeKey,
      cell(u.fields.kind ?? identity.kind),
      cell(identity.source),
      deleted !== undefined && deleted !== null ? 'yes' : '',
      ...rest.map((f) => cell(u.fields[f])),
    ];
  });
  return { header: [...FIRST, ...rest], rows };
}

export async function exportUnits(store: Pick<ServerStore, 'entityStates'>, out: string): Promise<number> {
  const isXlsx = /\.xlsx$/i.test(out);
  if (!isXlsx && !/\.csv$/i.test(out)) throw new AdminError('输出文件须为 .csv 或 .xlsx / the output must end in .csv or .xlsx');
  const units = await store.entityStates('unit', { isAll: true });
  const { header, rows } = unitTable(units);
  if (isXlsx) {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('units');
    sheet.addRow(header);
    for (const r of rows) sheet.addRow(r);
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    inertWorkbook(workbook);
    await workbook.xlsx.writeFile(out);
  } else {
    // A BOM so that Excel opens the UTF-8 Chinese text correctly; CRLF as RFC 4180 says.
    const lines = [header, ...rows].map((r) => r.map(csvField).join(','));
    fs.writeFileSync(out, `\uFEFF${lines.join('\r\n')}\r\n`);
  }
  return units.length;
}
