import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { TaskProgressLine } from '../../components/task-progress';
import type { z } from 'zod';
import { SyncLogin } from '../../../../shared/sync/client-status';
import { useSyncStore } from './store';

type FormInput = z.input<typeof SyncLogin>;

/** User name and password for the bureau server. The password goes to main once and is never stored. */
export function SyncLoginForm() {
  const { t } = useTranslation();
  const login = useSyncStore((s) => s.login);
  const isBusy = useSyncStore((s) => s.isBusy);
  const {
    register,
    handleSubmit,
    resetField,
    formState: { errors },
  } = useForm<FormInput, unknown, z.output<typeof SyncLogin>>({
    resolver: zodResolver(SyncLogin),
    defaultValues: { username: '', password: '' },
  });
  const onSubmit = handleSubmit(async (values) => {
    await login(values.username, values.password);
    resetField('password');
  });
  return (
    <form className="panel form" noValidate onSubmit={(e) => void onSubmit(e)} data-testid="sync-login-form">
      <h2 className="panel__title">{t('sync.login.title')}</h2>
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
        {isBusy ? t('sync.login.submitting') : t('sync.login.submit')}
      </button>
      {/* Login is followed by the first sync: its count shows while the form waits. */}
      <TaskProgressLine kind="sync" isActive={isBusy} idleText={t('sync.login.submitting')} testId="sync-login-progress" />
    </form>
  );
}
