import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '@shared/result';
import { languages, type Language } from '@shared/session/settings';
import type { BackupView, RecoveryOutcome, StartupStatus } from '@shared/startup/startup';
import { applyLanguage } from '../../app/i18n';
import { ErrorNotice } from '../../components/error-notice';
import { call } from '../../lib/api';
import { BackupList } from './backup-list';
import { RecoveryConfirm, type RecoveryChoice } from './recovery-confirm';

// The start-up screen: the local store did not open. It says what is wrong (by code, never by
// parsing main's message), lists the backups with what this installation's key makes of them,
// and restores one, or clears the way for a new store, only after the user confirms. Main
// keeps the damaged file (renamed into damaged/); the screen says where.

type Failed = Extract<StartupStatus, { state: 'failed' }>;

/** The settings (and so the saved language) live in the store that did not open: choose here. */
function ScreenLanguage() {
  const { t, i18n } = useTranslation();
  return (
    <div className="lang-switch" role="group" aria-label={t('header.language')} data-testid="lang-switch">
      {languages.map((language: Language) => (
        <button
          key={language}
          type="button"
          lang={language}
          className="lang-switch__option"
          data-testid={`lang-${language}`}
          aria-pressed={i18n.language === language}
          onClick={() => void applyLanguage(language)}
        >
          {t(`languages.${language}`)}
        </button>
      ))}
    </div>
  );
}

function Done({ outcome }: { outcome: RecoveryOutcome }) {
  const { t, i18n } = useTranslation();
  const from = outcome.restoredFrom;
  return (
    <section className="panel startup__done" data-testid="startup-done" aria-live="polite">
      <p className="notice notice--ok">
        {from
          ? t('startup.done.restored', { when: new Date(from.takenAt).toLocaleString(i18n.language) })
          : t('startup.done.empty')}
      </p>
      {outcome.setAside.length > 0 ? (
        <>
          <p>{t('startup.done.setAside')}</p>
          <ul className="startup__paths" data-testid="startup-set-aside">
            {outcome.setAside.map((file) => (
              <li key={file} className="path">
                {file}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <button
        type="button"
        className="button button--primary"
        data-testid="startup-enter"
        onClick={() => window.location.reload()}
      >
        {t('startup.done.enter')}
      </button>
    </section>
  );
}

export function StartupScreen({ initial }: { initial: Failed }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<Failed>(initial);
  const [choice, setChoice] = useState<RecoveryChoice | null>(null);
  const [outcome, setOutcome] = useState<RecoveryOutcome | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const { problem } = status;

  useEffect(() => {
    document.title = `${t('startup.title')} · ${t('app.name')}`;
  }, [t]);

  const recover = async (chosen: RecoveryChoice) => {
    setIsBusy(true);
    setError(null);
    const result =
      chosen.kind === 'restore'
        ? await call('startup:restore', { name: chosen.backup.name, isConfirmed: true })
        : await call('startup:startEmpty', { isConfirmed: true });
    setIsBusy(false);
    setChoice(null);
    if (!result.ok) {
      setError(result.error);
      // A backup found unusable on the full check is now listed as such.
      const fresh = await call('startup:status', undefined);
      if (fresh.ok && fresh.value.state === 'failed') setStatus(fresh.value);
      return;
    }
    if (result.value.status.state === 'ready') setOutcome(result.value);
    else {
      setStatus(result.value.status);
      setError({ code: 'STORE_ERROR', message: result.value.status.problem.detail });
    }
  };

  return (
    <div className="app startup" data-testid="startup-screen" data-code={problem.code}>
      <header className="app-header">
        <div className="brand">
          <p className="brand__name">{t('app.name')}</p>
        </div>
        <ScreenLanguage />
      </header>
      <main className="startup__main" id="main">
        <div className="page">
          <h1 className="page__title" data-testid="startup-title">
            {outcome
              ? outcome.restoredFrom
                ? t('startup.done.titleRestored')
                : t('startup.done.titleEmpty')
              : t('startup.title')}
          </h1>
          {outcome ? (
            <Done outcome={outcome} />
          ) : (
            <>
              <section className="panel startup__problem" role="alert">
                <h2 className="panel__title" data-testid="startup-problem">
                  {t(`startup.problem.${problem.code}.title`)}
                </h2>
                {problem.damage ? (
                  <p data-testid="startup-damage">{t(`startup.damage.${problem.damage}`)}</p>
                ) : null}
                <p>{t(`startup.problem.${problem.code}.body`)}</p>
                <dl className="facts">
                  <dt>{t('startup.storePath')}</dt>
                  <dd className="path" data-testid="startup-store-path">
                    {problem.storePath}
                  </dd>
                  {problem.backupPath ? (
                    <>
                      <dt>{t('startup.migrationBackup')}</dt>
                      <dd className="path">{problem.backupPath}</dd>
                    </>
                  ) : null}
                </dl>
                <details className="startup__detail">
                  <summary>{t('startup.detail')}</summary>
                  <p className="path">{problem.detail}</p>
                </details>
              </section>
              {error ? (
                error.code === 'RULE_VIOLATION' ? (
                  <p className="notice notice--error" role="alert" data-testid="startup-error">
                    {t('startup.restore.unusable')}
                  </p>
                ) : (
                  <ErrorNotice error={error} title={t('startup.restore.failed')} onDismiss={() => setError(null)} />
                )
              ) : null}
              <BackupList status={status} onRestore={(backup: BackupView) => setChoice({ kind: 'restore', backup })} />
              {status.canStartEmpty ? (
                <section className="panel" data-testid="startup-empty">
                  <h2 className="panel__title">{t('startup.startEmpty.title')}</h2>
                  <p>{t('startup.startEmpty.body')}</p>
                  <button
                    type="button"
                    className="button button--secondary"
                    data-testid="startup-empty-action"
                    onClick={() => setChoice({ kind: 'empty' })}
                  >
                    {t('startup.startEmpty.action')}
                  </button>
                </section>
              ) : null}
              <p className="muted">{t('startup.support')}</p>
            </>
          )}
        </div>
      </main>
      {choice ? (
        <RecoveryConfirm choice={choice} isBusy={isBusy} onConfirm={() => void recover(choice)} onCancel={() => setChoice(null)} />
      ) : null}
    </div>
  );
}
