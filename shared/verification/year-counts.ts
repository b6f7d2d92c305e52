import { z } from 'zod';
import type { Task } from './task';
import { taskKinds, type TaskKind } from './sync-fields';

// The year's 核查 figures the bureau's annual report quotes ("verified 2,000 一套表 units …"):
// pure, so the year-end summary and its tests count exactly the same thing.
//
// A unit counts as verified in a year when one of its tasks of that kind is completed (已完成:
// checklist, conclusion and both signatures recorded) and the checker signed in that year. The
// checker's signature date is the day the check was done as written on the paper record, so it
// decides the year, not the moment someone typed it in (which may fall after New Year). A task
// reopened and not completed again is not verified. A unit verified twice in the year for the same
// kind counts once, with the conclusion of its latest signed task.

export const KindCounts = z.object({ units: z.number().int(), consistent: z.number().int(), inconsistent: z.number().int() });
export type KindCounts = z.infer<typeof KindCounts>;

export const VerificationYearCounts = z.object({
  year: z.number().int(),
  /** Distinct units verified in the year, whatever the kind. */
  units: z.number().int(),
  byKind: z.record(z.enum(taskKinds), KindCounts),
  /** All kinds together: each (unit, kind) once, so consistent + inconsistent = the sum of byKind's units. */
  consistent: z.number().int(),
  inconsistent: z.number().int(),
});
export type VerificationYearCounts = z.infer<typeof VerificationYearCounts>;

type Countable = Pick<Task, 'create' | 'state' | 'conclusion' | 'signatures'>;

/** The day a completed task counts on: the checker's signature date (else the completion's date). */
export function verifiedOn(task: Countable): string | null {
  if (task.state.state !== 'completed' || task.conclusion === null) return null;
  return task.signatures.checker?.date ?? task.state.at.slice(0, 10);
}

export function verificationYearCounts(tasks: readonly Countable[], year: number): VerificationYearCounts {
  const prefix = `${String(year).padStart(4, '0')}-`;
  // (kind, unit) → the latest signed task's conclusion.
  const latest = new Map<TaskKind, Map<string, { on: string; result: 'consistent' | 'inconsistent' }>>();
  for (const t of tasks) {
    const on = verifiedOn(t);
    if (on === null || !on.startsWith(prefix) || t.conclusion === null) continue;
    const perKind = latest.get(t.create.kind) ?? new Map<string, { on: string; result: 'consistent' | 'inconsistent' }>();
    const held = perKind.get(t.create.enterpriseId);
    if (!held || on >= held.on) perKind.set(t.create.enterpriseId, { on, result: t.conclusion.result });
    latest.set(t.create.kind, perKind);
  }
  const byKind = Object.fromEntries(
    taskKinds.map((kind) => {
      const units = [...(latest.get(kind)?.values() ?? [])];
      return [kind, { units: units.length, consistent: units.filter((u) => u.result === 'consistent').length, inconsistent: units.filter((u) => u.result === 'inconsistent').length }];
    }),
  ) as Record<TaskKind, KindCounts>;
  const all = new Set([...latest.values()].flatMap((m) => [...m.keys()]));
  return {
    year,
    units: all.size,
    byKind,
    consistent: taskKinds.reduce((s, k) => s + byKind[k].consistent, 0),
    inconsistent: taskKinds.reduce((s, k) => s + byKind[k].inconsistent, 0),
  };
}
