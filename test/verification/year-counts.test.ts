import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verificationYearCounts } from '@shared/verification/year-counts';
import { aTask } from '../summary/fixtures';

// Units verified in a year: completed tasks whose checker signed in the year, each unit once
// per kind with its latest conclusion; open tasks and other years never count.

describe('verificationYearCounts', () => {
  const tasks = [
    aTask('ent-a', 'exit', { signedOn: '2024-01-01', result: 'inconsistent' }),
    aTask('ent-b', 'exit', { signedOn: '2024-12-31', result: 'consistent' }),
    aTask('ent-c', 'sample', { signedOn: '2024-05-05', result: 'consistent' }),
    // Verified twice in the year for the same kind: once, with the later conclusion.
    aTask('ent-c', 'sample', { signedOn: '2024-07-07', result: 'inconsistent' }),
    aTask('ent-a', 'draw', { signedOn: '2024-03-03', result: 'consistent' }),
    aTask('ent-d', 'admission', { signedOn: '2023-12-31', result: 'consistent' }),
    aTask('ent-e', 'admission', { signedOn: '2025-01-01', result: 'consistent' }),
    // Not completed (reopened, or never finished): not verified even with a conclusion.
    aTask('ent-f', 'admission', { signedOn: '2024-04-04', result: 'consistent', state: 'in_progress' }),
    aTask('ent-g', 'sample', {}),
  ];

  it('counts every kind and conclusion of the year, the year boundary on both sides', () => {
    expect(verificationYearCounts(tasks, 2024)).toEqual({
      year: 2024,
      units: 3,
      byKind: {
        admission: { units: 0, consistent: 0, inconsistent: 0 },
        exit: { units: 2, consistent: 1, inconsistent: 1 },
        sample: { units: 1, consistent: 0, inconsistent: 1 },
        draw: { units: 1, consistent: 1, inconsistent: 0 },
      },
      consistent: 2,
      inconsistent: 2,
    });
  });

  it('puts 12-31 and 01-01 in their own years', () => {
    expect(verificationYearCounts(tasks, 2023).byKind.admission).toEqual({ units: 1, consistent: 1, inconsistent: 0 });
    expect(verificationYearCounts(tasks, 2025).byKind.admission).toEqual({ units: 1, consistent: 1, inconsistent: 0 });
    expect(verificationYearCounts(tasks, 2023).units).toBe(1);
  });

  it('is all zeros for a year without a completed task', () => {
    expect(verificationYearCounts(tasks, 2020)).toMatchObject({ units: 0, consistent: 0, inconsistent: 0 });
  });
});

describe('verificationYearCounts over random tasks', () => {
  const kinds = ['admission', 'exit', 'sample', 'draw'] as const;
  const arbTask = fc.record({
    unit: fc.constantFrom('ent-a', 'ent-b', 'ent-c', 'ent-d'),
    kind: fc.constantFrom(...kinds),
    day: fc.constantFrom('2023-12-31', '2024-01-01', '2024-07-15', '2024-12-31', '2025-01-01'),
    result: fc.constantFrom('consistent' as const, 'inconsistent' as const),
    state: fc.constantFrom('in_progress' as const, 'completed' as const),
  });

  it('splits each kind’s units into its two conclusions, and gives every completed (unit, kind) to exactly one year', () => {
    fc.assert(
      fc.property(fc.array(arbTask, { maxLength: 30 }), (specs) => {
        const tasks = specs.map((s) => aTask(s.unit, s.kind, { signedOn: s.day, result: s.result, state: s.state }));
        let perYear = 0;
        for (const year of [2023, 2024, 2025]) {
          const c = verificationYearCounts(tasks, year);
          for (const k of kinds) expect(c.byKind[k].consistent + c.byKind[k].inconsistent).toBe(c.byKind[k].units);
          expect(c.consistent + c.inconsistent).toBe(kinds.reduce((s, k) => s + c.byKind[k].units, 0));
          perYear += kinds.reduce((s, k) => s + c.byKind[k].units, 0);
        }
        // Each (unit, kind, year) with a completed task counts once in that year.
        const completed = new Set(specs.filter((s) => s.state === 'completed').map((s) => `${s.unit}|${s.kind}|${s.day.slice(0, 4)}`));
        expect(perYear).toBe(completed.size);
      }),
      { numRuns: 200 },
    );
  });
});
