import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { LoadedPack } from '@shared/packs/load';
import { useCurrentPack } from '../../forms/packs-store';
import type { ReviewEvent } from '@shared/review/review';
import { useLanguage } from '../../../app/store';
import { formatDateTime, joinList } from '../../../lib/format';
import { itemPlace } from '../../../lib/item-path';
import { useThreadStore } from '../thread-store';

// Every review step of the unit, oldest first (every decision is an operation: who,
// when, what): submissions, approvals (marked when made in bulk), returns with their comments,
// answers, acceptance, and edits that reopened an approved unit. Steps still waiting in this
// laptop's outbox are marked so nobody mistakes them for something the server already has.

/** What the step was about, beyond its kind: the number of comments, the answer, the items edited. */
function what(pack: LoadedPack | null, e: ReviewEvent, t: TFunction, language: 'zh-CN' | 'en'): string | null {
  switch (e.kind) {
    case 'return':
      return t('review.timeline.comments', { count: e.commentIds.length });
    case 'answer':
      return e.text;
    case 'reopen':
      return e.paths.length > 0 ? joinList(e.paths.map((p) => itemPlace(pack, p, language)), language) : null;
    case 'code':
      return `${e.text ?? ''} · ${t('review.coding.basis')}`;
    default:
      return null;
  }
}

export function ReviewTimeline() {
  const { t } = useTranslation();
  const language = useLanguage();
  const pack = useCurrentPack();
  const thread = useThreadStore((s) => s.thread);
  if (!thread || thread.events.length === 0) return null;
  return (
    <section className="panel review-timeline" data-testid="review-timeline" aria-labelledby="review-timeline-title">
      <h2 className="panel__title" id="review-timeline-title">
        {t('review.timeline.title')}
      </h2>
      <ol className="review-timeline__list">
        {thread.events.map((e) => {
          const detail = what(pack, e, t, language);
          return (
            <li key={e.id} className={`review-timeline__event review-timeline__event--${e.kind}`} data-testid={`review-event-${e.kind}`}>
              <time className="review-timeline__at" dateTime={e.at}>
                {formatDateTime(e.at, language)}
              </time>
              <span className="review-timeline__what">
                <strong>{t(`review.timeline.kinds.${e.kind}`)}</strong>
                {e.isBulk ? <span className="badge">{t('review.timeline.bulk')}</span> : null}
                {e.isPending ? <span className="badge badge--warn">{t('review.timeline.pending')}</span> : null}
              </span>
              <span className="review-timeline__by">
                {e.byName} · {t(`review.roles.${e.byRole}`)}
              </span>
              {detail ? <span className="review-timeline__detail">{detail}</span> : null}
              {e.note ? <span className="review-timeline__detail">{t('review.timeline.note', { note: e.note })}</span> : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
