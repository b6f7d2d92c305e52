import { describe, expect, it } from 'vitest';
import { yearSummary, type YearSummaryInput } from '@shared/summary/year-summary';
import { aCase, aTask } from './fixtures';

// The year's summary over a small known data set: every figure checked, the 12-31/01-01
// boundary on both sides, records of other years left out, and the interference register's
// count present only when the reader may see it.

const session = (date: string, audience: 'enumerator' | 'supervisor' | 'census_staff' | 'enterprise_staff', attendeeCount: number, cancelled = false) => ({
  date,
  audience,
  attendeeCount,
  hours: 2,
  cancelled: cancelled ? { reason: '停电', by: '马', at: '2024-01-01T00:00:00Z' } : null,
});

const entry = (id: string, occurredOn: string, corrects: string | null = null) => ({ id, occurredOn, recordedAt: `${occurredOn}T08:00:00.000Z`, corrects });

const input: YearSummaryInput = {
  year: 2024,
  tasks: [
    aTask('ent-a', 'exit', { signedOn: '2024-01-01', result: 'inconsistent', exit: { state: 'removed', date: '2024-12-31' } }),
    aTask('ent-b', 'exit', { signedOn: '2023-12-31', result: 'consistent', exit: { state: 'removed', date: '2024-01-01' } }),
    aTask('ent-c', 'exit', { signedOn: '2024-02-02', result: 'consistent', exit: { state: 'removed', date: '2025-01-01' } }),
    aTask('ent-d', 'exit', { signedOn: '2024-02-02', result: 'consistent', exit: { state: 'approved', date: null } }),
    aTask('ent-e', 'exit', { exit: { state: 'rejected', date: null } }),
    aTask('ent-f', 'sample', { signedOn: '2024-06-30', result: 'consistent' }),
  ],
  followUpSteps: [
    { enterpriseId: 'ent-p', toStage: 'applied', date: '2023-11-01' },
    { enterpriseId: 'ent-p', toStage: 'admitted', date: '2024-01-01' },
    { enterpriseId: 'ent-q', toStage: 'admitted', date: '2024-12-31' },
    { enterpriseId: 'ent-r', toStage: 'admitted', date: '2023-12-31' },
    { enterpriseId: 'ent-s', toStage: 'rejected', date: '2024-05-01' },
  ],
  enforcement: {
    held: 3,
    inspected: [
      { enterpriseId: 'ent-xxxxxxxx', on: '2024-03-01T02:00:00.000Z' },
      { enterpriseId: 'ent-yyyyyyyy', on: '2024-03-01T02:00:00.000Z' },
      { enterpriseId: 'ent-zzzzzzzz', on: '2023-03-01T02:00:00.000Z' },
    ],
    cases: [aCase('case-0001', 'ent-xxxxxxxx', '2024-03-05', { investigating: '2024-03-06', notified: '2024-04-01', decided: '2024-05-01', closed: '2024-12-31' }), aCase('case-0002', 'ent-zzzzzzzz', '2023-04-01', { investigating: '2023-04-02', notified: '2023-05-01', decided: '2023-06-01', closed: '2024-01-01' })],
  },
  training: [session('2024-01-01', 'enumerator', 30), session('2024-12-31', 'enterprise_staff', 12), session('2024-06-01', 'supervisor', 5, true), session('2023-12-31', 'enumerator', 40), session('2025-01-01', 'supervisor', 8)],
  liaison: {
    enterprises: [
      { id: 'ent-a', official: '王主任' },
      { id: 'ent-b', official: ' ' },
      { id: 'ent-c', official: '李科长' },
    ],
    visits: [
      { enterpriseId: 'ent-a', date: '2024-01-01' },
      { enterpriseId: 'ent-a', date: '2024-12-31' },
      { enterpriseId: 'ent-c', date: '2024-07-01' },
      { enterpriseId: 'ent-c', date: '2023-12-31' },
      { enterpriseId: 'ent-b', date: '2025-01-01' },
    ],
  },
  interference: [entry('itf-1', '2024-01-01'), entry('itf-2', '2024-12-31'), entry('itf-3', '2024-12-31', 'itf-2'), entry('itf-4', '2023-12-31'), entry('itf-5', '2025-01-01')],
};

describe('yearSummary', () => {
  it('counts every figure of the year from the known records', () => {
    expect(yearSummary(input)).toEqual({
      year: 2024,
      verification: {
        held: 6,
        counts: {
          year: 2024,
          units: 4,
          byKind: {
            admission: { units: 0, consistent: 0, inconsistent: 0 },
            exit: { units: 3, consistent: 2, inconsistent: 1 },
            sample: { units: 1, consistent: 1, inconsistent: 0 },
            draw: { units: 0, consistent: 0, inconsistent: 0 },
          },
          consistent: 3,
          inconsistent: 1,
        },
      },
      // ent-p (01-01) and ent-q (12-31) entered; ent-r entered in 2023. ent-a (12-31) and ent-b (01-01) left; ent-c leaves in 2025, ent-d is only approved, ent-e kept.
      directory: { admissionsHeld: 5, exitsHeld: 5, entered: 2, left: 2 },
      enforcement: {
        held: 3,
        counts: {
          year: 2024,
          inspected: 2,
          inViolation: 1,
          casesFiled: 1,
          casesClosed: 2,
          transferred: 0,
          transferredToDiscipline: 0,
          transferredToMarket: 0,
          warnings: 1,
          fines: 0,
          fineYuanTotal: 0,
          publicNotices: 0,
        },
      },
      training: {
        held: 5,
        counts: {
          year: 2024,
          sessions: 2,
          people: 42,
          hours: 4,
          byAudience: {
            enumerator: { sessions: 1, people: 30 },
            supervisor: { sessions: 0, people: 0 },
            census_staff: { sessions: 0, people: 0 },
            enterprise_staff: { sessions: 1, people: 12 },
          },
        },
      },
      liaison: { held: 3, withOfficial: 2, visits: 3, enterprisesVisited: 2 },
      // itf-3 corrects itf-2: one attempt. 2023-12-31 and 2025-01-01 are other years.
      interference: { held: 5, count: 2 },
    });
  });

  it('leaves records of the neighbouring years to their own year', () => {
    const y2023 = yearSummary({ ...input, year: 2023 });
    expect(y2023.directory).toMatchObject({ entered: 1, left: 0 });
    expect(y2023.training.counts).toMatchObject({ sessions: 1, people: 40 });
    expect(y2023.liaison).toMatchObject({ visits: 1, enterprisesVisited: 1 });
    expect(y2023.interference).toEqual({ held: 5, count: 1 });
    expect(y2023.verification.counts.byKind.exit).toEqual({ units: 1, consistent: 1, inconsistent: 0 });
    const y2025 = yearSummary({ ...input, year: 2025 });
    expect(y2025.directory).toMatchObject({ entered: 0, left: 1 });
    expect(y2025.training.counts).toMatchObject({ sessions: 1, people: 8 });
    expect(y2025.liaison).toMatchObject({ visits: 1, enterprisesVisited: 1 });
    expect(y2025.interference).toEqual({ held: 5, count: 1 });
  });

  it('says how many records each figure rests on, so an empty source is not read as 0', () => {
    const empty = yearSummary({ year: 2024, tasks: [], followUpSteps: [], enforcement: { held: 0, inspected: [], cases: [] }, training: [], liaison: { enterprises: [], visits: [] }, interference: [] });
    expect([empty.verification.held, empty.directory.admissionsHeld, empty.directory.exitsHeld, empty.enforcement.held, empty.training.held, empty.liaison.held, empty.interference?.held]).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it('holds nothing of the interference register for a reader who may not see it', () => {
    const s = yearSummary({ ...input, interference: null });
    expect(s.interference).toBeNull();
    expect(JSON.stringify(s)).not.toContain('itf-');
  });
});
