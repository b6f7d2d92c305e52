import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnitDetail } from '@shared/registration/registration';
import type { AppErrorShape } from '@shared/result';
import { hrefFor } from '../../../app/router';
import { ErrorNotice } from '../../../components/error-notice';
import { call } from '../../../lib/api';
import { Dialog } from '../dialog';

// Withdrawing a unit added by mistake (a duplicate, a unit of another area): only units added
// in the field and never submitted. It leaves the lists and counts here and on every laptop it
// reaches, and stays on record under 已撤销 with the reason given here.

const MIN_REASON = 2;

/** Navigation by hash, outside the component (the React compiler keeps render code pure). */
const openHref = (href: string): void => {
  window.location.hash = href;
};
const withdrawable = new Set(['not_started', 'draft', 'completed']);

export const canWithdraw = (detail: Pick<UnitDetail, 'source' | 'status'>): boolean => detail.source === 'field' && withdrawable.has(detail.status);

export function WithdrawUnit({ detail, beforeWithdraw }: { detail: UnitDetail; beforeWithdraw(): Promise<number | null> }) {
  const { t } = useTranslation();
  const [isOpen, setIsOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);

  const withdraw = async () => {
    setIsBusy(true);
    setError(null);
    // What is on screen is saved first, so the version withdrawn is the one the user sees.
    const version = await beforeWithdraw();
    if (version === null) {
      setIsBusy(false);
      return;
    }
    const result = await call('units:withdraw', { id: detail.id, version, reason: reason.trim() });
    setIsBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    openHref(hrefFor('registration'));
  };

  return (
    <>
      <button type="button" className="button button--secondary unit-actions__aside" data-testid="unit-withdraw" onClick={() => setIsOpen(true)}>
        {t('registration.withdraw.open')}
      </button>
      {isOpen ? (
        <Dialog title={t('registration.withdraw.title')} testId="withdraw-dialog" onClose={() => setIsOpen(false)}>
          <form
            className="form"
            onSubmit={(e) => {
              e.preventDefault();
              if (reason.trim().length >= MIN_REASON) void withdraw();
            }}
          >
            <p>{t('registration.withdraw.body', { name: detail.name })}</p>
            <div className="field">
              <label className="field__label" htmlFor="withdraw-reason">
                {t('registration.withdraw.reason')}
              </label>
              <textarea
                id="withdraw-reason"
                className="field__input field__textarea"
                data-testid="withdraw-reason"
                required
                maxLength={500}
                rows={3}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
              <p className="field__hint">{t('registration.withdraw.hint')}</p>
            </div>
            {error ? <ErrorNotice error={error} /> : null}
            <div className="form__actions">
              <button type="submit" className="button button--danger" data-testid="withdraw-confirm" disabled={reason.trim().length < MIN_REASON || isBusy}>
                {t('registration.withdraw.confirm')}
              </button>
              <button type="button" className="button button--secondary" onClick={() => setIsOpen(false)}>
                {t('registration.cancel')}
              </button>
            </div>
          </form>
        </Dialog>
      ) : null}
    </>
  );
}
