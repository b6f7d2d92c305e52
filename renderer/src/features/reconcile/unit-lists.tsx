import { useTranslation } from 'react-i18next';
import { figureText, pctText } from '@shared/reconcile/table-cells';
import type { ReconcileView } from '@shared/reconcile/wire';
import { subHref } from '../../app/router';

// The units behind the totals: matched units whose figures are beyond tolerance (each is a
// 核实性 finding on the census unit: the link opens it in review), and the units on one side only.

export function UnitLists({ view }: { view: ReconcileView }) {
  const { t } = useTranslation();
  const pct = (n: number) => `${Math.round(n * 1000) / 10}%`;
  return (
    <div className="rec-units">
      <h3>{t('reconcile.beyondTitle', { count: view.beyond.length, matched: view.matchedCount })}</h3>
      <p className="muted">{t('reconcile.tolerances', { revenue: pct(view.tolerances.revenue), employees: pct(view.tolerances.employees), pack: view.tolerances.pack })}</p>
      {view.beyond.length === 0 ? (
        <p className="muted" data-testid="rec-beyond-none">{t('reconcile.beyondNone')}</p>
      ) : (
        <table className="data-table" data-testid="rec-beyond">
          <thead>
            <tr>
              <th scope="col">{t('reconcile.unitName')}</th>
              <th scope="col">{t('reconcile.code')}</th>
              <th scope="col" className="rec-num">{t('reconcile.revenueCensus')}</th>
              <th scope="col" className="rec-num">{t('reconcile.revenueAnnual')}</th>
              <th scope="col" className="rec-num">%</th>
              <th scope="col" className="rec-num">{t('reconcile.employeesCensus')}</th>
              <th scope="col" className="rec-num">{t('reconcile.employeesAnnual')}</th>
              <th scope="col" className="rec-num">%</th>
            </tr>
          </thead>
          <tbody>
            {view.beyond.map((b) => (
              <tr key={b.unit.id} data-testid={`rec-beyond-${b.unit.id}`}>
                <td>
                  <a href={subHref('review', 'unit', b.unit.id)}>{b.unit.name}</a>
                </td>
                <td>{b.unit.uscc}</td>
                <td className="rec-num">{figureText(b.unit.revenue)}</td>
                <td className="rec-num">{figureText(b.revenue.annual)}</td>
                <td className={`rec-num${b.revenue.isBeyond ? ' rec-num--far' : ''}`}>{pctText(b.revenue.pct)}</td>
                <td className="rec-num">{figureText(b.unit.employees)}</td>
                <td className="rec-num">{figureText(b.employees.annual)}</td>
                <td className={`rec-num${b.employees.isBeyond ? ' rec-num--far' : ''}`}>{pctText(b.employees.pct)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="rec-sides">
        <div data-testid="rec-annual-only">
          <h3>{t('reconcile.annualOnly', { count: view.annualOnlyCount })}</h3>
          <ul className="rec-list">
            {view.annualOnly.map((a) => (
              <li key={`${a.uscc}-${a.orgCode}`}>
                {a.name} <span className="muted">{a.uscc || a.orgCode} · {figureText(a.revenue)} {t('reconcile.thousandYuan')} · {figureText(a.employees)} {t('reconcile.persons')}</span>
              </li>
            ))}
          </ul>
          {view.annualOnlyCount > view.annualOnly.length ? <p className="muted">{t('reconcile.more', { count: view.annualOnlyCount - view.annualOnly.length })}</p> : null}
        </div>
        <div data-testid="rec-census-only">
          <h3>{t('reconcile.censusOnly', { count: view.censusOnlyCount })}</h3>
          <ul className="rec-list">
            {view.censusOnly.map((u) => (
              <li key={u.id}>
                <a href={subHref('review', 'unit', u.id)}>{u.name}</a> <span className="muted">{u.uscc} · {figureText(u.revenue)} {t('reconcile.thousandYuan')} · {figureText(u.employees)} {t('reconcile.persons')}</span>
              </li>
            ))}
          </ul>
          {view.censusOnlyCount > view.censusOnly.length ? <p className="muted">{t('reconcile.more', { count: view.censusOnlyCount - view.censusOnly.length })}</p> : null}
        </div>
      </div>
    </div>
  );
}
