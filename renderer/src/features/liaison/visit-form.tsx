import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contactForms, VisitContent, type ContactForm } from '@shared/liaison/sync-fields';
import type { LiaisonView } from '@shared/liaison/liaison';
import type { AppErrorShape } from '@shared/result';
import { ErrorNotice } from '../../components/error-notice';
import { call } from '../../lib/api';
import { todayIso } from '../directory/format';

// One visit: logged new, or corrected by its author (the earlier wording is kept by main).

export interface VisitDraft {
  date: string;
  form: ContactForm;
  discussed: string;
  nextStep: string;
  nextDue: string;
}

export const emptyVisit = (): VisitDraft => ({ date: todayIso(), form: 'visit', discussed: '', nextStep: '', nextDue: '' });

export function VisitForm({ enterpriseId, visitId, initial, onSaved, onCancel }: { enterpriseId: string; visitId?: string; initial: VisitDraft; onSaved(v: LiaisonView): void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const set = (patch: Partial<VisitDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const prefix = visitId ? 'visit-edit' : 'visit';

  const submit = async () => {
    setError(null);
    const parsed = VisitContent.safeParse({ ...draft, nextDue: draft.nextDue === '' ? null : draft.nextDue });
    if (!parsed.success) {
      const path = String(parsed.error.issues[0]?.path[0] ?? '');
      return setProblem(path === 'discussed' ? t('liaison.visit.needDiscussed') : t('liaison.visit.needDate'));
    }
    setProblem(null);
    setIsBusy(true);
    const r = visitId ? await call('liaison:correctVisit', { enterpriseId, visitId, ...parsed.data }) : await call('liaison:addVisit', { enterpriseId, ...parsed.data });
    setIsBusy(false);
    if (!r.ok) return setError(r.error);
    if (!visitId) setDraft(emptyVisit());
    onSaved(r.value);
  };

  return (
    <form
      className="liaison-visit-form"
      data-testid={`${prefix}-form`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="dir-inline">
        <label className="dir-inline">
          {t('liaison.visit.date')}
          <input type="date" className="field__input dir-date" data-testid={`${prefix}-date`} value={draft.date} max={todayIso()} onChange={(e) => set({ date: e.target.value })} />
        </label>
        <label className="dir-inline">
          {t('liaison.visit.form')}
          <select className="field__input field__input--select" data-testid={`${prefix}-kind`} value={draft.form} onChange={(e) => set({ form: contactForms.find((f) => f === e.target.value) ?? 'other' })}>
            {contactForms.map((f) => (
              <option key={f} value={f}>
                {t(`liaison.forms.${f}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="field">
        <span className="field__label">{t('liaison.visit.discussed')}</span>
        <textarea
          className="field__input dir-textarea"
          data-testid={`${prefix}-discussed`}
          rows={2}
          maxLength={2000}
          placeholder={t('liaison.visit.discussedPlaceholder')}
          value={draft.discussed}
          aria-invalid={problem !== null && draft.discussed.trim() === '' ? true : undefined}
          onChange={(e) => set({ discussed: e.target.value })}
        />
      </label>
      <div className="dir-inline">
        <label className="dir-inline liaison-next">
          {t('liaison.visit.nextStep')}
          <input className="field__input" data-testid={`${prefix}-next`} maxLength={500} value={draft.nextStep} onChange={(e) => set({ nextStep: e.target.value })} />
        </label>
        <label className="dir-inline">
          {t('liaison.visit.nextDue')}
          <input type="date" className="field__input dir-date" data-testid={`${prefix}-due`} value={draft.nextDue} onChange={(e) => set({ nextDue: e.target.value })} />
        </label>
      </div>
      {problem ? (
        <p className="field__error" role="alert">
          {problem}
        </p>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
      <div className="dir-inline">
        <button type="submit" className="button button--primary" data-testid={`${prefix}-save`} disabled={isBusy}>
          {visitId ? t('liaison.visit.saveCorrection') : t('liaison.visit.add')}
        </button>
        {onCancel ? (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t('liaison.visit.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
