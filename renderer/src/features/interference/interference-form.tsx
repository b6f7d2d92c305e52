import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, useWatch, type FieldError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import {
  InterferenceDraft,
  interferenceManners,
  interferenceResponses,
  type InterferenceEntry,
  type ParsedInterferenceDraft,
} from '@shared/interference/entry';
import type { AppErrorShape } from '@shared/result';
import { ErrorNotice } from '../../components/error-notice';
import { call } from '../../lib/api';
import { problemOf } from './problems';

// One new entry of the register, or the correction of one (prefilled with it, naming it, with a
// reason). The form and main parse the same schema; saving is final, which the form says.

type FormInput = InterferenceDraft;
type Field = keyof FormInput;

const today = (): string => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

function initialOf(corrects: InterferenceEntry | null): FormInput {
  if (corrects === null) {
    return { actorName: '', actorPost: '', actorUnit: '', occurredOn: today(), manner: 'oral', indicator: '', period: '', subject: '', request: '', response: 'refused', reportedTo: '', responseNote: '', corrects: null, correctionReason: '' };
  }
  const { id, recordedAt: _a, recordedById: _b, recordedByName: _c, corrects: _d, correctionReason: _e, ...fields } = corrects;
  return { ...fields, corrects: id, correctionReason: '' };
}

const fieldNames: readonly string[] = ['actorName', 'actorPost', 'actorUnit', 'occurredOn', 'manner', 'indicator', 'period', 'subject', 'request', 'response', 'reportedTo', 'responseNote', 'corrects', 'correctionReason'];
const isField = (name: string): name is Field => fieldNames.includes(name);

export function InterferenceForm(props: { corrects: InterferenceEntry | null; correctsNo: number | null; onSaved(entry: InterferenceEntry): void; onCancel(): void }) {
  const { t } = useTranslation();
  const [saveError, setSaveError] = useState<AppErrorShape | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    control,
    formState: { errors, isSubmitting },
  } = useForm<FormInput, unknown, ParsedInterferenceDraft>({
    resolver: zodResolver(InterferenceDraft),
    defaultValues: initialOf(props.corrects),
    mode: 'onTouched',
  });
  const response = useWatch({ control, name: 'response' });

  const onSubmit = handleSubmit(async (values) => {
    setSaveError(null);
    const result = await call('interference:record', values);
    if (result.ok) {
      props.onSaved(result.value);
      return;
    }
    for (const issue of result.error.issues ?? []) {
      if (isField(issue.path)) setError(issue.path, { type: 'server', message: issue.message });
    }
    setSaveError(result.error);
  });

  const problem = (error: FieldError | undefined) =>
    error ? (
      <span className="field__error" role="alert">
        {t(`interference.problems.${problemOf(error.message)}`)}
      </span>
    ) : null;

  const text = (name: Exclude<Field, 'manner' | 'response' | 'corrects'>, opts: { max: number; placeholder?: string; isLong?: boolean; isRequired?: boolean }) => {
    const id = `itf-${name}`;
    return (
      <div className={`field itf-field itf-field--${name}`}>
        <label className="field__label" htmlFor={id}>
          {t(`interference.form.${name}`)}
          {opts.isRequired ? <span aria-hidden="true"> *</span> : null}
        </label>
        {opts.isLong ? (
          <textarea id={id} className="field__input itf-textarea" rows={3} maxLength={opts.max} placeholder={opts.placeholder} data-testid={id} aria-invalid={errors[name] ? true : undefined} {...register(name)} />
        ) : (
          <input id={id} className="field__input" maxLength={opts.max} type={name === 'occurredOn' ? 'date' : 'text'} placeholder={opts.placeholder} data-testid={id} aria-invalid={errors[name] ? true : undefined} {...register(name)} />
        )}
        {problem(errors[name])}
      </div>
    );
  };

  return (
    <form className="panel form itf-form" noValidate data-testid="interference-form" onSubmit={(e) => void onSubmit(e)}>
      <h2 className="panel__title">{props.corrects ? t('interference.form.correctTitle', { no: props.correctsNo ?? '' }) : t('interference.form.newTitle')}</h2>
      {props.corrects ? <p className="muted">{t('interference.form.correctHint')}</p> : null}
      <fieldset className="itf-group">
        <legend className="field__label">{t('interference.form.who')}</legend>
        <div className="itf-row">
          {text('actorName', { max: 40, isRequired: true })}
          {text('actorPost', { max: 60, isRequired: true })}
          {text('actorUnit', { max: 100, isRequired: true })}
        </div>
        <div className="itf-row">
          {text('occurredOn', { max: 10, isRequired: true })}
          <div className="field itf-field">
            <label className="field__label" htmlFor="itf-manner">
              {t('interference.form.manner')}
            </label>
            <select id="itf-manner" className="field__input field__input--select" data-testid="itf-manner" {...register('manner')}>
              {interferenceManners.map((m) => (
                <option key={m} value={m}>
                  {t(`interference.manners.${m}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
      </fieldset>
      <fieldset className="itf-group">
        <legend className="field__label">{t('interference.form.figure')}</legend>
        <div className="itf-row">
          {text('indicator', { max: 100, placeholder: t('interference.form.indicatorPlaceholder'), isRequired: true })}
          {text('period', { max: 40, placeholder: t('interference.form.periodPlaceholder'), isRequired: true })}
          {text('subject', { max: 200 })}
        </div>
        {text('request', { max: 2_000, isLong: true, isRequired: true })}
      </fieldset>
      <fieldset className="itf-group">
        <legend className="field__label">{t('interference.form.answer')}</legend>
        <div className="itf-row" role="radiogroup" aria-label={t('interference.form.response')}>
          {interferenceResponses.map((r) => (
            <label key={r} className="checkbox">
              <input type="radio" value={r} data-testid={`itf-response-${r}`} {...register('response')} /> {t(`interference.responses.${r}`)}
            </label>
          ))}
        </div>
        <div className="itf-row">
          {text('reportedTo', { max: 100, placeholder: t('interference.form.reportedToPlaceholder'), isRequired: response === 'reported' })}
        </div>
        {text('responseNote', { max: 2_000, isLong: true, isRequired: response === 'other' })}
      </fieldset>
      {props.corrects ? text('correctionReason', { max: 500, isRequired: true }) : null}
      <p className="field__hint">{t('interference.form.appendOnly')}</p>
      {saveError ? <ErrorNotice error={saveError} /> : null}
      <div className="form__actions">
        <button type="submit" className="button button--primary" data-testid="itf-save" disabled={isSubmitting}>
          {t('interference.form.save')}
        </button>
        <button type="button" className="button button--secondary" data-testid="itf-cancel" onClick={props.onCancel}>
          {t('interference.form.cancel')}
        </button>
      </div>
    </form>
  );
}
