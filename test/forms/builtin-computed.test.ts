import { describe, expect, it } from 'vitest';
import { withComputed } from '@shared/forms/computed';
import type { FormValues } from '@shared/forms/types';
import { unitFormIds, type UnitForms } from '@shared/forms/unit-forms';
import { loadPack } from '@shared/packs/load';
import type { FormPack, PackSettings } from '@shared/packs/types';
import { evaluateUnit } from '@shared/rules/unit-findings';
import { pack, packWith } from './pack';

// The built-in pack's carried figures: 611's 从业人员 from 611-2, 营业收入/税金及附加/资产总计 from the
// unit's indicator table, 单位支出 from 611-6/611-7, 单位规模 by the 2017 划分办法, and a 个体经营户's
// full reporting by the sample sub-districts the bureau sets.

const ctx = { today: '2024-03-15' };
const retail = { unitType: '1', institutionType: '10', industryCode: '5212', accountingStandard: '1', enterpriseAccountingStandard: '2' };

describe('611 figures carried, not typed twice', () => {
  it('carries 从业人员 from 611-2 and the figures of 611-3 into 611, with 单位规模 computed from them', () => {
    const forms = withComputed<UnitForms>(pack, 'legal', {
      '611': { ...retail, employees: 3 },
      '611-2': { employees: 20, femaleEmployees: 12 },
      '611-3': { revenue: 12000, taxes: 150, assets: 5000 },
    });
    expect(forms['611']).toMatchObject({ employees: 20, femaleEmployees: 12, revenue: 12000, taxes: 150, assets: 5000 });
    // 零售业: 20 persons (≥ 10, < 50) and 1,200万 (≥ 100万): 小型.
    expect(forms['611']?.unitScale).toBe('3');
  });

  it('takes 611-4 under 企业会计准则, and 单位支出 and 资产总计 from 611-6 for a public institution', () => {
    const full = withComputed<UnitForms>(pack, 'legal', { '611': { ...retail, enterpriseAccountingStandard: '1' }, '611-4': { revenue: 450_000, assets: 90_000 }, '611-2': { employees: 320 } });
    expect(full['611']).toMatchObject({ revenue: 450_000, assets: 90_000, unitScale: '1' });
    const school = withComputed<UnitForms>(pack, 'legal', { '611': { unitType: '1', institutionType: '20', accountingStandard: '2' }, '611-6': { expenditureTotal: 2800, assets: 4000 } });
    expect(school['611']).toMatchObject({ expenditure: 2800, assets: 4000 });
    expect(school['611']).not.toHaveProperty('unitScale');
  });

  it('leaves an establishment’s typed 从业人员 alone: it fills no 611-2, so the item is typed for it', () => {
    const forms = withComputed<UnitForms>(pack, 'establishment', { '611': { unitType: '2', employees: 12, femaleEmployees: 5 } });
    expect(forms['611']).toMatchObject({ employees: 12, femaleEmployees: 5 });
    const { findings } = evaluateUnit(pack, 'establishment', { '611': { unitType: '2' } }, ctx);
    const asked = findings.find((f) => f.ruleId === 'GEN-REQUIRED' && f.path === 'employees');
    expect(asked?.messageZh).toContain('请填写从业人员期末人数');
  });

  it('points a legal unit with no staff figure at 611-2, where it is typed', () => {
    const { findings } = evaluateUnit(pack, 'legal', { '611': retail }, ctx);
    const asked = findings.find((f) => f.ruleId === 'GEN-REQUIRED' && f.formId === '611' && f.path === 'employees');
    expect(asked?.messageZh).toContain('611-2');
  });
});

describe('a 个体经营户 reports its business figures in the sample sub-districts', () => {
  const shop = (areaCode: string): FormValues => ({ areaCode, name: '老王烧烤店', operatingStatus: '1', employees: 3 });
  const withSample = (areas: string) => loadPack(packWith((doc) => ({ ...doc, settings: { ...doc.settings, individualSampleAreas: areas } as PackSettings }) as FormPack));
  const revenueAsked = (p: ReturnType<typeof loadPack>, areaCode: string) =>
    evaluateUnit(p, 'individual', { individual: shop(areaCode) }, ctx).findings.some((f) => f.ruleId === 'GEN-REQUIRED' && f.path === 'revenue');

  it('asks every 个体经营户 while the bureau has set no sample sub-districts', () => {
    expect(pack.settings.individualSampleAreas).toBe('all');
    expect(withComputed<UnitForms>(pack, 'individual', { individual: shop('640502100201002') }).individual?.fullReport).toBe(true);
    expect(revenueAsked(pack, '640502100201002')).toBe(true);
  });

  it('asks only those in a listed 普查小区 (or 普查区) once it has', () => {
    const sampled = withSample('640502100201002,640502101003');
    expect(revenueAsked(sampled, '640502100201002')).toBe(true);
    expect(revenueAsked(sampled, '640502101003005')).toBe(true);
    expect(revenueAsked(sampled, '640502100201001')).toBe(false);
    expect(withComputed<UnitForms>(sampled, 'individual', { individual: shop('640502100201001') }).individual?.fullReport).toBe(false);
    expect(unitFormIds(sampled, 'individual', {})).toEqual(['individual']);
  });
});
