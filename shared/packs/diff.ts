import { z } from 'zod';
import { canonicalJson } from '../sync/protocol';
import type { CodeList } from '../codes/types';
import type { FormSpec, Item } from '../forms/types';
import type { Rule } from '../rules/types';
import { severityZh } from '../rules/types';
import type { FormPackBody } from './types';

// What changed between two versions of a pack, as the bureau sees it before publishing and a
// laptop shows it once the new version is in force. Pure and order-stable: forms in the new
// pack's order, items in section order, so the same two packs always give the same lines.

export const packChangeKinds = [
  'formAdded',
  'formRemoved',
  'formTitle',
  'itemAdded',
  'itemRemoved',
  'itemRenamed',
  'itemLabel',
  'itemType',
  'itemChanged',
  'listAdded',
  'listRemoved',
  'codeAdded',
  'codeRemoved',
  'codeRenamed',
  'ruleAdded',
  'ruleRemoved',
  'ruleChanged',
  'settingChanged',
] as const;
export const PackChangeKind = z.enum(packChangeKinds);
export type PackChangeKind = z.infer<typeof PackChangeKind>;

/** One change, with what it concerns and a one-line summary in each language. */
export const PackChange = z.object({
  kind: PackChangeKind,
  /** The form of an item or form change. */
  formId: z.string().optional(),
  /** The item's code in the new pack (the old one for a removed item). */
  itemCode: z.string().optional(),
  /** The old code of a renamed item. */
  fromCode: z.string().optional(),
  listId: z.string().optional(),
  code: z.string().optional(),
  ruleId: z.string().optional(),
  setting: z.string().optional(),
  /** What about an item or rule changed (e.g. ['severity', 'message']). */
  aspects: z.array(z.string()).optional(),
  zh: z.string(),
  en: z.string(),
});
export type PackChange = z.infer<typeof PackChange>;

type Pack = Pick<FormPackBody, 'forms' | 'codeLists' | 'rules' | 'settings'> & Partial<Pick<FormPackBody, 'scaleBands'>>;

/** An item type as a person names it: “多选代码” rather than codes. */
const typeNames: Partial<Record<Item['type'], [string, string]>> = {
  text: ['文本', 'text'],
  integer: ['整数', 'whole number'],
  money: ['金额', 'amount'],
  decimal: ['数值', 'number'],
  code: ['单选代码', 'single choice'],
  codes: ['多选代码', 'multiple choice'],
  boolean: ['是/否', 'yes/no'],
};
const typeName = (type: Item['type'], lang: 0 | 1) => typeNames[type]?.[lang] ?? type;

const same = (a: unknown, b: unknown): boolean => canonicalJson(a ?? null) === canonicalJson(b ?? null);

function itemsOf(spec: FormSpec): Map<string, Item> {
  const out = new Map<string, Item>();
  for (const section of spec.sections) for (const item of section.items) out.set(item.code, item);
  return out;
}

/** Item attributes compared as "changed" beyond label and type, with their names in each language. */
const itemAspects: readonly [keyof Item, string, string][] = [
  ['codeList', '代码表', 'code list'],
  ['options', '选项', 'options'],
  ['required', '必填', 'required'],
  ['relevant', '跳转条件', 'skip condition'],
  ['min', '最小值', 'minimum'],
  ['max', '最大值', 'maximum'],
  ['maxLength', '长度', 'length'],
  ['maxChoices', '最多可选项数', 'maximum choices'],
  ['compute', '自动计算（带入）方式', 'how it is computed'],
  ['computeAllowBlank', '自动计算可为空的项目', 'names allowed blank in its computation'],
  ['unitZh', '计量单位', 'unit'],
  ['helpZh', '填报说明', 'help'],
];

/** A form as people name it: “611表” / “个体经营户…”, “Form 611” / its English title, never its internal id. */
const isNumbered = (spec: FormSpec): boolean => /^\d/.test(spec.id);
const formZh = (spec: FormSpec): string => spec.printedNo ?? (isNumbered(spec) ? `${spec.id}表` : spec.titleZh);
const formEn = (spec: FormSpec): string => (isNumbered(spec) ? `Form ${spec.id}` : spec.titleEn);

function diffItems(before: FormSpec, after: FormSpec, out: PackChange[]): void {
  const old = itemsOf(before);
  const now = itemsOf(after);
  const f = after.id;
  const fz = formZh(after);
  const fe = formEn(after);
  const carried = new Set<string>();
  for (const [code, item] of now) {
    let prev = old.get(code);
    if (!prev) {
      const from = (item.renamedFrom ?? []).find((c) => old.has(c) && !now.has(c));
      if (from !== undefined) {
        prev = old.get(from) as Item;
        carried.add(from);
        out.push({
          kind: 'itemRenamed',
          formId: f,
          itemCode: code,
          fromCode: from,
          zh: `${fz}：项目“${prev.labelZh}”（${from}）改为“${item.labelZh}”（${code}），已填的值随之转入`,
          en: `${fe}: item “${prev.labelEn}” (${from}) is now “${item.labelEn}” (${code}); its answers move with it`,
        });
      } else {
        out.push({ kind: 'itemAdded', formId: f, itemCode: code, zh: `${fz}：新增项目“${item.labelZh}”（${code}）`, en: `${fe}: new item “${item.labelEn}” (${code})` });
        continue;
      }
    }
    if (prev.labelZh !== item.labelZh || prev.labelEn !== item.labelEn) {
      out.push({
        kind: 'itemLabel',
        formId: f,
        itemCode: code,
        zh: `${fz}：项目“${prev.labelZh}”改名为“${item.labelZh}”`,
        // Only the Chinese label changed: the English line names the Chinese labels, or it would read "X is now X".
        en: prev.labelEn !== item.labelEn ? `${fe}: item “${prev.labelEn}” is now “${item.labelEn}”` : `${fe}: item “${prev.labelZh}” is now “${item.labelZh}”`,
      });
    }
    if (prev.type !== item.type) {
      out.push({ kind: 'itemType', formId: f, itemCode: code, zh: `${fz}：项目“${item.labelZh}”的类型由${typeName(prev.type, 0)}改为${typeName(item.type, 0)}`, en: `${fe}: item “${item.labelEn}” type ${typeName(prev.type, 1)} is now ${typeName(item.type, 1)}` });
    }
    const aspects = itemAspects.filter(([key]) => !same(prev[key], item[key]));
    if (aspects.length > 0) {
      out.push({
        kind: 'itemChanged',
        formId: f,
        itemCode: code,
        aspects: aspects.map(([key]) => key),
        zh: `${fz}：项目“${item.labelZh}”的${aspects.map((a) => a[1]).join('、')}有变化`,
        en: `${fe}: item “${item.labelEn}”: ${aspects.map((a) => a[2]).join(', ')} changed`,
      });
    }
  }
  for (const [code, item] of old) {
    if (now.has(code) || carried.has(code)) continue;
    out.push({
      kind: 'itemRemoved',
      formId: f,
      itemCode: code,
      zh: `${fz}：删除项目“${item.labelZh}”（${code}；已填的值保留，列在“不在本版本中的项目”下）`,
      en: `${fe}: item “${item.labelEn}” (${code}) removed (answers are kept, listed under “Items not in this version”)`,
    });
  }
}

function diffForms(a: Pack, b: Pack, out: PackChange[]): void {
  const old = new Map(a.forms.map((f) => [f.id, f]));
  const now = new Set(b.forms.map((f) => f.id));
  for (const spec of b.forms) {
    const prev = old.get(spec.id);
    if (!prev) {
      out.push({ kind: 'formAdded', formId: spec.id, zh: `新增${formZh(spec)}“${spec.titleZh}”`, en: `new ${formEn(spec)} “${spec.titleEn}”` });
      continue;
    }
    if (prev.titleZh !== spec.titleZh || prev.titleEn !== spec.titleEn) {
      out.push({ kind: 'formTitle', formId: spec.id, zh: `${formZh(spec)}标题改为“${spec.titleZh}”`, en: `${formEn(spec)}: title is now “${spec.titleEn}”` });
    }
    diffItems(prev, spec, out);
  }
  for (const spec of a.forms) {
    if (!now.has(spec.id)) out.push({ kind: 'formRemoved', formId: spec.id, zh: `删除${formZh(spec)}“${spec.titleZh}”`, en: `${formEn(spec)} “${spec.titleEn}” removed` });
  }
}

function diffList(prev: CodeList, list: CodeList, out: PackChange[]): void {
  const old = new Map(prev.entries.map((e) => [e.code, e]));
  const now = new Set(list.entries.map((e) => e.code));
  const l = list.id;
  for (const entry of list.entries) {
    const was = old.get(entry.code);
    if (!was) {
      out.push({ kind: 'codeAdded', listId: l, code: entry.code, zh: `代码表“${list.nameZh}”新增 ${entry.code} ${entry.zh}`, en: `code list "${list.nameEn}": new code ${entry.code} ${entry.en}` });
    } else if (was.zh !== entry.zh || was.en !== entry.en) {
      out.push({
        kind: 'codeRenamed',
        listId: l,
        code: entry.code,
        zh: `代码表“${list.nameZh}”${entry.code}：“${was.zh}”改为“${entry.zh}”`,
        en: was.en !== entry.en ? `code list "${list.nameEn}" ${entry.code}: "${was.en}" is now "${entry.en}"` : `code list "${list.nameEn}" ${entry.code}: "${was.zh}" is now "${entry.zh}"`,
      });
    }
  }
  for (const entry of prev.entries) {
    if (!now.has(entry.code)) out.push({ kind: 'codeRemoved', listId: l, code: entry.code, zh: `代码表“${list.nameZh}”删除 ${entry.code} ${entry.zh}`, en: `code list "${list.nameEn}": code ${entry.code} ${entry.en} removed` });
  }
}

function diffLists(a: Pack, b: Pack, out: PackChange[]): void {
  const old = new Map(a.codeLists.map((l) => [l.id, l]));
  const now = new Set(b.codeLists.map((l) => l.id));
  for (const list of b.codeLists) {
    const prev = old.get(list.id);
    if (prev) diffList(prev, list, out);
    else out.push({ kind: 'listAdded', listId: list.id, zh: `新增代码表“${list.nameZh}”（${list.entries.length} 个代码）`, en: `new code list "${list.nameEn}" (${list.entries.length} codes)` });
  }
  for (const list of a.codeLists) {
    if (!now.has(list.id)) out.push({ kind: 'listRemoved', listId: list.id, zh: `删除代码表“${list.nameZh}”`, en: `code list "${list.nameEn}" removed` });
  }
}

const ruleAspects: readonly [string, (r: Rule) => unknown, string, string][] = [
  ['severity', (r) => r.severity, '类别', 'severity'],
  ['message', (r) => [r.messageZh, r.messageEn, r.byReason], '提示文字', 'message'],
  ['check', (r) => [r.check, r.items, r.when, r.formId], '审核内容', 'check'],
];

/** The form a rule is for, as people name it ('*': every form). */
function ruleForm(pack: Pack, formId: string): { zh: string; en: string } {
  if (formId === '*') return { zh: '各表', en: 'every form' };
  const spec = pack.forms.find((f) => f.id === formId);
  return spec ? { zh: formZh(spec), en: formEn(spec) } : { zh: `表 ${formId}`, en: `form ${formId}` };
}

function diffRules(a: Pack, b: Pack, out: PackChange[]): void {
  const old = new Map(a.rules.map((r) => [r.id, r]));
  const now = new Set(b.rules.map((r) => r.id));
  for (const rule of b.rules) {
    const prev = old.get(rule.id);
    if (!prev) {
      out.push({
        kind: 'ruleAdded',
        ruleId: rule.id,
        zh: `新增${severityZh[rule.severity]}审核规则 ${rule.id}（${ruleForm(b, rule.formId).zh}）：${rule.messageZh}`,
        en: `new ${rule.severity} rule ${rule.id} (${ruleForm(b, rule.formId).en}): ${rule.messageEn}`,
      });
      continue;
    }
    const aspects = ruleAspects.filter(([, get]) => !same(get(prev), get(rule)));
    if (aspects.length === 0) continue;
    const severity = prev.severity !== rule.severity ? `（${severityZh[prev.severity]}→${severityZh[rule.severity]}）` : '';
    const severityEn = prev.severity !== rule.severity ? ` (${prev.severity} → ${rule.severity})` : '';
    out.push({
      kind: 'ruleChanged',
      ruleId: rule.id,
      aspects: aspects.map((x) => x[0]),
      zh: `审核规则 ${rule.id} 的${aspects.map((x) => x[2]).join('、')}有变化${severity}`,
      en: `rule ${rule.id}: ${aspects.map((x) => x[3]).join(', ')} changed${severityEn}`,
    });
  }
  for (const rule of a.rules) {
    if (!now.has(rule.id)) {
      const form = ruleForm(a, rule.formId);
      out.push({ kind: 'ruleRemoved', ruleId: rule.id, zh: `删除审核规则 ${rule.id}（${form.zh}）`, en: `rule ${rule.id} (${form.en}) removed` });
    }
  }
}

function diffSettings(a: Pack, b: Pack, out: PackChange[]): void {
  const names = [...new Set([...Object.keys(b.settings), ...Object.keys(a.settings)])];
  for (const name of names) {
    const before = a.settings[name];
    const after = b.settings[name];
    if (before === after) continue;
    const show = (v: unknown) => (v === undefined ? '（无）' : String(v));
    const showEn = (v: unknown) => (v === undefined ? '(none)' : String(v));
    out.push({ kind: 'settingChanged', setting: name, zh: `参数 ${name}：${show(before)} 改为 ${show(after)}`, en: `setting ${name}: ${showEn(before)} is now ${showEn(after)}` });
  }
  if (!same(a.scaleBands, b.scaleBands)) {
    const v = (x: Pack['scaleBands']) => x?.version ?? '（无）';
    const vEn = (x: Pack['scaleBands']) => x?.version ?? '(none)';
    out.push({ kind: 'settingChanged', setting: 'scaleBands', zh: `单位规模划分标准：${v(a.scaleBands)} 改为 ${v(b.scaleBands)}`, en: `size bands (单位规模): ${vEn(a.scaleBands)} is now ${vEn(b.scaleBands)}` });
  }
}

/** Every change from pack `a` to pack `b`; empty when they hold the same forms, lists, rules and settings. */
export function diffPacks(a: Pack, b: Pack): PackChange[] {
  const out: PackChange[] = [];
  diffForms(a, b, out);
  diffLists(a, b, out);
  diffRules(a, b, out);
  diffSettings(a, b, out);
  return out;
}
