import { z } from 'zod';
import { decisionOf, type CaseRecord } from './records';

// The year's 统计执法 figures the bureau's annual report quotes ("inspected 30 enterprises, 10
// in violation, 10 cases closed, … 移送"). Pure, so the year-end summary counts exactly what
// this screen counts. A year is the calendar year of the day a thing happened (the step's
// date as recorded, not when it was typed in).

export const EnforcementYearCounts = z.object({
  year: z.number().int(),
  /** Distinct enterprises drawn for inspection in the year's draws, or with a case filed in the year. */
  inspected: z.number().int(),
  /** Distinct enterprises with a case filed in the year (a case is filed for a violation found). */
  inViolation: z.number().int(),
  casesFiled: z.number().int(),
  casesClosed: z.number().int(),
  /** Cases 移送 in the year (to either body), and per body. */
  transferred: z.number().int(),
  transferredToDiscipline: z.number().int(),
  transferredToMarket: z.number().int(),
  /** Decisions dated in the year: with a 警告, with a 罚款 (and their total in 元), with a 通报. */
  warnings: z.number().int(),
  fines: z.number().int(),
  fineYuanTotal: z.number().int(),
  publicNotices: z.number().int(),
});
export type EnforcementYearCounts = z.infer<typeof EnforcementYearCounts>;

export interface InspectedEnterprise {
  enterpriseId: string;
  /** The day of the draw that picked it (ISO date or date-time). */
  on: string;
}

const inYear = (day: string, year: number): boolean => day.slice(0, 4) === String(year);

export function enforcementYearCounts(year: number, input: { inspected: readonly InspectedEnterprise[]; cases: readonly CaseRecord[] }): EnforcementYearCounts {
  const inspected = new Set(input.inspected.filter((i) => inYear(i.on, year)).map((i) => i.enterpriseId));
  const filed = input.cases.filter((c) => inYear(c.filedOn, year));
  for (const c of filed) inspected.add(c.enterpriseId);
  const stepOn = (c: CaseRecord, state: string) => c.steps.find((s) => s.state === state)?.on ?? null;
  const decided = input.cases.filter((c) => {
    const on = stepOn(c, 'decided');
    return on !== null && inYear(on, year);
  });
  const transfersIn = (target: 'discipline' | 'market') => input.cases.filter((c) => c.transfers.some((t) => t.target === target && inYear(t.on, year))).length;
  const decisions = decided.map(decisionOf).filter((d) => d !== null);
  return {
    year,
    inspected: inspected.size,
    inViolation: new Set(filed.map((c) => c.enterpriseId)).size,
    casesFiled: filed.length,
    casesClosed: input.cases.filter((c) => {
      const on = stepOn(c, 'closed');
      return on !== null && inYear(on, year);
    }).length,
    transferred: input.cases.filter((c) => c.transfers.some((t) => inYear(t.on, year))).length,
    transferredToDiscipline: transfersIn('discipline'),
    transferredToMarket: transfersIn('market'),
    warnings: decisions.filter((d) => d.penalties.includes('warning')).length,
    fines: decisions.filter((d) => d.penalties.includes('fine')).length,
    fineYuanTotal: decisions.reduce((sum, d) => sum + (d.fineYuan ?? 0), 0),
    publicNotices: decisions.filter((d) => d.penalties.includes('public_notice')).length,
  };
}
