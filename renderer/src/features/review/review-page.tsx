import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../app/store';
import { EmptyState } from '../../components/empty-state';
import { OverviewGate } from '../../components/overview-gate';
import { Page } from '../../components/page';
import { Stat } from '../../components/stat';
import { formatCount } from '../../lib/format';
import { useOverview } from '../overview/store';

export function ReviewPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const overview = useOverview();
  return (
    <Page title={t('review.title')} testId="page-review">
      <OverviewGate state={overview} onRetry={() => void overview.refresh()}>
        {(o) =>
          o.review.awaiting === 0 ? (
            <EmptyState testId="review-empty" title={t('review.noneTitle')} body={t('review.noneBody')} />
          ) : (
            <dl className="stats">
              <Stat
                label={t('review.awaiting')}
                value={formatCount(o.review.awaiting, language)}
                testId="review-awaiting"
              />
            </dl>
          )
        }
      </OverviewGate>
    </Page>
  );
}
