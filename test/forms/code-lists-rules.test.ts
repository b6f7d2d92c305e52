import { describe, expect, it } from 'vitest';
import { generateUnits } from '../../scripts/bench/registration-seed';
import { itemState } from '@shared/forms/state';
import type { FormSpec, FormValues, Item } from '@shared/forms/types';
import type { RuleContext } from '@shared/rules';
import { fieldItem, valueRefusals } from '@shared/rules/value-checks';
import { listOf, pack } from './pack';

// A list and its rules agree (隶属关系 used to offer 90 其他 while a 强制性 rule refused it): for
// every coded item of every form of the built-in pack, each code the picker offers passes the item's own checks in
// some plausible unit where the item is asked, and a code the rules refuse outright in every
// such unit is not offered. Plausible units: the bench's clean seed units, and variants of them
// that open the items asked only of some units (a 港澳台 category, retail trade, establishments).

const ctx: RuleContext = { today: '2024-03-15', deploymentCounty: '640502' };

type Forms = Record<string, FormValues>;

const seeds: Forms[] = generateUnits(24, { seed: 7 }).map((u) => u.forms as Forms);

/** Changes to a legal unit's 611 that open items the seeds leave closed. */
const variants: ((f: FormValues) => FormValues)[] = [
  (f) => f,
  (f) => ({ ...f, registrationCategory: '210', institutionType: '10' }),
  (f) => ({ ...f, industryCode: '5211', activity1: '食品零售' }),
  (f) => ({ ...f, industryCode: '6110', activity1: '旅游饭店' }),
  (f) => ({ ...f, accountingStandard: '1' }),
  (f) => ({ ...f, hasParent: true }),
  (f) => ({ ...f, groupRole: '2' }),
  (f) => ({ ...f, regSameAsLocation: false }),
  (f) => ({ ...f, unitType: '2' }),
  (f) => ({ ...f, hasEstablishments: true }),
];

const plausible: Forms[] = seeds.flatMap((forms) => (forms['611'] ? variants.map((v) => ({ ...forms, '611': v(forms['611'] ?? {}) })) : [forms]));

interface Coded {
  spec: FormSpec;
  item: Item;
  /** The item's field path: 'affiliation', or row 0 of its list. */
  path: string;
  codes: { code: string; isOffered: boolean }[];
}

const coded: Coded[] = pack.forms.flatMap((spec) =>
  spec.sections.flatMap((section) =>
    section.items.flatMap((item): Coded[] => {
      const path = section.repeat ? `${section.id}.0.${item.code}` : item.code;
      if (item.codeList) {
        const offered = new Set(pack.offeredEntries(item.codeList).map((e) => e.code));
        return [{ spec, item, path, codes: listOf(item.codeList).entries.map((e) => ({ code: e.code, isOffered: offered.has(e.code) })) }];
      }
      if (item.options) return [{ spec, item, path, codes: item.options.map((o) => ({ code: o.code, isOffered: true })) }];
      if (item.type === 'boolean') return [{ spec, item, path, codes: [true, false].map((b) => ({ code: String(b), isOffered: true })) }];
      return [];
    }),
  ),
);

/** The form with a first row in the item's list, so a list item is asked somewhere. */
function withRow(values: FormValues, c: Coded): FormValues {
  const [sectionId] = c.path.split('.');
  if (!c.path.includes('.') || !sectionId) return values;
  const rows = values[sectionId];
  return Array.isArray(rows) && rows.length > 0 ? values : { ...values, [sectionId]: [{}] };
}

const memo = new Map<string, (string[] | null)[]>();

/** Own-value refusals of `code` in each plausible unit where the item is asked; null where it is not. */
function refusalsIn(c: Coded, code: string): (string[] | null)[] {
  const key = `${c.spec.id}.${c.path}=${code}`;
  const known = memo.get(key);
  if (known) return known;
  const found = computeRefusals(c, code);
  memo.set(key, found);
  return found;
}

function computeRefusals(c: Coded, code: string): (string[] | null)[] {
  const target = fieldItem(pack, `${c.spec.id}.${c.path}`);
  if (!target) throw new Error(`no field ${c.spec.id}.${c.path}`);
  const value = c.item.type === 'boolean' ? code === 'true' : code;
  return plausible.map((forms) => {
    const values = withRow(forms[c.spec.id] ?? {}, c);
    if (!itemState(c.spec, values, c.path)?.relevant) return null;
    return valueRefusals(target, values, value, { ...ctx, forms }).map((f) => `${f.ruleId}: ${f.messageZh}`);
  });
}

describe('code lists and their rules agree', () => {
  it('covers every coded item of every form, each asked in some plausible unit', () => {
    expect(coded.length).toBeGreaterThan(15);
    const neverAsked = coded.filter((c) => refusalsIn(c, c.codes[0]?.code ?? '').every((r) => r === null));
    expect(neverAsked.map((c) => `${c.spec.id}.${c.path}`)).toEqual([]);
  });

  it('offers only codes that pass the item’s own checks in some plausible unit', () => {
    const contradictions: string[] = [];
    for (const c of coded) {
      for (const { code } of c.codes.filter((x) => x.isOffered)) {
        const results = refusalsIn(c, code).filter((r): r is string[] => r !== null);
        if (!results.some((r) => r.length === 0)) contradictions.push(`${c.spec.id}.${c.path} = ${code}: ${results[0]?.join('; ') ?? ''}`);
      }
    }
    expect(contradictions).toEqual([]);
  });

  it('does not offer a code the item’s rules refuse in every unit (隶属关系 90 其他), yet still names it', () => {
    for (const c of coded) {
      for (const { code, isOffered } of c.codes) {
        const results = refusalsIn(c, code).filter((r): r is string[] => r !== null);
        const isRefusedOutright = results.length > 0 && results.every((r) => r.length > 0);
        expect(isOffered, `${c.spec.id}.${c.path} = ${code}`).toBe(!isRefusedOutright);
      }
    }
    expect(pack.offeredEntries('affiliation').map((e) => e.code)).toEqual(['10', '11']);
    expect(pack.findCode('affiliation', '90')?.zh).toBe('其他');
    expect(pack.findCode('affiliation', '90')?.notOffered).toMatch(/\S/);
  });
});
