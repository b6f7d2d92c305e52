import { useTranslation } from 'react-i18next';
import { hrefFor } from '../../app/router';
import { useAppStore, useLanguage } from '../../app/store';
import { OverviewGate } from '../../components/overview-gate';
import { Page } from '../../components/page';
import { formatCount, formatDateTime } from '../../lib/format';
import { useOverview } from '../overview/store';

export function SyncPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const serverUrl = useAppStore((s) => s.settings.value?.serverUrl);
  const overview = useOverview();
  return (
    <Page title={t('sync.title')} testId="page-sync">
      <OverviewGate state={overview} onRetry={() => void overview.refresh()}>
        {({ sync }) => (
          <section className="panel">
            <dl className="facts">
              <dt>{t('sync.server')}</dt>
              <dd data-testid="sync-server" data-configured={sync.isServerConfigured}>
                {sync.isServerConfigured ? (
                  serverUrl ? (
                    <code className="path">{serverUrl}</code>
                  ) : (
                    t('sync.serverConfigured')
                  )
                ) : (
                  <>
                    <span className="badge badge--warn">{t('sync.serverMissing')}</span>{' '}
                    <a href={hrefFor('settings')} data-testid="sync-go-settings">
                      {t('sync.goToSettings')}
                    </a>
                  </>
                )}
              </dd>
              <dt>{t('sync.lastSync')}</dt>
              <dd data-testid="sync-last">
                {sync.lastSyncAt ? (
                  <time dateTime={sync.lastSyncAt}>{formatDateTime(sync.lastSyncAt, language)}</time>
                ) : (
                  t('sync.never')
                )}
              </dd>
              <dt>{t('sync.localChanges')}</dt>
              <dd data-testid="sync-local-changes">{formatCount(sync.localChanges, language)}</dd>
            </dl>
          </section>
        )}
      </OverviewGate>
    </Page>
  );
}
