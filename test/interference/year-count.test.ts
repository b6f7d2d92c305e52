import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InterferenceDraft } from '@shared/interference/entry';
import { currentEntries, interferenceYearCount } from '@shared/interference/year-count';
import { draft } from './fixtures';

// The year's count the year-end summary quotes: attempts, not entries. A correction (a new entry
// naming the one it corrects) replaces what it corrects, so an attempt counts once, in the year
// its newest correction gives.

type E = { id: string; occurredOn: string; recordedAt: string; corrects: string | null };
const e = (id: string, occurredOn: string, recordedAt: string, corrects: string | null = null): E => ({ id, occurredOn, recordedAt, corrects });

describe('interferenceYearCount', () => {
  it('counts the entries of the year, each attempt once', () => {
    const entries = [
      e('a', '2026-01-05', '2026-01-05T01:00:00Z'),
      e('b', '2026-12-31', '2027-01-02T01:00:00Z'),
      e('c', '2025-12-31', '2026-01-01T01:00:00Z'),
      // a corrected twice in a chain: still one attempt in 2026
      e('a2', '2026-01-06', '2026-02-01T00:00:00Z', 'a'),
      e('a3', '2026-01-06', '2026-03-01T00:00:00Z', 'a2'),
    ];
    expect(interferenceYearCount(entries, 2026)).toBe(2);
    expect(interferenceYearCount(entries, 2025)).toBe(1);
    expect(interferenceYearCount(entries, 2027)).toBe(0);
    expect(interferenceYearCount([], 2026)).toBe(0);
  });

  it('moves an attempt to the year its correction gives', () => {
    const entries = [e('a', '2026-01-02', '2026-01-03T00:00:00Z'), e('a2', '2025-12-28', '2026-01-04T00:00:00Z', 'a')];
    expect(interferenceYearCount(entries, 2026)).toBe(0);
    expect(interferenceYearCount(entries, 2025)).toBe(1);
  });

  it('counts two corrections of one entry made apart (two laptops) as one attempt, the newer standing', () => {
    const entries = [e('a', '2026-04-01', '2026-04-01T00:00:00Z'), e('x', '2026-04-02', '2026-04-05T00:00:00Z', 'a'), e('y', '2026-04-03', '2026-04-06T00:00:00Z', 'a')];
    expect(currentEntries(entries).map((c) => c.id)).toEqual(['y']);
    expect(interferenceYearCount(entries, 2026)).toBe(1);
  });

  it('property: corrections never change the number of attempts; without corrections it is the entries of the year', () => {
    const date = fc.integer({ min: 0, max: 3 * 365 - 1 }).map((d) => new Date(Date.UTC(2025, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(fc.array(date, { minLength: 0, maxLength: 20 }), fc.array(fc.tuple(fc.nat(), date), { maxLength: 20 }), (firsts, fixes) => {
        const entries: E[] = firsts.map((d, i) => e(`o${i}`, d, `2028-01-01T00:00:${String(i % 60).padStart(2, '0')}Z`));
        const plain = [2025, 2026, 2027].map((y) => entries.filter((x) => x.occurredOn.startsWith(`${y}-`)).length);
        expect([2025, 2026, 2027].map((y) => interferenceYearCount(entries, y))).toEqual(plain);
        // Corrections of any earlier entry, each recorded later than everything before it.
        fixes.forEach(([pick, d], j) => {
          if (entries.length === 0) return;
          const target = entries[pick % entries.length] as E;
          entries.push(e(`f${j}`, d, `2029-01-01T00:${String(Math.floor(j / 60)).padStart(2, '0')}:${String(j % 60).padStart(2, '0')}Z`, target.id));
        });
        const total = [2025, 2026, 2027].reduce((n, y) => n + interferenceYearCount(entries, y), 0);
        expect(total).toBe(firsts.length);
      }),
      { numRuns: 200 },
    );
  });
});

describe('the entry schema', () => {
  it('trims names and refuses a name over 40 characters', () => {
    expect(InterferenceDraft.parse(draft({ actorName: '  李某  ' })).actorName).toBe('李某');
    expect(InterferenceDraft.safeParse(draft({ actorName: '李'.repeat(41) })).success).toBe(false);
  });
});
