import type { TaskKind, TaskProgress, TaskReporter } from '@shared/tasks/tasks';

export type { TaskReporter };

// Where long work reports how far it is (shared/tasks/tasks.ts). One board per core; each kind of
// task has at most one entry, written by the task as it goes and removed when it ends, read by
// the tasks:progress channel. A task only gets read while it runs if it lets the event loop
// turn now and then (yieldToLoop), which is also what keeps the window responsive.

/** Reports nowhere: for services called without a board (tests, the CLI). */
export const silentReporter: TaskReporter = { step: () => undefined };

export interface TaskBoard {
  /** Starts (or restarts) a task of `kind`; `end()` removes it, whatever happened. */
  begin(kind: TaskKind): TaskReporter & { end(): void };
  get(kind: TaskKind): TaskProgress | null;
}

export function createTaskBoard(now: () => Date = () => new Date()): TaskBoard {
  const tasks = new Map<TaskKind, { run: number; progress: TaskProgress }>();
  let runs = 0;
  return {
    begin(kind) {
      const run = ++runs;
      const startedAt = now().toISOString();
      tasks.set(kind, { run, progress: { kind, phase: 'read', done: 0, total: null, startedAt } });
      return {
        step(phase, done, total) {
          // Only the task that began last writes: an older one finishing late is ignored.
          if (tasks.get(kind)?.run === run) tasks.set(kind, { run, progress: { kind, phase, done, total, startedAt } });
        },
        end() {
          if (tasks.get(kind)?.run === run) tasks.delete(kind);
        },
      };
    },
    get: (kind) => tasks.get(kind)?.progress ?? null,
  };
}

/** Lets queued I/O (a progress request, a window event) run before the next chunk of work. */
export const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Runs `fn` on each item, yielding and reporting every `chunk` items; returns the results in order. */
export async function mapInChunks<T, R>(items: readonly T[], chunk: number, fn: (item: T, index: number) => R, onChunk: (done: number) => void): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += chunk) {
    const end = Math.min(i + chunk, items.length);
    items.slice(i, end).forEach((item, k) => out.push(fn(item, i + k)));
    onChunk(end);
    if (end < items.length) await yieldToLoop();
  }
  return out;
}
