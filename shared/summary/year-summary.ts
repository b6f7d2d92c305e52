import { z } from 'zod';
import { enforcementYearCounts, EnforcementYearCounts, type InspectedEnterprise } from '../enforcement/year-counts';
import type { CaseRecord } from '../enforcement/records';
import { interferenceYearCount } from '../interference/year-count';
import type { InterferenceEntry } from '../interference/entry';
import { trainingYearCounts, TrainingYearCounts, type TrainingSession } from '../training/training';
import type { Task } from '../verification/task';
import { verificationYearCounts, VerificationYearCounts } from '../verification/year-counts';

// The year's summary the bureau's annual report quotes: each capability's own year count
// composed, nothing counted twice or differently here. Pure, so the screen, the workbook and
// the tests agree figure for figure.
//
// Each section says how many records of its kind this laptop holds at all (`held`, any year): a
// figure is a true 0 only when records exist and none fall in the year; with none held the
// screen and the workbook say so instead of printing a 0 nobody counted.

const Count = z.number().int().nonnegative();

export const YearSummary = z.object({
  year: z.number().int(),
  verification: z.object({ held: Count, counts: VerificationYearCounts }),
  directory: z.object({
    /** 入规纳统 follow-up steps held (any stage, any year): the record entries are decided from. */
    admissionsHeld: Count,
    /** 退库 records held (tasks made from the 退库 list). */
    exitsHeld: Count,
    entered: Count,
    left: Count,
  }),
  enforcement: z.object({ held: Count, counts: EnforcementYearCounts }),
  training: z.object({ held: Count, counts: TrainingYearCounts }),
  liaison: z.object({
    /** Enterprises still followed (in operation or 停业) this laptop holds. */
    held: Count,
    /** Of those, the ones with a 包保责任人 now (the directory's current record, not the year's end). */
    withOfficial: Count,
    /** Visits dated in the year, and the distinct enterprises they were to. */
    visits: Count,
    enterprisesVisited: Count,
  }),
  /** null: the reader is not the bureau's leadership; the register's count is not theirs to see. */
  interference: z.object({ held: Count, count: Count }).nullable(),
});
export type YearSummary = z.infer<typeof YearSummary>;

export interface Admission {
  enterpriseId: string;
  toStage: string;
  /** The day of the step as recorded (ISO date). */
  date: string;
}

export interface YearSummaryInput {
  year: number;
  tasks: readonly Pick<Task, 'create' | 'state' | 'conclusion' | 'signatures' | 'exit'>[];
  /** Every 入规纳统 follow-up step (followup's stage moves). */
  followUpSteps: readonly Admission[];
  enforcement: { inspected: readonly InspectedEnterprise[]; cases: readonly CaseRecord[]; held: number };
  training: readonly Pick<TrainingSession, 'date' | 'audience' | 'attendeeCount' | 'hours' | 'cancelled'>[];
  liaison: { enterprises: readonly { id: string; official: string }[]; visits: readonly { enterpriseId: string; date: string }[] };
  /** null when the reader may not see the register (then nothing of it is counted or returned). */
  interference: readonly Pick<InterferenceEntry, 'id' | 'occurredOn' | 'recordedAt' | 'corrects'>[] | null;
}

const inYear = (day: string, year: number): boolean => day.startsWith(`${String(year).padStart(4, '0')}-`);

/**
 * 入库 in the year: enterprises whose 入规纳统 follow-up moved to 已入库 (admitted: the bureau
 * approved the application and the enterprise became 规上) on a day of the year, each once.
 */
export function enteredInYear(steps: readonly Admission[], year: number): number {
  return new Set(steps.filter((s) => s.toStage === 'admitted' && inYear(s.date, year)).map((s) => s.enterpriseId)).size;
}

/**
 * 退库 in the year: enterprises whose exit was carried out (已退库, the last of 提出 → 已核实 →
 * 局审批 → 已退库) with a removal date in the year, each once. Proposed, verified or approved
 * exits have not left; a rejected one (不予退库) stays.
 */
export function leftInYear(tasks: YearSummaryInput['tasks'], year: number): number {
  return new Set(tasks.filter((t) => t.exit?.state === 'removed' && t.exit.date !== null && inYear(t.exit.date, year)).map((t) => t.create.enterpriseId)).size;
}

export function yearSummary(input: YearSummaryInput): YearSummary {
  const { year } = input;
  const visits = input.liaison.visits.filter((v) => inYear(v.date, year));
  return {
    year,
    verification: { held: input.tasks.length, counts: verificationYearCounts(input.tasks, year) },
    directory: {
      admissionsHeld: input.followUpSteps.length,
      exitsHeld: input.tasks.filter((t) => t.exit !== null).length,
      entered: enteredInYear(input.followUpSteps, year),
      left: leftInYear(input.tasks, year),
    },
    enforcement: { held: input.enforcement.held, counts: enforcementYearCounts(year, input.enforcement) },
    training: { held: input.training.length, counts: trainingYearCounts(input.training, year) },
    liaison: {
      held: input.liaison.enterprises.length,
      withOfficial: input.liaison.enterprises.filter((e) => e.official.trim() !== '').length,
      visits: visits.length,
      enterprisesVisited: new Set(visits.map((v) => v.enterpriseId)).size,
    },
    interference: input.interference === null ? null : { held: input.interference.length, count: interferenceYearCount(input.interference, year) },
  };
}
