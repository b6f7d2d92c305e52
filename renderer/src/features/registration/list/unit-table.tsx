import { useTranslation } from 'react-i18next';
import type { UnitRow } from '../../../../../shared/registration';
import { subHref } from '../../../app/router';
import { StatusChip } from '../status-chip';
import { SyncRefusedBadge } from '../../sync/refused-mark';

/** The units matching the filters: name (a link to the form), USCC with a duplicate flag,
 * address, status and open findings. */
export function UnitTable({ rows, showArea }: { rows: readonly UnitRow[]; showArea: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <table className="data-table unit-table" data-testid="unit-table">
        <thead>
          <tr>
            <th scope="col">{t('registration.list.name')}</th>
            <th scope="col">{t('registration.list.uscc')}</th>
            <th scope="col">{t('registration.list.address')}</th>
            {showArea ? <th scope="col">{t('registration.list.subArea')}</th> : null}
            <th scope="col">{t('registration.status')}</th>
            <th scope="col" className="num">
              {t('registration.list.findings')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-testid={`unit-row-${row.id}`} data-name={row.name} data-status={row.status}>
              <th scope="row">
                <a href={subHref('registration', 'unit', row.id)} data-testid={`unit-link-${row.id}`}>
                  {row.name || t('registration.unit.unnamed')}
                </a>
                {row.kind === 'individual' ? <span className="kind-tag">{t('registration.kinds.individual')}</span> : null}
                {row.syncRefused ? <SyncRefusedBadge refusal={row.syncRefused} testId={`unit-sync-refused-${row.id}`} /> : null}
              </th>
              <td className="mono">
                {row.uscc || <span className="muted">—</span>}
                {row.isDuplicateUscc ? (
                  <span className="badge badge--warn" data-testid={`duplicate-${row.id}`} title={t('registration.list.duplicateHint')}>
                    {t('registration.list.duplicate')}
                  </span>
                ) : null}
              </td>
              <td>{row.address}</td>
              {showArea ? (
                <td className="mono" title={row.areaCode}>
                  {row.areaCode.slice(12)}
                </td>
              ) : null}
              <td>
                <StatusChip status={row.status} testId={`unit-status-${row.id}`} />
              </td>
              <td className="num nowrap">
                {row.findings.mandatory > 0 ? (
                  <span className="count-chip count-chip--mandatory" title={t('registration.severity.mandatory')}>
                    {row.findings.mandatory}
                  </span>
                ) : null}
                {row.findings.verify > 0 ? (
                  <span className="count-chip count-chip--verify" title={t('registration.severity.verify')}>
                    {row.findings.verify}
                  </span>
                ) : null}
                {row.findings.mandatory === 0 && row.findings.verify === 0 ? <span className="muted">—</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
