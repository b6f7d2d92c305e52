import { codesOf, evaluateCondition } from '../forms/conditions';
import { computedRequired } from './computed-required';
import { isDecimalValue, isBlank, isIntegerValue, numberOf, rowsOf, textOf } from '../forms/values';
import { FAIL, type CheckEnv, type CheckRegistry, type Failure } from './check-env';
import {
  EMAIL,
  YEAR_MONTH,
  activityProblem,
  addressProblem,
  charCount,
  isCalendarDate,
  monthOf,
  patterns,
} from './text';

// Checks driven by the item's own spec, presence and logic checks, dates and text.

const failWith = (reason: string, vars?: Failure['vars']): Failure => (vars ? { reason, vars } : { reason });

function requiredNow(env: CheckEnv): boolean {
  const required = env.ref?.item.required;
  if (required === undefined || required === false) return false;
  return required === true || evaluateCondition(required, env.get);
}

function formatProblem(env: CheckEnv): string | null {
  const { value } = env;
  const type = env.ref?.item.type;
  switch (type) {
    case 'integer':
    case 'money':
      return isIntegerValue(value) ? null : 'integer';
    case 'decimal':
      return isDecimalValue(value) ? null : 'decimal';
    case 'yearMonth':
      return YEAR_MONTH.test(textOf(value)) ? null : 'yearMonth';
    case 'date':
      return isCalendarDate(textOf(value)) ? null : 'date';
    case 'boolean':
      return typeof value === 'boolean' || value === 'true' || value === 'false' ? null : 'boolean';
    case 'codes':
      // Codes joined by ',': no empty code between commas ('1,,3', ',1').
      return typeof value === 'string' && value.split(',').every((c) => c.trim() !== '') ? null : typeof value === 'number' ? null : 'codes';
    default:
      // Identifier, phone, email and url items have their own, more specific rules.
      return typeof value === 'string' || typeof value === 'number' ? null : 'text';
  }
}

export const basicChecks: CheckRegistry<
  | 'specRequired'
  | 'specFormat'
  | 'specCodeList'
  | 'specRange'
  | 'specLength'
  | 'specRows'
  | 'required'
  | 'oneOfRequired'
  | 'assert'
  | 'atLeast'
  | 'anyPositive'
  | 'uniqueInSection'
  | 'notBefore'
  | 'notInFuture'
  | 'notAfterMonth'
  | 'activityText'
  | 'addressText'
  | 'pattern'
  | 'email'
> = {
  specRequired: {
    onEmpty: true,
    run: (env) => {
      if (!isBlank(env.value) || !requiredNow(env)) return null;
      const item = env.ref?.item;
      // A computed item is filled from its source: point the user there, not at a box they cannot type in.
      const computed = item?.compute ? computedRequired(env) : null;
      if (computed) return computed;
      const zh = item?.requiredNoteZh ? `（${item.requiredNoteZh}）` : '';
      const en = item?.requiredNoteEn ? ` (${item.requiredNoteEn})` : '';
      return { vars: { note: { zh, en } } };
    },
  },
  specFormat: {
    run: (env) => {
      const problem = formatProblem(env);
      return problem ? failWith(problem) : null;
    },
  },
  specCodeList: {
    run: (env) => {
      const item = env.ref?.item;
      if (!item || (!item.codeList && !item.options)) return null;
      const known = (code: string) => (item.codeList ? env.form.pack.findCode(item.codeList, code) : item.options?.find((o) => o.code === code));
      if (item.type !== 'codes') return known(textOf(env.value)) ? null : FAIL;
      const codes = codesOf(env.value);
      const unknown = codes.find((c) => !known(c));
      if (unknown !== undefined) return failWith('code', { code: unknown });
      const twice = codes.find((c, i) => codes.indexOf(c) !== i);
      if (twice !== undefined) return failWith('duplicate', { code: twice });
      if (item.maxChoices !== undefined && codes.length > item.maxChoices) return failWith('maxChoices', { max: item.maxChoices, n: codes.length });
      return null;
    },
  },
  specRange: {
    run: (env) => {
      const item = env.ref?.item;
      const n = numberOf(env.value);
      if (!item || n === undefined) return null;
      if (item.min !== undefined && n < item.min) return failWith('min', { min: item.min });
      if (item.max !== undefined && n > item.max) return failWith('max', { max: item.max });
      return null;
    },
  },
  specLength: {
    run: (env) => {
      const max = env.ref?.item.maxLength;
      return max !== undefined && charCount(textOf(env.value)) > max ? { vars: { max } } : null;
    },
  },
  specRows: {
    onEmpty: true,
    run: (env) => {
      const repeat = env.section.repeat;
      if (!repeat) return null;
      const n = rowsOf(env.root, env.section.id).length;
      const vars = { n, min: repeat.min, max: repeat.max, row: { zh: repeat.itemLabelZh, en: repeat.itemLabelEn } };
      if (n < repeat.min) return failWith('min', vars);
      if (n > repeat.max) return failWith('max', vars);
      return null;
    },
  },
  required: { onEmpty: true, run: (env) => (isBlank(env.value) ? FAIL : null) },
  oneOfRequired: {
    onEmpty: true,
    run: (env, c) => (isBlank(env.value) && c.params.others.every((o) => isBlank(env.get(o))) ? FAIL : null),
  },
  assert: { run: (env, c) => (evaluateCondition(c.params.cond, env.get) ? null : FAIL) },
  atLeast: {
    run: (env, c) => {
      const n = numberOf(env.value);
      return n !== undefined && n < c.params.min ? { vars: { min: c.params.min } } : null;
    },
  },
  anyPositive: {
    onEmpty: true,
    run: (env, c) =>
      [env.value, ...c.params.others.map((o) => env.get(o))].some((v) => (numberOf(v) ?? 0) > 0) ? null : FAIL,
  },
  uniqueInSection: {
    run: (env) => {
      if (env.rowIndex === undefined) return null;
      const mine = textOf(env.value);
      const rows = rowsOf(env.root, env.section.id);
      for (let i = 0; i < env.rowIndex; i++) {
        if (textOf(rows[i]?.[env.code]) === mine) return { vars: { row: i + 1 } };
      }
      return null;
    },
  },
  notBefore: {
    run: (env, c) => {
      const mine = monthOrDate(textOf(env.value));
      const other = monthOrDate(textOf(env.get(c.params.other)));
      if (!mine || !other || mine.length !== other.length) return null;
      return mine < other ? FAIL : null;
    },
  },
  notInFuture: {
    run: (env) => {
      const text = textOf(env.value);
      if (YEAR_MONTH.test(text)) return text > env.ctx.today.slice(0, 7) ? FAIL : null;
      return isCalendarDate(text) && text > env.ctx.today ? FAIL : null;
    },
  },
  notAfterMonth: {
    run: (env, c) => {
      const month = monthOf(textOf(env.value));
      if (!month || month <= c.params.month) return null;
      const [y, m] = c.params.month.split('-');
      return { vars: { month: { zh: `${y}年${Number(m)}月`, en: c.params.month } } };
    },
  },
  activityText: {
    run: (env, c) => {
      const fromSetting = c.params.maxSetting === undefined ? undefined : env.settings[c.params.maxSetting];
      const max = typeof fromSetting === 'number' ? fromSetting : c.params.max;
      const p = activityProblem(textOf(env.value), c.params.min, max);
      return p ? failWith(p, { min: c.params.min, max }) : null;
    },
  },
  addressText: {
    run: (env, c) => {
      const p = addressProblem(textOf(env.value), c.params.minHan);
      return p ? failWith(p, { minHan: c.params.minHan }) : null;
    },
  },
  pattern: { run: (env, c) => (patterns[c.params.name].test(textOf(env.value)) ? null : FAIL) },
  email: { run: (env) => (EMAIL.test(textOf(env.value)) ? null : FAIL) },
};

/** The comparable text of a year-month or date, or null when it is neither. */
function monthOrDate(text: string): string | null {
  return YEAR_MONTH.test(text) || isCalendarDate(text) ? text : null;
}
