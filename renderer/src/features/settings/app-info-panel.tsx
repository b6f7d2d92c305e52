import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../app/store';
import { ErrorNotice } from '../../components/error-notice';

/** What main reports about this installation: useful on the phone to the bureau's support. */
export function AppInfoPanel() {
  const { t } = useTranslation();
  const info = useAppStore((s) => s.info);
  const load = useAppStore((s) => s.load);
  return (
    <section className="panel" aria-labelledby="app-info-title" data-testid="app-info">
      <h2 id="app-info-title" className="panel__title">
        {t('settings.infoTitle')}
      </h2>
      {info.error && !info.value ? <ErrorNotice error={info.error} onRetry={() => void load()} /> : null}
      {info.value ? (
        <dl className="facts">
          <dt>{t('settings.info.version')}</dt>
          <dd data-testid="info-version">{info.value.version}</dd>
          <dt>{t('settings.info.schemaVersion')}</dt>
          <dd data-testid="info-schema">
            <code>{info.value.schemaVersion}</code>
          </dd>
          <dt>{t('settings.info.shell')}</dt>
          <dd data-testid="info-shell">{t(`settings.shells.${info.value.shell}`)}</dd>
          <dt>{t('settings.info.storePath')}</dt>
          <dd data-testid="info-store-path">
            <code className="path">{info.value.storePath}</code>
          </dd>
          <dt>{t('settings.info.isEncrypted')}</dt>
          <dd data-testid="info-encrypted" data-encrypted={info.value.isEncrypted}>
            {info.value.isEncrypted ? (
              t('settings.info.yes')
            ) : (
              <span className="badge badge--warn">{t('settings.info.no')}</span>
            )}
          </dd>
        </dl>
      ) : null}
    </section>
  );
}
