import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useForm, type FieldError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { AppErrorShape } from '@shared/result';
import { languages, Settings } from '@shared/session/settings';
import { useAppStore, useLanguage } from '../../app/store';
import { ErrorNotice } from '../../components/error-notice';
import { isSettingsField, textFields, validationMessage, type SettingsField, type TextField } from './field-errors';

type FormInput = z.input<typeof Settings>;
type FormOutput = z.output<typeof Settings>;

// Inputs that help the user type the right thing; validation itself is the shared schema.
const inputProps: Record<TextField, { inputMode?: 'url' | 'numeric'; maxLength?: number; autoComplete: string }> = {
  userName: { autoComplete: 'name' },
  deviceName: { autoComplete: 'off' },
  serverUrl: { inputMode: 'url', autoComplete: 'url' },
  regionCode: { inputMode: 'numeric', maxLength: 9, autoComplete: 'off' },
};

export function SettingsForm({ initial }: { initial: Settings }) {
  const { t } = useTranslation();
  const updateSettings = useAppStore((s) => s.updateSettings);
  const storedLanguage = useLanguage();
  const [saveError, setSaveError] = useState<AppErrorShape | null>(null);
  const [isSaved, setIsSaved] = useState(false);
  const {
    register,
    handleSubmit,
    reset,
    setError,
    resetField,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<FormInput, unknown, FormOutput>({
    // The same schema main parses settings:update with: the form and main refuse the same input.
    resolver: zodResolver(Settings),
    defaultValues: initial,
    mode: 'onTouched',
  });

  // The header's language switch saves on its own; follow it so saving this form later does
  // not quietly switch the language back.
  useEffect(() => {
    resetField('language', { defaultValue: storedLanguage });
  }, [storedLanguage, resetField]);

  const onSubmit = handleSubmit(async (values) => {
    setSaveError(null);
    setIsSaved(false);
    const result = await updateSettings(values);
    if (result.ok) {
      reset(result.value);
      setIsSaved(true);
      return;
    }
    // Main's schema check failed (e.g. an older renderer): put its issues on the fields.
    for (const issue of result.error.issues ?? []) {
      if (isSettingsField(issue.path)) setError(issue.path, { type: 'server', message: issue.message });
    }
    setSaveError(result.error);
  });

  const errorText = (field: SettingsField, error: FieldError | undefined): string | null => {
    if (!error) return null;
    const { key, values } = validationMessage(field, error);
    return t(key, values);
  };

  return (
    <form className="panel form" noValidate onSubmit={(e) => void onSubmit(e)} data-testid="settings-form">
      <h2 className="panel__title">{t('settings.formTitle')}</h2>
      {textFields.map((field) => {
        const message = errorText(field, errors[field]);
        const id = `settings-${field}`;
        return (
          <div className="field" key={field}>
            <label className="field__label" htmlFor={id}>
              {t(`settings.fields.${field}`)}
            </label>
            <input
              id={id}
              type="text"
              className="field__input"
              data-testid={id}
              aria-invalid={message ? true : undefined}
              aria-describedby={`${id}-hint${message ? ` ${id}-error` : ''}`}
              spellCheck={false}
              {...inputProps[field]}
              {...register(field)}
            />
            <p className="field__hint" id={`${id}-hint`}>
              {t(`settings.hints.${field}`)}
            </p>
            {message ? (
              <p className="field__error" id={`${id}-error`} data-testid={`${id}-error`}>
                {message}
              </p>
            ) : null}
          </div>
        );
      })}
      <div className="field">
        <label className="field__label" htmlFor="settings-language">
          {t('settings.fields.language')}
        </label>
        <select
          id="settings-language"
          className="field__input field__input--select"
          data-testid="settings-language"
          aria-invalid={errors.language ? true : undefined}
          aria-describedby={errors.language ? 'settings-language-error' : undefined}
          {...register('language')}
        >
          {languages.map((language) => (
            <option key={language} value={language} lang={language}>
              {t(`languages.${language}`)}
            </option>
          ))}
        </select>
        {errors.language ? (
          <p className="field__error" id="settings-language-error" data-testid="settings-language-error">
            {errorText('language', errors.language)}
          </p>
        ) : null}
      </div>
      {saveError ? <ErrorNotice error={saveError} /> : null}
      <div className="form__actions">
        <button type="submit" className="button button--primary" data-testid="settings-save" disabled={isSubmitting}>
          {isSubmitting ? t('settings.saving') : t('settings.save')}
        </button>
        {/* Always in the DOM so screen readers announce the confirmation when it appears. */}
        <p className="form__status" role="status">
          {isSaved && !isDirty ? (
            <span className="saved" data-testid="settings-saved">
              {t('settings.saved')}
            </span>
          ) : null}
        </p>
      </div>
    </form>
  );
}
