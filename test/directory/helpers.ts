import ExcelJS from 'exceljs';
import { updateSettings } from '@main/session/settings-queries';
import { createHandlers } from '@main/handlers';
import { dispatch } from '@main/ipc/dispatch';
import type { SyncService } from '@main/sync/service';
import type { Channel, Input, Output } from '@shared/ipc/contract';
import type { IndicatorKey } from '@shared/ledger/indicators';
import type { Result } from '@shared/result';
import { openMemoryStore } from '../helpers/store';
import { usccOfSerial } from '../helpers/uscc';

// A store with the real migrations and the real handler table, called through dispatch() as the
// renderer would (inputs parsed by the contract), for the directory tests.

/** A valid, real-shaped USCC from a serial of up to 8 digits or capitals. */
export const uscc = (serial: string): string => usccOfSerial(serial);

export const TOWNSHIP = '640502100';
export const VILLAGE = '640502100201';
export const OTHER_VILLAGE = '640502001001';

export function directoryStore(opts: { now?: () => Date } = {}) {
  const store = openMemoryStore();
  updateSettings(store.db, { userName: '王敏', deviceName: 'township-pc' });
  const handlers = createHandlers({
    db: store.db,
    info: { version: '0.0.0', schemaVersion: store.schemaVersion, shell: 'web', storePath: ':memory:', isEncrypted: false },
    now: opts.now ?? (() => new Date('2024-06-15T08:00:00Z')),
    // The directory never calls sync; the table needs the slot filled.
    sync: {} as SyncService,
  });
  async function call<C extends Channel>(channel: C, input?: Input<C>): Promise<Result<Output<C>>> {
    return (await dispatch(handlers, channel, input, { shell: 'web' }, { logError: () => undefined })) as Result<Output<C>>;
  }
  async function ok<C extends Channel>(channel: C, input?: Input<C>): Promise<Output<C>> {
    const r = await call(channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
    return r.value;
  }
  return { ...store, handlers, call, ok };
}

export type DirectoryStore = ReturnType<typeof directoryStore>;

export async function addEnterprise(s: DirectoryStore, serial: string, extra: Partial<Input<'enterprises:save'>['fields']> = {}) {
  return s.ok('enterprises:save', {
    fields: { uscc: uscc(serial), name: `沙坡头测试企业${serial}`, divisionCode: VILLAGE, industryCode: '5211', ...extra },
  });
}

/** A 1×1 PNG: real image bytes, so the type check against the content has something to check. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

/** Enters ledger cells [month, indicator, value] of a year, naming the values currently shown. */
export async function enter(s: DirectoryStore, id: string, year: number, cells: [number, IndicatorKey, number | null][]) {
  const view = await s.ok('ledger:getYear', { enterpriseId: id, year });
  return s.ok('ledger:saveCells', {
    enterpriseId: id,
    year,
    cells: cells.map(([month, indicator, to]) => ({ month, indicator, from: view.months[month - 1]?.[indicator] ?? null, to })),
  });
}

/** An XLSX file from base64, opened with exceljs (which types its input as an ArrayBuffer). */
export async function openXlsx(contentBase64: string): Promise<ExcelJS.Workbook> {
  const bytes = Buffer.from(contentBase64, 'base64');
  const data = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(data).set(bytes);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data);
  return wb;
}
