import type { CodeEntry, CodeList } from '../../codes/types';
import { itemTypes, type Condition, type FormSpec, type Item, type ItemType, type Option, type Section } from '../../forms/types';
import { parseCondition } from './condition-text';
import { key2, type RowIndex } from './index-map';
import { isInlineList } from './layout';
import { msg, type RowReader, type SheetRead } from './sheet-reader';

// The forms, sections, items and choices sheets → forms and code lists, recording in RowIndex
// where each part came from. Every cell that does not fit is a problem on its cell; the part is
// still built (without the bad value) so the rest of the workbook is checked too.

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] };
type MSection = Omit<Mutable<Section>, 'items'> & { items: Mutable<Item>[] };
type MForm = Omit<Mutable<FormSpec>, 'sections'> & { sections: MSection[] };

const TYPE_ZH: Readonly<Record<string, ItemType>> = {
  文本: 'text',
  整数: 'integer',
  金额: 'money',
  小数: 'decimal',
  代码: 'code',
  多选: 'codes',
  多选代码: 'codes',
  年月: 'yearMonth',
  日期: 'date',
  电话: 'phone',
  电子邮箱: 'email',
  邮箱: 'email',
  网址: 'url',
  是否: 'boolean',
  区划代码: 'divisionCode',
  普查小区代码: 'areaCode',
  行业代码: 'industryCode',
  统一社会信用代码: 'uscc',
  组织机构代码: 'orgCode',
};
const YES = new Set(['是', 'true', 'yes', 'y', '1', '必填']);
const NO = new Set(['否', 'false', 'no', 'n', '0']);

export const splitList = (text: string | undefined): string[] => (text === undefined ? [] : text.split(/\s*[,，、;；]\s*|\s+/).filter((s) => s !== ''));

/** A condition cell: undefined when blank or unreadable (then a problem on the cell). */
export function conditionCell(row: RowReader, key: string): Condition | undefined {
  const text = row.text(key);
  if (text === undefined) return undefined;
  const parsed = parseCondition(text);
  if (!parsed.ok) {
    row.problem(key, parsed.error);
    return undefined;
  }
  return parsed.condition;
}

/** Free text keeps its spaces (labels round-trip exactly); blank is undefined. */
export const freeText = (row: RowReader, key: string): string | undefined => (row.text(key) === undefined ? undefined : row.raw(key));

function put<T extends object, K extends string, V>(target: T, key: K, value: V | undefined): void {
  if (value !== undefined) (target as Record<string, unknown>)[key] = value;
}

export function readForms(sheets: { forms?: SheetRead; sections?: SheetRead; items?: SheetRead }, index: RowIndex): { forms: MForm[]; inlineUsed: Map<string, Option[][]> } {
  const forms: MForm[] = [];
  const byId = new Map<string, MForm>();
  for (const row of sheets.forms?.rows ?? []) {
    const id = row.text('form') ?? '';
    if (byId.has(id)) row.problem('form', msg(`表号 ${id} 重复`, `form ${id} is listed twice`));
    const form: MForm = { id, version: row.text('version') ?? '', titleZh: freeText(row, 'title::zh') ?? '', titleEn: freeText(row, 'title::en') ?? '', source: freeText(row, 'source') ?? '', sections: [] };
    put(form, 'printedNo', row.text('printed_no'));
    index.forms.push(row.row);
    index.sections.push([]);
    index.items.push([]);
    index.options.push([]);
    index.formById.set(id, row.row);
    byId.set(id, form);
    forms.push(form);
  }
  const formAt = (form: MForm) => forms.indexOf(form);

  const sectionOf = new Map<string, MSection>();
  for (const row of sheets.sections?.rows ?? []) {
    const formId = row.text('form') ?? '';
    const form = byId.get(formId);
    if (!form) {
      row.problem('form', msg(`表 ${formId} 不在“表”工作表中`, `form ${formId} is not on the forms sheet`));
      continue;
    }
    const id = row.text('section') ?? '';
    if (sectionOf.has(key2(formId, id))) row.problem('section', msg(`表 ${formId} 的分组 ${id} 重复`, `section ${id} of form ${formId} is listed twice`));
    const section: MSection = { id, titleZh: freeText(row, 'title::zh') ?? '', titleEn: freeText(row, 'title::en') ?? '', items: [] };
    put(section, 'relevant', conditionCell(row, 'relevant'));
    const repeatKeys = ['repeat_min', 'repeat_max', 'repeat_label::zh', 'repeat_label::en'];
    if (repeatKeys.some((k) => row.text(k) !== undefined)) {
      const min = row.number('repeat_min', { integer: true });
      const max = row.number('repeat_max', { integer: true });
      const zh = freeText(row, 'repeat_label::zh');
      const en = freeText(row, 'repeat_label::en');
      for (const k of repeatKeys) {
        if (row.text(k) === undefined) row.problem(k, msg('重复分组需同时填写最少行数、最多行数和中英文行名称', 'a repeating section needs its minimum and maximum rows and its row name in both languages'));
      }
      if (min !== undefined && max !== undefined && zh !== undefined && en !== undefined) section.repeat = { min, max, itemLabelZh: zh, itemLabelEn: en };
    }
    const f = formAt(form);
    index.sections[f]?.push(row.row);
    index.items[f]?.push([]);
    index.options[f]?.push([]);
    index.sectionById.set(key2(formId, id), row.row);
    sectionOf.set(key2(formId, id), section);
    form.sections.push(section);
  }

  const inlineUsed = new Map<string, Option[][]>();
  const codesSeen = new Set<string>();
  for (const row of sheets.items?.rows ?? []) {
    const formId = row.text('form') ?? '';
    const sectionId = row.text('section') ?? '';
    const form = byId.get(formId);
    const section = sectionOf.get(key2(formId, sectionId));
    if (!form || !section) {
      if (!form) row.problem('form', msg(`表 ${formId} 不在“表”工作表中`, `form ${formId} is not on the forms sheet`));
      else row.problem('section', msg(`表 ${formId} 没有分组 ${sectionId}（见“分组”工作表）`, `form ${formId} has no section ${sectionId} (see the sections sheet)`));
      continue;
    }
    const code = row.text('name') ?? '';
    if (codesSeen.has(key2(formId, code))) row.problem('name', msg(`表 ${formId} 的项目代码 ${code} 重复`, `item code ${code} is used twice in form ${formId}`));
    codesSeen.add(key2(formId, code));
    const typeText = row.text('type') ?? '';
    const type = (itemTypes as readonly string[]).includes(typeText) ? (typeText as ItemType) : TYPE_ZH[typeText];
    if (!type && typeText !== '') row.problem('type', msg(`未知的类型“${typeText}”（可用：${itemTypes.join('、')}）`, `unknown type “${typeText}” (known: ${itemTypes.join(', ')})`));
    const item: Mutable<Item> = { code, labelZh: freeText(row, 'label::zh') ?? '', labelEn: freeText(row, 'label::en') ?? '', type: type ?? 'text' };
    put(item, 'printedNo', row.text('printed_no'));
    put(item, 'unitZh', freeText(row, 'unit::zh'));
    put(item, 'unitEn', freeText(row, 'unit::en'));
    const lists = splitList(row.text('list_name'));
    const national = lists.filter((l) => !isInlineList(l));
    const inline = lists.filter(isInlineList);
    if (national.length > 1 || inline.length > 1) {
      row.problem('list_name', msg('最多填一个代码表和一个 @ 选项表', 'name at most one code list and one @ option list'));
    }
    put(item, 'codeList', national[0]);
    if (inline[0] !== undefined) {
      const options: Option[] = [];
      item.options = options;
      const users = inlineUsed.get(inline[0]) ?? [];
      users.push(options);
      inlineUsed.set(inline[0], users);
    }
    const required = row.text('required');
    if (required !== undefined) {
      if (YES.has(required.toLowerCase())) item.required = true;
      else if (NO.has(required.toLowerCase())) item.required = false;
      else put(item, 'required', conditionCell(row, 'required'));
    }
    put(item, 'requiredNoteZh', freeText(row, 'required_note::zh'));
    put(item, 'requiredNoteEn', freeText(row, 'required_note::en'));
    put(item, 'relevant', conditionCell(row, 'relevant'));
    put(item, 'helpZh', freeText(row, 'hint::zh'));
    put(item, 'helpEn', freeText(row, 'hint::en'));
    put(item, 'maxLength', row.number('max_length', { integer: true }));
    put(item, 'min', row.number('min'));
    put(item, 'max', row.number('max'));
    const renamed = splitList(row.text('renamed_from'));
    if (renamed.length > 0) item.renamedFrom = renamed;
    put(item, 'maxChoices', row.number('max_choices', { integer: true }));
    // One expression per line: an expression may itself hold commas (unitScale(a, b, c)).
    const compute = (row.raw('compute') ?? '').split(/\r?\n/).map((t) => t.trim()).filter((t) => t !== '');
    if (compute.length > 0) item.compute = compute;
    const allowBlank = splitList(row.text('compute_allow_blank'));
    if (allowBlank.length > 0) item.computeAllowBlank = allowBlank;
    const f = formAt(form);
    const s = form.sections.indexOf(section);
    index.items[f]?.[s]?.push(row.row);
    index.options[f]?.[s]?.push([]);
    index.itemById.set(key2(formId, code), row.row);
    section.items.push(item);
  }
  return { forms, inlineUsed };
}

type MList = Omit<Mutable<CodeList>, 'entries'> & { entries: Mutable<CodeEntry>[] };

/** Code lists from the lists and choices sheets; inline option lists are filled into their items. */
export function readLists(sheets: { lists?: SheetRead; choices?: SheetRead }, inlineUsed: Map<string, Option[][]>, forms: readonly MForm[], index: RowIndex): MList[] {
  const lists: MList[] = [];
  const byId = new Map<string, MList>();
  for (const row of sheets.lists?.rows ?? []) {
    const id = row.text('list_name') ?? '';
    if (byId.has(id)) row.problem('list_name', msg(`代码表 ${id} 重复`, `code list ${id} is listed twice`));
    const list: MList = {
      id,
      nameZh: freeText(row, 'title::zh') ?? '',
      nameEn: freeText(row, 'title::en') ?? '',
      version: row.text('version') ?? '',
      source: freeText(row, 'source') ?? '',
      year: row.number('year', { integer: true }) ?? 0,
      entries: [],
    };
    index.lists.push(row.row);
    index.entries.push([]);
    index.listById.set(id, row.row);
    byId.set(id, list);
    lists.push(list);
  }
  // Choices rows of each inline list, to point an option's problem at its row.
  const inlineRows = new Map<string, number[]>();
  const undefinedLists = new Set<string>();
  for (const row of sheets.choices?.rows ?? []) {
    const name = row.text('list_name') ?? '';
    const code = row.text('name') ?? '';
    if (isInlineList(name)) {
      const users = inlineUsed.get(name);
      if (!users) {
        row.problem('list_name', msg(`没有项目使用选项表 ${name}（见“项目”工作表的“代码表”列）`, `no item uses option list ${name} (see the items sheet's list_name column)`));
        continue;
      }
      for (const options of users) options.push({ code, zh: freeText(row, 'label::zh') ?? '', en: freeText(row, 'label::en') ?? '' });
      inlineRows.set(name, [...(inlineRows.get(name) ?? []), row.row]);
      continue;
    }
    const list = byId.get(name);
    if (!list) {
      if (!undefinedLists.has(name)) row.problem('list_name', msg(`代码表 ${name} 未在“代码表”工作表中定义`, `code list ${name} is not defined on the lists sheet`));
      undefinedLists.add(name);
      continue;
    }
    if (index.codeById.has(key2(name, code))) row.problem('name', msg(`代码表 ${name} 中代码 ${code} 重复`, `code ${code} is used twice in list ${name}`));
    const entry: Mutable<CodeEntry> = { code, zh: freeText(row, 'label::zh') ?? '', en: freeText(row, 'label::en') ?? '', initials: row.raw('initials').trim() };
    put(entry, 'notOffered', freeText(row, 'not_offered'));
    index.entries[lists.indexOf(list)]?.push(row.row);
    index.codeById.set(key2(name, code), row.row);
    list.entries.push(entry);
  }
  forms.forEach((form, f) =>
    form.sections.forEach((section, s) =>
      section.items.forEach((item, i) => {
        const options = item.options;
        if (!options) return;
        const name = [...inlineUsed.entries()].find(([, users]) => users.some((u) => u === options))?.[0];
        const slot = index.options[f]?.[s];
        if (name !== undefined && slot) slot[i] = inlineRows.get(name) ?? [];
      }),
    ),
  );
  return lists;
}
