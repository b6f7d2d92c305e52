import { useTranslation } from 'react-i18next';
import type { UnitRow, UnitSort } from '@shared/registration/registration';
import { subHref } from '../../../app/router';
import { StatusChip } from '../status-chip';
import { SyncRefusedBadge } from '../../sync/refused-mark';
import { useUnitList } from './list-store';

/** A column heading that sorts the list (main sorts: the list is paged). */
function SortHeader({ field, label, className }: { field: UnitSort['field']; label: string; className?: string }) {
  const { t } = useTranslation();
  const sort = useUnitList((s) => s.sort);
  const setSort = useUnitList((s) => s.setSort);
  const direction = sort?.field === field ? sort.direction : null;
  return (
    <th scope="col" className={className} aria-sort={direction === null ? undefined : direction === 'asc' ? 'ascending' : 'descending'}>
      <button
        type="button"
        className="dir-sort"
        data-testid={`unit-sort-${field}`}
        title={t('registration.list.sortBy', { column: label })}
        onClick={() => setSort(field)}
      >
        {label}
        <span aria-hidden="true" className="dir-sort__arrow">
          {direction === 'asc' ? '▲' : direction === 'desc' ? '▼' : ''}
        </span>
      </button>
    </th>
  );
}

/** The units matching the filters: name (a link to the form), USCC with a duplicate flag,
 * address, status and open findings; each heading sorts by its column. */
export function UnitTable({ rows, showArea }: { rows: readonly UnitRow[]; showArea: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <table className="data-table unit-table" data-testid="unit-table">
        <thead>
          <tr>
            <SortHeader field="name" label={t('registration.list.name')} />
            <SortHeader field="uscc" label={t('registration.list.uscc')} />
            <SortHeader field="address" label={t('registration.list.address')} />
            {showArea ? <SortHeader field="area" label={t('registration.list.subArea')} /> : null}
            <SortHeader field="status" label={t('registration.status')} />
            <SortHeader field="findings" label={t('registration.list.findings')} className="num" />
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
                {row.hasCountyFinding ? (
                  <span className="badge badge--warn" data-testid={`county-mark-${row.id}`} title={t('registration.county.markHint')}>
                    {t('registration.county.mark')}
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
