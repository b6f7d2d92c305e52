import { caseFromFields, type CaseRecord } from '@shared/enforcement/records';
import type { Task } from '@shared/verification/task';
import type { TaskKind } from '@shared/verification/sync-fields';

// Small records for the year-summary tests, built as the capabilities read them.

const at = '2024-06-01T00:00:00.000Z';
const by = '马科长';

export type SummaryTask = Pick<Task, 'create' | 'state' | 'conclusion' | 'signatures' | 'exit'>;

export function aTask(
  enterpriseId: string,
  kind: TaskKind,
  opts: { signedOn?: string; result?: 'consistent' | 'inconsistent'; state?: 'pending' | 'in_progress' | 'completed'; exit?: { state: 'proposed' | 'verified' | 'approved' | 'removed' | 'rejected'; date: string | null } },
): SummaryTask {
  const state = opts.state ?? (opts.signedOn ? 'completed' : 'pending');
  return {
    create: {
      areaCode: '640502100201',
      kind,
      enterpriseId,
      uscc: '',
      name: enterpriseId,
      batchId: 'batch-0001',
      batchTitle: '核查',
      source: { list: kind === 'admission' ? 'applicants' : kind === 'exit' ? 'exits' : kind, drawId: null, seed: null, poolHash: null, poolSize: null },
      period: { year: 2024, month: 12 },
      createdAt: at,
      createdBy: by,
    },
    state: { state, action: null, reason: '', at, by },
    conclusion: opts.result ? { result: opts.result, note: '', at, by } : null,
    signatures: { checker: opts.signedOn ? { name: '李四', date: opts.signedOn, confirmedBy: by, at } : null, contact: null },
    exit: opts.exit ? { state: opts.exit.state, action: null, reasons: ['deregistered'], note: '', date: opts.exit.date, at, by } : null,
  };
}

export function aCase(id: string, enterpriseId: string, filedOn: string, steps: Record<string, string>): CaseRecord {
  const who = { userId: 'u1', name: '马局' };
  const fields = new Map<string, unknown>([
    ['$create', { areaCode: '640502100201', enterpriseId, enterpriseName: '甲', uscc: '', drawId: null, caseNo: id, filedOn, violations: ['late_report'], otherText: '', note: '', at, by: who }],
    ...Object.entries(steps).map(([state, on]): [string, unknown] => [`step.${state}`, { on, note: '', decision: state === 'decided' ? { penalties: ['warning'], fineYuan: null, documentNo: 'D' } : null, at, by: who }]),
  ]);
  const c = caseFromFields(id, fields);
  if (!c) throw new Error('bad case');
  return c;
}
