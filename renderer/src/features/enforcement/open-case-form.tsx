import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { violationTypes, type ViolationType } from '@shared/enforcement/case-machine';
import type { AppErrorShape } from '@shared/result';
import { ErrorNotice } from '../../components/error-notice';
import { call } from '../../lib/api';
import { EnterprisePicker } from './enterprise-picker';
import { enforceHref } from './enforcement-page';

// 立案: a case on an enterprise (one drawn in a draw, or picked from the directory) with its
// number, the day, and what it is about (one or several violation types; 其他 needs its text).

export function ViolationChoices({ value, other, onChange, onOther, testId }: { value: ViolationType[]; other: string; onChange(v: ViolationType[]): void; onOther(v: string): void; testId: string }) {
  const { t } = useTranslation();
  return (
    <fieldset className="dir-fieldset">
      <legend className="field__label">{t('enforcement.case.violations')}</legend>
      <div className="enforce-choices">
        {violationTypes.map((v) => (
          <label key={v} className="checkbox">
            <input type="checkbox" data-testid={`${testId}-${v}`} checked={value.includes(v)} onChange={(e) => onChange(e.target.checked ? [...value, v] : value.filter((x) => x !== v))} /> {t(`enforcement.violation.${v}`)}
          </label>
        ))}
      </div>
      {value.includes('other') ? <input className="field__input" data-testid={`${testId}-other-text`} aria-label={t('enforcement.case.otherText')} placeholder={t('enforcement.case.otherText')} maxLength={200} value={other} onChange={(e) => onOther(e.target.value)} /> : null}
    </fieldset>
  );
}

export function OpenCaseForm({ enterprise, drawId, onCancel }: { enterprise: { id: string; name: string } | null; drawId: string | null; onCancel?: () => void }) {
  const { t } = useTranslation();
  const [picked, setPicked] = useState(enterprise);
  const [caseNo, setCaseNo] = useState('');
  const [filedOn, setFiledOn] = useState(new Date().toISOString().slice(0, 10));
  const [violations, setViolations] = useState<ViolationType[]>([]);
  const [other, setOther] = useState('');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<'enterprise' | 'caseNo' | 'violations' | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const open = async () => {
    if (!picked) return setProblem('enterprise');
    if (!caseNo.trim()) return setProblem('caseNo');
    if (violations.length === 0) return setProblem('violations');
    setProblem(null);
    setIsBusy(true);
    const r = await call('enforce:caseOpen', { enterpriseId: picked.id, drawId, caseNo: caseNo.trim(), filedOn, violations, otherText: other, note });
    setIsBusy(false);
    if (!r.ok) return setError(r.error);
    window.location.hash = enforceHref('case', r.value.id);
  };
  return (
    <form
      className="panel form enforce-form"
      noValidate
      data-testid="case-open-form"
      onSubmit={(e) => {
        e.preventDefault();
        void open();
      }}
    >
      <h2 className="panel__title">{enterprise ? t('enforcement.case.openFor', { name: enterprise.name }) : t('enforcement.case.openTitle')}</h2>
      {enterprise ? null : (
        <div className="field">
          <span className="field__label">{t('enforcement.case.enterprise')}</span>
          <EnterprisePicker value={picked} onChange={setPicked} testId="case-enterprise" />
          {problem === 'enterprise' ? <span className="field__error">{t('enforcement.case.needEnterprise')}</span> : null}
        </div>
      )}
      <div className="enforce-form__row">
        <label className="field enforce-form__field">
          <span className="field__label">{t('enforcement.case.caseNo')}</span>
          <input className="field__input" data-testid="case-no" maxLength={60} placeholder={t('enforcement.case.caseNoPlaceholder')} value={caseNo} onChange={(e) => setCaseNo(e.target.value)} />
          {problem === 'caseNo' ? <span className="field__error">{t('enforcement.case.needCaseNo')}</span> : null}
        </label>
        <label className="field enforce-form__field">
          <span className="field__label">{t('enforcement.case.filedOn')}</span>
          <input className="field__input" type="date" data-testid="case-filed-on" value={filedOn} onChange={(e) => setFiledOn(e.target.value)} />
        </label>
      </div>
      <ViolationChoices value={violations} other={other} onChange={setViolations} onOther={setOther} testId="case-violation" />
      {problem === 'violations' ? <span className="field__error">{t('enforcement.case.needViolation')}</span> : null}
      <label className="field">
        <span className="field__label">{t('enforcement.case.note')}</span>
        <textarea className="field__input dir-textarea" rows={2} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      {error ? <ErrorNotice error={error} onDismiss={() => setError(null)} /> : null}
      <div className="form__actions">
        <button type="submit" className="button button--primary" data-testid="case-open" disabled={isBusy}>
          {t('enforcement.case.open')}
        </button>
        {onCancel ? (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t('enforcement.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
