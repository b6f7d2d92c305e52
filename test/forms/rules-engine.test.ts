import { describe, expect, it } from 'vitest';
import { codeListIds } from '@shared/codes/lists';
import { formSpecs } from '@shared/forms/specs';
import type { FormSpec, FormValues } from '@shared/forms/types';
import {
  allRules,
  canSubmit,
  evaluate,
  explanationKey,
  findingsAt,
  rulesFor,
  severities,
  summarize,
  type Finding,
  type Rule,
} from '@shared/rules';
import { compileForm } from '@shared/rules/compile';

// How the engine behaves around the rules: scopes and paths of repeating rows, skip logic,
// submit gating, and the integrity of the rule data itself.

const ctx = { today: '2024-03-15' };
const spec611 = formSpecs['611'] as FormSpec;
const spec611_1 = formSpecs['611-1'] as FormSpec;

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
  const findings = evaluate(spec611_1, rulesFor('611-1'), { establishments: rows }, ctx);

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
    const paths = evaluate(spec611, rulesFor('611'), values, ctx).map((f) => f.path);
    expect(paths).not.toContain('regAddrDetail');
    expect(paths).not.toContain('regDivisionCode');
  });

  it('reads numbers typed as text', () => {
    const findings = evaluate(spec611, rulesFor('611'), { employees: '20', femaleEmployees: '21' }, ctx);
    expect(findings.map((f) => f.ruleId)).toContain('R611-FEMALE-LE-TOTAL');
  });

  it('only reports: the values it is given are left exactly as they were', () => {
    const values: FormValues = { employees: 0, revenue: undefined, institutionType: '10', operatingStatus: '1' };
    const before = structuredClone(values);
    evaluate(spec611, rulesFor('611'), Object.freeze(values), ctx);
    expect(values).toEqual(before);
  });

  it('writes English messages too', () => {
    const [f] = evaluate(spec611, rulesFor('611'), { openedYm: '2019-03', foundedYm: '2020-05' }, ctx).filter(
      (x) => x.ruleId === 'R611-OPEN-AFTER-FOUND',
    );
    expect(f?.messageEn).toBe('Opened (2019-03) is before founded (2020-05)');
    expect(f?.severity).toBe('mandatory');
    expect(f?.item).toBe('openedYm');
  });

  it('gives the same answer on a second run (compiled rules are cached, not state)', () => {
    const values = { name: '' };
    expect(evaluate(spec611, rulesFor('611'), values, ctx)).toEqual(evaluate(spec611, rulesFor('611'), values, ctx));
  });

  it('ignores rules of other forms', () => {
    const findings = evaluate(spec611_1, allRules, { establishments: [] }, ctx);
    expect(findings.every((f) => f.ruleId.startsWith('GEN-') || f.ruleId.startsWith('R611-1-'))).toBe(true);
  });
});

describe('rule data', () => {
  it('has unique ids', () => {
    const ids = allRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('names real forms, severities, versions and sources', () => {
    for (const r of allRules) {
      expect(r.formId === '*' || r.formId in formSpecs, r.id).toBe(true);
      expect(severities, r.id).toContain(r.severity);
      expect(r.version, r.id).toMatch(/\S/);
      expect(r.source, r.id).toMatch(/\S/);
      expect(r.messageZh, r.id).toMatch(/\p{Script=Han}/u);
      expect(r.messageEn, r.id).toMatch(/[a-z]/);
    }
  });

  it('compiles against every form: every item a rule or condition names exists', () => {
    for (const spec of Object.values(formSpecs)) expect(() => compileForm(spec, rulesFor(spec.id))).not.toThrow();
  });

  it('refuses a rule that names an item the form does not have', () => {
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
    expect(() => compileForm(spec611, [bad])).toThrow(/TEST-BAD.*turnover/);
  });

  it('refers only to code lists that exist', () => {
    for (const spec of Object.values(formSpecs)) {
      for (const item of spec.sections.flatMap((s) => s.items)) {
        if (item.codeList) expect(codeListIds, `${spec.id}.${item.code}`).toContain(item.codeList);
        if (item.type === 'code') expect(item.codeList ?? item.options, `${spec.id}.${item.code}`).toBeDefined();
      }
    }
  });
});
