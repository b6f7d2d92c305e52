import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { normaliseIdentifier } from '@shared/census/identifiers';
import { readTable } from '@shared/node/tables/read-table';
import { recogniseHeader, revenueInThousands, parseFrameNumber, parseKind } from '@shared/registration/frame-columns';
import type { Table } from '@shared/tables/table';
import type { PackRegistry } from '@shared/packs/registry';
import type { LoadedPack } from '@shared/packs/load';
import type { FormSpec, FormValues, Item } from '@shared/forms/types';
import { INDIVIDUAL_FORM, BASIC_FORM } from '@shared/forms/unit-forms';
import { FormsDoc } from '@shared/registration/registration';
import { AppError } from '@shared/result';
import { UnitKind } from '@shared/registration/units';

// Units to check, read from a file: JSON (an array of { id, kind, forms, lastYear? }) or a
// spreadsheet (CSV/XLSX, one unit per row, columns named by item code or by the Chinese label
// of a 611 / individual-form item, plus an id column). Anything unreadable is an InputError:
// the CLI exits 2 with its message.

export class InputError extends Error {
  override name = 'InputError';
}

export interface CheckUnit {
  id: string;
  kind: UnitKind;
  forms: Record<string, FormValues>;
  lastYear?: { revenue?: number; employees?: number };
  /** The pack the unit is checked with: the one it names (JSON formPack), else the one in force. */
  pack: LoadedPack;
}

const JsonUnit = z
  .object({
    id: z.union([z.string().min(1).max(64), z.number().int()]),
    kind: UnitKind,
    forms: FormsDoc,
    lastYear: z.object({ revenue: z.number().finite().optional(), employees: z.number().int().optional() }).strict().optional(),
    formPack: z.string().max(100).optional(),
  })
  .strict();
const JsonUnits = z.array(JsonUnit).max(100_000);

function fromJson(text: string, source: string, packs: PackRegistry): CheckUnit[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new InputError(`JSON 格式错误 / Malformed JSON in ${source}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const parsed = JsonUnits.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new InputError(`JSON 内容不符合格式（应为 [{ id, kind, forms }]）/ ${source} is not an array of { id, kind, forms }:\n  ${first.join('\n  ')}`);
  }
  const out: CheckUnit[] = [];
  for (const unit of parsed.data) {
    const pack = unit.formPack === undefined ? packs.current : packs.get(unit.formPack);
    if (!pack) {
      throw new InputError(
        `单位 ${unit.id}：表式包 ${unit.formPack ?? ''} 未提供（用 --pack 指定其文件）/ Unit ${unit.id}: form pack ${unit.formPack ?? ''} not given (name its file with --pack)`,
      );
    }
    for (const formId of Object.keys(unit.forms)) {
      if (!pack.form(formId)) throw new InputError(`单位 ${unit.id}：表式包 ${pack.ref} 没有表 ${formId} / Unit ${unit.id}: pack ${pack.ref} has no form '${formId}'`);
    }
    out.push({ id: String(unit.id), kind: unit.kind, forms: unit.forms, pack, ...(unit.lastYear ? { lastYear: unit.lastYear } : {}) });
  }
  return out;
}

const normalise = (s: string) => s.replace(/（/g, '(').replace(/）/g, ')').replace(/[\s\u3000]+/g, '').toLowerCase();

/** Header → item of a form's plain (non-repeating) items, by code or Chinese label. */
function itemsByHeader(spec: FormSpec): Map<string, Item> {
  const map = new Map<string, Item>();
  for (const section of spec.sections) {
    if (section.repeat) continue;
    for (const item of section.items) {
      map.set(normalise(item.code), item);
      if (!map.has(normalise(item.labelZh))) map.set(normalise(item.labelZh), item);
    }
  }
  return map;
}

const ID_HEADERS = new Set(['id', 'unitid', '编号', '单位编号', '单位id']);
const KIND_HEADERS = new Set(['kind', '单位类别', '单位种类']);
const YES = new Set(['是', 'true', '1', 'y', 'yes']);
const NO = new Set(['否', 'false', '0', 'n', 'no']);

function cellValue(item: Item, text: string): string | boolean {
  if (item.type === 'boolean') {
    const t = text.toLowerCase();
    if (YES.has(t)) return true;
    if (NO.has(t)) return false;
  }
  // A USCC or 组织机构代码 in its one normal form, as the form would store it (９１３５… → 9135…).
  if (item.type === 'uscc' || item.type === 'orgCode') return normaliseIdentifier(text);
  // Everything else as typed: the engine reads numbers from text and reports what it cannot.
  return text;
}

function fromTable(table: Table, pack: LoadedPack): { units: CheckUnit[]; ignored: string[] } {
  const basic = itemsByHeader(pack.form(BASIC_FORM) as FormSpec);
  const individual = itemsByHeader(pack.form(INDIVIDUAL_FORM) as FormSpec);
  const headers = table.headers.map(normalise);
  const idColumn = headers.findIndex((h) => ID_HEADERS.has(h));
  const kindColumn = headers.findIndex((h) => KIND_HEADERS.has(h));
  const lastYear = table.headers.map((h) => recogniseHeader(h));
  const ignored = table.headers.filter((h, i) => {
    const n = headers[i] ?? '';
    return i !== idColumn && i !== kindColumn && !basic.has(n) && !individual.has(n) && !lastYear[i]?.field?.startsWith('lastYear');
  });

  const units = table.rows.map((row): CheckUnit => {
    const cell = (i: number) => (row.cells[i] ?? '').trim();
    const unitType = headers.findIndex((h) => basic.get(h)?.code === 'unitType');
    // kind: its own column, else the 611 单位类型 (1 法人 / 2 产业活动单位); without either the row
    // is checked as a 611, whose rules then report the missing 单位类型.
    const kind = parseKind(kindColumn >= 0 ? cell(kindColumn) : '') ?? (unitType >= 0 && cell(unitType) === '2' ? 'establishment' : 'legal');
    const items = kind === 'individual' ? individual : basic;
    const values: FormValues = {};
    const figures: { revenue?: number; employees?: number } = {};
    headers.forEach((h, i) => {
      const text = cell(i);
      if (text === '' || i === idColumn || i === kindColumn) return;
      const item = items.get(h);
      if (item) values[item.code] = cellValue(item, text);
      const field = lastYear[i];
      const n = parseFrameNumber(text);
      if (field?.field === 'lastYearRevenue' && n !== undefined) figures.revenue = revenueInThousands(n, field.unit);
      if (field?.field === 'lastYearEmployees' && n !== undefined) figures.employees = n;
    });
    const id = idColumn >= 0 && cell(idColumn) !== '' ? cell(idColumn) : `row-${row.rowNo}`;
    const formId = kind === 'individual' ? INDIVIDUAL_FORM : BASIC_FORM;
    return { id, kind, forms: { [formId]: values }, pack, ...(Object.keys(figures).length > 0 ? { lastYear: figures } : {}) };
  });
  return { units, ignored };
}

/** The units in `file`, and the spreadsheet columns that named no item (reported, not fatal). */
export async function readCheckInput(file: string, packs: PackRegistry): Promise<{ units: CheckUnit[]; ignored: string[] }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    throw new InputError(`无法读取文件 / Cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const name = path.basename(file);
  if (/\.json$/i.test(name)) return { units: fromJson(new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, ''), name, packs), ignored: [] };
  if (!/\.(csv|xlsx)$/i.test(name)) throw new InputError(`只支持 .csv、.xlsx 和 .json 文件 / Only .csv, .xlsx and .json files are supported: ${name}`);
  try {
    return fromTable(await readTable(name, bytes), packs.current);
  } catch (e) {
    if (e instanceof AppError) throw new InputError(e.message);
    throw e;
  }
}
