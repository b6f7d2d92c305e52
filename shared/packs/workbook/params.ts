import type { Check, CheckFn } from '../../rules/types';
import { conditionText, parseCondition } from './condition-text';

// A rule's check in the workbook: the function name in `check`, its parameters in `params` as
// `name: value; name: value` (lists comma-separated: `parts: a, b, c`), and the expression of an
// `expr` rule (CEL) or the condition of an `assert` rule (condition text) in `expression`, and
// the values an `expr` rule's message shows in `show`, one `name: expression` per line.
// The kind of each parameter comes from this table (checked against the registry's parameter
// schemas by the workbook round trip of the built-in pack and test/packs/workbook-params.test.ts).

type Kind = 'text' | 'number' | 'list';

const PARAMS: Readonly<Record<CheckFn, Readonly<Record<string, Kind>>>> = {
  specRequired: {},
  specFormat: {},
  specCodeList: {},
  specRange: {},
  specLength: {},
  specRows: {},
  required: {},
  oneOfRequired: { others: 'list' },
  assert: {},
  atLeast: { min: 'number' },
  anyPositive: { others: 'list' },
  uniqueInSection: {},
  notBefore: { other: 'text' },
  notInFuture: {},
  notAfterMonth: { month: 'text' },
  activityText: { min: 'number', max: 'number', maxSetting: 'text' },
  addressText: { minHan: 'number' },
  pattern: { name: 'text' },
  email: {},
  usccFormat: {},
  usccChecksum: {},
  usccParts: {},
  orgCodeFormat: {},
  orgCodeChecksum: {},
  usccMatchesOrgCode: { orgCode: 'text' },
  usccMatchesInstitutionType: { institutionType: 'text' },
  usccIsIndividual: {},
  divisionStructure: {},
  divisionExists: {},
  divisionInCounty: {},
  areaCodeStructure: {},
  areaCodeInCounty: {},
  areaCodeMatchesDivision: { division: 'text' },
  industryClass: {},
  industryInScope: {},
  leTotal: { total: 'text' },
  notEqual: { other: 'text' },
  sumLeTotal: { parts: 'list' },
  sumEqualsTotal: { parts: 'list', tolerance: 'number' },
  crossPeriod: { field: 'text' },
  revenuePerEmployee: { employees: 'text', industry: 'text', table: 'text' },
  matchesForm: { form: 'text', item: 'text', relation: 'text', factor: 'number' },
  sumMatchesForm: { column: 'text', form: 'text', item: 'text' },
  rowsWhere: { min: 'number', max: 'number' },
  expr: { zeroIfBlank: 'list' },
};

/** Functions whose parameters are all optional or none (a rule without `params` is complete). */
const WITH_EXPRESSION = new Set<CheckFn>(['expr', 'assert', 'rowsWhere']);

export const isCheckFn = (fn: string): fn is CheckFn => Object.hasOwn(PARAMS, fn);
export const checkFnNames = Object.keys(PARAMS) as CheckFn[];

export interface CheckCells {
  check: string;
  params: string;
  expression: string;
  show: string;
}

/** The cells of a check. */
export function checkCells(check: Check): CheckCells {
  const params: Record<string, unknown> = 'params' in check ? { ...check.params } : {};
  let expression = '';
  let show = '';
  if (check.fn === 'expr') {
    expression = check.params.expr;
    delete params.expr;
    show = Object.entries(check.params.show ?? {})
      .map(([name, text]) => `${name}: ${text}`)
      .join('\n');
    delete params.show;
  } else if (check.fn === 'assert' || check.fn === 'rowsWhere') {
    expression = conditionText(check.params.cond);
    delete params.cond;
  }
  const text = Object.entries(params)
    .map(([name, value]) => `${name}: ${Array.isArray(value) ? value.join(', ') : String(value)}`)
    .join('; ');
  return { check: check.fn, params: text, expression, show };
}

export type CheckRead = { ok: true; check: Check } | { ok: false; column: 'check' | 'params' | 'expression' | 'show'; error: string };

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** The check the cells describe; the shape of the parameters is then checkPack's business. */
export function readCheck(cells: CheckCells): CheckRead {
  const fn = cells.check.trim();
  if (!isCheckFn(fn)) {
    return { ok: false, column: 'check', error: `未知的检查函数“${fn}” / unknown check function “${fn}”` };
  }
  const kinds = PARAMS[fn];
  const params: Record<string, unknown> = {};
  for (const part of cells.params.split(/[;；]/)) {
    if (part.trim() === '') continue;
    const match = /^\s*([A-Za-z][A-Za-z0-9_]*)\s*[:：=]\s*(.*?)\s*$/s.exec(part);
    const name = match?.[1];
    const raw = match?.[2] ?? '';
    if (!match || name === undefined) {
      return { ok: false, column: 'params', error: `参数应写成“名称: 值”，多个用分号隔开：“${part.trim()}” / parameters are “name: value” separated by “;”: “${part.trim()}”` };
    }
    const kind = kinds[name];
    if (!kind) {
      const known = Object.keys(kinds);
      const list = known.length > 0 ? known.join(', ') : '（无 / none）';
      return { ok: false, column: 'params', error: `${fn} 没有参数 ${name}（可用：${list}） / ${fn} has no parameter ${name} (known: ${list})` };
    }
    if (kind === 'number') {
      if (!NUMBER.test(raw)) return { ok: false, column: 'params', error: `参数 ${name} 应为数字，现为“${raw}” / parameter ${name} must be a number, not “${raw}”` };
      params[name] = Number(raw);
    } else if (kind === 'list') {
      params[name] = raw === '' ? [] : raw.split(/\s*[,，、]\s*/);
    } else {
      params[name] = raw;
    }
  }
  const expression = cells.expression.trim();
  const showLines = cells.show.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (showLines.length > 0 && fn !== 'expr') {
    return { ok: false, column: 'show', error: '只有 expr 规则使用“显示值”列 / only expr rules use the show column' };
  }
  if (fn === 'expr') {
    if (expression === '') return { ok: false, column: 'expression', error: '表达式规则需要填写表达式 / an expr rule needs an expression' };
    params.expr = cells.expression;
    if (showLines.length > 0) {
      const show: Record<string, string> = {};
      for (const line of showLines) {
        const match = /^\s*([A-Za-z][A-Za-z0-9_]*)\s*[:：]\s*(\S.*?)\s*$/s.exec(line);
        if (!match?.[1] || !match[2]) {
          return { ok: false, column: 'show', error: `显示值应写成“名称: 表达式”，每行一个：“${line.trim()}” / shown values are “name: expression”, one per line: “${line.trim()}”` };
        }
        if (Object.hasOwn(show, match[1])) return { ok: false, column: 'show', error: `显示值 ${match[1]} 重复 / shown value ${match[1]} is listed twice` };
        show[match[1]] = match[2];
      }
      params.show = show;
    }
  } else if (fn === 'assert' || fn === 'rowsWhere') {
    const cond = parseCondition(expression);
    if (!cond.ok) return { ok: false, column: 'expression', error: expression === '' ? `${fn} 规则需要填写条件 / an ${fn} rule needs a condition` : cond.error };
    params.cond = cond.condition;
  } else if (expression !== '') {
    return { ok: false, column: 'expression', error: `只有 expr、assert 和 rowsWhere 规则使用表达式列 / only expr, assert and rowsWhere rules use the expression column` };
  }
  const hasParams = Object.keys(kinds).length > 0 || WITH_EXPRESSION.has(fn);
  // The registry's schemas decide which parameters are required; a function without any takes no `params`.
  return { ok: true, check: (hasParams ? { fn, params } : { fn }) as Check };
}
