import { useTranslation } from 'react-i18next';
import { TaskProgressLine } from '../../components/task-progress';
import type { SyncStatus } from '@shared/sync/client-status';
import { hrefFor } from '../../app/router';
import { useLanguage } from '../../app/store';
import { useAreaLabels } from './area-labels';
import { ErrorNotice } from '../../components/error-notice';
import { Page } from '../../components/page';
import { formatCount, formatDateTime, joinList } from '../../lib/format';
import { SyncLoginForm } from './login-form';
import { LogoutButton } from './logout-button';
import { useSyncPage, useSyncStore } from './store';
import { ConflictList, RejectedList, SyncLogTable } from './sync-lists';
import { ForkPanel } from './fork-panel';
import { RefusedPanel } from './refused-panel';

const intervals = [0, 5, 15, 30, 60] as const;

export function SyncPage() {
  const { t } = useTranslation();
  const { status, log, actionError, refresh } = useSyncPage();
  const value = status.value;
  return (
    <Page title={t('sync.title')} testId="page-sync">
      {status.error ? <ErrorNotice error={status.error} title={t('sync.loadFailed')} onRetry={() => void refresh()} /> : null}
      {actionError ? <ErrorNotice error={actionError} /> : null}
      {value ? (
        <>
          {value.isConfigured && !value.isLoggedIn ? <SyncLoginForm status={value} /> : null}
          {value.fork ? <ForkPanel fork={value.fork} /> : null}
          <StatusPanel status={value} />
          <RefusedPanel rows={value.rejected} scope={value.scope} />
          <ConflictList rows={value.conflicts} />
          <RejectedList rows={value.rejected} />
          <SyncLogTable rows={log.value ?? []} />
        </>
      ) : status.isLoading ? (
        <p>{t('app.loading')}</p>
      ) : null}
    </Page>
  );
}

function StatusPanel({ status }: { status: SyncStatus }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { syncNow, setInterval, isBusy } = useSyncStore();
  const scopeLabels = useAreaLabels(status.scope).map((label) => (label === '' ? t('sync.scopeAll') : label));
  const isRunning = isBusy || status.isRunning;
  return (
    <section className="panel" data-testid="sync-status">
      <dl className="facts">
        <dt>{t('sync.server')}</dt>
        <dd data-testid="sync-server" data-configured={status.isConfigured}>
          {status.isConfigured ? (
            <code className="path">{status.serverUrl}</code>
          ) : (
            <>
              <span className="badge badge--warn">{t('sync.serverMissing')}</span>{' '}
              <a href={hrefFor('settings')} data-testid="sync-go-settings">
                {t('sync.goToSettings')}
              </a>
            </>
          )}
        </dd>
        <dt>{t('sync.account')}</dt>
        <dd data-testid="sync-account">
          {status.isLoggedIn ? (status.userName ?? '') : t('sync.notLoggedIn')}
        </dd>
        <dt>{t('sync.lastSync')}</dt>
        <dd data-testid="sync-last">
          {status.lastSyncAt ? (
            <time dateTime={status.lastSyncAt}>{formatDateTime(status.lastSyncAt, language)}</time>
          ) : (
            t('sync.never')
          )}
        </dd>
        <dt>{t('sync.pending')}</dt>
        <dd data-testid="sync-pending" data-count={status.pending}>
          {formatCount(status.pending, language)}
        </dd>
        <dt>{t('sync.conflictCount')}</dt>
        <dd data-testid="sync-conflict-count">{formatCount(status.conflicts.length, language)}</dd>
        <dt>{t('sync.rejectedCount')}</dt>
        <dd data-testid="sync-rejected-count">{formatCount(status.rejectedOpenCount, language)}</dd>
        <dt>{t('sync.scope')}</dt>
        <dd data-testid="sync-scope">{status.scope.length > 0 ? joinList(scopeLabels, language) : t('sync.scopeNone')}</dd>
        <dt>{t('sync.interval')}</dt>
        <dd>
          <select
            className="field__input field__input--select"
            aria-label={t('sync.interval')}
            data-testid="sync-interval"
            value={status.intervalMinutes}
            onChange={(e) => void setInterval(Number(e.target.value))}
          >
            {intervals.map((m) => (
              <option key={m} value={m}>
                {m === 0 ? t('sync.intervalOff') : t('sync.intervalEvery', { minutes: m })}
              </option>
            ))}
          </select>
        </dd>
      </dl>
      {status.isClockSkewed ? (
        <p className="notice" data-testid="sync-clock-skew">
          {t('sync.clockSkew', { minutes: Math.round(Math.abs(status.clockSkewMs) / 60_000) })}
        </p>
      ) : null}
      {status.lastError ? (
        <div className="notice notice--error" role="alert" data-testid="sync-error" data-code={status.lastError.code}>
          <p className="notice__text" title={status.lastError.detail}>
            {t(`sync.errors.${status.lastError.code}`)}
          </p>
        </div>
      ) : null}
      <div className="form__actions">
        <button
          type="button"
          className="button button--primary"
          data-testid="sync-now"
          disabled={isRunning || !status.isConfigured || !status.isLoggedIn}
          onClick={() => void syncNow()}
        >
          {isRunning ? t('sync.running') : t('sync.now')}
        </button>
        <TaskProgressLine kind="sync" isActive={isRunning} idleText={t('sync.running')} testId="sync-progress" />
        {status.isLoggedIn ? <LogoutButton status={status} /> : null}
      </div>
    </section>
  );
}
