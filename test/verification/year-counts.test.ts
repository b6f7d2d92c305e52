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
