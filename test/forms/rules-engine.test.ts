import { describe, expect, it } from 'vitest';
import type { FormValues } from '@shared/forms/types';
import { checkPack, type PackProblem } from '@shared/packs/check';
import { loadPack, PackLoadError } from '@shared/packs/load';
import type { FormPack } from '@shared/packs/types';
import {
  canSubmit,
  evaluate,
  explanationKey,
  findingsAt,
  severities,
  summarize,
  type Finding,
  type Rule,
} from '@shared/rules';
import { compileForm } from '@shared/rules/compile';
import { evaluateCompiled } from '@shared/rules/engine';
import { pack, packWith, specOf, withForm } from './pack';

// How the engine behaves around the rules: scopes and paths of repeating rows, skip logic,
// submit gating, and the integrity of the rule data itself (the built-in pack's rules; a
// mistake in rule data is refused by checkPack when a pack is built or loaded).

const ctx = { today: '2024-03-15' };
const spec611_1 = specOf('611-1');

const finding = (severity: Finding['severity'], ruleId: string, path = 'x'): Finding => ({
  ruleId,
  formId: '611',
  severity,
  item: path,
  path,
  messageZh: '测试',
  messageEn: 'test',
});

describe('canSubmit and summarize', () => {
  it('blocks on any 强制性 finding, even when explained', () => {
    const f = finding('mandatory', 'R611-AFFILIATION', 'affiliation');
    const result = canSubmit([f], { [explanationKey(f)]: '已核实' });
    expect(result.ok).toBe(false);
    expect(result.mandatory).toEqual([f]);
  });

  it('blocks on a 核实性 finding until it has a non-blank explanation', () => {
    const f = finding('verify', 'R611-REVENUE-CROSS-PERIOD', 'revenue');
    expect(canSubmit([f], {}).unexplained).toEqual([f]);
    expect(canSubmit([f], { [explanationKey(f)]: '   ' }).ok).toBe(false);
    expect(canSubmit([f], { 'R611-REVENUE-CROSS-PERIOD@assets': '别的项目' }).ok).toBe(false);
    expect(canSubmit([f], { [explanationKey(f)]: '新开两家门店，收入增长属实' }).ok).toBe(true);
  });

  it('never blocks on 提示性 findings', () => {
    expect(canSubmit([finding('hint', 'R611-WEBSITE')], {}).ok).toBe(true);
  });

  it('keys explanations by rule and path, so each row is explained on its own', () => {
    expect(explanationKey({ ruleId: 'R611-1-NAME-UNIQUE', path: 'establishments.2.estName' })).toBe(
      'R611-1-NAME-UNIQUE@establishments.2.estName',
    );
  });

  it('counts findings by severity', () => {
    const all = [finding('mandatory', 'a'), finding('verify', 'b'), finding('verify', 'c')];
    expect(summarize(all)).toEqual({ mandatory: 1, verify: 2, hint: 0 });
    expect(summarize([])).toEqual({ mandatory: 0, verify: 0, hint: 0 });
  });
});

describe('repeating sections', () => {
  const rows: FormValues[] = [
    { estName: '一店', estOperatingStatus: '1', estRevenue: 0 },
    { estName: '二店', estOperatingStatus: '2', estRevenue: 0 },
    { estName: '一店', estOperatingStatus: '1', estRevenue: 100 },
  ];
  const findings = evaluate(pack, '611-1', { establishments: rows }, ctx);

  it('names the row in the path, counting rows from 0', () => {
    expect(findingsAt(findings, 'establishments.2.estName').map((f) => f.ruleId)).toContain('R611-1-NAME-UNIQUE');
    expect(findingsAt(findings, 'establishments.0.estName').map((f) => f.ruleId)).not.toContain('R611-1-NAME-UNIQUE');
  });

  it('evaluates guards inside the row they belong to', () => {
    const figures = findings.filter((f) => f.ruleId === 'R611-1-FIGURES').map((f) => f.path);
    // Row 0 operates without figures; row 1 is suspended; row 2 has revenue.
    expect(figures).toEqual(['establishments.0.estRevenue']);
  });

  it('says which row a message is about', () => {
    const [dup] = findingsAt(findings, 'establishments.2.estName');
    expect(dup?.messageZh).toMatch(/^第3个产业活动单位：.*与第1个产业活动单位相同/);
    expect(dup?.messageEn).toMatch(/^establishment 3: /);
  });

  it('reports required items per row', () => {
    const required = findings.filter((f) => f.ruleId === 'GEN-REQUIRED').map((f) => f.path);
    expect(required).toContain('establishments.1.estAddrDetail');
    expect(required).toContain('establishments.2.estEmployees');
  });
});

describe('evaluation', () => {
  it('skips items that skip logic hides: the values stay, nothing is checked', () => {
    const values = { regSameAsLocation: true, regAddrDetail: '@@@', regDivisionCode: '1' };
    const paths = evaluate(pack, '611', values, ctx).map((f) => f.path);
    expect(paths).not.toContain('regAddrDetail');
    expect(paths).not.toContain('regDivisionCode');
  });

  it('reads numbers typed as text', () => {
    const findings = evaluate(pack, '611', { employees: '20', femaleEmployees: '21' }, ctx);
    expect(findings.map((f) => f.ruleId)).toContain('R611-FEMALE-LE-TOTAL');
  });

  it('only reports: the values it is given are left exactly as they were', () => {
    const values: FormValues = { employees: 0, revenue: undefined, institutionType: '10', operatingStatus: '1' };
    const before = structuredClone(values);
    evaluate(pack, '611', Object.freeze(values), ctx);
    expect(values).toEqual(before);
  });

  it('writes English messages too', () => {
    const [f] = evaluate(pack, '611', { openedYm: '2019-03', foundedYm: '2020-05' }, ctx).filter(
      (x) => x.ruleId === 'R611-OPEN-AFTER-FOUND',
    );
    expect(f?.messageEn).toBe('Opened (2019-03) is before founded (2020-05): normal for a restructured unit whose licence is newer than its business; verify and explain');
    expect(f?.severity).toBe('verify');
    expect(f?.item).toBe('openedYm');
  });

  it('gives the same answer on a second run (compiled rules are cached, not state)', () => {
    const values = { name: '' };
    expect(evaluate(pack, '611', values, ctx)).toEqual(evaluate(pack, '611', values, ctx));
  });

  it('ignores rules of other forms', () => {
    const fromAll = evaluateCompiled(compileForm(pack, spec611_1, pack.body.rules), { establishments: [] }, ctx);
    expect(fromAll.length).toBeGreaterThan(0);
    expect(fromAll.every((f) => f.ruleId.startsWith('GEN-') || f.ruleId.startsWith('R611-1-'))).toBe(true);
    expect(evaluate(pack, '611-1', { establishments: [] }, ctx)).toEqual(fromAll);
    expect(pack.rulesFor('611-1').every((r) => r.formId === '611-1' || r.formId === '*')).toBe(true);
  });
});

describe('rule data', () => {
  const rules = pack.body.rules;

  it('has unique ids', () => {
    const ids = rules.map((r) => r.id);
    expect(ids.length).toBeGreaterThan(100);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('names real forms, severities, versions and sources', () => {
    for (const r of rules) {
      expect(r.formId === '*' || pack.form(r.formId) !== undefined, r.id).toBe(true);
      expect(severities, r.id).toContain(r.severity);
      expect(r.version, r.id).toMatch(/\S/);
      expect(r.source, r.id).toMatch(/\S/);
      expect(r.messageZh, r.id).toMatch(/\p{Script=Han}/u);
      expect(r.messageEn, r.id).toMatch(/[a-z]/);
    }
  });

  it('passes checkPack: every item a rule or condition names exists', () => {
    expect(checkPack(pack.body)).toEqual([]);
  });

  it('compiles against every form, each rule finding what it runs on', () => {
    for (const spec of pack.forms) {
      const form = pack.compiled(spec.id);
      expect(form.rules.map((cr) => cr.rule.id), spec.id).toEqual(pack.rulesFor(spec.id).map((r) => r.id));
      // A rule on named items runs on exactly its primary item or section; a '*' rule on all
      // of them (GEN-ROWS on every repeating section: none on a form without one).
      for (const cr of form.rules) if (cr.rule.items[0] !== '*') expect(cr.targets, `${spec.id} ${cr.rule.id}`).toHaveLength(1);
    }
  });

  it('reports a rule for every form (formId *) that names an item some form lacks, expressions included', () => {
    const star = (check: Rule['check'], items: string[]): Rule => ({
      id: 'TEST-STAR',
      formId: '*',
      severity: 'mandatory',
      items,
      check,
      messageZh: '测试',
      messageEn: 'test',
      version: '1',
      source: 'test',
    });
    for (const rule of [star({ fn: 'required' }, ['turnover']), star({ fn: 'leTotal', params: { total: 'turnover' } }, ['*'])]) {
      const problems = checkPack(packWith((doc) => ({ ...doc, rules: [...doc.rules, rule] })));
      expect(problems.length, JSON.stringify(rule.check)).toBeGreaterThan(0);
      expect(problems.every((p) => p.place.kind === 'rule' && p.place.ruleId === 'TEST-STAR')).toBe(true);
    }
    // An expression on every form compiles against each one: an item some form lacks is a
    // problem of the pack, never an exception when a laptop loads it.
    const expr = packWith((doc) => ({ ...doc, rules: [...doc.rules, star({ fn: 'expr', params: { expr: 'revenue >= 0' } }, ['revenue'])] }));
    expect(checkPack(expr).some((p) => p.place.kind === 'rule' && p.place.field === 'expr')).toBe(true);
    expect(() => loadPack(expr)).toThrow(PackLoadError);
  });

  it('refers only to code lists that exist', () => {
    for (const spec of pack.forms) {
      for (const item of spec.sections.flatMap((s) => s.items)) {
        if (item.codeList) expect(pack.codeList(item.codeList), `${spec.id}.${item.code}`).toBeDefined();
        if (item.type === 'code') expect(item.codeList ?? item.options, `${spec.id}.${item.code}`).toBeDefined();
      }
    }
  });
});

describe('rule data with a mistake (checkPack, before any form is drawn)', () => {
  const bad: Rule = {
    id: 'TEST-BAD',
    formId: '611',
    severity: 'hint',
    items: ['revenue'],
    check: { fn: 'leTotal', params: { total: 'turnover' } },
    messageZh: '测试',
    messageEn: 'test',
    version: '1',
    source: 'test',
  };
  const withRule = (rule: Rule): FormPack => packWith((doc) => ({ ...doc, rules: [...doc.rules, rule] }));
  const only = (problems: PackProblem[]) => {
    expect(problems).toHaveLength(1);
    return problems[0];
  };

  it('refuses a rule that names an item the form does not have, saying where', () => {
    const problem = only(checkPack(withRule(bad)));
    expect(problem?.place).toEqual({ kind: 'rule', ruleId: 'TEST-BAD', field: 'check' });
    expect(problem?.message).toBe('规则引用了表 611 中不存在的项目 turnover / the rule names turnover, not an item of form 611');
    // …and the pack does not load, so the engine never runs such a rule.
    expect(() => loadPack(withRule(bad))).toThrow(PackLoadError);
    expect(() => loadPack(withRule(bad))).toThrow(/turnover/);
  });

  it('refuses a rule whose primary item or guard is unknown', () => {
    const items = only(checkPack(withRule({ ...bad, items: ['turnover'], check: { fn: 'required' } })));
    expect(items?.place).toEqual({ kind: 'rule', ruleId: 'TEST-BAD', field: 'items' });
    expect(items?.message).toContain('turnover');
    const guard = only(checkPack(withRule({ ...bad, check: { fn: 'required' }, when: { item: 'turnover', op: 'notEmpty' } })));
    expect(guard?.place).toEqual({ kind: 'rule', ruleId: 'TEST-BAD', field: 'when' });
    expect(guard?.message).toContain('turnover');
  });

  it('refuses a rule that names no item, or a form the pack does not have', () => {
    const noItem = checkPack(withRule({ ...bad, items: [] }));
    expect(noItem.length).toBeGreaterThan(0);
    expect(noItem[0]?.place).toMatchObject({ kind: 'rule', ruleId: 'TEST-BAD' });
    const noForm = only(checkPack(withRule({ ...bad, formId: '611-9' })));
    expect(noForm?.place).toEqual({ kind: 'rule', ruleId: 'TEST-BAD', field: 'formId' });
    expect(noForm?.message).toContain('611-9');
  });

  it('refuses a rule id used twice', () => {
    const [first] = pack.body.rules;
    if (!first) throw new Error('the pack has rules');
    const problem = only(checkPack(withRule({ ...first })));
    expect(problem?.place).toEqual({ kind: 'rule', ruleId: first.id, field: 'id' });
  });

  it('refuses a condition that names an item the form does not have', () => {
    const doc = packWith((d) =>
      withForm(d, '611', (spec) => ({
        ...spec,
        sections: spec.sections.map((section) => ({
          ...section,
          items: section.items.map((item) => (item.code === 'website' ? { ...item, relevant: { item: 'hasWebsite', op: 'isTrue' } } : item)),
        })),
      })),
    );
    const problem = only(checkPack(doc));
    expect(problem?.place).toEqual({ kind: 'item', formId: '611', itemCode: 'website', field: 'relevant' });
    // hasWebsite is an item of 611-8: the message says so rather than "unknown".
    expect(problem?.message).toMatch(/hasWebsite.*611-8/);
  });

  it('refuses an item naming a code list the pack does not have', () => {
    const doc = packWith((d) =>
      withForm(d, '611', (spec) => ({
        ...spec,
        sections: spec.sections.map((section) => ({
          ...section,
          items: section.items.map((item) => (item.code === 'affiliation' ? { ...item, codeList: 'affiliations' } : item)),
        })),
      })),
    );
    const problem = only(checkPack(doc));
    expect(problem?.place).toEqual({ kind: 'item', formId: '611', itemCode: 'affiliation', field: 'codeList' });
    expect(problem?.message).toContain('affiliations');
  });
});
