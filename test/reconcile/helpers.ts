import ExcelJS from 'exceljs';
import { createHandlers } from '@main/handlers';
import { dispatch } from '@main/ipc/dispatch';
import type { SyncService } from '@main/sync/service';
import type { Channel, Input, Output } from '@shared/ipc/contract';
import type { FileDownload } from '@shared/directory/directory';
import type { Result } from '@shared/result';
import { reviewWorld, type ReviewWorld } from '../review/helpers';

// The review world (registration + review on one store and clock) with the real handler table
// on the same store, called through dispatch() as the renderer calls it; and 快报 workbooks as
// Excel writes them.

export function reconcileWorld() {
  const world: ReviewWorld = reviewWorld();
  const handlers = createHandlers({
    db: world.store.db,
    info: { version: '0.0.0', schemaVersion: world.store.schemaVersion, shell: 'web', storePath: ':memory:', isEncrypted: false },
    now: () => world.clock.now,
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
  return { ...world, call, ok };
}

export type ReconcileWorld = ReturnType<typeof reconcileWorld>;

export const UNIT_HEADER = ['统一社会信用代码', '组织机构代码', '单位详细名称', '专业', '行业代码', '区划代码', '营业收入（千元）', '从业人员（人）'];

export type UnitLine = [uscc: string, org: string, name: string, profession: string, industry: string, division: string, revenue: number | string, employees: number | string];

/**
 * A 快报 workbook as Excel exports one: a merged title row above the header, codes as text,
 * figures as numbers; a 汇总 sheet when totals are given.
 */
export async function annualWorkbook(units: readonly UnitLine[], totals: readonly (string | number)[][] = [], header: readonly string[] = UNIT_HEADER): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('单位明细');
  sheet.addRow(['2023年沙坡头区规模以上单位年度快报']);
  sheet.mergeCells(1, 1, 1, header.length);
  sheet.addRow([...header]);
  for (const u of units) sheet.addRow([...u].slice(0, header.length));
  if (totals.length > 0) {
    const t = wb.addWorksheet('汇总');
    t.addRow(['分组', '代码', '名称', '单位数（个）', '营业收入（千元）', '从业人员（人）']);
    for (const row of totals) t.addRow(row);
  }
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

export async function readWorkbook(file: FileDownload): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  const bytes = Buffer.from(file.contentBase64, 'base64');
  const data = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(data).set(bytes);
  await wb.xlsx.load(data);
  return wb;
}

/** A sheet's rows as cell values (numbers stay numbers, blanks are ''). */
export function sheetRows(wb: ExcelJS.Workbook, name: string): (string | number)[][] {
  const sheet = wb.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  const rows: (string | number)[][] = [];
  sheet.eachRow((row) => {
    const cells: (string | number)[] = [];
    for (let c = 1; c <= row.cellCount; c++) {
      const v = row.getCell(c).value;
      cells.push(typeof v === 'number' ? v : v === null || v === undefined ? '' : String(v));
    }
    rows.push(cells);
  });
  return rows;
}
