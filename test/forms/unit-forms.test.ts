import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FormValues, Value } from '@shared/forms/types';
import { unitFormIds } from '@shared/forms/unit-forms';
import { isBlank, textOf } from '@shared/forms/values';
import { checkPack } from '@shared/packs/check';
import type { FormPack } from '@shared/packs/types';
import { evaluateUnit } from '@shared/rules/unit-findings';
import { pack, packWith } from './pack';

// Which forms a unit fills is pack data (`unitForms`): per kind of unit, the forms in order,
// each with an optional condition on the primary form. The built-in pack must reproduce the
// choice the code used to make: 611-1 when 611 says it has establishments; 611-3 under
// enterprise accounting (执行会计标准类别 1), 611-4 under any other regime; with the regime blank,
// 机构类型 10 企业 / 55 合作社 → 611-3, any other → 611-4; with both blank, neither (never guessed).

const legal = (basic: FormValues | undefined) => unitFormIds(pack, 'legal', basic ? { '611': basic } : {});

/** The choice as the code made it before it was data (shared/forms/unit-forms.ts until the packs). */
function previousChoice(basic: FormValues | undefined): string[] {
  const saysYes = (v: Value) => !isBlank(v) && (v === true || textOf(v) === 'true' || textOf(v) === '1');
  const standard = textOf(basic?.accountingStandard);
  const institution = textOf(basic?.institutionType);
  const indicators =
    standard !== '' ? (standard === '1' ? '611-3' : '611-4') : institution === '' ? null : ['10', '55'].includes(institution) ? '611-3' : '611-4';
  return ['611', ...(saysYes(basic?.hasEstablishments) ? ['611-1'] : []), '611-2', ...(indicators ? [indicators] : []), '611-8'];
}

describe('unitFormIds from the built-in pack', () => {
  it('gives a 个体经营户 the individual form and a 产业活动单位 the 611 only, whatever they answered', () => {
    expect(unitFormIds(pack, 'individual', {})).toEqual(['individual']);
    expect(unitFormIds(pack, 'individual', { individual: { employees: 3 } })).toEqual(['individual']);
    expect(unitFormIds(pack, 'establishment', {})).toEqual(['611']);
    expect(unitFormIds(pack, 'establishment', { '611': { accountingStandard: '1', hasEstablishments: true } })).toEqual(['611']);
  });

  it('chooses 611-3 under enterprise accounting and 611-4 under any other regime', () => {
    expect(legal({ accountingStandard: '1' })).toEqual(['611', '611-2', '611-3', '611-8']);
    for (const regime of ['2', '3', '9']) expect(legal({ accountingStandard: regime }), regime).toEqual(['611', '611-2', '611-4', '611-8']);
    // The regime decides even where 机构类型 says otherwise.
    expect(legal({ accountingStandard: '2', institutionType: '10' })).toContain('611-4');
    expect(legal({ accountingStandard: '1', institutionType: '20' })).toContain('611-3');
  });

  it('with the regime blank, takes 611-3 for 企业 and 合作社, 611-4 for other institutions', () => {
    expect(legal({ institutionType: '10' })).toContain('611-3');
    expect(legal({ institutionType: '55', accountingStandard: '' })).toContain('611-3');
    for (const type of ['20', '30', '40', '51', '90']) {
      expect(legal({ institutionType: type }), type).toEqual(['611', '611-2', '611-4', '611-8']);
    }
  });

  it('lists neither indicator table while regime and 机构类型 are both blank', () => {
    expect(legal(undefined)).toEqual(['611', '611-2', '611-8']);
    expect(legal({ accountingStandard: '  ', institutionType: '' })).toEqual(['611', '611-2', '611-8']);
  });

  it('adds 611-1 only when 611 says the unit has establishments', () => {
    for (const yes of [true, 'true', '1', 1]) expect(legal({ hasEstablishments: yes }), String(yes)).toEqual(['611', '611-1', '611-2', '611-8']);
    for (const no of [false, 'false', '2', '', undefined]) expect(legal({ hasEstablishments: no }), String(no)).not.toContain('611-1');
  });

  it('makes the same choice the code made, for any answers to the three items', () => {
    const code = (values: Value[]) => fc.constantFrom<Value>(...values);
    fc.assert(
      fc.property(
        fc.record(
          {
            accountingStandard: code([undefined, '', ' ', '1', ' 1', '2', '3', '9', 1, 2]),
            institutionType: code([undefined, '', '10', '55', '20', '51', '90', 10, 55, 30]),
            // Only the yes/no answers GEN-FORMAT accepts (a padded ' true ' is a format error).
            hasEstablishments: code([undefined, '', true, false, 'true', 'false', '1', '2', 1, 2]),
          },
          { requiredKeys: [] },
        ),
        (basic) => {
          expect(legal(basic)).toEqual(previousChoice(basic));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('evaluates exactly those forms of a unit', () => {
    const basic = { accountingStandard: '1', hasEstablishments: false };
    const { formIds, findings } = evaluateUnit(pack, 'legal', { '611': basic }, { today: '2024-03-15' });
    expect(formIds).toEqual(['611', '611-2', '611-3', '611-8']);
    expect(new Set(findings.map((f) => f.formId))).toEqual(new Set(formIds));
  });
});

describe('unitForms mistakes (checkPack)', () => {
  const withLegal = (entries: FormPack['unitForms']['legal']) => packWith((doc) => ({ ...doc, unitForms: { ...doc.unitForms, legal: entries } }));

  it('refuses a condition on an item the primary form does not have', () => {
    const problems = checkPack(withLegal([{ form: '611' }, { form: '611-3', when: { item: 'payroll', op: 'notEmpty' } }]));
    expect(problems).toEqual([{ place: { kind: 'pack', field: 'unitForms.legal.1.when' }, message: expect.stringContaining('payroll') }]);
  });

  it('refuses a form the pack does not have, and a first form other than the primary one', () => {
    expect(checkPack(withLegal([{ form: '611' }, { form: '611-9' }]))).toEqual([
      { place: { kind: 'pack', field: 'unitForms.legal.1.form' }, message: expect.stringContaining('611-9') },
    ]);
    const notFirst = checkPack(withLegal([{ form: '611-2' }, { form: '611' }]));
    expect(notFirst.map((p) => p.place)).toEqual([{ kind: 'pack', field: 'unitForms.legal' }]);
    expect(notFirst[0]?.message).toContain('611');
  });
});
