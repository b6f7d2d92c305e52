import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../app/store';
import { colon, inParens } from '../../lib/format';
import { ReviewEventValue, reviewEventKinds, type ReviewEventKind } from '@shared/review/review';

// A review step in a unit's change trace reads as a sentence ("审核记录 · 退回修改（张建华）：
// 1 条项目意见"), not as the JSON of its synced field.

export const isReviewKind = (action: string): action is ReviewEventKind => (reviewEventKinds as readonly string[]).includes(action);

export function ReviewChange({ value }: { value: unknown }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const parsed = ReviewEventValue.safeParse(value);
  if (!parsed.success) return <span className="changes__item">{t('review.timeline.title')}</span>;
  const e = parsed.data;
  const detail =
    e.kind === 'return'
      ? t('review.timeline.comments', { count: e.comments.length })
      : e.kind === 'answer'
        ? e.text
        : e.kind === 'code'
          ? [`${e.from ?? '—'} → ${e.to}`, t('review.coding.basis'), e.note].filter((s) => s !== null && s !== '').join(' · ')
          : (e.kind === 'approve' || e.kind === 'accept') && e.note
          ? t('review.timeline.note', { note: e.note })
          : '';
  return (
    <>
      <span className="changes__item">{t('review.timeline.title')}</span>{' '}
      <span className="changes__to">
        {t(`review.timeline.kinds.${e.kind}`)}
        {inParens(e.by.name, language)}
        {detail ? `${colon(language)}${detail}` : ''}
      </span>
    </>
  );
}
