import { useTranslation } from 'react-i18next';
import type { ReviewQueueRow } from '@shared/review/queue';
import { subHref } from '../../../app/router';
import { useLanguage } from '../../../app/store';
import { formatDateTime } from '../../../lib/format';
import { StatusChip } from '../../registration/status-chip';

interface Props {
  rows: readonly ReviewQueueRow[];
  /** Ticking is offered only where a bulk decision is (and only for clean units). */
  canSelect: boolean;
  selected: ReadonlySet<string>;
  onToggle(id: string): void;
}

/** The units of one review stage: name (opens the unit), area, enumerator, when submitted,
 * open findings and comments, the last decision and the status. */
export function QueueTable({ rows, canSelect, selected, onToggle }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <div className="table-scroll">
      <table className="data-table queue-table" data-testid="review-queue-table">
        <thead>
          <tr>
            {canSelect ? (
              <th scope="col" className="queue-table__tick">
                <span className="visually-hidden">{t('review.queue.select')}</span>
              </th>
            ) : null}
            <th scope="col">{t('registration.list.name')}</th>
            <th scope="col">{t('review.queue.area')}</th>
            <th scope="col">{t('review.queue.enumerator')}</th>
            <th scope="col">{t('review.queue.submittedAt')}</th>
            <th scope="col" className="num">
              {t('registration.list.findings')}
            </th>
            <th scope="col" className="num">
              {t('review.queue.openComments')}
            </th>
            <th scope="col">{t('review.queue.lastDecision')}</th>
            <th scope="col">{t('registration.status')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-testid={`queue-row-${row.id}`} data-name={row.name} data-clean={row.isClean}>
              {canSelect ? (
                <td className="queue-table__tick">
                  <input
                    type="checkbox"
                    data-testid={`queue-tick-${row.id}`}
                    aria-label={t('review.queue.tick', { name: row.name })}
                    title={row.isClean ? undefined : t('review.queue.notClean')}
                    disabled={!row.isClean}
                    checked={selected.has(row.id)}
                    onChange={() => onToggle(row.id)}
                  />
                </td>
              ) : null}
              <th scope="row">
                <a href={subHref('review', 'unit', row.id)} data-testid={`queue-link-${row.id}`}>
                  {row.name || t('registration.unit.unnamed')}
                </a>
                {row.kind === 'individual' ? <span className="kind-tag">{t('registration.kinds.individual')}</span> : null}
              </th>
              <td className="mono" title={row.areaCode}>
                {row.areaCode}
              </td>
              <td>{row.enumerator?.name ?? <span className="muted">—</span>}</td>
              <td className="nowrap">{row.submittedAt ? formatDateTime(row.submittedAt, language) : <span className="muted">—</span>}</td>
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
                {row.isClean ? <span className="clean-tag">{t('review.queue.clean')}</span> : null}
              </td>
              <td className="num">{row.openComments > 0 ? row.openComments : <span className="muted">—</span>}</td>
              <td>
                {row.lastDecision ? (
                  <>
                    {t(`review.timeline.kinds.${row.lastDecision.kind}`)}
                    <br />
                    <small className="muted">
                      {row.lastDecision.byName} · {formatDateTime(row.lastDecision.at, language)}
                    </small>
                  </>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td>
                <StatusChip status={row.status} testId={`queue-status-${row.id}`} />
                {row.isReopened ? (
                  <span className="badge badge--warn" data-testid={`queue-reopened-${row.id}`}>
                    {t('review.unit.reopened')}
                  </span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
