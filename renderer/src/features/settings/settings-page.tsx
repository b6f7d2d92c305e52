import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../app/store';
import { ErrorNotice } from '../../components/error-notice';
import { Page } from '../../components/page';
import { AppInfoPanel } from './app-info-panel';
import { DivisionsPanel } from './divisions-panel';
import { FormPacksPanel } from '../forms/form-packs-panel';
import { SettingsForm } from './settings-form';

export function SettingsPage() {
  const { t } = useTranslation();
  const settings = useAppStore((s) => s.settings);
  const load = useAppStore((s) => s.load);
  return (
    <Page title={t('settings.title')} testId="page-settings">
      {settings.error && !settings.value ? (
        <ErrorNotice error={settings.error} title={t('settings.loadFailed')} onRetry={() => void load()} />
      ) : null}
      {settings.value ? (
        <SettingsForm initial={settings.value} />
      ) : settings.isLoading ? (
        <p className="muted" role="status">
          {t('app.loading')}
        </p>
      ) : null}
      <DivisionsPanel />
      <FormPacksPanel />
      <AppInfoPanel />
    </Page>
  );
}
