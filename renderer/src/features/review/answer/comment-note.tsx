import { useState } from 'react';
import { useCurrentPack } from '../../forms/packs-store';
import { useTranslation } from 'react-i18next';
import type { ReviewComment } from '@shared/review/review';
import { useLanguage } from '../../../app/store';
import { formatDateTime } from '../../../lib/format';
import { showValue } from '../../../lib/item-path';

export type LiveState = ReviewComment['state'];

interface Props {
  comment: ReviewComment;
  /** The state with the user's unsaved edits counted ('changed' as soon as the item differs). */
  state: LiveState;
  /** Shown only when the user may answer (a returned unit, the comment of its latest return). */
  onAnswer?: (text: string) => Promise<boolean>;
}

/**
 * One reviewer's comment beside its item: who wrote it and when, the value it was made on, the
 * answers so far, and for the enumerator a box to answer it. An older comment (from an earlier
 * return) is shown muted: it no longer gates anything.
 */
export function CommentNote({ comment, state, onAnswer }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const pack = useCurrentPack();
  const [text, setText] = useState('');
  const [isBusy, setIsBusy] = useState(false);
  const boxId = `answer-${comment.id}`;
  return (
    <div
      className={`review-note review-note--${comment.isCurrent ? state : 'past'}`}
      data-testid={`review-comment-${comment.id}`}
      data-path={comment.path}
      data-state={state}
    >
      <p className="review-note__head">
        <span className="review-note__tag">{comment.isCurrent ? t('review.comment.tag') : t('review.comment.pastTag')}</span>
        <span className="review-note__by">
          {comment.byName} · {t(`review.roles.${comment.byRole}`)} · {formatDateTime(comment.at, language)}
        </span>
        {comment.isCurrent ? (
          <span className={`review-state review-state--${state}`} data-testid={`review-comment-state-${comment.id}`}>
            {t(`review.comment.states.${state}`)}
          </span>
        ) : null}
      </p>
      <p className="review-note__text" data-testid={`review-comment-text-${comment.id}`}>
        {comment.text}
      </p>
      <p className="review-note__was">
        {t('review.comment.valueAtReturn', { value: showValue(pack, comment.path, comment.valueAtReturn, language) })}
      </p>
      {comment.answers.length > 0 ? (
        <ul className="review-note__answers">
          {comment.answers.map((a) => (
            <li key={`${a.at}:${a.text}`} data-testid={`review-answer-${comment.id}`}>
              <span className="review-note__by">
                {t('review.comment.answeredBy', { name: a.byName, time: formatDateTime(a.at, language) })}
              </span>{' '}
              {a.text}
            </li>
          ))}
        </ul>
      ) : null}
      {onAnswer ? (
        <form
          className="review-note__answer"
          onSubmit={(e) => {
            e.preventDefault();
            const value = text.trim();
            if (value === '' || isBusy) return;
            setIsBusy(true);
            void onAnswer(value).then((ok) => {
              setIsBusy(false);
              if (ok) setText('');
            });
          }}
        >
          <label htmlFor={boxId} className="review-note__label">
            {comment.answers.length > 0 ? t('review.comment.answerMore') : t('review.comment.answer')}
          </label>
          <input
            id={boxId}
            type="text"
            className="field__input"
            data-testid={`review-answer-input-${comment.id}`}
            maxLength={1000}
            placeholder={t('review.comment.answerPlaceholder')}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <button
            type="submit"
            className="button button--secondary button--small"
            data-testid={`review-answer-send-${comment.id}`}
            disabled={text.trim() === '' || isBusy}
          >
            {t('review.comment.send')}
          </button>
        </form>
      ) : null}
    </div>
  );
}
