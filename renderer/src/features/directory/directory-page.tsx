import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../app/store';
import { EmptyState } from '../../components/empty-state';
import { OverviewGate } from '../../components/overview-gate';
import { Page } from '../../components/page';
import { Stat } from '../../components/stat';
import { formatCount } from '../../lib/format';
import { useOverview } from '../overview/store';

export function DirectoryPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const overview = useOverview();
  return (
    <Page title={t('directory.title')} testId="page-directory">
      <OverviewGate state={overview} onRetry={() => void overview.refresh()}>
        {(o) =>
          o.enterprises.total === 0 ? (
            <EmptyState testId="directory-empty" title={t('directory.emptyTitle')} body={t('directory.emptyBody')} />
          ) : (
            <dl className="stats">
              <Stat
                label={t('directory.total')}
                value={formatCount(o.enterprises.total, language)}
                testId="enterprises-total"
              />
            </dl>
          )
        }
      </OverviewGate>
    </Page>
  );
}
