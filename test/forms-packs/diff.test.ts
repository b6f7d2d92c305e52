import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinPack } from '@shared/packs/builtin';
import { diffPacks } from '@shared/packs/diff';
import type { FormPack } from '@shared/packs/types';
import type { Item } from '@shared/forms/types';

// What changed between two packs: the lines the bureau sees before publishing and a laptop's
// "forms updated" notice shows.

const base = (): FormPack => structuredClone(builtinPack().body) as FormPack;
type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer E)[] ? E[] : T[K] };
const sections = (p: FormPack, formId: string) => (p.forms.find((f) => f.id === formId)?.sections ?? []) as Mutable<FormPack['forms'][number]['sections'][number]>[];
const firstItem = (p: FormPack, formId = '611') => (sections(p, formId)[0]?.items as Item[])[0] as Item;

describe('diffPacks', () => {
  it('finds nothing between a pack and itself', () => {
    expect(diffPacks(base(), base())).toEqual([]);
  });

  it('names a changed label, an added code, a renamed item, a removed item, a rule and a setting', () => {
    const a = base();
    const b = base();
    const items = sections(b, '611')[0]?.items as Item[];
    const labelled = items[0] as Item;
    (labelled as { labelZh: string }).labelZh = `${labelled.labelZh}（新）`;
    const removed = items.splice(2, 1)[0] as Item;
    const renamedOld = (items[2] as Item).code;
    items[2] = { ...(items[2] as Item), code: `${renamedOld}New`, renamedFrom: [renamedOld] };
    const list = b.codeLists[0] as unknown as { entries: { code: string; zh: string; en: string; initials: string }[]; nameZh: string };
    list.entries.push({ code: '99', zh: '其他新类型', en: 'Another new kind', initials: 'qtxlx' });
    const rule = b.rules[0] as { severity: string };
    const oldSeverity = rule.severity;
    rule.severity = oldSeverity === 'hint' ? 'verify' : 'hint';
    (b.settings as { revenueChange: number }).revenueChange = 0.4;

    const changes = diffPacks(a, b);
    const kinds = changes.map((c) => c.kind).sort();
    expect(kinds).toEqual(['codeAdded', 'itemLabel', 'itemRemoved', 'itemRenamed', 'ruleChanged', 'settingChanged']);
    expect(changes.find((c) => c.kind === 'itemLabel')).toMatchObject({ formId: '611', itemCode: labelled.code });
    expect(changes.find((c) => c.kind === 'itemLabel')?.zh).toContain('（新）');
    expect(changes.find((c) => c.kind === 'itemRemoved')).toMatchObject({ itemCode: removed.code });
    expect(changes.find((c) => c.kind === 'itemRemoved')?.zh).toContain('保留');
    expect(changes.find((c) => c.kind === 'itemRenamed')).toMatchObject({ fromCode: renamedOld, itemCode: `${renamedOld}New` });
    expect(changes.find((c) => c.kind === 'codeAdded')).toMatchObject({ listId: b.codeLists[0]?.id, code: '99' });
    expect(changes.find((c) => c.kind === 'codeAdded')?.zh).toContain('其他新类型');
    expect(changes.find((c) => c.kind === 'ruleChanged')?.aspects).toEqual(['severity']);
    expect(changes.find((c) => c.kind === 'settingChanged')).toMatchObject({ setting: 'revenueChange' });
    expect(changes.find((c) => c.kind === 'settingChanged')?.en).toBe('setting revenueChange: 0.5 is now 0.4');
  });

  it('names forms, lists and rules added and removed, and a type change', () => {
    const a = base();
    const b = base();
    b.forms = b.forms.filter((f) => f.id !== '611-8');
    b.codeLists = b.codeLists.slice(1);
    const dropped = a.rules[1]?.id;
    b.rules = b.rules.filter((r) => r.id !== dropped);
    (firstItem(b) as { type: string }).type = firstItem(b).type === 'text' ? 'integer' : 'text';
    const back = diffPacks(b, a);
    const forth = diffPacks(a, b);
    expect(forth.map((c) => c.kind).sort()).toEqual(['formRemoved', 'itemType', 'listRemoved', 'ruleRemoved']);
    expect(back.map((c) => c.kind).sort()).toEqual(['formAdded', 'itemType', 'listAdded', 'ruleAdded']);
    expect(forth.find((c) => c.kind === 'ruleRemoved')?.ruleId).toBe(dropped);
  });

  it('reports every item added to a form, and nothing else (property)', () => {
    const formIds = base().forms.map((f) => f.id);
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.stringMatching(/^[a-z][A-Za-z0-9]{0,8}$/), { minLength: 1, maxLength: 6 }),
        fc.constantFrom(...formIds),
        fc.nat(),
        (codes, formId, at) => {
          const a = base();
          const b = base();
          const secs = sections(b, formId);
          const existing = new Set(secs.flatMap((s) => s.items.map((i) => i.code)));
          const fresh = codes.map((c) => `x_${c}`).filter((c) => !existing.has(c));
          const target = secs[at % secs.length] as { items: Item[] };
          for (const code of fresh) target.items.push({ code, labelZh: `新项目${code}`, labelEn: `New ${code}`, type: 'text' });
          const changes = diffPacks(a, b);
          expect(changes.every((c) => c.kind === 'itemAdded' && c.formId === formId)).toBe(true);
          expect(changes.map((c) => c.itemCode).sort()).toEqual([...fresh].sort());
        },
      ),
      { numRuns: 40 },
    );
  });

  it('is empty only between equal packs: a random label change is always found (property)', () => {
    const a = base();
    const all = a.forms.flatMap((f) => f.sections.flatMap((s) => s.items.map((i) => [f.id, i.code] as const)));
    fc.assert(
      fc.property(fc.nat({ max: all.length - 1 }), fc.string({ minLength: 1, maxLength: 5 }), (index, suffix) => {
        const b = base();
        const [formId, code] = all[index] as readonly [string, string];
        const item = sections(b, formId).flatMap((s) => s.items).find((i) => i.code === code) as { labelEn: string };
        item.labelEn = `${item.labelEn}${suffix}`;
        const changes = diffPacks(a, b);
        expect(changes).toHaveLength(1);
        expect(changes[0]).toMatchObject({ kind: 'itemLabel', formId, itemCode: code });
      }),
      { numRuns: 40 },
    );
  });
});

describe('the English line of a Chinese-only correction', () => {
  it('names the Chinese labels rather than an unchanged English one twice', () => {
    const a = base();
    const b = base();
    const item = firstItem(b) as { labelZh: string };
    item.labelZh = '更正后的名称';
    const [change] = diffPacks(a, b);
    expect(change?.en).toContain('更正后的名称');
    expect(change?.en).toContain(firstItem(a).labelZh);
  });
});
