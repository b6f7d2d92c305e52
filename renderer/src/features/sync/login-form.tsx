import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useRef } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { TaskProgressLine } from '../../components/task-progress';
import type { z } from 'zod';
import { SyncLogin, type SyncStatus } from '@shared/sync/client-status';
import { useLanguage } from '../../app/store';
import { formatCount, formatDateTime } from '../../lib/format';
import { useSyncStore } from './store';

type FormInput = z.input<typeof SyncLogin>;

/**
 * User name and password for the bureau server. The password goes to main once and is never
 * stored. When the server ended the session, the form says why, offers the same account, and
 * takes the focus to the password: pending changes wait in the outbox and go up right after.
 */
export function SyncLoginForm({ status }: { status: SyncStatus }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const login = useSyncStore((s) => s.login);
  const isBusy = useSyncStore((s) => s.isBusy);
  const lost = status.sessionLost;
  const knownUser = status.account?.username ?? '';
  const {
    register,
    handleSubmit,
    resetField,
    setFocus,
    formState: { errors },
  } = useForm<FormInput, unknown, z.output<typeof SyncLogin>>({
    resolver: zodResolver(SyncLogin),
    defaultValues: { username: knownUser, password: '' },
  });
  const hasFocused = useRef(false);
  useEffect(() => {
    if (!lost || hasFocused.current) return;
    hasFocused.current = true;
    setFocus(knownUser === '' ? 'username' : 'password');
  }, [lost, knownUser, setFocus]);
  const onSubmit = handleSubmit(async (values) => {
    await login(values.username, values.password);
    resetField('password');
  });
  return (
    <form className="panel form" noValidate onSubmit={(e) => void onSubmit(e)} data-testid="sync-login-form">
      <h2 className="panel__title">{t(lost ? 'sync.login.againTitle' : 'sync.login.title')}</h2>
      {lost ? (
        <div className="notice notice--warn" role="alert" data-testid="sync-session-lost" data-reason={lost.reason ?? ''}>
          <p className="notice__text">
            {lost.code === 'DEVICE_REVOKED'
              ? t('sync.errors.DEVICE_REVOKED')
              : t(lost.reason ? `sync.sessionLost.reasons.${lost.reason}` : 'sync.sessionLost.reasons.unknown')}{' '}
            {t('sync.sessionLost.since', { time: formatDateTime(lost.at, language) })}{' '}
            {status.pending > 0
              ? t('sync.sessionLost.pending', { count: status.pending, formatted: formatCount(status.pending, language) })
              : t('sync.sessionLost.nothingPending')}
          </p>
        </div>
      ) : null}
      <p className="field__hint">{t('sync.login.hint')}</p>
      <div className="field">
        <label className="field__label" htmlFor="sync-login-username">
          {t('sync.login.username')}
        </label>
        <input
          id="sync-login-username"
          className="field__input"
          autoComplete="username"
          data-testid="sync-login-username"
          aria-invalid={errors.username ? true : undefined}
          {...register('username')}
        />
        {errors.username ? <p className="field__error">{t('sync.login.usernameRequired')}</p> : null}
      </div>
      <div className="field">
        <label className="field__label" htmlFor="sync-login-password">
          {t('sync.login.password')}
        </label>
        <input
          id="sync-login-password"
          type="password"
          className="field__input"
          autoComplete="current-password"
          data-testid="sync-login-password"
          aria-invalid={errors.password ? true : undefined}
          {...register('password')}
        />
        {errors.password ? <p className="field__error">{t('sync.login.passwordRequired')}</p> : null}
      </div>
      <button type="submit" className="button button--primary" disabled={isBusy} data-testid="sync-login-submit">
        {isBusy ? t('sync.login.submitting') : t(lost ? 'sync.login.submitAndSync' : 'sync.login.submit')}
      </button>
      {/* Login is followed by the first sync: its count shows while the form waits. */}
      <TaskProgressLine kind="sync" isActive={isBusy} idleText={t('sync.login.submitting')} testId="sync-login-progress" />
    </form>
  );
}
