import type ExcelJS from 'exceljs';
import { severities, type Message, type Rule, type Severity } from '../../rules/types';
import { checkPack } from '../check';
import type { UnitKind } from '../../registration/units';
import type { FormPackBody, RevenueRange, ScaleBand, UnitFormEntry, ValueMove } from '../types';
import { key2, RowIndex } from './index-map';
import { headerText, SHEETS, type SheetKey } from './layout';
import { readCheck } from './params';
import { placeCell } from './places';
import { conditionCell, freeText, readForms, readLists, splitList } from './read-forms';
import { META_KEYS, metaBody, metaKey, SETTING_PREFIX, type MetaValues } from './settings';
import { findSheet, msg, Problems, readSheet, type RowReader, type SheetRead, type WorkbookProblem } from './sheet-reader';

// The authoring workbook → a pack body and every problem found, each at its sheet, row and
// column: first what the reader sees (missing sheets and columns, bad cells, duplicates, text
// that is not a condition), then everything checkPack finds in the assembled pack, mapped back
// to the cell it was read from (places.ts). A body is returned only when there is no problem;
// sealing it (the hash) is node-only: shared/node/pack-workbook.ts.

export interface WorkbookRead {
  body?: FormPackBody;
  problems: WorkbookProblem[];
}

const SEVERITY: Readonly<Record<string, Severity>> = { 强制性: 'mandatory', 强制: 'mandatory', 核实性: 'verify', 核实: 'verify', 提示性: 'hint', 提示: 'hint' };
const TABLE: Readonly<Record<string, 'unit' | 'individual'>> = { unit: 'unit', individual: 'individual', 单位: 'unit', 法人单位: 'unit', 个体: 'individual', 个体户: 'individual', 个体经营户: 'individual' };
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function readSettings(sheet: SheetRead | undefined, index: RowIndex, ws: ExcelJS.Worksheet | undefined): { meta: MetaValues; settings: Record<string, number | string> } {
  const meta: MetaValues = {};
  const settings: Record<string, number | string> = {};
  for (const row of sheet?.rows ?? []) {
    const key = row.text('key') ?? '';
    const value = row.text('value');
    if (key.startsWith(SETTING_PREFIX)) {
      const name = key.slice(SETTING_PREFIX.length);
      if (index.settings.has(key)) row.problem('key', msg(`设置 ${key} 重复`, `setting ${key} is listed twice`));
      index.settings.set(key, row.row);
      if (value === undefined) {
        row.problem('value', msg(`设置 ${key} 需要填写值`, `setting ${key} needs a value`));
        continue;
      }
      // A text cell stays text when formatted as text (as the export writes text settings);
      // otherwise a number typed as text is the number the user meant.
      const asText = !row.isNumberCell('value') && (ws?.getRow(row.row).getCell(sheet?.letters.get('value') ?? 'B').numFmt === '@' || !NUMBER.test(value));
      settings[name] = row.isNumberCell('value') ? (row.number('value') ?? 0) : asText ? row.raw('value') : Number(value);
      continue;
    }
    const found = metaKey(key);
    if (!found) {
      row.problem('key', msg(`未知的设置项“${key}”（表式包参数写作 settings.名称）`, `unknown setting “${key}” (pack settings are written settings.<name>)`));
      continue;
    }
    if (index.settings.has(found.field)) row.problem('key', msg(`设置项 ${key} 重复`, `${key} is listed twice`));
    index.settings.set(found.field, row.row);
    if (value === undefined) continue;
    if (found.kind === 'integer') {
      const n = row.number('value', { integer: true });
      if (n !== undefined) meta[found.field] = n;
    } else {
      // Identifiers trimmed; free text (titles, sources, notes) kept exactly as written.
      meta[found.field] = ['id', 'version', 'date', 'plausibilityVersion', 'scaleVersion'].includes(found.field) ? value : row.raw('value');
    }
  }
  return { meta, settings };
}

function readRules(sheets: { rules?: SheetRead; messages?: SheetRead }, index: RowIndex): Rule[] {
  const rules: (Rule & { byReason?: Record<string, Message> })[] = [];
  const byId = new Map<string, (typeof rules)[number]>();
  for (const row of sheets.rules?.rows ?? []) {
    const id = row.text('id') ?? '';
    if (byId.has(id)) row.problem('id', msg(`规则编号 ${id} 重复`, `rule id ${id} is used twice`));
    const severityText = row.text('severity') ?? '';
    const severity = (severities as readonly string[]).includes(severityText.toLowerCase()) ? (severityText.toLowerCase() as Severity) : SEVERITY[severityText];
    if (!severity && severityText !== '') {
      row.problem('severity', msg(`类别“${severityText}”应为 强制性、核实性 或 提示性`, `severity “${severityText}” must be mandatory, verify or hint`));
    }
    const check = readCheck({ check: row.text('check') ?? '', params: row.raw('params'), expression: row.raw('expression'), show: row.raw('show') });
    if (!check.ok && row.text('check') !== undefined) row.problem(check.column, check.error);
    const rule: (typeof rules)[number] = {
      id,
      formId: row.text('form') ?? '',
      severity: severity ?? 'hint',
      items: splitList(row.text('items')),
      check: check.ok ? check.check : { fn: 'required' },
      messageZh: freeText(row, 'message::zh') ?? '',
      messageEn: freeText(row, 'message::en') ?? '',
      version: row.text('version') ?? '',
      source: freeText(row, 'source') ?? '',
    };
    const when = conditionCell(row, 'when');
    if (when) rule.when = when;
    index.rules.push(row.row);
    index.ruleById.set(id, row.row);
    byId.set(id, rule);
    rules.push(rule);
  }
  for (const row of sheets.messages?.rows ?? []) {
    const id = row.text('rule') ?? '';
    const reason = row.text('reason') ?? '';
    const rule = byId.get(id);
    if (!rule) {
      row.problem('rule', msg(`规则 ${id} 不在“审核规则”工作表中`, `rule ${id} is not on the rules sheet`));
      continue;
    }
    rule.byReason ??= {};
    if (Object.hasOwn(rule.byReason, reason)) row.problem('reason', msg(`规则 ${id} 的原因 ${reason} 重复`, `reason ${reason} of rule ${id} is listed twice`));
    rule.byReason[reason] = { zh: freeText(row, 'message::zh') ?? '', en: freeText(row, 'message::en') ?? '' };
    index.reasonById.set(key2(id, reason), row.row);
  }
  return rules;
}

const KIND: Readonly<Record<string, UnitKind>> = {
  legal: 'legal',
  establishment: 'establishment',
  individual: 'individual',
  法人单位: 'legal',
  法人: 'legal',
  产业活动单位: 'establishment',
  个体经营户: 'individual',
  个体户: 'individual',
};

function readUnitForms(sheet: SheetRead | undefined, index: RowIndex): Record<UnitKind, UnitFormEntry[]> {
  const out: Record<UnitKind, UnitFormEntry[]> = { legal: [], establishment: [], individual: [] };
  for (const row of sheet?.rows ?? []) {
    const kindText = row.text('kind') ?? '';
    const kind = KIND[kindText.toLowerCase()] ?? KIND[kindText];
    if (!kind) {
      if (kindText !== '') row.problem('kind', msg(`单位类型“${kindText}”应为 法人单位、产业活动单位 或 个体经营户`, `unit kind “${kindText}” must be legal, establishment or individual`));
      continue;
    }
    const form = row.text('form') ?? '';
    const id = key2(kind, form);
    if (index.unitFormById.has(id)) row.problem('form', msg(`${kindText} 的表 ${form} 重复`, `form ${form} is listed twice for ${kind}`));
    index.unitFormById.set(id, row.row);
    if (!index.unitFormByKind.has(kind)) index.unitFormByKind.set(kind, row.row);
    const rows = index.unitFormRows.get(kind) ?? [];
    rows.push(row.row);
    index.unitFormRows.set(kind, rows);
    const when = conditionCell(row, 'when');
    out[kind].push(when ? { form, when } : { form });
  }
  return out;
}

function readMoves(sheet: SheetRead | undefined, index: RowIndex): ValueMove[] {
  const out: ValueMove[] = [];
  for (const row of sheet?.rows ?? []) {
    index.moves.push(row.row);
    const when = conditionCell(row, 'when');
    const move = { fromForm: row.text('from_form') ?? '', fromItem: row.text('from_item') ?? '', toForm: row.text('to_form') ?? '', toItem: row.text('to_item') ?? '' };
    out.push(when ? { ...move, when } : move);
  }
  return out;
}

function readPlausibility(sheet: SheetRead | undefined, index: RowIndex): FormPackBody['plausibility']['tables'] {
  const tables: Record<'unit' | 'individual', Record<string, RevenueRange>> = { unit: {}, individual: {} };
  for (const row of sheet?.rows ?? []) {
    const tableText = row.text('table') ?? '';
    const table = TABLE[tableText.toLowerCase()] ?? TABLE[tableText];
    const section = row.text('section') ?? '';
    const min = row.number('min');
    const max = row.number('max');
    if (!table) {
      if (tableText !== '') row.problem('table', msg(`对象“${tableText}”应为 unit（单位）或 individual（个体户）`, `table “${tableText}” must be unit or individual`));
      continue;
    }
    if (index.plausibility.has(`${table}.${section}`)) row.problem('section', msg(`合理区间 ${table} ${section} 重复`, `plausibility ${table} ${section} is listed twice`));
    index.plausibility.set(`${table}.${section}`, row.row);
    if (min !== undefined && max !== undefined) tables[table][section] = { min, max };
  }
  return tables;
}

const numbers = (row: RowReader, key: string): number[] =>
  splitList(row.text(key)).map((t) => {
    const n = Number(t);
    if (!Number.isFinite(n)) row.problem(key, msg(`“${t}”不是数字`, `“${t}” is not a number`));
    return n;
  });

/** The size bands of unitScale, when the workbook has the sheet's rows or its settings. */
function readScale(sheet: SheetRead | undefined, meta: MetaValues, index: RowIndex): Pick<FormPackBody, 'scaleBands'> {
  const rows = sheet?.rows ?? [];
  if (rows.length === 0 && meta.scaleVersion === undefined) return {};
  const bands = rows.map((row, i) => {
    const nameZh = freeText(row, 'band::zh') ?? '';
    index.scale.set(nameZh, row.row);
    index.scale.set(String(i), row.row);
    return {
      nameZh,
      nameEn: freeText(row, 'band::en') ?? '',
      industries: splitList(row.text('industries')),
      measures: splitList(row.text('measures')) as ScaleBand['measures'],
      large: numbers(row, 'large'),
      medium: numbers(row, 'medium'),
      small: numbers(row, 'small'),
    };
  });
  return { scaleBands: { version: String(meta.scaleVersion ?? ''), source: String(meta.scaleSource ?? ''), unitsZh: String(meta.scaleUnits ?? ''), bands } };
}

/** Reads a workbook; `body` only when no problem was found. */
export function readWorkbook(wb: ExcelJS.Workbook): WorkbookRead {
  const problems = new Problems();
  const sheets: Partial<Record<SheetKey, SheetRead>> = {};
  const worksheets: Partial<Record<SheetKey, ExcelJS.Worksheet>> = {};
  const sheetName = new Map<SheetKey, string>();
  // A missing sheet or column: what checkPack would find next are its consequences (every rule
  // naming an item of a sheet not read), so only these are reported.
  let structural = false;
  for (const layout of SHEETS) {
    const ws = findSheet(wb, layout);
    sheetName.set(layout.key, ws?.name ?? headerText(layout.zh, layout.key));
    if (!ws) {
      structural ||= layout.required;
      if (layout.required) problems.add({ sheet: headerText(layout.zh, layout.key), row: 0, column: '', header: '', message: msg(`缺少工作表“${layout.zh}”（${layout.key}）`, `the ${layout.key} sheet (${layout.zh}) is missing`) });
      continue;
    }
    worksheets[layout.key] = ws;
    const read = readSheet(ws, layout, problems);
    if (read) sheets[layout.key] = read;
    else structural = true;
  }
  if (structural) return { problems: problems.list };

  const index = new RowIndex();
  const { meta, settings } = readSettings(sheets.settings, index, worksheets.settings);
  if (sheets.settings) {
    for (const k of META_KEYS) {
      if (k.required && meta[k.field] === undefined) {
        const row = index.settings.get(k.field);
        problems.add({ sheet: sheets.settings.name, row: row ?? 0, column: row ? (sheets.settings.letters.get('value') ?? '') : '', header: row ? (sheets.settings.headers.get('value') ?? '') : '', message: msg(`缺少设置项 ${k.key}（${k.zh}）`, `setting ${k.key} is missing`) });
      }
    }
  }
  const { forms, inlineUsed } = readForms(sheets, index);
  const codeLists = readLists(sheets, inlineUsed, forms, index);
  const unitForms = readUnitForms(sheets.unitForms, index);
  const rules = readRules(sheets, index);
  const tables = readPlausibility(sheets.plausibility, index);
  const moves = readMoves(sheets.moves, index);
  const body = {
    ...metaBody(meta),
    settings,
    forms,
    unitForms,
    codeLists,
    rules,
    plausibility: { version: String(meta.plausibilityVersion ?? ''), source: String(meta.plausibilitySource ?? ''), tables },
    ...(moves.length > 0 ? { moves } : {}),
    ...readScale(sheets.scale, meta, index),
  } as unknown as FormPackBody; // its shape is what checkPack checks next

  const formIndex = (id: string) => forms.findIndex((f) => f.id === id);
  const listIndex = (id: string) => codeLists.findIndex((l) => l.id === id);
  for (const p of checkPack(body)) {
    const cell = placeCell(p.place, index, formIndex, listIndex);
    const read = sheets[cell.sheet];
    const column = cell.row > 0 ? (read?.letters.get(cell.column) ?? '') : '';
    problems.add(
      { sheet: sheetName.get(cell.sheet) ?? cell.sheet, row: cell.row, column, header: column ? (read?.headers.get(cell.column) ?? '') : '', message: p.message },
      { fromCheck: true },
    );
  }
  if (problems.list.length === 0) return { body, problems: [] };
  // In the order a statistician walks the workbook: sheet by sheet, top to bottom (stable).
  const order = [...sheetName.values()];
  const sorted = [...problems.list].sort((a, b) => order.indexOf(a.sheet) - order.indexOf(b.sheet) || a.row - b.row);
  return { problems: sorted };
}
