import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../app/store';
import { ErrorNotice } from '../../components/error-notice';
import { formatDateTime, inParens, joinList } from '../../lib/format';
import { useCall } from '../../lib/use-call';
import { enforceHref } from './enforcement-page';

// The 公示 sheet for the notice board: what window.print() puts on A4 (enforcement.css hides
// everything else). The hashes of the seed, the pool and the roster come first, then the pool
// and the roster exactly as hashed, and once run the seed and the result.

export function PublicationPrint({ id }: { id: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const one = useCall('enforce:draw', { id });
  const d = one.value;
  return (
    <div className="enforce-print-page">
      <p className="enforce-print-page__actions">
        <a href={enforceHref('draw', id)}>{t('enforcement.draws.backToDraw')}</a>{' '}
        <button type="button" className="button button--primary" data-testid="print-publication" onClick={() => window.print()}>
          {t('enforcement.draws.printNow')}
        </button>
      </p>
      {one.error ? <ErrorNotice error={one.error} onRetry={one.refetch} /> : null}
      {d ? (
        <section className="enforce-print" data-testid="publication-sheet">
          <h1 className="enforce-print__title">{t('enforcement.print.title', { title: d.title })}</h1>
          <table className="data-table enforce-print__facts">
            <tbody>
              <tr>
                <th scope="row">{t('enforcement.draws.published')}</th>
                <td>
                  {d.publishedBy} · {formatDateTime(d.publishedAt, language)}
                </td>
              </tr>
              <tr>
                <th scope="row">{t('enforcement.draws.day')}</th>
                <td>{d.day}</td>
              </tr>
              <tr>
                <th scope="row">{t('enforcement.draws.sizesLong')}</th>
                <td>{t('enforcement.draws.sizesValue', { count: d.count, pool: d.pool.length, roster: d.roster.length, per: d.perEnterprise })}</td>
              </tr>
              <tr>
                <th scope="row">{t('enforcement.draws.algorithm')}</th>
                <td className="mono">{d.algorithm}</td>
              </tr>
              <tr>
                <th scope="row">{t('enforcement.draws.seedHash')}</th>
                <td className="mono enforce-hash">{d.seedHash}</td>
              </tr>
              <tr>
                <th scope="row">{t('enforcement.draws.poolHash')}</th>
                <td className="mono enforce-hash">{d.poolHash}</td>
              </tr>
              <tr>
                <th scope="row">{t('enforcement.draws.rosterHash')}</th>
                <td className="mono enforce-hash">{d.rosterHash}</td>
              </tr>
              <tr>
                <th scope="row">{t('enforcement.draws.seed')}</th>
                <td className="mono">{d.run ? d.run.seed : t('enforcement.draws.seedHidden')}</td>
              </tr>
            </tbody>
          </table>
          <p>{t('enforcement.print.howToCheck')}</p>
          <table className="data-table">
            <caption>{t('enforcement.print.pool', { n: d.pool.length })}</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('enforcement.print.uscc')}</th>
                <th scope="col">{t('enforcement.draws.enterprise')}</th>
                <th scope="col">{t('enforcement.print.liaison')}</th>
              </tr>
            </thead>
            <tbody>
              {d.pool.map((e, i) => (
                <tr key={e.enterpriseId}>
                  <td className="num">{i + 1}</td>
                  <td className="mono">{e.uscc}</td>
                  <td>{e.name}</td>
                  <td>{e.liaison}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table className="data-table">
            <caption>{t('enforcement.print.roster', { n: d.roster.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('enforcement.roster.name')}</th>
                <th scope="col">{t('enforcement.roster.certNo')}</th>
                <th scope="col">{t('enforcement.roster.validity')}</th>
                <th scope="col">{t('enforcement.roster.unit')}</th>
                <th scope="col">{t('enforcement.print.relatedCount')}</th>
              </tr>
            </thead>
            <tbody>
              {d.roster.map((r) => (
                <tr key={r.inspectorId}>
                  <td>{r.name}</td>
                  <td className="mono">{r.certNo}</td>
                  <td>
                    {r.validFrom} – {r.validTo}
                  </td>
                  <td>{r.unit}</td>
                  <td className="num">{r.related.length}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {d.run ? (
            <table className="data-table">
              <caption>{t('enforcement.print.result')}</caption>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">{t('enforcement.draws.enterprise')}</th>
                  <th scope="col">{t('enforcement.draws.inspectors')}</th>
                </tr>
              </thead>
              <tbody>
                {d.run.items.map((i) => (
                  <tr key={i.enterpriseId}>
                    <td className="num">{i.position + 1}</td>
                    <td>{i.name}</td>
                    <td>{joinList(i.inspectors.map((x) => `${x.name}${inParens(x.certNo, language)}`), language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
