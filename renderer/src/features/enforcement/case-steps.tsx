import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { caseActions, nextAction, penaltyKinds, transferTargets, type CaseAction, type PenaltyKind, type TransferTarget } from '@shared/enforcement/case-machine';
import type { CaseRecord } from '@shared/enforcement/records';
import type { AppErrorShape } from '@shared/result';
import { ErrorNotice } from '../../components/error-notice';
import { call } from '../../lib/api';

// The forms that move a case: the next step (any step may be asked for; main refuses a skipped
// one or a close before a decision with its reason, changing nothing), and a 移送 record.

const today = (): string => new Date().toISOString().slice(0, 10);

export function StepForm({ record, onChanged }: { record: CaseRecord; onChanged(r: CaseRecord): void }) {
  const { t } = useTranslation();
  const [action, setAction] = useState<CaseAction>(nextAction(record.state) ?? 'close');
  const [on, setOn] = useState(today());
  const [note, setNote] = useState('');
  const [penalties, setPenalties] = useState<PenaltyKind[]>([]);
  const [fine, setFine] = useState('');
  const [documentNo, setDocumentNo] = useState('');
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const submit = async () => {
    setError(null);
    setIsBusy(true);
    const fineYuan = fine.trim() === '' ? null : Number(fine.replace(/[,，\s]/g, ''));
    const r = await call('enforce:caseAct', {
      id: record.id,
      action,
      on,
      note,
      decision: action === 'decide' ? { penalties, fineYuan: fineYuan !== null && Number.isFinite(fineYuan) ? fineYuan : null, documentNo } : null,
    });
    setIsBusy(false);
    if (!r.ok) return setError(r.error);
    setNote('');
    setAction(nextAction(r.value.state) ?? 'close');
    onChanged(r.value);
  };
  return (
    <form
      className="panel form enforce-form"
      noValidate
      data-testid="case-step-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2 className="panel__title">{t('enforcement.case.nextTitle')}</h2>
      <div className="enforce-form__row">
        <label className="field enforce-form__field">
          <span className="field__label">{t('enforcement.case.action')}</span>
          <select className="field__input field__input--select" data-testid="case-action" value={action} onChange={(e) => setAction(caseActions.find((a) => a === e.target.value) ?? 'investigate')}>
            {caseActions.map((a) => (
              <option key={a} value={a}>
                {t(`enforcement.action.${a}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field enforce-form__field">
          <span className="field__label">{t('enforcement.case.on')}</span>
          <input className="field__input" type="date" data-testid="case-step-on" value={on} onChange={(e) => setOn(e.target.value)} />
        </label>
      </div>
      {action === 'decide' ? (
        <fieldset className="dir-fieldset" data-testid="decision-fields">
          <legend className="field__label">{t('enforcement.case.decision')}</legend>
          <div className="enforce-choices">
            {penaltyKinds.map((p) => (
              <label key={p} className="checkbox">
                <input type="checkbox" data-testid={`penalty-${p}`} checked={penalties.includes(p)} onChange={(e) => setPenalties((s) => (e.target.checked ? [...s, p] : s.filter((x) => x !== p)))} /> {t(`enforcement.penalty.${p}`)}
              </label>
            ))}
          </div>
          <div className="enforce-form__row">
            <label className="field enforce-form__field">
              <span className="field__label">{t('enforcement.case.fineYuan')}</span>
              <input className="field__input" inputMode="numeric" data-testid="fine-yuan" value={fine} onChange={(e) => setFine(e.target.value)} />
            </label>
            <label className="field enforce-form__field">
              <span className="field__label">{t('enforcement.case.documentNo')}</span>
              <input className="field__input" data-testid="decision-no" maxLength={60} value={documentNo} onChange={(e) => setDocumentNo(e.target.value)} />
            </label>
          </div>
        </fieldset>
      ) : null}
      <label className="field">
        <span className="field__label">{t('enforcement.case.note')}</span>
        <textarea className="field__input dir-textarea" data-testid="case-step-note" rows={2} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      {error ? <ErrorNotice error={error} onDismiss={() => setError(null)} /> : null}
      <div className="form__actions">
        <button type="submit" className="button button--primary" data-testid="case-step-submit" disabled={isBusy}>
          {t('enforcement.case.record')}
        </button>
      </div>
    </form>
  );
}

export function TransferForm({ record, onChanged }: { record: CaseRecord; onChanged(r: CaseRecord): void }) {
  const { t } = useTranslation();
  const [target, setTarget] = useState<TransferTarget>('discipline');
  const [on, setOn] = useState(today());
  const [toName, setToName] = useState('');
  const [documentNo, setDocumentNo] = useState('');
  const [error, setError] = useState<AppErrorShape | null>(null);
  const submit = async () => {
    setError(null);
    const r = await call('enforce:caseTransfer', { id: record.id, target, on, toName, documentNo });
    if (!r.ok) return setError(r.error);
    setToName('');
    setDocumentNo('');
    onChanged(r.value);
  };
  return (
    <form
      className="enforce-form"
      noValidate
      data-testid="transfer-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="enforce-form__row">
        <label className="field enforce-form__field">
          <span className="field__label">{t('enforcement.transfer.target')}</span>
          <select className="field__input field__input--select" data-testid="transfer-target" value={target} onChange={(e) => setTarget(transferTargets.find((x) => x === e.target.value) ?? 'discipline')}>
            {transferTargets.map((x) => (
              <option key={x} value={x}>
                {t(`enforcement.transfer.targets.${x}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field enforce-form__field">
          <span className="field__label">{t('enforcement.transfer.on')}</span>
          <input className="field__input" type="date" data-testid="transfer-on" value={on} onChange={(e) => setOn(e.target.value)} />
        </label>
        <label className="field enforce-form__field">
          <span className="field__label">{t('enforcement.transfer.toName')}</span>
          <input className="field__input" data-testid="transfer-to" maxLength={100} value={toName} onChange={(e) => setToName(e.target.value)} />
        </label>
        <label className="field enforce-form__field">
          <span className="field__label">{t('enforcement.transfer.documentNo')}</span>
          <input className="field__input" data-testid="transfer-no" maxLength={60} value={documentNo} onChange={(e) => setDocumentNo(e.target.value)} />
        </label>
      </div>
      {error ? <ErrorNotice error={error} onDismiss={() => setError(null)} /> : null}
      <button type="submit" className="button button--secondary" data-testid="transfer-submit" disabled={toName.trim().length < 2 || !documentNo.trim()}>
        {t('enforcement.transfer.record')}
      </button>
    </form>
  );
}
