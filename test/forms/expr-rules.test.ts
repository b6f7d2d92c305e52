import { describe, expect, it } from 'vitest';
import type { FormValues } from '@shared/forms/types';
import { checkPack } from '@shared/packs/check';
import { loadPack, type LoadedPack } from '@shared/packs/load';
import type { FormPack, PackSettings } from '@shared/packs/types';
import { evaluate, type Finding, type Rule, type RuleContext } from '@shared/rules';
import { evaluateUnit } from '@shared/rules/unit-findings';
import { pack, packWith } from './pack';

// The pack's CEL rules (check fn 'expr', shared/rules/expr.ts): R611-3-PROFIT-BOUND (营业利润 no
// more than revenue less cost, taxes and the four expenses plus investment income, plus the
// setting operatingProfitSlack) and R611-3-PAY-PER-PERSON (应付职工薪酬 over the 611's persons
// employed no less than the setting minAnnualPayPerPerson). rules.test.ts has a failing and a
// passing case of each; here: blanks, zeroIfBlank, the shown values and the settings.

const ctx: RuleContext = { today: '2024-03-15', forms: { '611': { employees: 20 } } };
const income: FormValues = { revenue: 12000, operatingCost: 9000, taxes: 150, operatingProfit: 900 };

const hits = (ruleId: string, values: FormValues, c: RuleContext = ctx, p: LoadedPack = pack): Finding[] =>
  evaluate(p, '611-3', { ...income, ...values }, c).filter((f) => f.ruleId === ruleId);
const profit = (values: FormValues, p?: LoadedPack) => hits('R611-3-PROFIT-BOUND', values, ctx, p);
const pay = (values: FormValues, c: RuleContext = ctx, p?: LoadedPack) => hits('R611-3-PAY-PER-PERSON', values, c, p);

const withSettings = (settings: Partial<PackSettings>): LoadedPack =>
  loadPack(packWith((doc) => ({ ...doc, settings: { ...doc.settings, ...settings } as PackSettings })));

describe('R611-3-PROFIT-BOUND', () => {
  it('is in the pack as a CEL check on 营业利润, 核实性, with the four expenses and investment income zero if blank', () => {
    const rule = pack.rulesFor('611-3').find((r) => r.id === 'R611-3-PROFIT-BOUND');
    expect(rule?.severity).toBe('verify');
    expect(rule?.items).toEqual(['operatingProfit']);
    expect(rule?.check.fn).toBe('expr');
    if (rule?.check.fn !== 'expr') return;
    expect([...(rule.check.params.zeroIfBlank ?? [])].sort()).toEqual(['adminExpenses', 'financeExpenses', 'investmentIncome', 'rdExpenses', 'sellingExpenses']);
    expect(pack.settings.operatingProfitSlack).toBe(0);
  });

  it('finds a profit above the bound, and shows the bound in both languages', () => {
    const [f] = profit({ operatingProfit: 3000 });
    expect(f).toMatchObject({ formId: '611-3', severity: 'verify', item: 'operatingProfit', path: 'operatingProfit' });
    expect(f?.messageZh).toBe(
      '营业利润（3000千元）高于营业收入减营业成本、税金及附加、四项费用再加投资收益（2850千元）；差额应来自其他收益、公允价值变动收益、资产处置收益等表上未列的项目，请核实并说明',
    );
    expect(f?.messageEn).toBe(
      'Operating profit (3000 thousand yuan) is above revenue less cost, taxes and the four expenses plus investment income (2850 thousand yuan); the difference must come from items not on this form (other income, fair-value or disposal gains): verify and explain',
    );
  });

  it('finds nothing at or below the bound, nor a loss', () => {
    expect(profit({ operatingProfit: 2850 })).toEqual([]);
    expect(profit({ operatingProfit: 0 })).toEqual([]);
    expect(profit({ operatingProfit: -500 })).toEqual([]);
  });

  it('subtracts the expenses and adds investment income given, reading those left blank as 0', () => {
    const expenses = { sellingExpenses: 1000, adminExpenses: 800, rdExpenses: 100, financeExpenses: 100 };
    // 2850 − 2000 = 850 < 900
    expect(profit(expenses)[0]?.messageZh).toContain('（850千元）');
    expect(profit({ ...expenses, investmentIncome: 50 })).toEqual([]);
    // Blank expenses are 0, so the finding stands (and shows the same bound) as if typed as 0.
    const blanks = profit({ operatingProfit: 3000 });
    const zeros = profit({ operatingProfit: 3000, sellingExpenses: 0, adminExpenses: 0, rdExpenses: 0, financeExpenses: 0, investmentIncome: 0 });
    expect(blanks).toHaveLength(1);
    expect(zeros).toEqual(blanks);
    // A negative investment income (a loss) lowers the bound.
    expect(profit({ operatingProfit: 2850, investmentIncome: -1 })[0]?.messageZh).toContain('（2849千元）');
  });

  it('says nothing while an item outside zeroIfBlank is blank (GEN-REQUIRED asks for it)', () => {
    expect(profit({ operatingProfit: undefined })).toEqual([]);
    expect(profit({ operatingProfit: 99999, revenue: undefined })).toEqual([]);
    expect(profit({ operatingProfit: 99999, operatingCost: '' })).toEqual([]);
    expect(profit({ operatingProfit: 99999, taxes: '  ' })).toEqual([]);
    const required = evaluate(pack, '611-3', { ...income, taxes: undefined, operatingProfit: 99999 }, ctx);
    expect(required.filter((f) => f.ruleId === 'GEN-REQUIRED').map((f) => f.path)).toContain('taxes');
  });

  it('reads figures typed as text, and leaves one that does not read as a number to GEN-FORMAT', () => {
    expect(profit({ operatingProfit: '3000', revenue: '12000' })).toHaveLength(1);
    expect(profit({ operatingProfit: 'abc' })).toEqual([]);
  });

  it('allows the pack setting operatingProfitSlack above the bound', () => {
    const slack = withSettings({ operatingProfitSlack: 100 });
    expect(profit({ operatingProfit: 2950 }, slack)).toEqual([]);
    expect(profit({ operatingProfit: 2951 }, slack)[0]?.messageZh).toContain('（2951千元）高于');
    // The shown bound is the accounts' own, without the slack.
    expect(profit({ operatingProfit: 2951 }, slack)[0]?.messageZh).toContain('（2850千元）');
  });
});

describe('R611-3-PAY-PER-PERSON', () => {
  it('is in the pack as a CEL check on 应付职工薪酬 against the 611, 核实性', () => {
    const rule = pack.rulesFor('611-3').find((r) => r.id === 'R611-3-PAY-PER-PERSON');
    expect(rule?.severity).toBe('verify');
    expect(rule?.items).toEqual(['payroll']);
    expect(rule?.check.fn === 'expr' && rule.check.params.expr).toContain('f611.employees');
    expect(pack.settings.minAnnualPayPerPerson).toBe(12);
  });

  it('finds pay per person below the floor, showing persons, pay per person and the floor', () => {
    const [f] = pay({ payroll: 80 }, { ...ctx, forms: { '611': { employees: 7 } } });
    expect(f).toMatchObject({ formId: '611-3', severity: 'verify', item: 'payroll', path: 'payroll' });
    expect(f?.messageZh).toBe('应付职工薪酬（本年贷方累计发生额）（80千元）按611表从业人员期末人数（7人）计，人均11.43千元，低于12千元/人·年，请核实薪酬与人数');
    expect(f?.messageEn).toBe(
      'Employee pay (credited this year) (80 thousand yuan) over the 611 persons employed (7) is 11.43 thousand yuan per person, below 12 thousand yuan per person-year: verify pay and headcount',
    );
  });

  it('finds nothing at or above the floor', () => {
    expect(pay({ payroll: 240 })).toEqual([]);
    expect(pay({ payroll: 84 }, { ...ctx, forms: { '611': { employees: 7 } } })).toEqual([]);
    expect(pay({ payroll: 239 })).toHaveLength(1);
  });

  it('says nothing while pay or the 611’s persons employed is blank, the 611 is not at hand, or it has no one employed', () => {
    expect(pay({})).toEqual([]);
    expect(pay({ payroll: 1 }, { ...ctx, forms: { '611': {} } })).toEqual([]);
    expect(pay({ payroll: 1 }, { ...ctx, forms: { '611': { employees: '' } } })).toEqual([]);
    expect(pay({ payroll: 1 }, { ...ctx, forms: undefined })).toEqual([]);
    expect(pay({ payroll: 1 }, { ...ctx, forms: { '611': { employees: 0 } } })).toEqual([]);
  });

  it('reads the floor from the pack settings', () => {
    const lower = withSettings({ minAnnualPayPerPerson: 8 });
    expect(pay({ payroll: 200 })).toHaveLength(1);
    expect(pay({ payroll: 200 }, ctx, lower)).toEqual([]);
    expect(pay({ payroll: 150 }, ctx, lower)[0]?.messageZh).toContain('人均7.5千元，低于8千元');
  });

  it('runs on a whole unit with its own 611 (evaluateUnit)', () => {
    const forms = { '611': { accountingStandard: '1', employees: 20 }, '611-3': { ...income, payroll: 200 } };
    const { findings } = evaluateUnit(pack, 'legal', forms, { today: '2024-03-15' });
    expect(findings.filter((f) => f.ruleId === 'R611-3-PAY-PER-PERSON').map((f) => f.messageZh)).toEqual([
      '应付职工薪酬（本年贷方累计发生额）（200千元）按611表从业人员期末人数（20人）计，人均10千元，低于12千元/人·年，请核实薪酬与人数',
    ]);
  });
});

describe('expression mistakes (checkPack)', () => {
  const base = pack.rulesFor('611-3').find((r) => r.id === 'R611-3-PROFIT-BOUND');
  if (!base) throw new Error('the pack has R611-3-PROFIT-BOUND');
  const withExpr = (params: Extract<Rule['check'], { fn: 'expr' }>['params']): FormPack =>
    packWith((doc) => ({ ...doc, rules: [...doc.rules, { ...base, id: 'TEST-EXPR', check: { fn: 'expr', params } }] }));
  const problems = (params: Extract<Rule['check'], { fn: 'expr' }>['params']) => checkPack(withExpr(params));

  it('refuses an expression naming an unknown item, of the wrong type, or that does not parse', () => {
    for (const expr of ['operatingProfit <= turnover', 'operatingProfit + revenue', 'operatingProfit <= (revenue']) {
      const found = problems({ expr });
      expect(found.map((p) => p.place), expr).toEqual([{ kind: 'rule', ruleId: 'TEST-EXPR', field: 'expr' }]);
      expect(found[0]?.message, expr).toMatch(/^表达式无法编译：/);
    }
  });

  it('refuses a zeroIfBlank name the expression does not use, and a shown value that does not compile', () => {
    const zero = problems({ expr: 'operatingProfit <= revenue', zeroIfBlank: ['taxes'] });
    expect(zero).toEqual([{ place: { kind: 'rule', ruleId: 'TEST-EXPR', field: 'zeroIfBlank' }, message: expect.stringContaining('taxes') }]);
    const show = problems({ expr: 'operatingProfit <= revenue', show: { bound: 'revenue - turnover' } });
    expect(show).toEqual([{ place: { kind: 'rule', ruleId: 'TEST-EXPR', field: 'show.bound' }, message: expect.stringContaining('bound') }]);
  });

  it('accepts another form and a setting by name', () => {
    expect(problems({ expr: 'operatingProfit <= f611.revenue + settings.operatingProfitSlack' })).toEqual([]);
  });
});
