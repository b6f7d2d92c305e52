import { describe, expect, it } from 'vitest';
import type { FormValues } from '@shared/forms/types';
import { checkPack } from '@shared/packs/check';
import { loadPack, type LoadedPack } from '@shared/packs/load';
import type { FormPack, PackSettings } from '@shared/packs/types';
import { evaluate, type Finding, type Rule, type RuleContext } from '@shared/rules';
import { evaluateUnit } from '@shared/rules/unit-findings';
import { pack, packWith } from './pack';

// The pack's CEL rules (check fn 'expr', shared/rules/expr.ts): R611-3-PROFIT-BOUND (营业利润 no
// more than revenue less cost, taxes, selling, administrative and finance expenses plus investment
// and other income, plus the setting operatingProfitSlack), R611-4E-PROFIT-IDENTITY (the full
// 企业会计准则 income statement adds up) and R611-3-PAY-PER-PERSON (应付职工薪酬 over 611-2's persons
// employed no less than twelve months of the setting minMonthlyWage). rules.test.ts has a failing and
// a passing case of each; here: blanks, zeroIfBlank, the shown values and the settings.

const ctx: RuleContext = { today: '2024-03-15', forms: { '611-2': { employees: 20 } } };
const income: FormValues = { revenue: 12000, operatingCost: 9000, taxes: 150, operatingProfit: 900 };

const hits = (ruleId: string, values: FormValues, c: RuleContext = ctx, p: LoadedPack = pack, form = '611-3'): Finding[] =>
  evaluate(p, form, { ...income, ...values }, c).filter((f) => f.ruleId === ruleId);
const profit = (values: FormValues, p?: LoadedPack) => hits('R611-3-PROFIT-BOUND', values, ctx, p);
const identity = (values: FormValues) => hits('R611-4E-PROFIT-IDENTITY', values, ctx, pack, '611-4');
const pay = (values: FormValues, c: RuleContext = ctx, p?: LoadedPack) => hits('R611-3-PAY-PER-PERSON', values, c, p);

const withSettings = (settings: Partial<PackSettings>): LoadedPack =>
  loadPack(packWith((doc) => ({ ...doc, settings: { ...doc.settings, ...settings } as PackSettings })));

describe('R611-3-PROFIT-BOUND', () => {
  it('is in the pack as a CEL check on 营业利润, 核实性, with the three expenses, investment and other income zero if blank', () => {
    const rule = pack.rulesFor('611-3').find((r) => r.id === 'R611-3-PROFIT-BOUND');
    expect(rule?.severity).toBe('verify');
    expect(rule?.items).toEqual(['operatingProfit']);
    expect(rule?.check.fn).toBe('expr');
    if (rule?.check.fn !== 'expr') return;
    expect([...(rule.check.params.zeroIfBlank ?? [])].sort()).toEqual(['adminExpenses', 'financeExpenses', 'investmentIncome', 'otherIncome', 'sellingExpenses']);
    expect(pack.settings.operatingProfitSlack).toBe(0);
  });

  it('finds a profit above the bound, and shows the bound in both languages', () => {
    const [f] = profit({ operatingProfit: 3000 });
    expect(f).toMatchObject({ formId: '611-3', severity: 'verify', item: 'operatingProfit', path: 'operatingProfit' });
    expect(f?.messageZh).toBe('营业利润（3000千元）高于营业收入减营业成本、税金及附加、销售费用、管理费用、财务费用再加投资收益和其他收益（2850千元），请核实并说明');
    expect(f?.messageEn).toBe(
      'Operating profit (3000 thousand yuan) is above revenue less cost, taxes, selling, administrative and finance expenses plus investment and other income (2850 thousand yuan): verify and explain',
    );
  });

  it('finds nothing at or below the bound, nor a loss', () => {
    expect(profit({ operatingProfit: 2850 })).toEqual([]);
    expect(profit({ operatingProfit: 0 })).toEqual([]);
    expect(profit({ operatingProfit: -500 })).toEqual([]);
  });

  it('subtracts the expenses and adds investment and other income given, reading those left blank as 0', () => {
    const expenses = { sellingExpenses: 1000, adminExpenses: 800, financeExpenses: 200 };
    // 2850 − 2000 = 850 < 900
    expect(profit(expenses)[0]?.messageZh).toContain('（850千元）');
    expect(profit({ ...expenses, investmentIncome: 50 })).toEqual([]);
    expect(profit({ ...expenses, otherIncome: 50 })).toEqual([]);
    // Blank expenses are 0, so the finding stands (and shows the same bound) as if typed as 0.
    const blanks = profit({ operatingProfit: 3000 });
    const zeros = profit({ operatingProfit: 3000, sellingExpenses: 0, adminExpenses: 0, financeExpenses: 0, investmentIncome: 0, otherIncome: 0 });
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

describe('R611-4E-PROFIT-IDENTITY (企业会计准则)', () => {
  it('holds within 1 千元 of rounding, above or below, with every line the statement has', () => {
    expect(identity({ operatingProfit: 2850 })).toEqual([]);
    expect(identity({ operatingProfit: 2849 })).toEqual([]);
    expect(identity({ operatingProfit: 2848 })[0]?.messageZh).toContain('（2850千元）');
    expect(identity({ operatingProfit: 2852 })).toHaveLength(1);
    const full = {
      sellingExpenses: 100, adminExpenses: 200, rdExpenses: 50, financeExpenses: 30,
      otherIncome: 10, investmentIncome: 20, netHedgeGain: 5, fairValueGain: -15, creditImpairmentLoss: -40, assetImpairmentLoss: -60, assetDisposalGain: 25,
    };
    // 2850 − 380 + 10 + 20 + 5 − 15 − 40 − 60 + 25 = 2415
    expect(identity({ ...full, operatingProfit: 2415 })).toEqual([]);
    expect(identity({ ...full, operatingProfit: 2500 })[0]?.messageZh).toContain('（2415千元）');
  });

  it('is 核实性 and says nothing while a line outside zeroIfBlank is blank', () => {
    expect(identity({ operatingProfit: 9999 })[0]?.severity).toBe('verify');
    expect(identity({ operatingProfit: 9999, revenue: undefined })).toEqual([]);
  });
});

describe('R611-3-PAY-PER-PERSON', () => {
  it('is in the pack as a CEL check on 应付职工薪酬 against 611-2, 核实性, on the local minimum wage', () => {
    const rule = pack.rulesFor('611-3').find((r) => r.id === 'R611-3-PAY-PER-PERSON');
    expect(rule?.severity).toBe('verify');
    expect(rule?.items).toEqual(['payroll']);
    expect(rule?.check.fn === 'expr' && rule.check.params.expr).toContain('f611_2.employees');
    expect(pack.settings.minMonthlyWage).toBe(1.9);
  });

  it('finds pay per person below twelve months of the minimum wage, showing persons, pay per person and the floor', () => {
    const [f] = pay({ payroll: 150 }, { ...ctx, forms: { '611-2': { employees: 7 } } });
    expect(f).toMatchObject({ formId: '611-3', severity: 'verify', item: 'payroll', path: 'payroll' });
    expect(f?.messageZh).toBe('应付职工薪酬（本年贷方累计发生额）（150千元）按从业人员期末人数（7人）计，人均21.43千元，低于当地最低工资的12个月（22.8千元），请核实薪酬与人数');
    expect(f?.messageEn).toBe(
      'Employee pay (credited this year) (150 thousand yuan) over persons employed (7) is 21.43 thousand yuan per person, below twelve months of the local minimum wage (22.8 thousand yuan): verify pay and headcount',
    );
  });

  it('finds nothing at or above the floor', () => {
    expect(pay({ payroll: 456 })).toEqual([]);
    expect(pay({ payroll: 160 }, { ...ctx, forms: { '611-2': { employees: 7 } } })).toEqual([]);
    expect(pay({ payroll: 455 })).toHaveLength(1);
  });

  it('says nothing while pay or 611-2’s persons employed is blank, 611-2 is not at hand, or it has no one employed', () => {
    expect(pay({})).toEqual([]);
    expect(pay({ payroll: 1 }, { ...ctx, forms: { '611-2': {} } })).toEqual([]);
    expect(pay({ payroll: 1 }, { ...ctx, forms: { '611-2': { employees: '' } } })).toEqual([]);
    expect(pay({ payroll: 1 }, { ...ctx, forms: undefined })).toEqual([]);
    expect(pay({ payroll: 1 }, { ...ctx, forms: { '611-2': { employees: 0 } } })).toEqual([]);
  });

  it('reads the minimum wage from the pack settings', () => {
    const lower = withSettings({ minMonthlyWage: 1.5 });
    expect(pay({ payroll: 400 })).toHaveLength(1);
    expect(pay({ payroll: 400 }, ctx, lower)).toEqual([]);
    expect(pay({ payroll: 300 }, ctx, lower)[0]?.messageZh).toContain('人均15千元，低于当地最低工资的12个月（18千元）');
  });

  it('runs on a whole unit with its own 611-2 (evaluateUnit)', () => {
    const forms = { '611': { accountingStandard: '1', enterpriseAccountingStandard: '2' }, '611-2': { employees: 20 }, '611-3': { ...income, payroll: 200 } };
    const { findings } = evaluateUnit(pack, 'legal', forms, { today: '2024-03-15' });
    expect(findings.filter((f) => f.ruleId === 'R611-3-PAY-PER-PERSON').map((f) => f.messageZh)).toEqual([
      '应付职工薪酬（本年贷方累计发生额）（200千元）按从业人员期末人数（20人）计，人均10千元，低于当地最低工资的12个月（22.8千元），请核实薪酬与人数',
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
