import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useCurrentPack } from '../../forms/packs-store';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '@shared/result';
import { useLanguage } from '../../../app/store';
import { ErrorNotice } from '../../../components/error-notice';
import { colon, formatDateTime } from '../../../lib/format';
import { ItemAsideContext, type ItemAside } from '../../registration/form/item-aside';
import { useUnitSession } from '../../registration/unit/session-store';
import { itemPlace, joinItemPath, splitItemPath } from '../../../lib/item-path';
import { useSession } from '../session-role';
import { useThreadStore } from '../thread-store';
import { CommentNote } from './comment-note';
import { answerComment, useLiveComments, type LiveComment } from './live-comments';

// The enumerator's form screen of a unit the supervisor sent back: a banner with the return
// (who, when, the note, each comment with a link to its item, how many are still open) and,
// beside each item, its comments with a box to answer them.

/** Reads the thread of the open unit whenever its version changes (a save, a sync, an answer). */
function useThreadOfOpenUnit(): void {
  const id = useUnitSession((s) => s.detail?.id);
  const version = useUnitSession((s) => s.detail?.version);
  const load = useThreadStore((s) => s.load);
  useEffect(() => {
    if (id) void load(id);
  }, [id, version, load]);
  useEffect(() => () => useThreadStore.getState().clear(), []);
}

interface BannerProps {
  onGoTo(formId: string, path: string): void;
}

export function ReturnedBanner({ onGoTo }: BannerProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const pack = useCurrentPack();
  useThreadOfOpenUnit();
  const status = useUnitSession((s) => s.detail?.status);
  const thread = useThreadStore((s) => s.thread);
  const error = useThreadStore((s) => s.error);
  const live = useLiveComments();
  if (status !== 'returned') return null;
  if (error) return <ErrorNotice error={error} title={t('review.answer.loadFailed')} />;
  if (!thread) return null;
  const lastReturn = [...thread.events].reverse().find((e) => e.kind === 'return');
  const current = live.filter((c) => c.comment.isCurrent);
  const open = current.filter((c) => c.state === 'open').length;
  return (
    <section className="notice notice--warn returned-banner" data-testid="returned-banner" data-open={open}>
      <div className="notice__text">
        <p>
          <strong>
            {lastReturn
              ? t('review.answer.returnedBy', { name: lastReturn.byName, time: formatDateTime(lastReturn.at, language) })
              : t('review.answer.returned')}
          </strong>{' '}
          {current.length === 0
            ? t('review.answer.noItemComments')
            : open > 0
              ? t('review.answer.openCount', { count: open, total: current.length })
              : t('review.answer.allHandled')}
        </p>
        {lastReturn?.note ? (
          <p className="returned-banner__note" data-testid="returned-note">
            {t('review.answer.note', { note: lastReturn.note })}
          </p>
        ) : null}
        {current.length > 0 ? (
          <ol className="returned-banner__list">
            {current.map(({ comment, state }) => (
              <li key={comment.id}>
                <button
                  type="button"
                  className="link-button"
                  data-testid={`returned-goto-${comment.id}`}
                  onClick={() => {
                    const { formId, inner } = splitItemPath(comment.path);
                    onGoTo(formId, inner);
                  }}
                >
                  {itemPlace(pack, comment.path, language)}
                </button>
                {colon(language)}
                {comment.text}{' '}
                <span className={`review-state review-state--${state}`}>{t(`review.comment.states.${state}`)}</span>
              </li>
            ))}
          </ol>
        ) : null}
        {/* How to handle comments only while some are open: with none, it would contradict the line above. */}
        {open > 0 ? <p className="muted" data-testid="returned-how-to">{t('review.answer.howTo')}</p> : null}
      </div>
    </section>
  );
}

function CommentsBeside({ items, canAnswer }: { items: readonly LiveComment[]; canAnswer: boolean }) {
  const { t } = useTranslation();
  const [error, setError] = useState<AppErrorShape | null>(null);
  const status = useUnitSession((s) => s.detail?.status);
  return (
    <div className="item__review" data-testid="item-review">
      {items.map(({ comment, state }) => (
        <CommentNote
          key={comment.id}
          comment={comment}
          state={state}
          onAnswer={
            canAnswer && comment.isCurrent && status === 'returned'
              ? async (text) => {
                  const failed = await answerComment(comment.id, text);
                  setError(failed);
                  return failed === null;
                }
              : undefined
          }
        />
      ))}
      {error ? <ErrorNotice error={error} title={t('review.answer.failed')} onDismiss={() => setError(null)} /> : null}
    </div>
  );
}

/** Puts each item's comments beside it on the enumerator's form screen. */
export function AnswerAsideProvider({ children }: { children: ReactNode }) {
  const live = useLiveComments();
  const session = useSession();
  const canAnswer = session.value?.permissions.includes('review.answer') ?? false;
  const value = useMemo<ItemAside>(() => {
    const byPath = new Map<string, LiveComment[]>();
    for (const c of live) byPath.set(c.comment.path, [...(byPath.get(c.comment.path) ?? []), c]);
    return {
      render(formId, path) {
        const items = byPath.get(joinItemPath(formId, path));
        return items ? <CommentsBeside items={items} canAnswer={canAnswer} /> : null;
      },
      classFor(formId, path) {
        const items = byPath.get(joinItemPath(formId, path));
        if (!items) return '';
        return items.some((c) => c.comment.isCurrent && c.state === 'open') ? 'item--commented item--comment-open' : 'item--commented';
      },
    };
  }, [live, canAnswer]);
  return <ItemAsideContext.Provider value={value}>{children}</ItemAsideContext.Provider>;
}
