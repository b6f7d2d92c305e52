import { useTranslation } from 'react-i18next';
import { rejectCodes } from '@shared/sync/protocol';
import { hrefFor } from '../../app/router';

// The mark of a unit whose creation the server refused (shared/registration/registration.ts UnitRow
// syncRefused): in the unit list and on the unit page, with the reason and the way to the sync
// page, where it is retried or moved. Until then the unit exists only on this laptop.

interface Refusal {
  code: string;
  message: string;
}

function useReasonText(): (r: Refusal) => string {
  const { t } = useTranslation();
  return (r) =>
    r.code === 'CLOCK_AHEAD'
      ? t('sync.rejectCodes.CLOCK_AHEAD')
      : (rejectCodes as readonly string[]).includes(r.code)
        ? t(`sync.rejectCodes.${r.code as (typeof rejectCodes)[number]}`)
        : r.code;
}

export function SyncRefusedBadge({ refusal, testId }: { refusal: Refusal; testId: string }) {
  const { t } = useTranslation();
  const reason = useReasonText();
  return (
    <a href={hrefFor('sync')} className="badge badge--warn" data-testid={testId} title={t('registration.list.syncRefusedHint', { reason: reason(refusal) })}>
      {t('registration.list.syncRefused')}
    </a>
  );
}

export function SyncRefusedNotice({ refusal }: { refusal: Refusal }) {
  const { t } = useTranslation();
  const reason = useReasonText();
  return (
    <p className="notice notice--warn" role="status" data-testid="unit-sync-refused" data-code={refusal.code}>
      <span className="notice__text">{t('registration.unit.syncRefused', { reason: reason(refusal) })}</span>
      <a href={hrefFor('sync')} data-testid="unit-sync-refused-link">
        {t('registration.unit.syncRefusedAction')}
      </a>
    </p>
  );
}
