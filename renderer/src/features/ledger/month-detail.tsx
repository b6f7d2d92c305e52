import { useTranslation } from 'react-i18next';
import { indicatorDef } from '@shared/ledger/indicators';
import type { LedgerYearView } from '@shared/ledger/wire';
import { useLanguage } from '../../app/store';
import { formatGrowth } from '../directory/format';
import { formatFigure } from './figure-format';
import { inParens, joinList } from '../../lib/format';

// The computed side of the ledger for one month, read-only: this month, 1–本月累计 (or the
// month-end balance), the same period last year and the growth rates, as main computed them
// (shared/ledger/arithmetic.ts). A year-to-date figure with months missing says which.

export function MonthDetail({ view, month, activeIndicator }: { view: LedgerYearView; month: number; activeIndicator: string | null }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const months = (list: number[]) => joinList(list.map((m) => t('directory.ledger.monthName', { month: m })), language);
  return (
    <section className="panel ledger-detail" data-testid="ledger-month-detail" aria-labelledby="ledger-detail-title">
      <h2 className="panel__title" id="ledger-detail-title">
        {t('directory.ledger.detailTitle', { year: view.year, month })}
      </h2>
      <table className="data-table ledger-detail__table">
        <thead>
          <tr>
            <th scope="col">{t('directory.ledger.indicator')}</th>
            <th scope="col" className="num">
              {t('directory.ledger.thisMonth')}
            </th>
            <th scope="col" className="num">
              {t('directory.ledger.ytd', { month })}
            </th>
            <th scope="col" className="num">
              {t('directory.ledger.lastYtd')}
            </th>
            <th scope="col" className="num">
              {t('directory.ledger.growth')}
            </th>
            <th scope="col" className="num">
              {t('directory.ledger.lastMonth')}
            </th>
            <th scope="col" className="num">
              {t('directory.ledger.monthGrowth')}
            </th>
            <th scope="col" className="num">
              {t('directory.ledger.evidence')}
            </th>
          </tr>
        </thead>
        <tbody>
          {view.indicators.map((key) => {
            const def = indicatorDef(key);
            const c = view.computed[key]?.[month - 1];
            const backed = view.evidenceCounts[`${month}.${key}`] ?? 0;
            const isStock = def.kind === 'stock';
            const n = (v: number | null) => (v === null ? '—' : formatFigure(def, v, language));
            return (
              <tr key={key} data-testid={`ledger-detail-${key}`} className={key === activeIndicator ? 'ledger-detail__row--active' : undefined}>
                <th scope="row">
                  {language === 'en' ? def.en : def.zh}
                  <span className="ledger-detail__unit">{inParens(t(`directory.units.${def.unit}`), language)}</span>
                </th>
                <td className="num" data-testid={`ledger-month-${key}`}>
                  {n(c?.month ?? null)}
                </td>
                <td
                  className="num"
                  data-testid={`ledger-ytd-${key}`}
                  title={def.kind === 'average' ? t('directory.ledger.averageYtd', { month }) : isStock ? t('directory.ledger.stockYtd', { month }) : undefined}
                >
                  {isStock ? <span className="muted">{n(c?.ytd ?? null)}</span> : n(c?.ytd ?? null)}
                  {c && c.missingMonths.length > 0 && c.ytd !== null ? (
                    <span className="ledger-detail__missing" title={t('directory.ledger.missingHint', { months: months(c.missingMonths) })}>
                      {t('directory.ledger.missingShort', { n: c.missingMonths.length })}
                    </span>
                  ) : null}
                </td>
                <td className="num" data-testid={`ledger-last-ytd-${key}`}>
                  {n(c?.lastYtd ?? null)}
                </td>
                <td className="num" data-testid={`ledger-growth-${key}`}>
                  {formatGrowth(c?.growth, language)}
                </td>
                <td className="num">{n(c?.lastMonth ?? null)}</td>
                <td className="num">{formatGrowth(c?.monthGrowth, language)}</td>
                <td className="num">
                  {c?.month === null || c === undefined ? (
                    ''
                  ) : backed > 0 ? (
                    <span className="ledger-backed">{t('directory.ledger.backedCount', { n: backed })}</span>
                  ) : (
                    <span className="ledger-unbacked">{t('directory.ledger.unbacked')}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="field__hint">{t('directory.ledger.stockHint')}</p>
    </section>
  );
}
