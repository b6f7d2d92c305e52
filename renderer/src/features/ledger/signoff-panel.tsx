import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { signoffRoles, type SignoffRole } from '@shared/ledger/signoff';
import type { LedgerYearView } from '@shared/ledger/wire';
import type { AppErrorShape } from '@shared/result';
import { useLanguage } from '../../app/store';
import { ErrorNotice } from '../../components/error-notice';
import { call } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { useLedger } from './ledger-store';

// The sign-off of the month in focus: each of the unit's two signers (统计负责人, 单位负责人) signs
// with a name as typed and a date; each signature is its own synced field, so the two can sign
// on different laptops. A month whose figures changed after signing says so.

const today = (): string => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

function SignerRow({ view, month, role }: { view: LedgerYearView; month: number; role: SignoffRole }) {
  const { t } = useTranslation();
  const setView = useLedger((s) => s.setView);
  const sig = view.signoffs[month - 1]?.[role] ?? null;
  const [name, setName] = useState(sig?.name ?? '');
  const [date, setDate] = useState(today());
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [isNameMissing, setIsNameMissing] = useState(false);
  const [isBusy, setIsBusy] = useState(false);
  /** A signed row shows its signature; signing again opens the form. */
  const [isSigning, setIsSigning] = useState(sig === null);

  const sign = async () => {
    setError(null);
    if (name.trim() === '') return setIsNameMissing(true);
    setIsBusy(true);
    const result = await call('ledger:sign', { enterpriseId: view.enterpriseId, year: view.year, month, role, name: name.trim(), date });
    setIsBusy(false);
    if (!result.ok) return setError(result.error);
    setView(result.value);
    setIsSigning(false);
  };

  return (
    <div className="signoff__row" data-testid={`signoff-${role}`} data-signed={sig ? '' : undefined}>
      <p className="signoff__who">
        <strong>{t(`directory.ledger.signoff.roles.${role}`)}</strong>
        {sig ? (
          <span className="signoff__signed" data-testid={`signoff-${role}-signed`}>
            {t('directory.ledger.signoff.signedBy', { name: sig.name, date: sig.date })}
          </span>
        ) : (
          <span className="muted">{t('directory.ledger.signoff.notSigned')}</span>
        )}
      </p>
      {isSigning ? (
        <div className="signoff__form">
          <label className="field">
            <span className="field__label">{t('directory.ledger.signoff.name')}</span>
            <input
              className="field__input"
              data-testid={`signoff-${role}-name`}
              maxLength={40}
              value={name}
              aria-invalid={isNameMissing ? true : undefined}
              onChange={(e) => {
                setName(e.target.value);
                setIsNameMissing(false);
              }}
            />
          </label>
          <label className="field">
            <span className="field__label">{t('directory.ledger.signoff.date')}</span>
            <input className="field__input" type="date" data-testid={`signoff-${role}-date`} value={date} max={today()} onChange={(e) => setDate(e.target.value)} />
          </label>
          <button type="button" className="button button--secondary" data-testid={`signoff-${role}-sign`} disabled={isBusy} onClick={() => void sign()}>
            {t('directory.ledger.signoff.sign')}
          </button>
        </div>
      ) : (
        <button type="button" className="button button--secondary signoff__again" data-testid={`signoff-${role}-again`} onClick={() => setIsSigning(true)}>
          {t('directory.ledger.signoff.resign')}
        </button>
      )}
      {isNameMissing ? <p className="field__error">{t('directory.ledger.signoff.nameRequired')}</p> : null}
      {error ? <ErrorNotice error={error} /> : null}
    </div>
  );
}

export function SignoffPanel({ view, month }: { view: LedgerYearView; month: number }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const s = view.signoffs[month - 1];
  const isEmpty = !Object.values(view.months[month - 1] ?? {}).some((v) => v !== null && v !== undefined);
  return (
    <section className="panel signoff" data-testid="ledger-signoff" data-state={s?.state} aria-labelledby="ledger-signoff-title">
      <h2 className="panel__title" id="ledger-signoff-title">
        {t('directory.ledger.signoff.title', { year: view.year, month })}
      </h2>
      <p className="field__hint">{t('directory.ledger.signoff.hint')}</p>
      {s?.state === 'changedAfterSigning' && s.lastChangeAt ? (
        <p className="notice notice--warn" data-testid="ledger-signoff-changed">
          {t('directory.ledger.signoff.changedAfter', { at: formatDateTime(s.lastChangeAt, language) })}
        </p>
      ) : null}
      {isEmpty ? (
        <p className="muted">{t('directory.ledger.signoff.emptyMonth')}</p>
      ) : (
        // Keyed by month: a name typed for March never carries over to April.
        signoffRoles.map((role) => <SignerRow key={`${view.enterpriseId}:${view.year}:${month}:${role}`} view={view} month={month} role={role} />)
      )}
    </section>
  );
}
