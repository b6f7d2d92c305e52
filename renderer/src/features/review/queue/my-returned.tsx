import { useTranslation } from 'react-i18next';
import { hrefFor } from '../../../app/router';
import { EmptyState } from '../../../components/empty-state';
import { ErrorNotice } from '../../../components/error-notice';
import { useCall } from '../../../lib/use-call';
import { UnitTable } from '../../registration/list/unit-table';

// What the review page shows someone who does not review (an enumerator, or a laptop never
// signed in to the server): the units sent back to them, each opening the form screen where the
// comments stand beside their items.

export function MyReturnedUnits({ isLocal }: { isLocal: boolean }) {
  const { t } = useTranslation();
  const { value: list, error } = useCall('units:list', { statuses: ['returned'], limit: 500 });
  return (
    <section className="my-returned" data-testid="review-my-returned">
      <p className="muted">{isLocal ? t('review.mine.local') : t('review.mine.explain')}</p>
      {isLocal ? (
        <p>
          <a href={hrefFor('sync')}>{t('review.mine.goSignIn')}</a>
        </p>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
      {list === null ? null : list.rows.length === 0 ? (
        <EmptyState testId="review-mine-none" title={t('review.mine.none')} body={t('review.mine.noneBody')} />
      ) : (
        <UnitTable rows={list.rows} showArea />
      )}
    </section>
  );
}
