import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './language-switch';
import { useAppStore } from './store';

export function AppHeader() {
  const { t } = useTranslation();
  const settings = useAppStore((s) => s.settings.value);
  return (
    <header className="app-header">
      <div className="brand">
        <svg className="brand__mark" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <rect x="3" y="13" width="4" height="8" rx="1" />
          <rect x="10" y="8" width="4" height="13" rx="1" />
          <rect x="17" y="3" width="4" height="18" rx="1" />
        </svg>
        <div>
          <p className="brand__name" data-testid="app-name">
            {t('app.name')}
          </p>
          <p className="brand__subtitle">{t('app.subtitle')}</p>
        </div>
      </div>
      {settings ? (
        <dl className="identity">
          <div className="identity__item">
            <dt>{t('header.user')}</dt>
            <dd data-testid="header-user" className={settings.userName ? undefined : 'identity__unset'}>
              {settings.userName || t('header.userUnset')}
            </dd>
          </div>
          <div className="identity__item">
            <dt>{t('header.device')}</dt>
            <dd data-testid="header-device" className={settings.deviceName ? undefined : 'identity__unset'}>
              {settings.deviceName || t('header.deviceUnset')}
            </dd>
          </div>
        </dl>
      ) : null}
      <LanguageSwitch />
    </header>
  );
}
