import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MIN_REASON_LENGTH, signoffRoles } from '@shared/ledger/signoff';
import type { LedgerYearView } from '@shared/ledger/wire';
import { useLanguage } from '../../app/store';
import { inParens, joinList } from '../../lib/format';
import { Dialog } from '../registration/dialog';

// Asked before a figure of a signed month is saved: a signed month changes only with a stated
// reason (shared/ledger/signoff.ts, checked again by main). Cancelling keeps the stored figure.

interface Props {
  view: LedgerYearView;
  /** The signed months the change touches. */
  months: readonly number[];
  /** What changes, in words ("1月 零售额：1,200 → 1,250", "粘贴 6 格"). */
  change: string;
  onConfirm(reason: string): void;
  onCancel(): void;
}

export function SignedReasonDialog({ view, months, change, onConfirm, onCancel }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [reason, setReason] = useState('');
  const [isShort, setIsShort] = useState(false);
  const signers = (month: number) =>
    joinList(
      signoffRoles.flatMap((r) => {
        const sig = view.signoffs[month - 1]?.[r];
        return sig ? [`${t(`directory.ledger.signoff.roles.${r}`)} ${sig.name}${inParens(sig.date, language)}`] : [];
      }),
      language,
    );
  return (
    <Dialog title={t('directory.ledger.reasonDialog.title')} testId="ledger-reason-dialog" onClose={onCancel}>
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (reason.trim().length < MIN_REASON_LENGTH) return setIsShort(true);
          onConfirm(reason.trim());
        }}
      >
        <p className="ledger-reason__change" data-testid="ledger-reason-change">
          {change}
        </p>
        {months.map((month) => (
          <p key={month}>{t('directory.ledger.reasonDialog.body', { year: view.year, month, who: signers(month) })}</p>
        ))}
        <label className="field">
          <span className="field__label">{t('directory.ledger.reasonDialog.label')}</span>
          <input
            className="field__input"
            data-testid="ledger-reason"
            autoFocus
            // The paste's own description follows the reason within the 500 characters main takes.
            maxLength={400}
            value={reason}
            placeholder={t('directory.ledger.reasonDialog.placeholder')}
            aria-invalid={isShort ? true : undefined}
            onChange={(e) => {
              setReason(e.target.value);
              setIsShort(false);
            }}
          />
          {isShort ? <span className="field__error">{t('directory.ledger.reasonDialog.tooShort')}</span> : null}
        </label>
        <div className="form__actions">
          <button type="submit" className="button button--primary" data-testid="ledger-reason-confirm">
            {t('directory.ledger.reasonDialog.confirm')}
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t('directory.ledger.reasonDialog.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
