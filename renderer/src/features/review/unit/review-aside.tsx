import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import { useCurrentPack } from '../../forms/packs-store';
import { useTranslation } from 'react-i18next';
import type { ReviewComment } from '@shared/review/review';
import { useLanguage } from '../../../app/store';
import { ItemAsideContext, type ItemAside } from '../../registration/form/item-aside';
import { CommentNote } from '../answer/comment-note';
import { itemPlace, joinItemPath } from '../../../lib/item-path';
import { commentsByPath, useThreadStore } from '../thread-store';
import { useDraftStore } from './draft-store';

// The reviewer's side of the form: beside each item, the comments earlier returns made on it
// and, when the reviewer may send the unit back, a comment box. Clicking an item (or its
// 写意见 button) opens its box; the comment goes out with the return.

function DraftBox({ path }: { path: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const pack = useCurrentPack();
  const text = useDraftStore((s) => s.drafts[path] ?? '');
  const isActive = useDraftStore((s) => s.active === path);
  const setDraft = useDraftStore((s) => s.setDraft);
  const remove = useDraftStore((s) => s.remove);
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (isActive) ref.current?.focus();
  }, [isActive]);
  const id = `comment-${path.replaceAll('.', '-')}`;
  return (
    <div className="review-draft" data-testid="review-draft" data-path={path}>
      <label htmlFor={id} className="review-note__label">
        {t('review.comment.draftLabel', { place: itemPlace(pack, path, language) })}
      </label>
      <textarea
        id={id}
        ref={ref}
        className="field__input field__textarea review-draft__input"
        data-testid={`review-draft-${path}`}
        rows={2}
        maxLength={1000}
        placeholder={t('review.comment.draftPlaceholder')}
        value={text}
        onChange={(e) => setDraft(path, e.target.value)}
      />
      <button
        type="button"
        className="button button--secondary button--small"
        data-testid={`review-draft-discard-${path}`}
        onClick={(e) => {
          // Not also the item's click, which would open the box again.
          e.stopPropagation();
          remove(path);
        }}
      >
        {t('review.comment.discard')}
      </button>
    </div>
  );
}

function Beside({ path, past, canComment }: { path: string; past: readonly ReviewComment[]; canComment: boolean }) {
  const { t } = useTranslation();
  const hasDraft = useDraftStore((s) => s.drafts[path] !== undefined || s.active === path);
  const activate = useDraftStore((s) => s.activate);
  if (past.length === 0 && !canComment) return null;
  return (
    <>
      {canComment && !hasDraft ? (
        <button
          type="button"
          className="link-button item__comment-toggle"
          data-testid={`review-comment-open-${path}`}
          onClick={(e) => {
            // The item's own click handler would do the same; once is enough.
            e.stopPropagation();
            activate(path);
          }}
        >
          {t('review.comment.open')}
        </button>
      ) : null}
      {past.length > 0 || hasDraft ? (
        <div className="item__review">
          {past.map((c) => (
            <CommentNote key={c.id} comment={c} state={c.state} />
          ))}
          {hasDraft ? <DraftBox path={path} /> : null}
        </div>
      ) : null}
    </>
  );
}

export function ReviewAsideProvider({ canComment, children }: { canComment: boolean; children: ReactNode }) {
  const thread = useThreadStore((s) => s.thread);
  const drafts = useDraftStore((s) => s.drafts);
  const activate = useDraftStore((s) => s.activate);
  const value = useMemo<ItemAside>(() => {
    const byPath = commentsByPath(thread);
    return {
      render(formId, inner) {
        const path = joinItemPath(formId, inner);
        return <Beside path={path} past={byPath.get(path) ?? []} canComment={canComment} />;
      },
      onActivate: canComment ? (formId, inner) => activate(joinItemPath(formId, inner)) : undefined,
      classFor(formId, inner) {
        const path = joinItemPath(formId, inner);
        const classes = canComment ? ['item--reviewable'] : [];
        if (drafts[path] !== undefined) classes.push('item--drafted');
        if (byPath.has(path)) classes.push('item--commented');
        return classes.join(' ');
      },
    };
  }, [thread, drafts, canComment, activate]);
  return <ItemAsideContext.Provider value={value}>{children}</ItemAsideContext.Provider>;
}
