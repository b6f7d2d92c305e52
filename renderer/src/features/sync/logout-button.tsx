import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '@shared/sync/client-status';
import { useLanguage } from '../../app/store';
import { formatCount } from '../../lib/format';
import { Dialog } from '../registration/dialog';
import { useSyncStore } from './store';

/**
 * 退出登录. With changes not yet uploaded it asks first and says how many: they stay on this
 * laptop and go up after the next login to the same account, but a laptop handed back or
 * reinstalled would take them along. Offers to sync first.
 */
export function LogoutButton({ status }: { status: SyncStatus }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { logout, syncNow, isBusy } = useSyncStore();
  const [isAsking, setIsAsking] = useState(false);
  const [hasSyncFailed, setHasSyncFailed] = useState(false);
  const close = () => {
    setIsAsking(false);
    setHasSyncFailed(false);
  };
  const syncThenLogout = async () => {
    await syncNow();
    const after = useSyncStore.getState().status.value;
    if (after && after.pending === 0 && after.lastError === null) {
      close();
      await logout();
    } else {
      setHasSyncFailed(true);
    }
  };
  return (
    <>
      <button
        type="button"
        className="button button--secondary"
        data-testid="sync-logout"
        disabled={isBusy}
        onClick={() => (status.pending > 0 ? setIsAsking(true) : void logout())}
      >
        {t('sync.logout')}
      </button>
      {isAsking ? (
        <Dialog title={t('sync.logoutAsk.title')} testId="sync-logout-dialog" onClose={close}>
          <p data-testid="sync-logout-pending" data-count={status.pending}>
            {t('sync.logoutAsk.pending', { formatted: formatCount(status.pending, language) })}
          </p>
          <p className="field__hint">{t('sync.logoutAsk.explain')}</p>
          {hasSyncFailed ? (
            <p className="notice notice--error" role="alert" data-testid="sync-logout-sync-failed">
              {t('sync.logoutAsk.syncFailed')}
            </p>
          ) : null}
          <div className="form__actions">
            <button
              type="button"
              className="button button--primary"
              data-testid="sync-logout-sync-first"
              disabled={isBusy || !status.isOnline}
              onClick={() => void syncThenLogout()}
            >
              {isBusy ? t('sync.running') : t('sync.logoutAsk.syncFirst')}
            </button>
            <button
              type="button"
              className="button button--secondary"
              data-testid="sync-logout-anyway"
              disabled={isBusy}
              onClick={() => {
                close();
                void logout();
              }}
            >
              {t('sync.logoutAsk.anyway')}
            </button>
            <button type="button" className="button button--secondary" data-testid="sync-logout-cancel" onClick={close}>
              {t('sync.logoutAsk.cancel')}
            </button>
          </div>
        </Dialog>
      ) : null}
    </>
  );
}
