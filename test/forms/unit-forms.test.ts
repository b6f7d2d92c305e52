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
// each with an optional condition on the primary form. The indicator table follows the accounting
// regime (执行会计标准类别, 执行企业会计准则情况), as the 五经普 tables do: 611-3 under the small-enterprise
// standards or the enterprise accounting system, 611-4 under the full 企业会计准则, 611-6 under
// government accounting, 611-7 under non-profit accounting. With the regime blank or 9 其他, 机构类型
// decides: 10 企业 / 55 合作社 → 611-3; 20, 30, 53, 54, 56, 90 → 611-6; 40, 51, 52 → 611-7; with both
// blank, none (never guessed).

const legal = (basic: FormValues | undefined) => unitFormIds(pack, 'legal', basic ? { '611': basic } : {});

/** The choice as the 2023.2 pack states it, written out independently of the pack's conditions. */
function expectedChoice(basic: FormValues | undefined): string[] {
  const saysYes = (v: Value) => !isBlank(v) && (v === true || textOf(v) === 'true' || textOf(v) === '1');
  const text = (v: Value) => (isBlank(v) ? '' : textOf(v));
  const standard = text(basic?.accountingStandard);
  const full = text(basic?.enterpriseAccountingStandard) === '1';
  const institution = text(basic?.institutionType);
  const byInstitution = standard === '' || standard === '9';
  const tables: string[] = [];
  if ((standard === '1' && !full) || (byInstitution && ['10', '55'].includes(institution))) tables.push('611-3');
  if (standard === '1' && full) tables.push('611-4');
  if (standard === '2' || (byInstitution && ['20', '30', '53', '54', '56', '90'].includes(institution))) tables.push('611-6');
  if (standard === '3' || (byInstitution && ['40', '51', '52'].includes(institution))) tables.push('611-7');
  return ['611', ...(saysYes(basic?.hasEstablishments) ? ['611-1'] : []), '611-2', ...tables, '611-8'];
}

describe('unitFormIds from the built-in pack', () => {
  it('gives a 个体经营户 the individual form and a 产业活动单位 the 611 only, whatever they answered', () => {
    expect(unitFormIds(pack, 'individual', {})).toEqual(['individual']);
    expect(unitFormIds(pack, 'individual', { individual: { employees: 3 } })).toEqual(['individual']);
    expect(unitFormIds(pack, 'establishment', {})).toEqual(['611']);
    expect(unitFormIds(pack, 'establishment', { '611': { accountingStandard: '1', hasEstablishments: true } })).toEqual(['611']);
  });

  it('chooses the indicator table by accounting regime', () => {
    expect(legal({ accountingStandard: '1', enterpriseAccountingStandard: '2' })).toEqual(['611', '611-2', '611-3', '611-8']);
    expect(legal({ accountingStandard: '1', enterpriseAccountingStandard: '3' })).toEqual(['611', '611-2', '611-3', '611-8']);
    expect(legal({ accountingStandard: '1', enterpriseAccountingStandard: '1' })).toEqual(['611', '611-2', '611-4', '611-8']);
    expect(legal({ accountingStandard: '2' })).toEqual(['611', '611-2', '611-6', '611-8']);
    expect(legal({ accountingStandard: '3' })).toEqual(['611', '611-2', '611-7', '611-8']);
    // The regime decides even where 机构类型 says otherwise.
    expect(legal({ accountingStandard: '2', institutionType: '10' })).toContain('611-6');
    expect(legal({ accountingStandard: '1', institutionType: '20' })).toContain('611-3');
  });

  it('with the regime blank or 其他, takes the table 机构类型 implies', () => {
    expect(legal({ institutionType: '10' })).toContain('611-3');
    expect(legal({ institutionType: '55', accountingStandard: '9' })).toContain('611-3');
    for (const type of ['20', '30', '53', '54', '56', '90']) expect(legal({ institutionType: type }), type).toEqual(['611', '611-2', '611-6', '611-8']);
    for (const type of ['40', '51', '52']) expect(legal({ institutionType: type, accountingStandard: '9' }), type).toEqual(['611', '611-2', '611-7', '611-8']);
  });

  it('lists no indicator table while regime and 机构类型 are both blank', () => {
    expect(legal(undefined)).toEqual(['611', '611-2', '611-8']);
    expect(legal({ accountingStandard: '  ', institutionType: '' })).toEqual(['611', '611-2', '611-8']);
  });

  it('adds 611-1 only when 611 says the unit has establishments', () => {
    for (const yes of [true, 'true', '1', 1]) expect(legal({ hasEstablishments: yes }), String(yes)).toEqual(['611', '611-1', '611-2', '611-8']);
    for (const no of [false, 'false', '2', '', undefined]) expect(legal({ hasEstablishments: no }), String(no)).not.toContain('611-1');
  });

  it('makes the stated choice, and at most one indicator table, for any answers to the four items', () => {
    const code = (values: Value[]) => fc.constantFrom<Value>(...values);
    fc.assert(
      fc.property(
        fc.record(
          {
            accountingStandard: code([undefined, '', ' ', '1', ' 1', '2', '3', '9', 1, 2]),
            enterpriseAccountingStandard: code([undefined, '', '1', '2', '3', 1]),
            institutionType: code([undefined, '', '10', '55', '20', '30', '40', '51', '52', '53', '56', '90', 10, 55, 30]),
            // Only the yes/no answers GEN-FORMAT accepts (a padded ' true ' is a format error).
            hasEstablishments: code([undefined, '', true, false, 'true', 'false', '1', '2', 1, 2]),
          },
          { requiredKeys: [] },
        ),
        (basic) => {
          const ids = legal(basic);
          expect(ids).toEqual(expectedChoice(basic));
          expect(ids.filter((id) => ['611-3', '611-4', '611-6', '611-7'].includes(id)).length).toBeLessThanOrEqual(1);
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
