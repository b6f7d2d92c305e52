import fs from 'node:fs';
import path from 'node:path';
import { readTable } from '@shared/node/tables/read-table';
import { assertFrameColumns, checkFrameRows, frameKey } from '@shared/registration/frame-rows';
import { initialForms } from '@shared/registration/initial-forms';
import type { JsonValue } from '@shared/sync/protocol';
import type { ServerStore } from '../store/types';
import { currentPackRef } from '../forms/publish';
import { AdminError } from './users';
import { type FieldWrite, newUnitId, pushServerWrites } from './server-ops';

// `census admin import-frame <file>`: a listing frame (底册) for an area, loaded on the server
// so every laptop assigned to the area receives its units by pull. The file is read and
// checked by the same frame reader and row checks the laptop's import uses
// (shared/node/tables/read-table.ts, shared/registration/frame-*.ts), so both accept the same columns and report the same row problems; the units get the
// same fields the laptop import writes. Rows with errors and units already present (same area
// and USCC, or same area and name) are skipped, so importing a file twice adds nothing.

export interface FrameImportReport {
  imported: number;
  skippedErrors: { rowNo: number; messages: string[] }[];
  skippedPresent: number;
  rejectedOps: number;
}

const text = (v: JsonValue | undefined): string => (typeof v === 'string' ? v : '');

async function presentKeys(store: ServerStore): Promise<Set<string>> {
  const keys = new Set<string>();
  for (const unit of await store.entityStates('unit', { isAll: true })) {
    const f = unit.fields;
    if (f.$delete !== undefined && f.$delete !== null) continue;
    const uscc = text(f.uscc);
    const name = text(f.name);
    if (uscc !== '') keys.add(frameKey(unit.scopeKey, uscc, name));
    keys.add(frameKey(unit.scopeKey, '', name));
  }
  return keys;
}

export async function importFrame(
  store: ServerStore,
  file: string,
  opts: { userId: string; appVersion: string; county?: string },
): Promise<FrameImportReport> {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    throw new AdminError(`无法读取 ${file} / cannot read ${file}: ${(e as Error).message}`);
  }
  let table;
  try {
    table = await readTable(path.basename(file), bytes);
  } catch (e) {
    throw new AdminError((e as Error).message);
  }
  try {
    assertFrameColumns(table.headers, path.basename(file));
  } catch (e) {
    throw new AdminError((e as Error).message);
  }
  const { rows } = checkFrameRows(table, opts.county ? { county: opts.county } : {});
  const present = await presentKeys(store);
  // Units record the pack they are filled under: the one in force on the server now.
  const formPack = await currentPackRef(store);
  const writes: FieldWrite[] = [];
  const report: FrameImportReport = { imported: 0, skippedErrors: [], skippedPresent: 0, rejectedOps: 0 };
  for (const row of rows) {
    if (row.errors.length > 0 || row.kind === null) {
      report.skippedErrors.push({ rowNo: row.rowNo, messages: row.errors.map((e) => `${e.column}: ${e.messageZh}`) });
      continue;
    }
    if (present.has(row.key)) {
      report.skippedPresent += 1;
      continue;
    }
    present.add(row.key);
    const id = newUnitId();
    const add = (field: string, value: JsonValue) => writes.push({ entityId: id, field, value });
    add('$create', { areaCode: row.areaCode, kind: row.kind, source: 'frame' });
    add('status', 'not_started');
    add('formPack', formPack);
    add('name', row.name);
    if (row.uscc !== '') add('uscc', row.uscc);
    if (row.address !== '') add('address', row.address);
    if (row.industryCode !== '') add('industryCode', row.industryCode);
    add('frameRow', row.raw);
    for (const [formId, values] of Object.entries(initialForms(row.kind, row))) {
      for (const [item, value] of Object.entries(values)) add(`${formId}.${item}`, value);
    }
    report.imported += 1;
  }
  const pushed = await pushServerWrites(store, writes, opts);
  report.rejectedOps = pushed.rejected.length;
  return report;
}
