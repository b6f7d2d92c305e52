import { conditionItems } from '../forms/conditions';
import type { Condition, FormSpec, Item } from '../forms/types';
import { paramItems } from '../rules/compile';
import { compileExpr, formEnvironment, type ExprName } from '../rules/expr';
import { compileComputes } from '../rules/compute';
import type { Rule } from '../rules/types';
import { primaryFormId } from '../forms/unit-forms';
import type { UnitKind } from '../registration/units';
import { PackBodySchema } from './schema';
import { PACK_SCHEMA, type FormPackBody } from './types';

// Everything a pack's parts must agree on, reported as problems rather than thrown, so a
// workbook build can name the sheet, row and column of each (shared/packs/workbook/build.ts)
// and the server can refuse a publication with the full list. Run when a pack is built,
// published, received and loaded: an enumerator never meets a broken rule on a form.

/** Where in a pack a problem is; the workbook maps each kind to its sheet and row. */
export type PackPlace =
  | { kind: 'pack'; field: string }
  | { kind: 'setting'; name: string }
  | { kind: 'form'; formId: string; field: string }
  | { kind: 'section'; formId: string; sectionId: string; field: string }
  | { kind: 'item'; formId: string; itemCode: string; field: string }
  | { kind: 'codeList'; listId: string; field: string }
  | { kind: 'code'; listId: string; code: string; field: string }
  | { kind: 'rule'; ruleId: string; field: string }
  | { kind: 'plausibility'; field: string }
  | { kind: 'move'; index: number; field: string };

export interface PackProblem {
  place: PackPlace;
  /** Chinese first, English after ' / ': shown as is by the CLI and the bureau's screen. */
  message: string;
}

const problem = (place: PackPlace, zh: string, en: string): PackProblem => ({ place, message: `${zh} / ${en}` });

/** The shape problems zod finds, with the place its path points at where it can tell. */
function shapeProblems(json: unknown): PackProblem[] {
  const parsed = PackBodySchema.safeParse(stripHash(json));
  if (parsed.success) return [];
  const body = (typeof json === 'object' && json !== null ? json : {}) as Partial<FormPackBody>;
  return parsed.error.issues.slice(0, 200).map((issue) => {
    const [top, index, ...rest] = issue.path.map(String);
    const field = rest.join('.') || (index ?? top ?? '');
    let place: PackPlace = { kind: 'pack', field: issue.path.join('.') };
    const i = Number(index);
    if (top === 'rules' && body.rules?.[i]) place = { kind: 'rule', ruleId: body.rules[i].id, field };
    else if (top === 'codeLists' && body.codeLists?.[i]) place = { kind: 'codeList', listId: body.codeLists[i].id, field };
    else if (top === 'forms' && body.forms?.[i]) place = { kind: 'form', formId: body.forms[i].id, field };
    else if (top === 'settings') place = { kind: 'setting', name: index ?? '' };
    const where = issue.path.join('.') || '(pack)';
    return problem(place, `${where}：${issue.message}`, `${where}: ${issue.message}`);
  });
}

function stripHash(json: unknown): unknown {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return json;
  const { hash: _hash, ...rest } = json as Record<string, unknown>;
  return rest;
}

function formProblems(spec: FormSpec, pack: FormPackBody, listIds: ReadonlySet<string>): PackProblem[] {
  const out: PackProblem[] = [];
  const codes = new Map<string, Item>();
  const sectionIds = new Set<string>();
  for (const section of spec.sections) {
    if (sectionIds.has(section.id)) {
      out.push(problem({ kind: 'section', formId: spec.id, sectionId: section.id, field: 'id' }, `表 ${spec.id} 的分组 ${section.id} 重复`, `form ${spec.id}: section ${section.id} is used twice`));
    }
    sectionIds.add(section.id);
    for (const item of section.items) {
      if (codes.has(item.code)) {
        out.push(problem({ kind: 'item', formId: spec.id, itemCode: item.code, field: 'code' }, `表 ${spec.id} 的项目代码 ${item.code} 重复`, `form ${spec.id}: item code ${item.code} is used twice`));
      }
      codes.set(item.code, item);
    }
  }
  for (const section of spec.sections) {
    if (section.repeat && codes.has(section.id)) {
      out.push(problem({ kind: 'section', formId: spec.id, sectionId: section.id, field: 'id' }, `表 ${spec.id} 的重复分组 ${section.id} 与项目代码相同`, `form ${spec.id}: repeating section ${section.id} clashes with an item code`));
    }
  }
  const otherForms = new Map(pack.forms.map((f) => [f.id, f]));
  const unknownIn = (cond: Condition | undefined) => (cond ? conditionItems(cond).filter((c) => !codes.has(c)) : []);
  const conditionProblem = (place: PackPlace, code: string) => {
    const elsewhere = [...otherForms.values()].find((f) => f.id !== spec.id && f.sections.some((s) => s.items.some((i) => i.code === code)));
    return elsewhere
      ? problem(place, `条件引用了另一张表（${elsewhere.id}）的项目 ${code}：条件只能引用本表项目`, `the condition names ${code}, an item of another form (${elsewhere.id}); conditions may only name items of their own form`)
      : problem(place, `条件引用了不存在的项目 ${code}`, `the condition names an unknown item ${code}`);
  };
  for (const section of spec.sections) {
    for (const code of unknownIn(section.relevant)) {
      out.push(conditionProblem({ kind: 'section', formId: spec.id, sectionId: section.id, field: 'relevant' }, code));
    }
    for (const item of section.items) {
      const place = (field: string): PackPlace => ({ kind: 'item', formId: spec.id, itemCode: item.code, field });
      for (const code of unknownIn(item.relevant)) out.push(conditionProblem(place('relevant'), code));
      for (const code of unknownIn(typeof item.required === 'object' ? item.required : undefined)) {
        out.push(conditionProblem(place('required'), code));
      }
      if (item.codeList && !listIds.has(item.codeList)) {
        out.push(problem(place('codeList'), `代码表 ${item.codeList} 不存在`, `no code list ${item.codeList}`));
      }
      if ((item.type === 'code' || item.type === 'codes') && !item.codeList && !item.options?.length) {
        out.push(problem(place('codeList'), `代码类项目需要代码表或选项`, `a code item needs a code list or options`));
      }
      if (item.maxChoices !== undefined && item.type !== 'codes') {
        out.push(problem(place('maxChoices'), `只有多选（codes）项目可以限定最多选几项`, `only a multi-choice (codes) item has a maximum number of choices`));
      }
      if (item.computeAllowBlank && !item.compute) {
        out.push(problem(place('computeAllowBlank'), `“可为空”只用于自动计算的项目`, `allow-blank names belong to a computed item`));
      }
      const optionCodes = new Set<string>();
      for (const option of item.options ?? []) {
        if (optionCodes.has(option.code)) out.push(problem(place('options'), `选项代码 ${option.code} 重复`, `option code ${option.code} is used twice`));
        optionCodes.add(option.code);
      }
      if (item.min !== undefined && item.max !== undefined && item.min > item.max) {
        out.push(problem(place('min'), `最小值 ${item.min} 大于最大值 ${item.max}`, `min ${item.min} is above max ${item.max}`));
      }
      for (const old of item.renamedFrom ?? []) {
        if (codes.has(old)) out.push(problem(place('renamedFrom'), `原代码 ${old} 仍是本表的项目`, `renamed-from code ${old} is still an item of this form`));
      }
    }
  }
  return out;
}

function ruleProblems(rule: Rule, pack: FormPackBody, envs: Map<string, ReturnType<typeof formEnvironment>>): PackProblem[] {
  const out: PackProblem[] = [];
  const place = (field: string): PackPlace => ({ kind: 'rule', ruleId: rule.id, field });
  const forms = rule.formId === '*' ? pack.forms : pack.forms.filter((f) => f.id === rule.formId);
  if (forms.length === 0) {
    return [problem(place('formId'), `规则所属的表 ${rule.formId} 不存在`, `the rule's form ${rule.formId} does not exist`)];
  }
  for (const spec of forms) {
    const codes = new Set(spec.sections.flatMap((s) => s.items.map((i) => i.code)));
    const repeating = new Set(spec.sections.filter((s) => s.repeat).map((s) => s.id));
    const known = (c: string) => codes.has(c) || repeating.has(c);
    const unknown = (field: string, list: readonly string[]) => {
      for (const code of list) {
        if (code !== '*' && !known(code)) out.push(problem(place(field), `规则引用了表 ${spec.id} 中不存在的项目 ${code}`, `the rule names ${code}, not an item of form ${spec.id}`));
      }
    };
    unknown('items', rule.items);
    unknown('check', rule.check.fn === 'expr' ? [] : paramItems(rule.check));
    if (rule.when) unknown('when', conditionItems(rule.when));
    const check = rule.check;
    if (check.fn === 'matchesForm' || check.fn === 'sumMatchesForm') {
      const other = pack.forms.find((f) => f.id === check.params.form);
      if (!other) out.push(problem(place('check'), `规则比较的表 ${check.params.form} 不存在`, `the rule compares with form ${check.params.form}, which does not exist`));
      else if (!other.sections.some((s) => s.items.some((i) => i.code === check.params.item))) {
        out.push(problem(place('check'), `表 ${other.id} 没有项目 ${check.params.item}`, `form ${other.id} has no item ${check.params.item}`));
      }
    }
    if (check.fn === 'activityText' && check.params.maxSetting !== undefined && typeof pack.settings[check.params.maxSetting] !== 'number') {
      out.push(problem(place('check'), `参数 maxSetting 指向的设置 ${check.params.maxSetting} 不存在或不是数字`, `maxSetting names ${check.params.maxSetting}, which is not a numeric setting`));
    }
    if (check.fn === 'expr') {
      let env = envs.get(spec.id);
      if (!env) {
        env = formEnvironment(spec, pack.forms, { scaleBands: pack.scaleBands });
        envs.set(spec.id, env);
      }
      const compiled = compileExpr(env, check.params.expr, spec, pack.forms);
      for (const [name, text] of Object.entries(check.params.show ?? {})) {
        const shownExpr = compileExpr(env, text, spec, pack.forms, 'value');
        if (!shownExpr.ok) out.push(problem(place(`show.${name}`), `显示值 ${name} 的表达式无法编译：${shownExpr.error}`, `the expression of shown value ${name} does not compile: ${shownExpr.error}`));
      }
      if (!compiled.ok) {
        out.push(problem(place('expr'), `表达式无法编译：${compiled.error}`, `the expression does not compile: ${compiled.error}`));
      } else {
        const named = new Set(compiled.expr.names.map((n: ExprName) => (n.form ? `f${n.form.replace(/-/g, '_')}.${n.item}` : n.item)));
        for (const z of check.params.zeroIfBlank ?? []) {
          if (!named.has(z)) out.push(problem(place('zeroIfBlank'), `“空值按0”中的 ${z} 不在表达式中`, `zero-if-blank name ${z} is not in the expression`));
        }
      }
    }
  }
  return out;
}

/** A move's target must be a top-level item of a form of this pack, its condition name items of a
 * primary form; its source is an earlier version's and cannot be checked here. */
function moveProblems(pack: FormPackBody): PackProblem[] {
  const out: PackProblem[] = [];
  const primaryCodes = new Set(
    pack.forms.filter((f) => f.id === primaryFormId('legal') || f.id === primaryFormId('individual')).flatMap((f) => f.sections.flatMap((s) => s.items.map((i) => i.code))),
  );
  const seen = new Set<string>();
  (pack.moves ?? []).forEach((move, index) => {
    const at = (field: string): PackPlace => ({ kind: 'move', index, field });
    const target = pack.forms.find((f) => f.id === move.toForm);
    if (!target) out.push(problem(at('toForm'), `迁入的表 ${move.toForm} 不存在`, `no form ${move.toForm} to move into`));
    else if (!target.sections.some((s) => !s.repeat && s.items.some((i) => i.code === move.toItem))) {
      out.push(problem(at('toItem'), `表 ${move.toForm} 没有（非重复分组的）项目 ${move.toItem}`, `form ${move.toForm} has no item ${move.toItem} outside repeating sections`));
    }
    if (move.fromForm === move.toForm && move.fromItem === move.toItem) out.push(problem(at('toItem'), `迁出与迁入是同一项目`, `a move from an item to itself`));
    for (const code of move.when ? conditionItems(move.when) : []) {
      if (!primaryCodes.has(code)) out.push(problem(at('when'), `迁移条件引用了基本情况表中不存在的项目 ${code}`, `the move's condition names ${code}, not an item of a primary form`));
    }
    const key = `${move.fromForm}.${move.fromItem}→${move.toForm}.${move.toItem}`;
    if (seen.has(key)) out.push(problem(at('fromItem'), `迁移 ${key} 重复`, `move ${key} is listed twice`));
    seen.add(key);
  });
  return out;
}

/** Every problem of a pack document (shape first; references only once the shape is right). */
export function checkPack(json: unknown): PackProblem[] {
  const shape = shapeProblems(json);
  if (shape.length > 0) return shape;
  const pack = json as FormPackBody;
  const out: PackProblem[] = [];
  if (pack.schema > PACK_SCHEMA) {
    out.push(problem({ kind: 'pack', field: 'schema' }, `表式包格式 ${pack.schema} 比本程序支持的 ${PACK_SCHEMA} 新，请先升级程序`, `pack format ${pack.schema} is newer than this app reads (${PACK_SCHEMA}); update the app first`));
  }
  const listIds = new Set<string>();
  for (const list of pack.codeLists) {
    if (listIds.has(list.id)) out.push(problem({ kind: 'codeList', listId: list.id, field: 'id' }, `代码表 ${list.id} 重复`, `code list ${list.id} is used twice`));
    listIds.add(list.id);
    const codes = new Set<string>();
    for (const entry of list.entries) {
      if (codes.has(entry.code)) out.push(problem({ kind: 'code', listId: list.id, code: entry.code, field: 'code' }, `代码表 ${list.id} 中代码 ${entry.code} 重复`, `code ${entry.code} is used twice in list ${list.id}`));
      codes.add(entry.code);
    }
  }
  const formIds = new Set<string>();
  for (const spec of pack.forms) {
    if (formIds.has(spec.id)) out.push(problem({ kind: 'form', formId: spec.id, field: 'id' }, `表 ${spec.id} 重复`, `form ${spec.id} is used twice`));
    formIds.add(spec.id);
    out.push(...formProblems(spec, pack, listIds));
  }
  for (const [kind, entries] of Object.entries(pack.unitForms) as [UnitKind, FormPackBody['unitForms'][UnitKind]][]) {
    const primaryId = primaryFormId(kind);
    const primary = pack.forms.find((f) => f.id === primaryId);
    const primaryCodes = new Set(primary?.sections.flatMap((s) => s.items.map((i) => i.code)) ?? []);
    const place: PackPlace = { kind: 'pack', field: `unitForms.${kind}` };
    if (entries[0]?.form !== primaryId || entries[0].when) {
      out.push(problem(place, `${kind} 单位的第一张表应为 ${primaryId}（无条件）`, `a ${kind} unit's first form must be ${primaryId}, unconditionally`));
    }
    entries.forEach((entry, i) => {
      const at = (field: string): PackPlace => ({ kind: 'pack', field: `unitForms.${kind}.${i}.${field}` });
      if (!formIds.has(entry.form)) out.push(problem(at('form'), `表 ${entry.form} 不存在`, `no form ${entry.form}`));
      for (const code of entry.when ? conditionItems(entry.when) : []) {
        if (!primaryCodes.has(code)) out.push(problem(at('when'), `${entry.form} 的条件引用了 ${primaryId} 中不存在的项目 ${code}`, `the condition of ${entry.form} names ${code}, not an item of ${primaryId}`));
      }
    });
  }
  const ruleIds = new Set<string>();
  const envs = new Map<string, ReturnType<typeof formEnvironment>>();
  for (const rule of pack.rules) {
    if (ruleIds.has(rule.id)) out.push(problem({ kind: 'rule', ruleId: rule.id, field: 'id' }, `规则编号 ${rule.id} 重复`, `rule id ${rule.id} is used twice`));
    ruleIds.add(rule.id);
    out.push(...ruleProblems(rule, pack, envs));
  }
  out.push(...moveProblems(pack));
  for (const p of compileComputes(pack).problems) {
    out.push(problem({ kind: 'item', formId: p.formId, itemCode: p.itemCode, field: p.field }, p.zh, p.en));
  }
  out.push(...scaleProblems(pack));
  for (const [table, ranges] of Object.entries(pack.plausibility.tables)) {
    for (const [section, range] of Object.entries(ranges)) {
      if (range.min > range.max) out.push(problem({ kind: 'plausibility', field: `${table}.${section}` }, `合理区间 ${table} ${section} 的下限大于上限`, `plausibility ${table} ${section}: min above max`));
    }
  }
  return out;
}

/** The size bands must say one threshold per figure and be ordered large ≥ medium ≥ small. */
function scaleProblems(pack: FormPackBody): PackProblem[] {
  const out: PackProblem[] = [];
  const seen = new Map<string, string>();
  let defaults = 0;
  for (const band of pack.scaleBands?.bands ?? []) {
    const place: PackPlace = { kind: 'pack', field: `scaleBands.${band.nameZh}` };
    const n = band.measures.length;
    if (band.large.length !== n || band.medium.length !== n || band.small.length !== n) {
      out.push(problem(place, `规模档 ${band.nameZh} 的门槛个数应与指标个数（${n}）相同`, `size band ${band.nameEn}: each size needs one threshold per figure (${n})`));
      continue;
    }
    if (band.measures.some((m, i) => band.large[i]! < band.medium[i]! || band.medium[i]! < band.small[i]! || band.measures.indexOf(m) !== i)) {
      out.push(problem(place, `规模档 ${band.nameZh} 的门槛应为大型 ≥ 中型 ≥ 小型，指标不重复`, `size band ${band.nameEn}: thresholds must be large ≥ medium ≥ small, figures not repeated`));
    }
    if (band.industries.length === 0) defaults += 1;
    for (const industry of band.industries) {
      const other = seen.get(industry);
      if (other) out.push(problem(place, `行业 ${industry} 同时属于规模档 ${other} 和 ${band.nameZh}`, `industry ${industry} is in size bands ${other} and ${band.nameZh}`));
      seen.set(industry, band.nameZh);
    }
  }
  if (defaults > 1) out.push(problem({ kind: 'pack', field: 'scaleBands' }, `只能有一个不列行业的默认规模档`, `only one size band may list no industries (the default)`));
  return out;
}
