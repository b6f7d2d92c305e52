import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../../app/store';
import { Chart } from '../../../components/charts/chart';
import { ErrorNotice } from '../../../components/error-notice';
import { useCall } from '../../../lib/use-call';
import { formatCount, formatShare } from '../../../lib/format';
import { completenessOption, coverageOption, scaleOption, stageOption } from './stats-options';

// Township and bureau views: per township (or industry section/division) the enterprises by
// scale, 入规纳统 candidates by stage, 数出有据 coverage and ledger completeness by month, as
// charts with the same figures in a table beneath.

type GroupBy = 'township' | 'industrySection' | 'industryDivision';
const groupings: readonly GroupBy[] = ['township', 'industrySection', 'industryDivision'];

export function StatsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const thisYear = new Date().getFullYear();
  const [groupBy, setGroupBy] = useState<GroupBy>('township');
  const [year, setYear] = useState(thisYear);
  const figures = useCall('stats:directory', { groupBy, year });
  const { value: stats, error } = figures;

  const options = useMemo(
    () =>
      stats
        ? {
            scale: scaleOption(stats, t),
            stage: stageOption(stats, t),
            coverage: coverageOption(stats, t),
            completeness: completenessOption(stats, t, language),
          }
        : null,
    [stats, t, language],
  );
  const n = (v: number) => formatCount(v, language);

  return (
    <div className="stats-page" data-testid="stats-page">
      <div className="dir-filters__row">
        <div className="chips" role="group" aria-label={t('directory.stats.groupBy')}>
          {groupings.map((g) => (
            <button key={g} type="button" className="chip" aria-pressed={groupBy === g} data-testid={`stats-group-${g}`} onClick={() => setGroupBy(g)}>
              {t(`directory.stats.groups.${g}`)}
            </button>
          ))}
        </div>
        <label className="dir-inline">
          {t('directory.ledger.year')}
          <select className="field__input field__input--select" data-testid="stats-year" value={year} onChange={(e) => setYear(Number(e.target.value))}>
            {[thisYear, thisYear - 1, thisYear - 2].map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
      </div>
      {figures.isLoading || (stats === null && error === null) ? (
        <p className="muted" role="status" data-testid="stats-loading">
          {t('directory.stats.computing')}
        </p>
      ) : null}
      {error ? <ErrorNotice error={error} onRetry={figures.refetch} /> : null}
      {stats && options ? (
        <>
          <dl className="stats stats--compact">
            <div className="stat">
              <dt className="stat__label">{t('directory.stats.total')}</dt>
              <dd className="stat__value" data-testid="stats-total">
                {n(stats.totals.total)}
              </dd>
            </div>
            <div className="stat">
              <dt className="stat__label">{t('directory.scale.above')}</dt>
              <dd className="stat__value">{n(stats.totals.above)}</dd>
            </div>
            <div className="stat">
              <dt className="stat__label">{t('directory.stats.candidates')}</dt>
              <dd className="stat__value">{n(stats.totals.nearThreshold + stats.totals.growth)}</dd>
            </div>
            <div className="stat">
              <dt className="stat__label">{t('directory.stats.coverage')}</dt>
              <dd className="stat__value">{formatShare(stats.totals.backedFigures, stats.totals.filledFigures, language)}</dd>
            </div>
          </dl>
          <div className="chart-grid">
            <figure className="chart-card">
              <figcaption className="chart-card__title">{t('directory.stats.byScale')}</figcaption>
              <Chart option={options.scale.option} height={options.scale.height} label={t('directory.stats.byScale')} language={language} testId="chart-scale" />
            </figure>
            <figure className="chart-card">
              <figcaption className="chart-card__title">{t('directory.stats.byStage')}</figcaption>
              <Chart option={options.stage.option} height={options.stage.height} label={t('directory.stats.byStage')} language={language} testId="chart-stage" />
            </figure>
            <figure className="chart-card">
              <figcaption className="chart-card__title">{t('directory.stats.byCoverage')}</figcaption>
              <Chart option={options.coverage.option} height={options.coverage.height} label={t('directory.stats.byCoverage')} language={language} testId="chart-coverage" />
            </figure>
            <figure className="chart-card">
              <figcaption className="chart-card__title">{t('directory.stats.byMonth', { year: stats.year })}</figcaption>
              <Chart option={options.completeness} label={t('directory.stats.byMonth', { year: stats.year })} language={language} testId="chart-completeness" />
            </figure>
          </div>
          <table className="data-table dir-wide-table" data-testid="stats-table">
            <caption>{t('directory.stats.tableCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t(`directory.stats.groups.${groupBy}`)}</th>
                <th scope="col" className="num">{t('directory.stats.total')}</th>
                <th scope="col" className="num">{t('directory.scale.above')}</th>
                <th scope="col" className="num">{t('directory.scale.below')}</th>
                <th scope="col" className="num">{t('directory.flags.near')}</th>
                <th scope="col" className="num">{t('directory.flags.growth')}</th>
                <th scope="col" className="num">{t('directory.stages.admitted')}</th>
                <th scope="col" className="num">{t('directory.stats.coverage')}</th>
              </tr>
            </thead>
            <tbody>
              {stats.groups.map((g) => (
                <tr key={g.key || 'unknown'} data-testid={`stats-row-${g.key || 'unknown'}`}>
                  <th scope="row">{g.name || g.key || t('directory.stats.unknown')}</th>
                  <td className="num">{n(g.total)}</td>
                  <td className="num">{n(g.above)}</td>
                  <td className="num">{n(g.below)}</td>
                  <td className="num">{n(g.nearThreshold)}</td>
                  <td className="num">{n(g.growth)}</td>
                  <td className="num">{n(g.byStage.admitted)}</td>
                  <td className="num">{formatShare(g.backedFigures, g.filledFigures, language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </div>
  );
}
