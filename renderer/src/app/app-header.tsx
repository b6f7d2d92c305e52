import { useTranslation } from 'react-i18next';
import type { Settings } from '@shared/session/settings';
import type { SyncStatus } from '@shared/sync/client-status';
import { useSyncStatusPolling, useSyncStore } from '../features/sync/store';
import { LanguageSwitch } from './language-switch';
import { hrefFor } from './router';
import { useAppStore } from './store';

export function AppHeader() {
  const { t } = useTranslation();
  const settings = useAppStore((s) => s.settings.value);
  // The header is on every page: it keeps the sync status fresh, so a session the server ended
  // during a background sync is announced wherever the user is.
  useSyncStatusPolling();
  const status = useSyncStore((s) => s.status.value);
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
          <Who settings={settings} status={status} />
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

/**
 * Who is at this laptop: the server account and its role while signed in (and the name in the
 * settings where it differs); a session the server ended, with the way back to the login; the
 * settings name before any login.
 */
function Who({ settings, status }: { settings: Settings; status: SyncStatus | null }) {
  const { t } = useTranslation();
  const account = status?.account ?? null;
  const profileName = (
    <div className="identity__item">
      <dt>{t(account ? 'header.profileName' : 'header.user')}</dt>
      <dd data-testid="header-user" className={settings.userName ? undefined : 'identity__unset'}>
        {settings.userName || t('header.userUnset')}
      </dd>
    </div>
  );
  if (account && (status?.isLoggedIn || status?.sessionLost)) {
    const role = t(`review.roles.${account.role}`);
    return (
      <>
        <div className="identity__item" title={t('header.accountTitle', { name: account.name, username: account.username, role })}>
          <dt>{t('header.account')}</dt>
          <dd data-testid="header-account">
            {account.name}
            <span className="identity__login">{t('header.login', { username: account.username })}</span>
            {status.isLoggedIn ? (
              <span className="identity__role" data-testid="header-role">
                {role}
              </span>
            ) : null}
          </dd>
        </div>
        {status.sessionLost ? (
          <a className="identity__alert" href={hrefFor('sync')} role="alert" data-testid="header-session-lost">
            {t('header.sessionLost')}
          </a>
        ) : null}
        {settings.userName !== '' && settings.userName !== account.name ? profileName : null}
      </>
    );
  }
  return (
    <>
      {profileName}
      {status?.isConfigured && !status.isLoggedIn ? (
        <a className="identity__link" href={hrefFor('sync')} data-testid="header-sign-in">
          {t('header.signIn')}
        </a>
      ) : null}
    </>
  );
}
