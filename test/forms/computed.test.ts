import { describe, expect, it } from 'vitest';
import { withComputed, computedNote } from '@shared/forms/computed';
import { checkPack } from '@shared/packs/check';
import { evaluateUnit } from '@shared/rules/unit-findings';
import type { UnitForms } from '@shared/forms/unit-forms';
import { computeDoc, computePack as pack } from './compute-pack';

// Computed (carried) items, Item.compute (shared/forms/computed.ts, shared/rules/compute.ts).

const ctx = { today: '2024-03-15' };

describe('computed items', () => {
  it('carries 611-2 staff and the figures of the accounting table the unit fills', () => {
    const forms = withComputed<UnitForms>(pack, 'legal', {
      '611': { accounting: '2' },
      '611-2': { employees: 40 },
      '611-3': { revenue: 999, assets: 1 },
      '611-4': { revenue: 5000, assets: 7000 },
    });
    expect(forms['611']).toMatchObject({ employees: 40, revenue: 5000, assets: 7000 });
  });

  it('takes the first expression whose forms the unit fills, and does not fall through when its item is blank', () => {
    const forms = withComputed<UnitForms>(pack, 'legal', { '611': { accounting: '1' }, '611-3': {}, '611-4': { revenue: 5000 } });
    // 611-3 is the unit's table; its blank revenue is not replaced by 611-4's.
    expect(forms['611']?.revenue).toBeUndefined();
  });

  it('is blank when no expression applies (an establishment fills no 611-2)', () => {
    const forms = withComputed<UnitForms>(pack, 'establishment', { '611': {}, '611-2': { employees: 5 } });
    expect(forms['611']?.employees).toBeUndefined();
  });

  it('replaces a value typed before the item was computed when there is a value to carry', () => {
    const forms = withComputed<UnitForms>(pack, 'legal', { '611': { employees: 12 }, '611-2': { employees: 40 } });
    expect(forms['611']?.employees).toBe(40);
  });

  it('keeps a value typed before the item was computed while the source is blank (no data lost)', () => {
    const before = { '611': { employees: 12, revenue: 300 }, '611-2': {} };
    const forms = withComputed<UnitForms>(pack, 'legal', before);
    expect(forms['611']).toMatchObject({ employees: 12, revenue: 300 });
    expect(before['611']).toEqual({ employees: 12, revenue: 300 });
  });

  it('computes 单位规模 after the staff and revenue it reads, with blank assets allowed for an industry that does not need them', () => {
    const forms = withComputed<UnitForms>(pack, 'legal', {
      '611': { accounting: '1', industryCode: '5211' },
      '611-2': { employees: 60 },
      '611-3': { revenue: 6000 },
    });
    // 零售业: 从业 ≥ 50 and 营业收入 ≥ 500万 = 5000千元 → 中型; 资产总计 blank is not needed.
    expect(forms['611']).toMatchObject({ employees: 60, revenue: 6000, scale: '2' });
    expect(forms['611']?.assets).toBeUndefined();
  });

  it('leaves 单位规模 blank when a figure the industry needs is blank', () => {
    const forms = withComputed<UnitForms>(pack, 'legal', { '611': { accounting: '1', industryCode: '4710' }, '611-2': { employees: 60 }, '611-3': { revenue: 6000 } });
    // 建筑业 needs 资产总计.
    expect(forms['611']?.scale).toBeUndefined();
  });

  it('says where the value comes from', () => {
    const item = pack.computedItem('611', 'employees');
    if (!item) throw new Error('no computed item');
    expect(computedNote(pack, item, item.choices[0])).toEqual({ zh: '由611-2表自动带入', en: 'Carried from table 611-2' });
    const revenue = pack.computedItem('611', 'revenue');
    if (!revenue) throw new Error('no computed item');
    expect(computedNote(pack, revenue, undefined).zh).toBe('由611-3表或611-4表自动带入（本单位不填报这些表）');
  });

  it('finds a required computed item blank by pointing at its source', () => {
    const { findings } = evaluateUnit(pack, 'legal', { '611': {}, '611-2': {} }, ctx);
    const f = findings.find((x) => x.formId === '611' && x.item === 'employees');
    expect(f?.messageZh).toBe('从业人员期末人数由611-2表自动带入，请在611-2表填写从业人员期末人数');
    expect(f?.messageEn).toBe('employees is carried from table 611-2: fill in employees there');
    const carried = evaluateUnit(pack, 'legal', { '611': {}, '611-2': { employees: 3 } }, ctx);
    expect(carried.findings.filter((x) => x.item === 'employees')).toEqual([]);
  });

  it('refuses a pack whose compute expression does not compile, gives the wrong type, or reads itself', () => {
    const bad = (edit: Parameters<typeof computeDoc>[0]) => checkPack(computeDoc(edit)).map((p) => ({ place: p.place, message: p.message }));
    const wrongType = bad((items) => items.map((i) => (i.code === 'revenue' ? { ...i, compute: ['f611_3.revenue', 'name'] } : i)));
    expect(wrongType).toEqual([{ place: { kind: 'item', formId: '611', itemCode: 'revenue', field: 'compute' }, message: expect.stringContaining('第2个计算式的结果是 string') }]);
    const unknown = bad((items) => items.map((i) => (i.code === 'revenue' ? { ...i, compute: ['f611_9.revenue'] } : i)));
    expect(unknown[0]?.place).toEqual({ kind: 'item', formId: '611', itemCode: 'revenue', field: 'compute' });
    const cycle = bad((items) => items.map((i) => (i.code === 'assets' ? { ...i, compute: ['revenue'] } : i.code === 'revenue' ? { ...i, compute: ['assets'] } : i)));
    expect(cycle.map((p) => p.message).join()).toContain('自动计算项目互相引用');
    const onCodes = bad((items) => items.map((i) => (i.code === 'hmt' ? { ...i, compute: ['name'] } : i)));
    expect(onCodes.map((p) => p.message)).toEqual(['多选项目不能自动计算 / a multi-choice item cannot be computed']);
    const allowBlank = bad((items) => items.map((i) => (i.code === 'scale' ? { ...i, computeAllowBlank: ['employes'] } : i)));
    expect(allowBlank[0]?.message).toContain('employes');
  });

  it('refuses unitScale in a pack without size bands', () => {
    const problems = checkPack(computeDoc(undefined, { scaleBands: undefined }));
    expect(problems.map((p) => p.place)).toContainEqual({ kind: 'item', formId: '611', itemCode: 'scale', field: 'compute' });
  });
});
