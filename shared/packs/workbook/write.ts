import ExcelJS from 'exceljs';
import { itemTypes } from '../../forms/types';
import { severityZh } from '../../rules/types';
import type { FormPack } from '../types';
import { conditionText } from './condition-text';
import { GUIDE_SHEET, headerText, inlineListName, SHEETS, sheetLayout, type SheetKey } from './layout';
import { checkCells } from './params';
import { META_KEYS, settingKey } from './settings';

// A pack as the authoring workbook (layout.ts): one sheet per part, header row frozen, Chinese
// header first, code-like columns formatted as text so Excel keeps '01' and '2023.10'. The
// reader (read.ts) turns it back into the same pack: test/packs/workbook-roundtrip.test.ts.

type Row = Record<string, string | number | undefined>;

const join = (values: readonly string[] | undefined) => (values && values.length > 0 ? values.join(', ') : undefined);

function addSheet(wb: ExcelJS.Workbook, key: SheetKey, rows: readonly Row[]): void {
  const layout = sheetLayout(key);
  const ws = wb.addWorksheet(headerText(layout.zh, layout.key), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = layout.columns.map((col) => ({
    header: headerText(col.zh, col.key),
    key: col.key,
    width: col.width,
    style: { alignment: { vertical: 'top', wrapText: col.width >= 30 }, ...(col.text ? { numFmt: '@' } : {}) },
  }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle' };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
  for (const row of rows) {
    const clean: Row = {};
    for (const [k, v] of Object.entries(row)) if (v !== undefined && v !== '') clean[k] = v;
    ws.addRow(clean);
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: layout.columns.length } };
  for (const [column, values] of Object.entries(PICK_LISTS[key] ?? {})) pickList(ws, layout.columns.findIndex((c) => c.key === column) + 1, rows.length, values);
}

// Drop-down lists for the columns with a fixed set of values. A warning, not a refusal: the
// reader also accepts the Chinese names (整数, 强制性 …) and reports anything else.
const PICK_LISTS: Partial<Record<SheetKey, Record<string, readonly string[]>>> = {
  items: { type: itemTypes },
  unitForms: { kind: ['法人单位', '产业活动单位', '个体经营户'] },
  rules: { severity: Object.values(severityZh) },
  plausibility: { table: ['unit', 'individual'] },
};
/** Rows below the data that get the drop-down too, for rows a statistician adds. */
const SPARE_ROWS = 300;

function pickList(ws: ExcelJS.Worksheet, column: number, rows: number, values: readonly string[]): void {
  if (column < 1) return;
  const letter = ws.getColumn(column).letter;
  // One range, not a validation per cell: exceljs merges per-cell ones in text order (D10
  // before D2) and writes overlapping ranges, which Excel reports as a damaged file.
  // exceljs has sheet-level validations at run time but leaves them out of its types.
  (ws as ExcelJS.Worksheet & { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }).dataValidations.add(`${letter}2:${letter}${rows + 1 + SPARE_ROWS}`, {
    type: 'list',
    allowBlank: true,
    formulae: [`"${values.join(',')}"`],
    showErrorMessage: true,
    errorStyle: 'warning',
    errorTitle: '不在列表中 / not in the list',
    error: `可选 / choose: ${values.join(', ')}`,
  });
}

function guide(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet(GUIDE_SHEET);
  ws.columns = [
    { header: '工作表 sheet', width: 24 },
    { header: '内容 contents', width: 110 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const layout of SHEETS) ws.addRow([headerText(layout.zh, layout.key), layout.about]);
  const notes: [string, string][] = [
    ['条件 conditions', '显示条件、必填条件、适用条件和 assert 用 CEL 写法 / written in CEL syntax: institutionType == "10" && notEmpty(registrationCategory)'],
    ['', '文字加引号，数字不加 / text is quoted, numbers are not: x == "10" (代码) · x > 5 (数字)'],
    ['', 'x in ["10", "55"] · notIn(x, ["10", "55"]) · startsWithAny(industryCode, ["47", "48"]) · notStartsWithAny(…)'],
    ['', 'empty(x) 未填 · notEmpty(x) 已填 · isTrue(x) 是 · isFalse(x) 否 · && 且 · || 或 · !(…) 非'],
    ['', 'all(a) / any(a)：只有一个条件的组，或直接嵌在同类组中的组 / a group of one, or a group directly inside a group of its kind'],
    ['', '条件只能引用本表的项目 / a condition names items of its own form only'],
    ['必填 required', '是 / 否 / 条件 — yes, no, or a condition under which the item must be filled'],
    ['参数 params', '名称: 值; 名称: 值（列表用逗号）/ name: value; name: value (lists comma-separated): parts: a, b, c'],
    ['表达式 expression', 'expr 规则的 CEL 表达式（settings.名称 读取参数，f611.项目 读取另一张表），或 assert 规则的条件 / the CEL expression of an expr rule, or the condition of an assert rule'],
    ['类别 severity', '强制性 mandatory · 核实性 verify · 提示性 hint'],
    ['多选 codes', '类型 codes（多选代码）：可选代码表中的多个代码，按代码表顺序以逗号保存（“1,3”）；“最多选几项”限定个数；条件写 hasAny(x, ["1"]) 含其一 · hasNone(x, ["1"]) 均不含；表达式中为列表：\'1\' in x · x.size() / type codes: several codes, stored comma-joined in list order; max choices limits how many; conditions hasAny / hasNone; in expressions a list'],
    ['计算式 compute', '自动计算（带入）项目，不可填写：每行一个 CEL 表达式，取第一个所引用的其他表都是本单位填报表的表达式，如 f611_3.revenue（换行）f611_4.revenue；所引项目未填则结果为空（不再往下取）；结果类型须与项目类型一致；保存时写入，结果为空则保留原值 / a computed item: one CEL expression per line; the first whose other forms the unit fills is used; blank if an item it reads is blank; stored on save, a blank result keeps the old value'],
    ['', 'unitScale(industryCode, employees, revenue, assets)：按“规模划分”表返回 1 大型 / 2 中型 / 3 小型 / 4 微型，所需指标未填为空；“计算可为空”列出可以未填而仍传入的名称（如 employees, revenue, assets），未填数字按 NaN 传入 / unitScale by the size-bands sheet; names in compute_allow_blank reach the expression blank (a number as NaN)'],
    ['必填的计算项目 required', '计算项目必填时，未带入的提示指向来源表的项目（“请在611-2表填写…”） / a required computed item points at its source item when blank'],
    ['备注列 notes', '以 # 或“备注”开头的列不读取 / columns whose header starts with # or “备注” are not read'],
  ];
  for (const row of notes) ws.addRow(row);
  ws.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
}

/** The workbook of a pack (the hash is not written: `forms build` seals what it reads). */
export function packToWorkbook(pack: FormPack): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Census Field';
  wb.title = `${pack.id} ${pack.version}`;

  const settings: Row[] = META_KEYS.flatMap((meta) => {
    const value = meta.get(pack);
    return value === undefined ? [] : [{ key: meta.key, value, note: meta.zh }];
  });
  for (const [name, value] of Object.entries(pack.settings)) settings.push({ key: settingKey(name), value, note: '参数 setting' });
  addSheet(wb, 'settings', settings);
  // A setting's kind is the cell's kind: a text setting that looks like a number stays text.
  const settingSheet = wb.worksheets.at(-1);
  settingSheet?.eachRow((row, n) => {
    if (n > 1 && typeof row.getCell(2).value === 'string') row.getCell(2).numFmt = '@';
  });

  addSheet(
    wb,
    'forms',
    pack.forms.map((f) => ({ form: f.id, printed_no: f.printedNo, version: f.version, 'title::zh': f.titleZh, 'title::en': f.titleEn, source: f.source })),
  );
  const kindZh = { legal: '法人单位', establishment: '产业活动单位', individual: '个体经营户' } as const;
  addSheet(
    wb,
    'unitForms',
    (['legal', 'establishment', 'individual'] as const).flatMap((kind) =>
      pack.unitForms[kind].map((entry) => ({ kind: kindZh[kind], form: entry.form, when: entry.when ? conditionText(entry.when) : undefined })),
    ),
  );
  addSheet(
    wb,
    'sections',
    pack.forms.flatMap((f) =>
      f.sections.map((s) => ({
        form: f.id,
        section: s.id,
        'title::zh': s.titleZh,
        'title::en': s.titleEn,
        relevant: s.relevant ? conditionText(s.relevant) : undefined,
        repeat_min: s.repeat?.min,
        repeat_max: s.repeat?.max,
        'repeat_label::zh': s.repeat?.itemLabelZh,
        'repeat_label::en': s.repeat?.itemLabelEn,
      })),
    ),
  );
  const inline: Row[] = [];
  addSheet(
    wb,
    'items',
    pack.forms.flatMap((f) =>
      f.sections.flatMap((s) =>
        s.items.map((i) => {
          const lists = [i.codeList, i.options ? inlineListName(f.id, i.code) : undefined].filter((x) => x !== undefined);
          for (const o of i.options ?? []) inline.push({ list_name: inlineListName(f.id, i.code), name: o.code, 'label::zh': o.zh, 'label::en': o.en });
          return {
            form: f.id,
            section: s.id,
            name: i.code,
            type: i.type,
            'label::zh': i.labelZh,
            'label::en': i.labelEn,
            printed_no: i.printedNo,
            'unit::zh': i.unitZh,
            'unit::en': i.unitEn,
            list_name: join(lists),
            required: i.required === undefined ? undefined : typeof i.required === 'boolean' ? (i.required ? '是' : '否') : conditionText(i.required),
            'required_note::zh': i.requiredNoteZh,
            'required_note::en': i.requiredNoteEn,
            relevant: i.relevant ? conditionText(i.relevant) : undefined,
            'hint::zh': i.helpZh,
            'hint::en': i.helpEn,
            max_length: i.maxLength,
            min: i.min,
            max: i.max,
            renamed_from: join(i.renamedFrom),
            max_choices: i.maxChoices,
            compute: i.compute?.join('\n'),
            compute_allow_blank: join(i.computeAllowBlank),
          };
        }),
      ),
    ),
  );
  addSheet(wb, 'choices', [
    ...pack.codeLists.flatMap((l) =>
      l.entries.map((e) => ({ list_name: l.id, name: e.code, 'label::zh': e.zh, 'label::en': e.en, initials: e.initials, not_offered: e.notOffered })),
    ),
    ...inline,
  ]);
  addSheet(
    wb,
    'lists',
    pack.codeLists.map((l) => ({ list_name: l.id, 'title::zh': l.nameZh, 'title::en': l.nameEn, version: l.version, year: l.year, source: l.source })),
  );
  addSheet(
    wb,
    'rules',
    pack.rules.map((r) => ({
      id: r.id,
      form: r.formId,
      severity: severityZh[r.severity],
      items: r.items.join(', '),
      when: r.when ? conditionText(r.when) : undefined,
      ...checkCells(r.check),
      'message::zh': r.messageZh,
      'message::en': r.messageEn,
      version: r.version,
      source: r.source,
    })),
  );
  addSheet(
    wb,
    'messages',
    pack.rules.flatMap((r) => Object.entries(r.byReason ?? {}).map(([reason, m]) => ({ rule: r.id, reason, 'message::zh': m.zh, 'message::en': m.en }))),
  );
  addSheet(
    wb,
    'plausibility',
    (['unit', 'individual'] as const).flatMap((table) =>
      Object.entries(pack.plausibility.tables[table]).map(([section, range]) => ({ table, section, min: range.min, max: range.max })),
    ),
  );
  addSheet(
    wb,
    'scale',
    (pack.scaleBands?.bands ?? []).map((b) => ({
      'band::zh': b.nameZh,
      'band::en': b.nameEn,
      industries: join(b.industries),
      measures: join(b.measures),
      large: join(b.large.map(String)),
      medium: join(b.medium.map(String)),
      small: join(b.small.map(String)),
    })),
  );
  addSheet(
    wb,
    'moves',
    (pack.moves ?? []).map((m) => ({ from_form: m.fromForm, from_item: m.fromItem, to_form: m.toForm, to_item: m.toItem, when: m.when ? conditionText(m.when) : undefined })),
  );
  guide(wb);
  return wb;
}
