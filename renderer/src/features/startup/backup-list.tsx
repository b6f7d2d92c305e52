import { useTranslation } from 'react-i18next';
import type { BackupView, StartupStatus } from '@shared/startup/startup';

type Failed = Extract<StartupStatus, { state: 'failed' }>;

const formatBytes = (bytes: number, language: string): string => {
  const mb = bytes / (1024 * 1024);
  return mb >= 1
    ? `${new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(mb)} MB`
    : `${new Intl.NumberFormat(language, { maximumFractionDigits: 0 }).format(Math.max(1, bytes / 1024))} KB`;
};

/**
 * The store's backups, newest first. The newest usable one is the recommended restore; the
 * others stay available (damage found today may have been copied into yesterday's backup too).
 */
export function BackupList({ status, onRestore }: { status: Failed; onRestore(backup: BackupView): void }) {
  const { t, i18n } = useTranslation();
  const latestUsable = status.backups.find((b) => b.state === 'usable');
  return (
    <section className="panel startup__backups" data-testid="startup-backups">
      <h2 className="panel__title">{t('startup.backups.title')}</h2>
      {status.backups.length === 0 ? (
        <p data-testid="startup-no-backups">{t('startup.backups.none')}</p>
      ) : (
        <>
          {status.canRestore ? <p>{t('startup.restore.note')}</p> : null}
          <table className="data-table startup__table">
            <thead>
              <tr>
                <th scope="col">{t('startup.backups.when')}</th>
                <th scope="col">{t('startup.backups.kind')}</th>
                <th scope="col" className="num">
                  {t('startup.backups.size')}
                </th>
                <th scope="col">{t('startup.backups.state')}</th>
                {status.canRestore ? <th scope="col">{t('startup.backups.action')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {status.backups.map((b) => (
                <tr key={b.name} data-testid="startup-backup" data-state={b.state}>
                  <td>{new Date(b.takenAt).toLocaleString(i18n.language)}</td>
                  <td>
                    {t(`startup.backups.kinds.${b.kind}`)}
                    {b.beforeTag ? <span className="muted"> ({b.beforeTag})</span> : null}
                  </td>
                  <td className="num">{formatBytes(b.bytes, i18n.language)}</td>
                  <td className={b.state === 'usable' ? undefined : 'startup__bad'}>
                    {t(`startup.backups.states.${b.state}`)}
                  </td>
                  {status.canRestore ? (
                    <td>
                      {b.state === 'usable' ? (
                        <button
                          type="button"
                          className={`button ${b === latestUsable ? 'button--primary' : 'button--secondary'}`}
                          data-testid={b === latestUsable ? 'startup-restore-latest' : 'startup-restore'}
                          onClick={() => onRestore(b)}
                        >
                          {b === latestUsable ? t('startup.backups.restoreLatest') : t('startup.backups.restore')}
                        </button>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
