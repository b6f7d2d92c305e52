import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '@shared/ipc/contract';
import type { AppErrorShape } from '@shared/result';
import { useAppStore, useLanguage } from '../../app/store';
import { ErrorNotice } from '../../components/error-notice';
import { TaskProgressLine } from '../../components/task-progress';
import { call } from '../../lib/api';
import { formatCount, formatDateTime } from '../../lib/format';

type Status = Output<'divisions:status'>;

/**
 * Which statistical division codes this computer holds. The region's load by themselves when
 * the region is saved; the whole country is an explicit action because it takes seconds.
 */
export function DivisionsPanel() {
  const { t } = useTranslation();
  const language = useLanguage();
  // Re-read when the settings change: saving a region code loads its divisions.
  const regionCode = useAppStore((s) => s.settings.value?.regionCode);
  const [status, setStatus] = useState<Status | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [isLoadingCountry, setIsLoadingCountry] = useState(false);

  const show = useCallback((result: Awaited<ReturnType<typeof call<'divisions:status'>>>) => {
    if (result.ok) {
      setStatus(result.value);
      setError(null);
    } else setError(result.error);
  }, []);

  const refresh = useCallback(() => call('divisions:status', undefined).then(show), [show]);

  useEffect(() => {
    let isCurrent = true;
    void call('divisions:status', undefined).then((result) => {
      if (isCurrent) show(result);
    });
    return () => {
      isCurrent = false;
    };
  }, [show, regionCode]);

  async function loadCountry() {
    setIsLoadingCountry(true);
    const result = await call('divisions:loadCountry', undefined);
    setIsLoadingCountry(false);
    show(result);
  }

  return (
    <section className="panel" aria-labelledby="divisions-title" data-testid="divisions-panel">
      <h2 id="divisions-title" className="panel__title">
        {t('settings.divisions.title')}
      </h2>
      {error ? <ErrorNotice error={error} onRetry={() => void refresh()} /> : null}
      {status ? (
        <dl className="facts">
          <dt>{t('settings.divisions.region')}</dt>
          <dd data-testid="divisions-region">
            {status.regionCode === '' ? (
              t('settings.divisions.regionNotSet')
            ) : (
              <>
                <code>{status.regionCode}</code> {status.regionName ?? ''} ·{' '}
                {t('settings.divisions.regionLoaded', { count: status.regionLoaded })}
              </>
            )}
          </dd>
          <dt>{t('settings.divisions.total')}</dt>
          <dd data-testid="divisions-total">{formatCount(status.totalLoaded, language)}</dd>
          <dt>{t('settings.divisions.country')}</dt>
          <dd data-testid="divisions-country">
            {status.countryLoadedAt ? (
              t('settings.divisions.countryLoadedAt', { at: formatDateTime(status.countryLoadedAt, language) })
            ) : (
              <>
                <span>{t('settings.divisions.countryNotLoaded')}</span>{' '}
                <button
                  type="button"
                  className="button button--secondary"
                  data-testid="divisions-load-country"
                  disabled={isLoadingCountry}
                  onClick={() => void loadCountry()}
                >
                  {isLoadingCountry ? t('settings.divisions.loading') : t('settings.divisions.loadCountry')}
                </button>
                <TaskProgressLine kind="divisions" isActive={isLoadingCountry} idleText={t('settings.divisions.loading')} testId="divisions-progress" />
              </>
            )}
          </dd>
        </dl>
      ) : null}
      <p className="muted">{t('settings.divisions.source')}</p>
    </section>
  );
}
