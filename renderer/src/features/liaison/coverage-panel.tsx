import { useTranslation } from 'react-i18next';
import type { CoverageView } from '@shared/liaison/liaison';
import { useLanguage } from '../../app/store';
import { Stat } from '../../components/stat';
import { formatCount, joinList } from '../../lib/format';

// Coverage and workload: per official and per department, the enterprises followed, visits in
// the window, those visited, not visited in it and never visited. A click on an official shows
// their enterprises in the list below.

type Counts = CoverageView['total'];

function CountCells({ c, testId }: { c: Counts; testId?: string }) {
  const language = useLanguage();
  return (
    <>
      <td className="num" data-testid={testId ? `${testId}-enterprises` : undefined}>
        {formatCount(c.enterprises, language)}
      </td>
      <td className="num" data-testid={testId ? `${testId}-visits` : undefined}>
        {formatCount(c.visitsInWindow, language)}
      </td>
      <td className="num">{formatCount(c.visitedInWindow, language)}</td>
      <td className={c.notVisitedInWindow > 0 ? 'num liaison-warn' : 'num'} data-testid={testId ? `${testId}-not-visited` : undefined}>
        {formatCount(c.notVisitedInWindow, language)}
      </td>
      <td className={c.neverVisited > 0 ? 'num liaison-warn' : 'num'} data-testid={testId ? `${testId}-never` : undefined}>
        {formatCount(c.neverVisited, language)}
      </td>
      <td className="mono">{c.lastVisit ?? '—'}</td>
    </>
  );
}

function CountHeads() {
  const { t } = useTranslation();
  return (
    <>
      <th scope="col" className="num">
        {t('liaison.coverage.enterprises')}
      </th>
      <th scope="col" className="num">
        {t('liaison.coverage.visits')}
      </th>
      <th scope="col" className="num">
        {t('liaison.coverage.visited')}
      </th>
      <th scope="col" className="num">
        {t('liaison.coverage.notVisited')}
      </th>
      <th scope="col" className="num">
        {t('liaison.coverage.never')}
      </th>
      <th scope="col">{t('liaison.coverage.lastVisit')}</th>
    </>
  );
}

export function CoveragePanel({ report, onOfficial }: { report: CoverageView; onOfficial(name: string): void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const share = report.total.enterprises === 0 ? 0 : Math.round((report.total.visitedInWindow / report.total.enterprises) * 1000) / 10;
  return (
    <section className="liaison-coverage" aria-labelledby="liaison-coverage-title" data-testid="liaison-coverage">
      <h2 className="panel__title" id="liaison-coverage-title">
        {t('liaison.coverage.title')}
      </h2>
      <p className="muted">{t('liaison.coverage.window', { from: report.windowStart, to: report.asOf, days: report.windowDays })}</p>
      <dl className="stats stats--compact">
        <Stat label={t('liaison.coverage.followed')} value={formatCount(report.total.enterprises - report.unassigned.enterprises, language)} testId="coverage-followed" />
        <Stat label={t('liaison.coverage.unassigned')} value={formatCount(report.unassigned.enterprises, language)} testId="coverage-unassigned" />
        <Stat label={t('liaison.coverage.visitedShare', { days: report.windowDays })} value={`${share.toFixed(1)}%`} testId="coverage-share" />
        <Stat label={t('liaison.coverage.never')} value={formatCount(report.total.neverVisited, language)} testId="coverage-never" />
      </dl>
      {report.officials.length === 0 ? (
        <p className="muted">{t('liaison.coverage.none')}</p>
      ) : (
        <table className="data-table dir-wide-table" data-testid="coverage-officials">
          <caption>{t('liaison.coverage.byOfficial')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('liaison.official')}</th>
              <th scope="col">{t('liaison.department')}</th>
              <CountHeads />
            </tr>
          </thead>
          <tbody>
            {report.officials.map((o) => (
              <tr key={o.official} data-testid={`coverage-official-${o.official}`}>
                <th scope="row">
                  <button type="button" className="link-button" onClick={() => onOfficial(o.official)}>
                    {o.official}
                  </button>
                </th>
                <td>{o.departments.length > 0 ? joinList(o.departments, language) : '—'}</td>
                <CountCells c={o} testId={`coverage-${o.official}`} />
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={2}>
                {t('liaison.coverage.total')}
              </th>
              <CountCells c={report.total} testId="coverage-total" />
            </tr>
          </tfoot>
        </table>
      )}
      {report.departments.length > 0 ? (
        <table className="data-table dir-wide-table" data-testid="coverage-departments">
          <caption>{t('liaison.coverage.byDepartment')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('liaison.department')}</th>
              <th scope="col" className="num">
                {t('liaison.coverage.officials')}
              </th>
              <CountHeads />
            </tr>
          </thead>
          <tbody>
            {report.departments.map((d) => (
              <tr key={d.department}>
                <th scope="row">{d.department === '' ? t('liaison.coverage.noDepartment') : d.department}</th>
                <td className="num">{formatCount(d.officials, language)}</td>
                <CountCells c={d} />
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
