import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffForms } from '@main/registration/diff';
import { answerFieldsOf, diffUnit, type UnitContent } from '@main/registration/unit-fields';
import type { FormsDoc } from '@shared/registration/registration';

// A registration save is recorded twice: as the change trace (修改痕迹, item by item) and as
// sync ops (one per changed field). Both come from one diff, so they agree about every change:
// the fields the ops send are exactly the fields the trace names, whatever the answers were
// typed as (12 or '12'), left blank ('', null, absent, spaces) or moved between rows.

const scalar = fc.oneof(
  fc.constantFrom(12, '12', ' 12', 0, '0', true, 'true', false, '', ' ', null, '甲', '乙', 7610.5, '7610.5'),
  fc.integer({ min: -3, max: 3 }),
);
const row = fc.dictionary(fc.constantFrom('estName', 'estEmployees'), scalar, { maxKeys: 2 });
const form = fc.record(
  {
    revenue: scalar,
    employees: scalar,
    name: scalar,
    establishments: fc.array(row, { maxLength: 3 }),
  },
  { requiredKeys: [] },
);
const forms = fc.record({ '611': form, '611-1': form }, { requiredKeys: [] }) as fc.Arbitrary<FormsDoc>;

const unit = (data: FormsDoc): UnitContent => ({
  areaCode: '640502100002001',
  kind: 'legal',
  source: 'field',
  status: 'draft',
  name: '沙坡头区宏达商贸有限公司',
  uscc: '',
  address: '',
  industryCode: '',
  data: JSON.stringify(data),
  explanations: '{}',
  notFoundReason: null,
  outOfScopeReason: null,
  formPack: null,
  frameRow: null,
  deletedAt: null,
});

const isFormField = (field: string): boolean => /^611(-1)?\./.test(field);

describe('the trace and the ops of a save', () => {
  it('name the same changed fields for any two versions of the forms', () => {
    fc.assert(
      fc.property(forms, forms, (before, after) => {
        const trace = diffForms(before, after);
        const ops = diffUnit(unit(before), unit(after)).filter((c) => isFormField(c.field));
        expect(new Set(ops.map((o) => o.field))).toEqual(answerFieldsOf(trace));
      }),
      { numRuns: 300 },
    );
  });

  it('send no op where the trace sees the same answer typed another way', () => {
    const before = unit({ '611': { employees: 12, name: '甲' } });
    const after = unit({ '611': { employees: '12', name: '甲', revenue: '' } });
    expect(diffForms({ '611': { employees: 12, name: '甲' } }, { '611': { employees: '12', name: '甲', revenue: '' } })).toEqual([]);
    expect(diffUnit(before, after)).toEqual([]);
  });
});
