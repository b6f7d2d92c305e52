import { z } from 'zod';

// Long work main reports while it runs, so the screens can show a count or a bar instead of
// "working…": a file import (rows read, checked, written), loading the national division codes
// (rows written), and a sync (ops sent, units received). The renderer asks tasks:progress for
// the kind it started while its call is in flight; main answers what the task last reported.

export const taskKinds = ['frameImport', 'directoryImport', 'divisions', 'sync'] as const;
export const TaskKind = z.enum(taskKinds);
export type TaskKind = z.infer<typeof TaskKind>;

/** read: the file is being read (no count yet); check: rows checked; write: rows written;
 * push: ops sent to the server; receive: units received from it; verify: comparing checksums. */
export const taskPhases = ['read', 'check', 'write', 'push', 'receive', 'verify'] as const;
export const TaskPhase = z.enum(taskPhases);
export type TaskPhase = z.infer<typeof TaskPhase>;

export const TaskProgress = z.object({
  kind: TaskKind,
  phase: TaskPhase,
  done: z.number().int().nonnegative(),
  /** null while the total is not known (a file still being read, a pull without a snapshot). */
  total: z.number().int().nonnegative().nullable(),
  startedAt: z.string(),
});
export type TaskProgress = z.infer<typeof TaskProgress>;

/** What long work is handed to say how far it is (main's board, tasks/progress.ts). */
export interface TaskReporter {
  step(phase: TaskPhase, done: number, total: number | null): void;
}
