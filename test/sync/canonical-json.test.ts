import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '@shared/sync/protocol';

// canonicalJson writes plain JSON through JSON.stringify once its objects' keys are in order
// (shared/sync/protocol.ts inCanonicalOrder). Every op hash covers its text, so it must be the
// text of the definition for any value: keys sorted by UTF-16 code units, undefined members
// left out, whatever order the keys were put in or however the value was made.

/** The definition, written as plainly as possible. */
function reference(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${Array.from(value, (v: unknown) => reference(v)).join(',')}]`;
  const entries = Object.keys(value)
    .sort()
    .map((k) => [k, (value as Record<string, unknown>)[k]] as const)
    .filter(([, v]) => v !== undefined);
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${reference(v)}`).join(',')}}`;
}

// Keys that order differently as strings and as object members ('10' before '9' in an object),
// that sort among each other in surprising ways, or that are special to objects.
const awkwardKey = fc.constantFrom('10', '9', '0', '01', '4294967295', '4294967294', '-1', '1.5', '__proto__', 'constructor', 'toJSON', '', 'a', 'B', '611.revenue', '611-2.x', '中文', 'é', '\u{1F600}');
const key = fc.oneof(awkwardKey, fc.string({ maxLength: 4 }));

/** Objects built with their keys in a random order, sometimes without a prototype. */
const objectOf = (member: fc.Arbitrary<unknown>) =>
  fc.tuple(fc.array(fc.tuple(key, member), { maxLength: 6 }), fc.boolean()).map(([entries, isBare]) => {
    const out: Record<string, unknown> = isBare ? (Object.create(null) as Record<string, unknown>) : {};
    // defineProperty: a '__proto__' key is an own member, as JSON.parse makes it.
    for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    return out;
  });

const scalar = fc.oneof(
  fc.constantFrom(null, true, false, 0, -0, -1.5, 1e21, Number.NaN, Number.POSITIVE_INFINITY, undefined),
  fc.string({ maxLength: 6 }),
  fc.double(),
  fc.constantFrom(new Date(0), () => 1, Symbol('s'), Object('boxed') as unknown),
);

const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 5 }),
    fc.array(tie('value'), { maxLength: 4 }).map((items) => {
      const sparse = [...items];
      sparse.length += 2; // holes are written as null
      return sparse;
    }),
    objectOf(tie('value')),
  ),
}));

describe('canonicalJson', () => {
  it('writes the definition text for any value, plain JSON or not', () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(canonicalJson(v)).toBe(reference(v));
      }),
      { numRuns: 3_000 },
    );
  });

  it('writes the definition text for JSON as parsed from any text', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const parsed: unknown = JSON.parse(JSON.stringify(v));
        expect(canonicalJson(parsed)).toBe(reference(parsed));
      }),
      { numRuns: 2_000 },
    );
  });

  it('keeps a "__proto__" member a member, in order or not', () => {
    for (const text of ['{"__proto__":{"b":1,"a":2},"a":1}', '{"b":1,"__proto__":{"b":1,"a":2}}', '{"10":1,"9":{"b":1,"a":2}}']) {
      const parsed: unknown = JSON.parse(text);
      expect(canonicalJson(parsed)).toBe(reference(parsed));
    }
  });

  it('leaves the value it was given as it was', () => {
    const v = { b: { d: 1, c: [{ z: 1, y: 2 }] }, a: 2 };
    const before = JSON.stringify(v);
    expect(canonicalJson(v)).toBe('{"a":2,"b":{"c":[{"y":2,"z":1}],"d":1}}');
    expect(JSON.stringify(v)).toBe(before);
  });
});
