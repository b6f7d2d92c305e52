import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../lib/api';
import { useCall } from '../../lib/use-call';
import { useSyncStore } from '../sync/store';
import { PackChanges } from './pack-changes';
import { usePacksStore } from './packs-store';

// What a sync did to the forms: a version the bureau published came into force here (what
// changed, until the user says they have read it), or one was refused and the forms in use stay
// (why). Read again after every sync.

export function PackUpdateNotice() {
  const { t } = useTranslation();
  const lastSyncAt = useSyncStore((s) => s.status.value?.lastSyncAt ?? null);
  const notice = useCall('forms:notice', undefined, { reloadKey: lastSyncAt });
  const loadList = usePacksStore((s) => s.loadList);
  const value = notice.value;

  // A new pack in force: the packs list (which one is current) is read again.
  useEffect(() => {
    if (value?.kind === 'updated') void loadList(true);
  }, [value, loadList]);

  if (!value) return null;
  const dismiss = async () => {
    const result = await call('forms:dismissNotice', { id: value.id });
    if (result.ok) notice.replace(result.value);
  };
  if (value.kind === 'refused') {
    return (
      <div className="notice notice--warn pack-notice" role="alert" data-testid="pack-refused">
        <p>{t('forms.notice.refused', { ref: value.ref, previous: value.previousRef })}</p>
        <p className="muted">{value.message}</p>
        <button type="button" className="button" data-testid="pack-notice-dismiss" onClick={() => void dismiss()}>
          {t('forms.notice.dismiss')}
        </button>
      </div>
    );
  }
  return (
    <div className="notice notice--info pack-notice" role="status" data-testid="pack-updated">
      <p>
        <strong>{t('forms.notice.updated', { ref: value.ref, previous: value.previousRef })}</strong>
      </p>
      <p className="muted">{t('forms.notice.drafts')}</p>
      <PackChanges changes={value.changes} testId="pack-updated-changes" />
      <button type="button" className="button" data-testid="pack-notice-dismiss" onClick={() => void dismiss()}>
        {t('forms.notice.dismiss')}
      </button>
    </div>
  );
}
