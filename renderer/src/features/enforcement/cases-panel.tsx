import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { decisionOf } from '@shared/enforcement/records';
import { useLanguage } from '../../app/store';
import { ErrorNotice } from '../../components/error-notice';
import { Stat } from '../../components/stat';
import { formatCount, joinList } from '../../lib/format';
import { useCall } from '../../lib/use-call';
import { enforceHref } from './enforcement-page';
import { OpenCaseForm } from './open-case-form';

// Cases of a year: the figures the annual report quotes (inspected, in violation, closed, 移送),
// every case filed that year with where it stands, and opening a case on any enterprise.

export function CasesPanel() {
  const { t } = useTranslation();
  const language = useLanguage();
  const [year, setYear] = useState(new Date().getFullYear());
  const counts = useCall('enforce:yearCounts', { year });
  const cases = useCall('enforce:cases', { year });
  const n = (v: number) => formatCount(v, language);
  const c = counts.value;
  return (
    <>
      <section className="panel" aria-labelledby="cases-year-title">
        <div className="enforce-head">
          <h2 className="panel__title" id="cases-year-title">
            {t('enforcement.cases.yearTitle')}
          </h2>
          <label className="dir-inline">
            {t('enforcement.cases.year')}
            <select className="field__input field__input--select" data-testid="cases-year" value={year} onChange={(e) => setYear(Number(e.target.value))}>
              {Array.from({ length: 6 }, (_, i) => new Date().getFullYear() - i).map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </label>
        </div>
        {counts.error ? <ErrorNotice error={counts.error} onRetry={counts.refetch} /> : null}
        {c ? (
          <dl className="stats stats--compact" data-testid="enforce-counts">
            <Stat label={t('enforcement.counts.inspected')} value={n(c.inspected)} testId="count-inspected" />
            <Stat label={t('enforcement.counts.inViolation')} value={n(c.inViolation)} testId="count-violation" />
            <Stat label={t('enforcement.counts.casesFiled')} value={n(c.casesFiled)} testId="count-filed" />
            <Stat label={t('enforcement.counts.casesClosed')} value={n(c.casesClosed)} testId="count-closed" />
            <Stat label={t('enforcement.counts.transferred')} value={n(c.transferred)} testId="count-transferred" />
            <Stat label={t('enforcement.counts.fines')} value={t('enforcement.counts.finesValue', { n: n(c.fines), yuan: n(c.fineYuanTotal) })} testId="count-fines" />
          </dl>
        ) : null}
        {cases.error ? <ErrorNotice error={cases.error} onRetry={cases.refetch} /> : null}
        {cases.value && cases.value.length === 0 ? <p className="muted">{t('enforcement.cases.none')}</p> : null}
        {cases.value && cases.value.length > 0 ? (
          <div className="table-scroll">
            <table className="data-table enforce-table" data-testid="cases-list">
              <thead>
                <tr>
                  <th scope="col">{t('enforcement.case.caseNo')}</th>
                  <th scope="col">{t('enforcement.case.enterprise')}</th>
                  <th scope="col">{t('enforcement.case.filedOn')}</th>
                  <th scope="col">{t('enforcement.case.violations')}</th>
                  <th scope="col">{t('enforcement.case.state')}</th>
                  <th scope="col">{t('enforcement.case.decision')}</th>
                </tr>
              </thead>
              <tbody>
                {cases.value.map((x) => {
                  const d = decisionOf(x);
                  return (
                    <tr key={x.id} data-testid={`case-row-${x.caseNo}`}>
                      <th scope="row">
                        <a href={enforceHref('case', x.id)}>{x.caseNo}</a>
                      </th>
                      <td>{x.enterpriseName}</td>
                      <td className="nowrap">{x.filedOn}</td>
                      <td>{joinList(x.violations.map((v) => t(`enforcement.violation.${v}`)), language)}</td>
                      <td>
                        {t(`enforcement.state.${x.state}`)}
                        {x.transfers.length > 0 ? (
                          <>
                            {' '}
                            <span className="badge badge--warn">{t('enforcement.case.transferredBadge')}</span>
                          </>
                        ) : null}
                      </td>
                      <td>{d ? joinList(d.penalties.map((p) => (p === 'fine' && d.fineYuan !== null ? t('enforcement.penalty.fineAmount', { yuan: n(d.fineYuan) }) : t(`enforcement.penalty.${p}`))), language) : '—'}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
      <OpenCaseForm enterprise={null} drawId={null} />
    </>
  );
}
