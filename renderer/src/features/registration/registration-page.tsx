import { useTranslation } from 'react-i18next';
import type { Overview } from '../../../../shared/ipc/contract';
import { unitStatuses } from '../../../../shared/units';
import { useLanguage } from '../../app/store';
import { EmptyState } from '../../components/empty-state';
import { OverviewGate } from '../../components/overview-gate';
import { Page } from '../../components/page';
import { Stat } from '../../components/stat';
import { formatCount, formatShare } from '../../lib/format';
import { useOverview } from '../overview/store';

export function RegistrationPage() {
  const { t } = useTranslation();
  const overview = useOverview();
  return (
    <Page title={t('registration.title')} testId="page-registration">
      <OverviewGate state={overview} onRetry={() => void overview.refresh()}>
        {(o) =>
          o.units.total === 0 ? (
            <EmptyState
              testId="registration-empty"
              title={t('registration.emptyTitle')}
              body={t('registration.emptyBody')}
            />
          ) : (
            <UnitSummary units={o.units} />
          )
        }
      </OverviewGate>
    </Page>
  );
}

function UnitSummary({ units }: { units: Overview['units'] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <>
      <dl className="stats">
        <Stat label={t('registration.totalUnits')} value={formatCount(units.total, language)} testId="units-total" />
        <Stat label={t('registration.areas')} value={formatCount(units.areas, language)} testId="units-areas" />
      </dl>
      <table className="data-table" data-testid="units-by-status">
        <caption>{t('registration.statusCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('registration.status')}</th>
            <th scope="col" className="num">
              {t('registration.count')}
            </th>
            <th scope="col" className="num">
              {t('registration.share')}
            </th>
          </tr>
        </thead>
        <tbody>
          {unitStatuses.map((status) => {
            // z.record over the status enum is exhaustive: main always sends every status.
            const count = units.byStatus[status];
            return (
              <tr key={status} data-status={status}>
                <th scope="row">
                  <span className={`status-dot status-dot--${status}`} aria-hidden="true" />
                  {t(`unitStatus.${status}`)}
                </th>
                <td className="num" data-testid={`units-status-${status}`}>
                  {formatCount(count, language)}
                </td>
                <td className="num">{formatShare(count, units.total, language)}</td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('registration.total')}</th>
            <td className="num">{formatCount(units.total, language)}</td>
            <td className="num">{formatShare(units.total, units.total, language)}</td>
          </tr>
        </tfoot>
      </table>
    </>
  );
}
