import { create } from 'zustand';
import type { ReviewComment, ReviewThread } from '@shared/review/review';
import type { AppErrorShape } from '@shared/result';
import { call } from '../../lib/api';

// The review thread of the unit on screen (review:comments): the comments beside its items and
// the timeline of decisions. The supervisor's review screen and the enumerator's form screen
// each show one unit at a time, so one store serves both.

interface ThreadState {
  unitId: string | null;
  thread: ReviewThread | null;
  error: AppErrorShape | null;
  /** Reads the thread of `unitId` (again); an older answer for another unit is dropped. */
  load(unitId: string): Promise<void>;
  /** A thread main just returned (after a decision or an answer). */
  set(thread: ReviewThread): void;
  clear(): void;
}

export const useThreadStore = create<ThreadState>()((set, get) => ({
  unitId: null,
  thread: null,
  error: null,
  async load(unitId) {
    if (get().unitId !== unitId) set({ unitId, thread: null, error: null });
    const result = await call('review:comments', { unitId });
    if (get().unitId !== unitId) return;
    set(result.ok ? { thread: result.value, error: null } : { error: result.error });
  },
  set(thread) {
    set({ unitId: thread.unitId, thread, error: null });
  },
  clear() {
    set({ unitId: null, thread: null, error: null });
  },
}));

/** Comments grouped by item path ('611.revenue'), newest return last. */
export function commentsByPath(thread: ReviewThread | null): ReadonlyMap<string, ReviewComment[]> {
  const map = new Map<string, ReviewComment[]>();
  for (const c of thread?.comments ?? []) map.set(c.path, [...(map.get(c.path) ?? []), c]);
  return map;
}
