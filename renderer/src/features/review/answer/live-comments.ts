import { useMemo } from 'react';
import type { ReviewComment } from '@shared/review/review';
import type { AppErrorShape } from '@shared/result';
import { call } from '../../../lib/api';
import { useUnitSession } from '../../registration/unit/session-store';
import { hasChanged, valueAt } from '../../../lib/item-path';
import { useThreadStore } from '../thread-store';
import type { LiveState } from './comment-note';

// The enumerator's side of a returned unit: each comment of the latest return with its state
// as it is on screen (an item changed but not yet autosaved already counts as changed), and the
// answer action. Main decides for real when the unit is resubmitted.

export interface LiveComment {
  comment: ReviewComment;
  state: LiveState;
}

export function useLiveComments(): LiveComment[] {
  const thread = useThreadStore((s) => s.thread);
  const unitId = useUnitSession((s) => s.detail?.id);
  const forms = useUnitSession((s) => s.forms);
  return useMemo(() => {
    if (!thread || thread.unitId !== unitId) return [];
    return thread.comments.map((comment) => ({
      comment,
      state:
        comment.state === 'open' && comment.isCurrent && hasChanged(valueAt(forms, comment.path), comment.valueAtReturn)
          ? 'changed'
          : comment.state,
    }));
  }, [thread, unitId, forms]);
}

/** Current comments still neither answered nor changed: while any remain, a returned unit cannot be resubmitted. */
export function useOpenCommentCount(): number {
  const status = useUnitSession((s) => s.detail?.status);
  const live = useLiveComments();
  if (status !== 'returned') return 0;
  return live.filter((c) => c.comment.isCurrent && c.state === 'open').length;
}

/**
 * Answers a comment. What is typed is saved first (the answer is about what is on screen), and
 * since an answer is recorded on the unit, the unit is read again so the next autosave carries
 * the new version instead of running into a CONFLICT.
 */
export async function answerComment(commentId: string, text: string): Promise<AppErrorShape | null> {
  const session = useUnitSession.getState();
  const unitId = session.detail?.id;
  if (!unitId) return null;
  if (!(await session.flush())) return useUnitSession.getState().saveError;
  const result = await call('review:answer', { unitId, commentId, text });
  if (!result.ok) return result.error;
  useThreadStore.getState().set(result.value);
  if (useUnitSession.getState().detail?.version !== result.value.version) {
    const fresh = await call('units:get', { id: unitId });
    if (!fresh.ok) return fresh.error;
    useUnitSession.getState().accept(fresh.value);
  }
  return null;
}
