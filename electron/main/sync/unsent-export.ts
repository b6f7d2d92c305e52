import { format } from 'date-fns';
import { asc, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { AppDatabase } from '@db/open';
import { syncOutbox } from '@db/schema';
import type { EntityRegistry } from './registry';
import type { FileDownload } from '@shared/directory/directory';
import { refsOf } from '@shared/forms';
import { builtinPack } from '@shared/packs/builtin';
import { AppError } from '@shared/result';
import type { JsonValue, Op } from '@shared/sync/protocol';
import { readFork, logForkStep } from './fork';
import { whoActs } from './branch';
import { readStamp } from './identity';

// The changes this laptop has not got onto the server, as files the user keeps: the signed
// ops exactly as stored (JSON: support or the bureau can check every hash and load them
// elsewhere), and a summary people read (XLSX: unit, item, value, time). Meant for a forked
// store (fork.ts) before or instead of moving to a branch; it deletes nothing.

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Unit attributes in words (form items are named by their form spec). */
const attributeLabels: Readonly<Record<string, [zh: string, en: string]>> = {
  $create: ['新建单位', 'New unit'],
  $delete: ['删除单位', 'Unit deleted'],
  $resolve: ['冲突处理', 'Conflict resolved'],
  status: ['状态', 'Status'],
  name: ['单位名称', 'Name'],
  uscc: ['统一社会信用代码', 'USCC'],
  address: ['地址', 'Address'],
  industryCode: ['行业代码', 'Industry code'],
  areaCode: ['普查小区', 'Census sub-area'],
  kind: ['单位类型', 'Unit kind'],
  notFoundReason: ['找不到原因', 'Not-found reason'],
  outOfScopeReason: ['非普查对象原因', 'Reason not in census scope'],
  explanations: ['核实说明', 'Explanations'],
  frameRow: ['底册行', 'Frame row'],
  divisionCode: ['区划代码', 'Division code'],
};

function fieldLabel(field: string): [string, string] {
  const known = attributeLabels[field];
  if (known) return known;
  if (field.startsWith('review.')) return ['审核记录', 'Review event'];
  const [formId = '', code = '', row] = field.split('.');
  // Labels as the built-in pack names the items: the sync engine knows no capability's data,
  // and an item a later pack added shows its code.
  const spec = builtinPack().form(formId);
  const item = spec ? refsOf(spec).get(field.split('.').at(-1) ?? code)?.item : undefined;
  if (!spec || !item) return [field, field];
  const place = row === undefined ? '' : ` #${Number(row) + 1}`;
  return [`${spec.printedNo ?? spec.titleZh} · ${item.labelZh}${place}`, `Form ${formId} · ${item.labelEn}${place}`];
}

function valueText(op: Op): string {
  const v: JsonValue = op.value;
  if (op.field === '$create' && typeof v === 'object' && v !== null && !Array.isArray(v)) {
    const fields = v.fields;
    const name = typeof fields === 'object' && fields !== null && !Array.isArray(fields) ? fields.name : undefined;
    return `${typeof name === 'string' ? name : ''}（普查小区 ${String(v.areaCode ?? '')}）`;
  }
  if (v === null) return '（清空 / cleared）';
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  return text.length > 500 ? `${text.slice(0, 497)}…` : text;
}

const localTime = (iso: string): string => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : format(d, 'yyyy-MM-dd HH:mm:ss');
};

/** The unsent changes as [JSON, XLSX]; refuses when nothing waits. Logged as a fork step. */
export async function exportUnsent(db: AppDatabase, now: Date, userName: string, registry: EntityRegistry): Promise<FileDownload[]> {
  const rows = db
    .select({ seq: syncOutbox.seq, op: syncOutbox.op, status: syncOutbox.status })
    .from(syncOutbox)
    .where(inArray(syncOutbox.status, ['pending', 'unsealed']))
    .orderBy(asc(syncOutbox.seq))
    .all();
  if (rows.length === 0) throw new AppError('RULE_VIOLATION', '没有未上传的修改 / No unsent changes to export');
  const ops = rows.map((r) => JSON.parse(r.op) as Op);
  const names = new Map<string, string>();
  for (const entity of new Set(ops.map((o) => o.entity))) {
    for (const [id, name] of registry.names([...new Set(ops.filter((o) => o.entity === entity).map((o) => o.entityId))], entity)) names.set(id, name);
  }
  const stamp = readStamp(db);
  const fork = readFork(db);
  const who = whoActs(db, userName);
  const at = now.toISOString();
  const base = `未上传修改-unsent-${stamp.deviceId}-${format(now, 'yyyyMMdd-HHmm')}`;

  const document = {
    kind: 'census-field/unsent-ops',
    version: 1,
    exportedAt: at,
    exportedBy: who,
    deviceId: stamp.deviceId,
    fork: fork ? { seq: fork.seq, detectedAt: fork.detectedAt, detail: fork.detail } : null,
    // As stored and signed: each op's hash covers its content, prevHash links it to the one before.
    ops,
  };
  const json: FileDownload = {
    fileName: `${base}.json`,
    mimeType: 'application/json',
    contentBase64: Buffer.from(JSON.stringify(document, null, 1), 'utf8').toString('base64'),
  };

  const wb = new ExcelJS.Workbook();
  wb.creator = 'Census Field';
  const sheet = wb.addWorksheet('未上传修改 Unsent');
  sheet.addRow([`本机未上传的修改 / Changes not on the server — 设备 device ${stamp.deviceId}，导出 exported ${localTime(at)} by ${who}`]);
  if (fork) sheet.addRow([`本机数据与服务器记录不一致：自第 ${fork.seq} 条起 / This laptop's records part from the server's at seq ${fork.seq}`]);
  const header = sheet.addRow(['序号 Seq', '单位编号 Unit id', '单位名称 Unit', '项目', 'Item', '值 Value', '修改时间 Time', '修改人 User']);
  header.font = { bold: true };
  for (const op of ops) {
    const [zh, en] = fieldLabel(op.field);
    sheet.addRow([op.seq, op.entityId, names.get(op.entityId) ?? '', zh, en, valueText(op), localTime(op.at), op.userId]);
  }
  sheet.views = [{ state: 'frozen', ySplit: header.number }];
  for (const [col, width] of [[2, 30], [3, 28], [4, 30], [5, 30], [6, 40], [7, 20]] as const) sheet.getColumn(col).width = width;
  const xlsx: FileDownload = { fileName: `${base}.xlsx`, mimeType: XLSX_MIME, contentBase64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') };

  db.transaction((tx) => logForkStep(tx, at, 'export', `${who} exported ${ops.length} unsent changes (seq ${ops[0]?.seq ?? 0}–${ops.at(-1)?.seq ?? 0}) of device ${stamp.deviceId}`));
  return [json, xlsx];
}
