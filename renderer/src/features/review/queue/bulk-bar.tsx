import { useTranslation } from 'react-i18next';
import type { ReviewQueueRow } from '@shared/review/queue';
import { useLanguage } from '../../../app/store';
import { ErrorNotice } from '../../../components/error-notice';
import { colon } from '../../../lib/format';
import { showToast } from '../../../components/toast';
import { useQueueStore } from './queue-store';

// Bulk approval (supervisor) or acceptance (bureau) of clean units — no 强制性 and no 核实性
// findings. Each unit is still decided and recorded on its own; main skips any that changed
// meanwhile and says why.

interface Props {
  decision: 'approve' | 'accept';
  rows: readonly ReviewQueueRow[];
}

export function BulkBar({ decision, rows }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const selected = useQueueStore((s) => s.selected);
  const setSelected = useQueueStore((s) => s.setSelected);
  const bulk = useQueueStore((s) => s.bulk);
  const isBusy = useQueueStore((s) => s.isBulkBusy);
  const result = useQueueStore((s) => s.bulkResult);
  const error = useQueueStore((s) => s.bulkError);
  const dismiss = useQueueStore((s) => s.dismissBulk);
  const clean = rows.filter((r) => r.isClean);
  const names = new Map(rows.map((r) => [r.id, r.name]));
  return (
    <section className="bulk-bar" data-testid="bulk-bar" aria-label={t(`review.bulk.${decision}.label`)}>
      <div className="bulk-bar__row">
        <button
          type="button"
          className="button button--secondary"
          data-testid="bulk-select-clean"
          disabled={clean.length === 0}
          onClick={() => setSelected(selected.size === clean.length ? [] : clean.map((r) => r.id))}
        >
          {selected.size === clean.length && clean.length > 0
            ? t('review.bulk.clearAll')
            : t('review.bulk.selectClean', { count: clean.length })}
        </button>
        <button
          type="button"
          className="button button--primary"
          data-testid="bulk-run"
          disabled={selected.size === 0 || isBusy}
          onClick={() =>
            void bulk(decision).then(() => {
              const done = useQueueStore.getState().bulkResult?.done.length ?? 0;
              if (done > 0) showToast(t(decision === 'approve' ? 'toast.bulkApprove' : 'toast.bulkAccept', { count: done }));
            })
          }
        >
          {t(`review.bulk.${decision}.run`, { count: selected.size })}
        </button>
        <span className="muted">{t('review.bulk.each')}</span>
      </div>
      {error ? <ErrorNotice error={error} onDismiss={dismiss} /> : null}
      {result ? (
        <div className="notice notice--ok" role="status" data-testid="bulk-result" data-done={result.done.length}>
          <div className="notice__text">
            <p>{t(`review.bulk.${decision}.done`, { count: result.done.length })}</p>
            {result.skipped.length > 0 ? (
              <>
                <p>{t('review.bulk.skipped', { count: result.skipped.length })}</p>
                <ul data-testid="bulk-skipped">
                  {result.skipped.map((s) => (
                    <li key={s.unitId} title={s.message}>
                      {names.get(s.unitId) ?? s.unitId}
                      {colon(language)}
                      {t(`review.bulk.reasons.${s.reason}`)}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </div>
          <div className="notice__actions">
            <button type="button" className="button button--secondary" onClick={dismiss}>
              {t('app.dismiss')}
            </button>
          </div>
        </div>
      ) : null}
    </section>
  );
}
