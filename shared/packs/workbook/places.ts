import type { PackPlace } from '../check';
import { key2, type Cell, type RowIndex } from './index-map';

// checkPack's places (and the zod paths inside them) → the workbook cell they were read from.

const FORM: Record<string, string> = { id: 'form', printedNo: 'printed_no', version: 'version', titleZh: 'title::zh', titleEn: 'title::en', source: 'source' };
const SECTION: Record<string, string> = {
  id: 'section',
  titleZh: 'title::zh',
  titleEn: 'title::en',
  relevant: 'relevant',
  repeat: 'repeat_min',
  min: 'repeat_min',
  max: 'repeat_max',
  itemLabelZh: 'repeat_label::zh',
  itemLabelEn: 'repeat_label::en',
};
const ITEM: Record<string, string> = {
  code: 'name',
  printedNo: 'printed_no',
  labelZh: 'label::zh',
  labelEn: 'label::en',
  type: 'type',
  unitZh: 'unit::zh',
  unitEn: 'unit::en',
  codeList: 'list_name',
  options: 'list_name',
  required: 'required',
  requiredNoteZh: 'required_note::zh',
  requiredNoteEn: 'required_note::en',
  relevant: 'relevant',
  helpZh: 'hint::zh',
  helpEn: 'hint::en',
  maxLength: 'max_length',
  min: 'min',
  max: 'max',
  renamedFrom: 'renamed_from',
  maxChoices: 'max_choices',
  compute: 'compute',
  computeAllowBlank: 'compute_allow_blank',
};
const LIST: Record<string, string> = { id: 'list_name', nameZh: 'title::zh', nameEn: 'title::en', version: 'version', source: 'source', year: 'year', entries: 'list_name' };
const ENTRY: Record<string, string> = { code: 'name', zh: 'label::zh', en: 'label::en', initials: 'initials', notOffered: 'not_offered' };
const OPTION: Record<string, string> = { code: 'name', zh: 'label::zh', en: 'label::en' };
const RULE: Record<string, string> = {
  id: 'id',
  formId: 'form',
  severity: 'severity',
  items: 'items',
  when: 'when',
  check: 'check',
  expr: 'expression',
  show: 'show',
  zeroIfBlank: 'params',
  messageZh: 'message::zh',
  messageEn: 'message::en',
  version: 'version',
  source: 'source',
};
const META: Record<string, string> = { plausibility: 'plausibilityVersion' };

const at = (sheet: Cell['sheet'], row: number | undefined, column: string): Cell => (row === undefined ? { sheet, row: 0, column: '' } : { sheet, row, column });

function formPath(index: RowIndex, f: number, path: string[]): Cell {
  const [top, sIndex, sub, iIndex, field, oIndex, oField] = path;
  if (top !== 'sections' || sIndex === undefined) return at('forms', index.forms[f], FORM[top ?? ''] ?? '');
  const s = Number(sIndex);
  if (sub !== 'items' || iIndex === undefined) {
    const column = SECTION[sub === 'repeat' ? (field ?? 'repeat') : (sub ?? '')] ?? '';
    return at('sections', index.sections[f]?.[s] ?? index.forms[f], column);
  }
  const i = Number(iIndex);
  if (field === 'options' && oIndex !== undefined) {
    const row = index.options[f]?.[s]?.[i]?.[Number(oIndex)];
    if (row !== undefined) return at('choices', row, OPTION[oField ?? ''] ?? '');
  }
  return at('items', index.items[f]?.[s]?.[i], ITEM[field ?? ''] ?? '');
}

function rulePath(index: RowIndex, row: number | undefined, ruleId: string, field: string): Cell {
  const path = field.split('.');
  if (path[0] === 'byReason' && path[1] !== undefined) {
    const reasonRow = index.reasonById.get(key2(ruleId, path[1]));
    if (reasonRow !== undefined) return at('messages', reasonRow, path[2] === 'en' ? 'message::en' : 'message::zh');
  }
  if (path[0] === 'check') {
    const column = path[1] !== 'params' ? 'check' : path[2] === 'expr' || path[2] === 'cond' ? 'expression' : path[2] === 'show' ? 'show' : 'params';
    return at('rules', row, column);
  }
  return at('rules', row, RULE[path[0] ?? ''] ?? '');
}

/** The cell a checkPack problem is about. */
export function placeCell(place: PackPlace, index: RowIndex, formIndex: (id: string) => number, listIndex: (id: string) => number): Cell {
  switch (place.kind) {
    case 'form': {
      const f = formIndex(place.formId);
      const path = place.field.split('.');
      if (f >= 0 && path[0] === 'sections') return formPath(index, f, path);
      return at('forms', index.formById.get(place.formId), FORM[place.field] ?? '');
    }
    case 'section':
      return at('sections', index.sectionById.get(key2(place.formId, place.sectionId)), SECTION[place.field] ?? '');
    case 'item':
      return at('items', index.itemById.get(key2(place.formId, place.itemCode)), ITEM[place.field] ?? '');
    case 'codeList': {
      const [top, eIndex, field] = place.field.split('.');
      const l = listIndex(place.listId);
      if (top === 'entries' && eIndex !== undefined && l >= 0) {
        const row = index.entries[l]?.[Number(eIndex)];
        if (row !== undefined) return at('choices', row, ENTRY[field ?? ''] ?? '');
      }
      return at('lists', index.listById.get(place.listId), LIST[top ?? ''] ?? '');
    }
    case 'code':
      return at('choices', index.codeById.get(key2(place.listId, place.code)), ENTRY[place.field] ?? '');
    case 'rule':
      return rulePath(index, index.ruleById.get(place.ruleId), place.ruleId, place.field);
    case 'setting':
      return at('settings', index.settings.get(`settings.${place.name}`), 'value');
    case 'plausibility': {
      const [table, section] = place.field.split('.');
      return at('plausibility', index.plausibility.get(`${table}.${section}`), 'min');
    }
    case 'move': {
      const column = { fromForm: 'from_form', fromItem: 'from_item', toForm: 'to_form', toItem: 'to_item', when: 'when' }[place.field] ?? '';
      return at('moves', index.moves[place.index], column);
    }
    case 'pack': {
      const path = place.field.split('.');
      const [top, a, b, c] = path;
      if (top === 'unitForms') {
        // checkPack names the kind ('unitForms.legal'); zod the entry ('unitForms.legal.2.form').
        const row = b === undefined ? index.unitFormByKind.get(a ?? '') : (index.unitFormRows.get(a ?? '')?.[Number(b)] ?? index.unitFormByKind.get(a ?? ''));
        return at('unitForms', row, c === 'when' ? 'when' : 'form');
      }
      if (top === 'rules' && a !== undefined) {
        const row = index.rules[Number(a)];
        return rulePath(index, row, '', path.slice(2).join('.'));
      }
      if (top === 'moves' && a !== undefined) {
        const field = path[2] ?? '';
        return at('moves', index.moves[Number(a)], { fromForm: 'from_form', fromItem: 'from_item', toForm: 'to_form', toItem: 'to_item', when: 'when' }[field] ?? '');
      }
      if (top === 'forms') return a === undefined ? at('forms', undefined, '') : formPath(index, Number(a), path.slice(2));
      if (top === 'codeLists' || top === 'settings') return at(top === 'settings' ? 'settings' : 'lists', undefined, '');
      if (top === 'plausibility' && a === 'tables' && b !== undefined && c !== undefined) {
        // No field: the section key itself is wrong.
        return at('plausibility', index.plausibility.get(`${b}.${c}`), path[4] === undefined ? 'section' : path[4] === 'max' ? 'max' : 'min');
      }
      if (top === 'scaleBands') return at('scale', index.scale.get(a ?? '') ?? index.scale.get(b ?? ''), a === undefined ? '' : 'band::zh');
      if (top === 'plausibility') return at('settings', index.settings.get(a === 'source' ? 'plausibilitySource' : (META[top] ?? '')), 'value');
      return at('settings', index.settings.get(top ?? ''), 'value');
    }
  }
}
