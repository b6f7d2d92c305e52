import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FormValues } from '@shared/forms/types';
import { builtinPack } from '@shared/packs/builtin';
import { loadPack } from '@shared/packs/load';
import { moveForms, valuesNotInPack } from '@shared/packs/migrate';
import type { FormPack } from '@shared/packs/types';

// Moving a unit's answers to another pack version: renamed items carry their values over, and
// no value is ever lost, whatever the unit holds.

/** The built-in pack with 611's `phoneMobile` renamed to `mobile` and `website` removed. */
function nextVersion(): FormPack {
  const doc = structuredClone(builtinPack().body) as FormPack & { forms: { id: string; sections: { items: { code: string; renamedFrom?: string[] }[] }[] }[] };
  const f611 = doc.forms.find((f) => f.id === '611');
  if (!f611) throw new Error('no 611');
  for (const section of f611.sections) {
    section.items = section.items.filter((i) => i.code !== 'website');
    for (const item of section.items) {
      if (item.code === 'phoneMobile') {
        item.code = 'mobile';
        item.renamedFrom = ['phoneMobile'];
      }
    }
  }
  // Rules naming the old codes go with them (a real pack edits them in the same workbook).
  const rules = doc.rules.filter((r) => !JSON.stringify(r).includes('"phoneMobile"') && !JSON.stringify(r).includes('"website"'));
  return { ...doc, version: '2023.3', rules } as FormPack;
}

const next = loadPack(nextVersion());

describe('moveForms', () => {
  it('carries a renamed item over and keeps a removed one where it was', () => {
    const forms = { '611': { phoneMobile: '13909551234', website: 'www.example.cn', name: '宏达商贸' } };
    const { forms: moved, moved: list } = moveForms(forms, next, 'legal');
    expect(moved['611']).toEqual({ mobile: '13909551234', website: 'www.example.cn', name: '宏达商贸' });
    expect(list).toEqual([{ from: '611.phoneMobile', to: '611.mobile', value: '13909551234' }]);
    expect(valuesNotInPack(moved, next)).toEqual(['611.website']);
    // The input is not changed.
    expect(forms['611']).toEqual({ phoneMobile: '13909551234', website: 'www.example.cn', name: '宏达商贸' });
  });

  it('leaves an answer of the new item standing and the old value where it is', () => {
    const { forms: moved, moved: list } = moveForms({ '611': { phoneMobile: '139', mobile: '138' } }, next, 'legal');
    expect(moved['611']).toEqual({ phoneMobile: '139', mobile: '138' });
    expect(list).toEqual([]);
  });

  it('never loses an answer (property)', () => {
    const scalar = fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean(), fc.constant(null));
    const codes = fc.constantFrom('phoneMobile', 'mobile', 'website', 'name', 'employees', 'zz');
    const form = fc.dictionary(codes, scalar, { maxKeys: 6 });
    const forms = fc.record({ '611': form, '611-2': form, 'x-old': form }, { requiredKeys: [] });
    fc.assert(
      fc.property(forms, (input) => {
        const { forms: out, moved } = moveForms(input as Record<string, FormValues>, next, 'legal');
        const renamed = new Map(moved.map((m) => [m.from, m.to]));
        for (const [formId, values] of Object.entries(input)) {
          for (const [code, value] of Object.entries(values)) {
            // A blank is no answer: a renamed item's value may take its place.
            if (value === null || value === '') continue;
            const to = renamed.get(`${formId}.${code}`);
            const [toForm = formId, toCode = code] = to ? to.split('.') : [];
            expect(out[toForm]?.[toCode]).toEqual(value);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
