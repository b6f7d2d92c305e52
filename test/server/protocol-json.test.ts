import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { canonicalJson, isJsonValue, type JsonValue } from '@shared/sync/protocol';

// The hand-written JSON checks and canonical form must say exactly what their slower
// reference versions said: the bounds are part of the protocol and the canonical text is
// what every op hash covers.

/** The recursive zod union JsonValue used to be. */
const ReferenceJson: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([
    z.null(),
    z.boolean(),
    z.number().finite(),
    z.string().max(100_000),
    z.array(ReferenceJson).max(1_000),
    z.record(z.string().max(200), ReferenceJson),
  ]),
);

/** canonicalJson as it used to be written. */
function referenceCanonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(referenceCanonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${referenceCanonical(v)}`).join(',')}}`;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const keys = ['a', 'B', '10', '9', '_x', '中文', 'é', '', 'z'.repeat(200), 'z'.repeat(201), '611.revenue', 'constructor'];

const longest = 'q'.repeat(100_000);
const tooLong = 'q'.repeat(100_001);

function randomValue(rand: () => number, depth: number): unknown {
  const r = rand();
  if (depth > 3 || r < 0.35) {
    const scalars: unknown[] = [null, true, false, 0, -1.5, 1e21, Number.NaN, Number.POSITIVE_INFINITY, undefined, '', 'x', '年月', new Date(0)];
    if (rand() < 0.02) return rand() < 0.5 ? longest : tooLong;
    return scalars[Math.floor(rand() * scalars.length)];
  }
  if (r < 0.6) {
    // The longest arrays hold small numbers only, so the texts stay small.
    if (rand() < 0.05) return Array.from({ length: 1_000 + Math.floor(rand() * 2) }, (_, i) => i);
    return Array.from({ length: Math.floor(rand() * 5) }, () => randomValue(rand, depth + 1));
  }
  const out: Record<string, unknown> = {};
  for (let i = Math.floor(rand() * 6); i > 0; i--) out[keys[Math.floor(rand() * keys.length)] ?? 'k'] = randomValue(rand, depth + 1);
  return out;
}

describe('JSON values on the wire', () => {
  it('accepts and refuses exactly what the zod union did', () => {
    const rand = mulberry32(611);
    let accepted = 0;
    for (let i = 0; i < 3_000; i++) {
      const value = randomValue(rand, 0);
      const expected = ReferenceJson.safeParse(value).success;
      expect(isJsonValue(value)).toBe(expected);
      if (expected) accepted += 1;
    }
    // Both outcomes are exercised.
    expect(accepted).toBeGreaterThan(300);
    expect(accepted).toBeLessThan(2_700);
  });

  it('refuses containers nested deeper than 200 levels instead of running out of stack', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 200; i++) deep = [deep];
    expect(isJsonValue(deep)).toBe(true);
    expect(isJsonValue([deep])).toBe(false);
    let hostile: unknown = 1;
    for (let i = 0; i < 100_000; i++) hostile = { a: hostile };
    expect(isJsonValue(hostile)).toBe(false);
  });

  it('writes the same canonical text as before for any value', () => {
    const rand = mulberry32(4754);
    for (let i = 0; i < 3_000; i++) {
      const value = randomValue(rand, 0);
      expect(canonicalJson(value)).toBe(referenceCanonical(value));
    }
  });
});
