import { useMemo, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '@shared/result';
import { useLanguage } from '../../app/store';
import { Chart } from '../../components/charts/chart';
import { ErrorNotice } from '../../components/error-notice';
import { call } from '../../lib/api';
import { useCall } from '../../lib/use-call';
import { formatCount, formatDateTime } from '../../lib/format';
import { useSession } from '../review/session-role';
import { PrintSheet } from './print-sheet';
import { statusOption, trendOption } from './progress-options';
import { chartGroups, levels, rowsFor, sumCounts, type Level } from './progress-rows';
import { ProgressTable } from './progress-table';
import { saveReport } from './reports';

// 进度: per 普查区, 普查小区 and enumerator, from the units on this laptop — so it
// works offline on what was last synced, and says when that was. Charts, a daily trend, 零数据
// highlighted; XLSX exports and a printable daily sheet for the township meeting.

const dayChoices = [7, 14, 30, 60] as const;
const MAX_CHART_GROUPS = 30;

function subscribeOnline(onChange: () => void): () => void {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
}

export function ProgressPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const session = useSession();
  const isOnline = useSyncExternalStore(subscribeOnline, () => navigator.onLine);
  const [days, setDays] = useState<number>(14);
  const [level, setLevel] = useState<Level>('subDistricts');
  const progress = useCall('progress:get', { days });
  const { value: report, error } = progress;
  const [exportError, setExportError] = useState<AppErrorShape | null>(null);
  const [isExporting, setIsExporting] = useState(false);


  const rows = useMemo(
    () => (report ? rowsFor(report, level, { label: t('progress.unattributed'), sub: t('progress.unattributedSub') }, language) : []),
    [report, level, t, language],
  );
  const options = useMemo(() => {
    if (!report) return null;
    const { groups, isCut } = chartGroups(rows, MAX_CHART_GROUPS);
    return { status: statusOption(groups, t), isCut, trend: trendOption(report.trend, t, language) };
  }, [report, rows, t, language]);

  const canExport = session.value?.permissions.includes('reports.export') ?? false;
  const exportWith = async (run: () => Promise<AppErrorShape | null>) => {
    setIsExporting(true);
    setExportError(await run());
    setIsExporting(false);
  };
  const n = (v: number) => formatCount(v, language);
  const zeroSub = report?.subDistricts.filter((a) => a.isZeroData).length ?? 0;

  return (
    <div className="page page--wide progress-page" data-testid="page-progress">
      <div className="progress-screen">
        <div className="review-title-row">
          <h1 className="page__title">{t('progress.title')}</h1>
          {report ? (
            <p className="progress-freshness" data-testid="progress-last-sync" data-synced={report.lastSyncAt !== null}>
              {report.lastSyncAt
                ? t('progress.lastSync', { time: formatDateTime(report.lastSyncAt, language) })
                : t('progress.neverSynced')}
              {!isOnline ? (
                <span className="badge badge--warn" data-testid="progress-offline">
                  {t('progress.offline')}
                </span>
              ) : null}
            </p>
          ) : null}
        </div>
        <p className="muted">{t('progress.explain')}</p>
        <div className="toolbar progress-toolbar">
          <label className="review-filters__field">
            <span>{t('progress.days')}</span>
            <select
              className="field__input field__input--select"
              data-testid="progress-days"
              value={days}
              onChange={(e) => setDays(Number(e.target.value))}
            >
              {dayChoices.map((d) => (
                <option key={d} value={d}>
                  {t('progress.daysOption', { count: d })}
                </option>
              ))}
            </select>
          </label>
          <div className="toolbar__actions">
            <button type="button" className="button button--secondary" data-testid="progress-print" disabled={!report} onClick={() => window.print()}>
              {t('progress.print.button')}
            </button>
            {canExport ? (
              <>
                <button
                  type="button"
                  className="button button--secondary"
                  data-testid="export-progress"
                  disabled={isExporting}
                  onClick={() => void exportWith(() => saveReport(call('reports:progressXlsx', { days })))}
                >
                  {t('progress.export.progress')}
                </button>
                <button
                  type="button"
                  className="button button--secondary"
                  data-testid="export-approved"
                  disabled={isExporting}
                  onClick={() => void exportWith(() => saveReport(call('reports:approvedUnitsXlsx', {})))}
                >
                  {t('progress.export.approved')}
                </button>
              </>
            ) : null}
          </div>
        </div>
        {error ? <ErrorNotice error={error} onRetry={progress.refetch} /> : null}
        {exportError ? <ErrorNotice error={exportError} title={t('progress.export.failed')} onDismiss={() => setExportError(null)} /> : null}
        {report && options ? (
          <>
            <dl className="stats stats--compact progress-totals" data-testid="progress-totals">
              {(['total', 'frame', 'added', 'visited', 'submitted', 'returned', 'approved', 'accepted', 'notFound', 'outOfScope'] as const).map((k) => (
                <div className="stat" key={k}>
                  <dt className="stat__label">{t(`progress.columns.${k}`)}</dt>
                  <dd className="stat__value" data-testid={`progress-total-${k}`}>
                    {n(report.totals[k])}
                  </dd>
                </div>
              ))}
              <div className={`stat${zeroSub > 0 ? ' stat--alert' : ''}`}>
                <dt className="stat__label">{t('progress.zeroSubDistricts')}</dt>
                <dd className="stat__value" data-testid="progress-zero-count">
                  {n(zeroSub)}
                </dd>
              </div>
            </dl>
            <div className="chips" role="group" aria-label={t('progress.levelLabel')}>
              {levels.map((l) => (
                <button key={l} type="button" className="chip" aria-pressed={level === l} data-testid={`progress-level-${l}`} onClick={() => setLevel(l)}>
                  {t(`progress.levels.${l}`)}
                </button>
              ))}
            </div>
            <div className="chart-grid">
              <figure className="chart-card">
                <figcaption className="chart-card__title">
                  {t('progress.chart.byStatus', { level: t(`progress.levels.${level}`) })}
                  {options.isCut ? <span className="muted"> {t('progress.chart.top', { count: MAX_CHART_GROUPS })}</span> : null}
                </figcaption>
                {rows.length > 0 ? (
                  <Chart option={options.status.option} height={options.status.height} label={t('progress.chart.byStatus', { level: t(`progress.levels.${level}`) })} language={language} testId="chart-progress-status" />
                ) : (
                  <p className="muted">{level === 'enumerators' ? t('progress.noTeam') : t('progress.noUnits')}</p>
                )}
              </figure>
              <figure className="chart-card">
                <figcaption className="chart-card__title">{t('progress.chart.trend', { count: days })}</figcaption>
                <Chart option={options.trend} label={t('progress.chart.trend', { count: days })} language={language} testId="chart-progress-trend" />
              </figure>
            </div>
            {level === 'enumerators' && report.teamFetchedAt ? (
              <p className="muted">{t('progress.teamAsOf', { time: formatDateTime(report.teamFetchedAt, language) })}</p>
            ) : null}
            {rows.length > 0 ? (
              <ProgressTable
                rows={rows}
                totals={sumCounts(rows)}
                caption={t('progress.tableCaption', { level: t(`progress.levels.${level}`) })}
                groupLabel={t(`progress.groupLabel.${level}`)}
                testId={`progress-${level}`}
              />
            ) : level === 'enumerators' ? (
              <p className="muted" data-testid="progress-no-team">
                {t('progress.noTeam')}
              </p>
            ) : null}
          </>
        ) : !error ? (
          <p className="muted" role="status">
            {t('app.loading')}
          </p>
        ) : null}
      </div>
      {report ? <PrintSheet report={report} /> : null}
    </div>
  );
}
