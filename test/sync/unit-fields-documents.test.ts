import { describe, expect, it } from 'vitest';
import { contentWithDocuments } from '@main/registration/unit-fields';
import type { JsonValue } from '@shared/sync/protocol';

// A unit's `data` document from its sync fields: answers grouped by form, blanks left out, later
// edits on top of '$create', and (from JSON.stringify) array-index form ids such as '611' first.
// Checked against a plain model of that rule over many random unit shapes.

/** The model: an object per form, answers in field order, then JSON.stringify. */
function formsObject(fields: ReadonlyMap<string, JsonValue>): Record<string, Record<string, JsonValue>> {
  const forms: Record<string, Record<string, JsonValue>> = {};
  const create = fields.get('$create') as { fields?: Record<string, JsonValue> };
  const merged = new Map<string, JsonValue>(Object.entries(create.fields ?? {}));
  for (const [field, value] of fields) merged.set(field, value);
  for (const [field, value] of merged) {
    const m = /^([A-Za-z0-9-]{1,20})\.([A-Za-z][A-Za-z0-9_]{0,63})$/.exec(field);
    if (m && value !== null) (forms[m[1] as string] ??= {})[m[2] as string] = value;
  }
  return forms;
}

/** A small deterministic generator, so a failure names its seed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const formIds = ['611', '611-2', '7', '10', '0', '612', 'A', 'x-1', '4294967295', '01', '2'];
const items = ['name', 'revenue', 'a', 'Z9', 'employees_total', 'note'];
const values: JsonValue[] = ['文本', '', 'with "quotes" and \\ and \n', 0, -3.5, 1e21, true, false, null, [1, '二'], { k: ['v'] }, {}];

describe('unit data document', () => {
  it('equals JSON.stringify of the forms object for mixed forms, index-like ids and blanks', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const next = random(seed);
      const pick = <T,>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
      const initial: Record<string, JsonValue> = { name: '单位', status: 'not_started' };
      for (let i = 0; i < 1 + Math.floor(next() * 25); i++) initial[`${pick(formIds)}.${pick(items)}`] = pick(values);
      const own = new Map<string, JsonValue>([['$create', { areaCode: '640502100002001', kind: 'legal', source: 'frame', fields: initial }]]);
      // Half the cases carry later edits on top of '$create', as a unit edited after creation does.
      if (next() < 0.5) for (let i = 0; i < 1 + Math.floor(next() * 5); i++) own.set(`${pick(formIds)}.${pick(items)}`, pick(values));
      const built = contentWithDocuments(own, '2026-11-27T00:00:00.000Z');
      expect(built?.content.data, `seed ${seed}`).toBe(JSON.stringify(formsObject(own)));
    }
  });

  it('puts a repeating-group cell on its whole item, after the answers', () => {
    const own = new Map<string, JsonValue>([
      ['$create', { areaCode: '640502100002001', kind: 'legal', source: 'field', fields: { '611-1.establishments': [{ estName: '一' }] } }],
      ['611-1.establishments.1.estName', '二'],
      ['611.name', '甲'],
    ]);
    expect(JSON.parse(contentWithDocuments(own, '')?.content.data ?? '')).toEqual({
      '611': { name: '甲' },
      '611-1': { establishments: [{ estName: '一' }, { estName: '二' }] },
    });
  });
});
