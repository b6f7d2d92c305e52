import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnalysisPeriod, AnalysisReport } from '@shared/analysis/analysis';
import { analysisTables, flagWords, headlineSource, lineWords, percentCell, periodWords, type Words } from '@shared/analysis/tables';
import { formatTenths } from '@shared/analysis/targets';
import { indicatorDef } from '@shared/ledger/indicators';
import { formatIndicatorValue } from '@shared/ledger/indicator-values';
import { useLanguage } from '../../app/store';
import { DownloadButton } from '../../components/download-button';
import { ErrorNotice } from '../../components/error-notice';
import { Page } from '../../components/page';
import { call } from '../../lib/api';
import { useCall } from '../../lib/use-call';
import { useSession } from '../review/session-role';
import { GrowthChart, TrendChart } from './analysis-charts';
import { AnalysisPrint } from './analysis-print';
import { AnalysisTableView } from './analysis-table';
import { TargetsPanel } from './analysis-targets';

// 经济运行分析: a month or a quarter of the ledgers, for the district (the bureau) or a township.
// Cards give every headline line's YTD and growth at a glance (flags in colour); the chosen
// line has its charts, its tables by township and by industry (the workbook's tables) and its
// targets. 打印分析 prints the leader's page (analysis-print.tsx) instead of the screen.

const FIRST_YEAR = 2020;

export function AnalysisPage() {
  const { t } = useTranslation();
  const session = useSession();
  if (session.value === null) {
    return <Page title={t('analysis.title')} testId="analysis-page">{session.error ? <ErrorNotice error={session.error} /> : <p className="muted">{t('app.loading')}</p>}</Page>;
  }
  if (!session.value.permissions.includes('reports.export')) {
    return (
      <Page title={t('analysis.title')} testId="analysis-page">
        <p className="notice" data-testid="ana-not-allowed">
          {t('analysis.notAllowed')}
        </p>
      </Page>
    );
  }
  return <Analysis />;
}

function Analysis() {
  const { t } = useTranslation();
  const language = useLanguage();
  const now = new Date();
  const thisYear = now.getFullYear();
  const [year, setYear] = useState(thisYear);
  const [kind, setKind] = useState<AnalysisPeriod['kind']>('month');
  const [month, setMonth] = useState(Math.max(1, now.getMonth()));
  const [quarter, setQuarter] = useState(Math.max(1, Math.ceil(now.getMonth() / 3)));
  const [township, setTownship] = useState('');
  const [lineKey, setLineKey] = useState('industry.industrialOutput');
  const [targetsVersion, setTargetsVersion] = useState(0);
  const period: AnalysisPeriod = kind === 'month' ? { kind, month } : { kind, quarter };
  const query = { year, period, ...(township === '' ? {} : { township }) };
  const report = useCall('analysis:report', query, { reloadKey: targetsVersion });
  const targets = useCall('analysis:targets', { year }, { reloadKey: targetsVersion });
  const shown = report.value && !report.isLoading ? report.value : null;
  const w = (words: Words) => (language === 'en' ? words.en : words.zh);
  const years = Array.from({ length: thisYear - FIRST_YEAR + 1 }, (_, i) => thisYear - i);
  const line = shown?.lines.find((l) => l.key === lineKey) ?? shown?.lines[0] ?? null;
  const tables = useMemo(() => (shown ? analysisTables(shown).filter((x) => x.line === line?.key) : []), [shown, line?.key]);
  const lineLabel = line ? w(lineWords(line)) : '';
  return (
    <Page title={t('analysis.title')} testId="analysis-page" isWide>
      <div className="toolbar ana-screen">
        <label className="dir-inline">
          {t('analysis.year')}
          <select className="field__input field__input--select" data-testid="ana-year" value={String(year)} onChange={(e) => setYear(Number(e.target.value))}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <label className="dir-inline">
          {t('analysis.periodKind')}
          <select className="field__input field__input--select" data-testid="ana-kind" value={kind} onChange={(e) => setKind(e.target.value === 'quarter' ? 'quarter' : 'month')}>
            <option value="month">{t('analysis.month')}</option>
            <option value="quarter">{t('analysis.quarter')}</option>
          </select>
        </label>
        {kind === 'month' ? (
          <select className="field__input field__input--select ana-narrow" aria-label={t('analysis.month')} data-testid="ana-month" value={String(month)} onChange={(e) => setMonth(Number(e.target.value))}>
            {Array.from({ length: 12 }, (_, i) => (
              <option key={i + 1} value={i + 1}>
                {t('analysis.monthN', { month: i + 1 })}
              </option>
            ))}
          </select>
        ) : (
          <select className="field__input field__input--select ana-narrow" aria-label={t('analysis.quarter')} data-testid="ana-quarter" value={String(quarter)} onChange={(e) => setQuarter(Number(e.target.value))}>
            {[1, 2, 3, 4].map((q) => (
              <option key={q} value={q}>
                {t('analysis.quarterN', { quarter: q })}
              </option>
            ))}
          </select>
        )}
        {shown && (shown.area.isDistrict || township !== '') && shown.townships.length > 0 ? (
          <label className="dir-inline">
            {t('analysis.area')}
            <select className="field__input field__input--select" data-testid="ana-area" value={township} onChange={(e) => setTownship(e.target.value)}>
              <option value="">{t('analysis.district')}</option>
              {shown.townships.map((tw) => (
                <option key={tw.code} value={tw.code}>
                  {tw.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <div className="toolbar__actions">
          <DownloadButton label={t('analysis.export')} testId="ana-export" request={() => call('analysis:exportXlsx', query)} />
          <button type="button" className="button button--secondary" data-testid="ana-print-button" disabled={shown === null} onClick={() => window.print()}>
            {t('analysis.print')}
          </button>
        </div>
      </div>
      <p className="muted ana-screen">{t('analysis.intro')}</p>
      {report.error ? <ErrorNotice error={report.error} /> : null}
      {shown === null || line === null ? (
        report.error ? null : <p className="muted">{t('analysis.loading')}</p>
      ) : (
        <div className="ana-screen" data-testid="ana-doc" data-period={shown.period.kind === 'month' ? `m${shown.to}` : `q${shown.to / 3}`} data-area={shown.area.code}>
          <h2 className="ana-section-title">
            {shown.area.name} · {t('analysis.headlineCaption', { period: w(periodWords(shown)) })}
          </h2>
          <div className="ana-cards" role="list">
            {shown.lines.map((l) => {
              const def = indicatorDef(l.indicator);
              const ytd = l.total.all.ytd.value;
              return (
                <button
                  key={l.key}
                  type="button"
                  role="listitem"
                  className={`ana-card${l.key === line.key ? ' ana-card--on' : ''}${l.total.flags.length > 0 ? ' ana-card--flag' : ''}`}
                  aria-pressed={l.key === line.key}
                  data-testid={`ana-card-${l.key}`}
                  onClick={() => setLineKey(l.key)}
                >
                  <span className="ana-card__label">{w(lineWords(l))}</span>
                  <span className="ana-card__value">{ytd === null ? '—' : formatIndicatorValue(def, ytd)}</span>
                  <span className="ana-card__growth">
                    {t('analysis.growth')} {percentCell(l.total.all.ytdGrowth).text}
                    {l.total.all.ytdGrowth === null ? '' : '%'}
                    {l.total.targetTenths === null ? '' : ` · ${t('analysis.target')} ${formatTenths(l.total.targetTenths)}%`}
                  </span>
                  {l.total.flags.length > 0 ? <span className="ana-card__flags">{l.total.flags.map((f) => w(flagWords[f])).join(' · ')}</span> : null}
                  {l.total.all.ytd.missingMonths.length > 0 ? (
                    <span className="ana-card__missing">{t('analysis.missingCard', { count: l.total.all.ytd.missingEnterprises ?? 0 })}</span>
                  ) : null}
                </button>
              );
            })}
          </div>
          <div className="ana-charts">
            {shown.area.isDistrict ? (
              <div className="ana-chart">
                <h3 className="ana-chart__title">{t('analysis.chartGrowth', { line: lineLabel })}</h3>
                <GrowthChart line={line} label={t('analysis.chartGrowth', { line: lineLabel })} language={language} />
                {line.townships.some((r) => r.all.ytdGrowth === null) ? <p className="ana-chart__note">{t('analysis.growthUnknown')}</p> : null}
              </div>
            ) : null}
            <div className="ana-chart">
              <h3 className="ana-chart__title">{t('analysis.chartTrend', { line: lineLabel })}</h3>
              <TrendChart line={line} label={t('analysis.chartTrend', { line: lineLabel })} language={language} />
              {line.months.some((m) => (m.value !== null && !m.isComplete) || (m.last !== null && !m.isLastComplete)) ? <p className="ana-chart__note">{t('analysis.trendIncomplete')}</p> : null}
            </div>
          </div>
          {line.total.all.ytd.value === null && line.total.all.ytdLast.value === null ? <p className="muted">{t('analysis.noData')}</p> : null}
          {tables.map((table) => (
            <AnalysisTableView key={table.key} table={table} w={w} />
          ))}
          {targets.value ? <TargetsPanel year={year} line={line.key} lineLabel={lineLabel} list={targets.value} onSaved={() => setTargetsVersion((v) => v + 1)} /> : null}
          {targets.error ? <ErrorNotice error={targets.error} /> : null}
          <p className="ana-source">{w(headlineSource())}</p>
        </div>
      )}
      {shown ? <AnalysisPrint report={shown satisfies AnalysisReport} language={language} /> : null}
    </Page>
  );
}
