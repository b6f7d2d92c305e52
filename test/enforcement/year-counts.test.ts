import { describe, expect, it } from 'vitest';
import { caseFromFields, type CaseRecord } from '@shared/enforcement/records';
import { enforcementYearCounts } from '@shared/enforcement/year-counts';

// The year's figures count by the day things happened: an enterprise drawn twice is inspected
// once; a case filed in December and closed in January counts as filed in one year and closed
// in the next; a 移送 counts in the year of its date.

const by = { userId: 'u1', name: '马局' };
const at = '2024-01-01T00:00:00.000Z';

function aCase(id: string, enterpriseId: string, filedOn: string, steps: Record<string, string>, extra: Record<string, unknown> = {}): CaseRecord {
  const fields = new Map<string, unknown>([
    ['$create', { areaCode: '640502100201', enterpriseId, enterpriseName: '甲', uscc: '', drawId: null, caseNo: id, filedOn, violations: ['late_report'], otherText: '', note: '', at, by }],
    ...Object.entries(steps).map(([state, on]): [string, unknown] => [`step.${state}`, { on, note: '', decision: state === 'decided' ? { penalties: ['warning', 'fine'], fineYuan: 3_000, documentNo: 'D' } : null, at, by }]),
    ...Object.entries(extra),
  ]);
  const c = caseFromFields(id, fields);
  if (!c) throw new Error('bad case');
  return c;
}

describe('enforcementYearCounts', () => {
  it('counts by the day of each step, distinct enterprises once', () => {
    const cases = [
      aCase('case-0001', 'ent-aaaaaaaa', '2023-12-20', { investigating: '2023-12-21', notified: '2023-12-28', decided: '2024-01-05', closed: '2024-01-10' }, { 'transfer.market': { on: '2024-01-08', toName: '市场监管局', documentNo: 'T', note: '', at, by } }),
      aCase('case-0002', 'ent-bbbbbbbb', '2024-03-01', {}),
      aCase('case-0003', 'ent-bbbbbbbb', '2024-05-01', { investigating: '2024-05-02' }),
    ];
    const inspected = [
      { enterpriseId: 'ent-aaaaaaaa', on: '2023-12-01T02:00:00.000Z' },
      { enterpriseId: 'ent-bbbbbbbb', on: '2024-02-01T02:00:00.000Z' },
      { enterpriseId: 'ent-bbbbbbbb', on: '2024-04-01T02:00:00.000Z' },
      { enterpriseId: 'ent-cccccccc', on: '2024-04-01T02:00:00.000Z' },
    ];
    expect(enforcementYearCounts(2024, { inspected, cases })).toEqual({
      year: 2024,
      inspected: 2,
      inViolation: 1,
      casesFiled: 2,
      casesClosed: 1,
      transferred: 1,
      transferredToDiscipline: 0,
      transferredToMarket: 1,
      warnings: 1,
      fines: 1,
      fineYuanTotal: 3_000,
      publicNotices: 0,
    });
    expect(enforcementYearCounts(2023, { inspected, cases })).toMatchObject({ inspected: 1, inViolation: 1, casesFiled: 1, casesClosed: 0, transferred: 0, fines: 0 });
  });
});
