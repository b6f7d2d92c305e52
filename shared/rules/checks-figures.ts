import { industryByCode, industrySection } from '../codes/industry';
import { evaluateCondition } from '../forms/conditions';
import { lookupIn } from '../forms/refs';
import { numberOf, rowsOf, textOf } from '../forms/values';
import type { CheckRegistry } from './check-env';
import { holds, shown, type ExprInputs } from './expr';
import { isBeyondTolerance } from './cross-period';

// Checks on figures: 其中 ≤ 合计, sums of parts, last year's annual report, revenue per person,
// and agreement with the unit's other forms. Each skips when a figure it needs is missing:
// a missing figure is reported by the required rules, never guessed here.

/** Round to one decimal for messages (ratios and percentages only, never stored). */
const oneDecimal = (n: number): string => (Math.round(n * 10) / 10).toString();

export const figureChecks: CheckRegistry<
  | 'leTotal'
  | 'notEqual'
  | 'sumLeTotal' | 'sumEqualsTotal' | 'crossPeriod' | 'revenuePerEmployee' | 'matchesForm' | 'sumMatchesForm' | 'rowsWhere' | 'expr'
> = {
  leTotal: {
    run: (env, c) => {
      const part = numberOf(env.value);
      const total = numberOf(env.get(c.params.total));
      if (part === undefined || total === undefined) return null;
      return part > total ? {} : null;
    },
  },
  notEqual: {
    run: (env, c) => {
      const mine = numberOf(env.value);
      const other = numberOf(env.get(c.params.other));
      return mine !== undefined && other !== undefined && mine === other && mine !== 0 ? {} : null;
    },
  },
  sumLeTotal: {
    run: (env, c) => {
      const total = numberOf(env.value);
      const parts = c.params.parts.map((p) => numberOf(env.get(p))).filter((n) => n !== undefined);
      if (total === undefined || parts.length === 0) return null;
      const sum = parts.reduce((a, b) => a + b, 0);
      return sum > total ? { vars: { sum } } : null;
    },
  },
  sumEqualsTotal: {
    run: (env, c) => {
      const total = numberOf(env.value);
      const parts = c.params.parts.map((p) => numberOf(env.get(p)));
      // Only once every part is filled: a half-typed breakdown is not yet wrong.
      if (total === undefined || parts.some((n) => n === undefined)) return null;
      const sum = parts.reduce<number>((a, b) => a + (b ?? 0), 0);
      return Math.abs(sum - total) > (c.params.tolerance ?? 0) ? { vars: { sum } } : null;
    },
  },
  crossPeriod: {
    run: (env, c) => {
      const now = numberOf(env.value);
      const last = env.ctx.lastYear?.[c.params.field];
      // No base to compare with (no annual report, or a zero base): nothing to say.
      if (now === undefined || last === undefined || last <= 0) return null;
      const tolerance = c.params.field === 'revenue' ? env.settings.revenueChange : env.settings.employeesChange;
      if (!isBeyondTolerance(now, last, tolerance)) return null;
      const change = (now - last) / last;
      const sign = change > 0 ? '+' : '';
      return {
        reason: change > 0 ? 'up' : 'down',
        vars: { last, change: `${sign}${oneDecimal(change * 100)}%`, tolerance: `${oneDecimal(tolerance * 100)}%` },
      };
    },
  },
  revenuePerEmployee: {
    run: (env, c) => {
      const revenue = numberOf(env.value);
      const employees = numberOf(env.get(c.params.employees));
      const industry = textOf(env.get(c.params.industry));
      const section = industrySection(industry);
      if (revenue === undefined || employees === undefined || employees <= 0 || !section) return null;
      const range = env.form.pack.revenueRange(c.params.table, section);
      if (!range) return null;
      const per = revenue / employees;
      if (per >= range.min && per <= range.max) return null;
      const name = industryByCode(section)?.name ?? section;
      return {
        reason: per < range.min ? 'low' : 'high',
        vars: { per: oneDecimal(per), min: range.min, max: range.max, section: { zh: name, en: `section ${section}` } },
      };
    },
  },
  matchesForm: {
    run: (env, c) => {
      const mine = numberOf(env.value);
      const other = numberOf(env.ctx.forms?.[c.params.form]?.[c.params.item]);
      if (mine === undefined || other === undefined) return null;
      const bound = other * (c.params.factor ?? 1);
      const fails = c.params.relation === 'eq' ? mine !== bound : mine > bound;
      return fails ? { vars: { other, form: c.params.form } } : null;
    },
  },
  sumMatchesForm: {
    onEmpty: true,
    run: (env, c) => {
      const other = numberOf(env.ctx.forms?.[c.params.form]?.[c.params.item]);
      const values = rowsOf(env.root, env.section.id).map((r) => numberOf(r[c.params.column]));
      if (other === undefined || values.length === 0 || values.some((v) => v === undefined)) return null;
      const sum = values.reduce<number>((a, b) => a + (b ?? 0), 0);
      return sum === other ? null : { vars: { sum, other, form: c.params.form } };
    },
  },
  rowsWhere: {
    onEmpty: true,
    run: (env, c) => {
      const rows = rowsOf(env.root, env.section.id);
      // No rows at all is the business of the row-count rule (specRows).
      if (rows.length === 0) return null;
      const count = rows.filter((row) => evaluateCondition(c.params.cond, lookupIn(env.form.refs, env.root, row))).length;
      const { min, max } = c.params;
      return count < min || (max !== undefined && count > max) ? { vars: { count, min, max: max ?? '' } } : null;
    },
  },
  expr: {
    onEmpty: true,
    run: (env, c) => {
      const { pack, spec } = env.form;
      const inputs: ExprInputs = {
        get: env.get,
        forms: env.ctx.forms,
        settings: env.settings as unknown as Readonly<Record<string, number | string>>,
        zeroIfBlank: new Set(c.params.zeroIfBlank ?? []),
      };
      if (holds(pack.expr(spec.id, c.params.expr), inputs) !== false) return null;
      const vars: Record<string, string | number> = {};
      for (const [name, text] of Object.entries(c.params.show ?? {})) {
        const value = shown(pack.expr(spec.id, text), inputs);
        if (value !== undefined) vars[name] = value;
      }
      return { vars };
    },
  },
};
