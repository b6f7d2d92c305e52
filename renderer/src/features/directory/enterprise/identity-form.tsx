import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { useBuiltinPack } from '../../forms/packs-store';
import { EnterpriseFields, enterpriseStatuses, type EnterpriseDetail } from '@shared/directory/directory';
import type { AppErrorShape } from '@shared/result';
import { normaliseIdentifier } from '@shared/census/identifiers';
import { normaliseInput, type InputKind } from '@shared/text/normalise';
import { useLanguage } from '../../../app/store';
import { ErrorNotice } from '../../../components/error-notice';
import { call } from '../../../lib/api';
import type { EnterpriseFieldKey } from '../field-labels';
import { useEnterprise } from './enterprise-store';

// Editing an enterprise's identity (工商变更, 状态变化, a new 包保责任人). Validated with the very
// schema main parses enterprises:save with; the version shown goes along, so an edit made
// meanwhile on another device comes back as a conflict instead of being overwritten.

type FormInput = z.input<typeof EnterpriseFields>;
type FormOutput = z.output<typeof EnterpriseFields>;

type TextKey = Extract<EnterpriseFieldKey, 'name' | 'uscc' | 'orgCode' | 'address' | 'divisionCode' | 'industryCode' | 'liaison' | 'legalRepresentative' | 'phone' | 'statusNote'>;

const textInputs: readonly { key: TextKey; mono?: boolean; max?: number }[] = [
  { key: 'name' },
  // No maxLength: a code typed with spaces or hyphens (9135 0100-M000…) is longer until normalised.
  { key: 'uscc', mono: true },
  { key: 'orgCode', mono: true },
  { key: 'address' },
  { key: 'divisionCode', mono: true, max: 12 },
  { key: 'industryCode', mono: true, max: 4 },
  { key: 'liaison' },
  { key: 'legalRepresentative' },
  { key: 'phone' },
  { key: 'statusNote' },
];

// Full-width digits and letters, and spaces inside codes, are normalised before the schema
// checks them (shared/text/normalise.ts): ９１３５… is the USCC 9135…; a USCC also loses its
// hyphens and is upper-cased (normaliseIdentifier).
const inputKinds: Record<TextKey, InputKind> = {
  name: 'text',
  uscc: 'code',
  orgCode: 'code',
  address: 'text',
  divisionCode: 'code',
  industryCode: 'code',
  liaison: 'text',
  legalRepresentative: 'text',
  phone: 'contact',
  statusNote: 'text',
};

export function IdentityForm({ detail, onDone }: { detail: EnterpriseDetail; onDone(): void }) {
  const { t } = useTranslation();
  const pack = useBuiltinPack();
  const language = useLanguage();
  const setDetail = useEnterprise((s) => s.setDetail);
  const reloadDetail = useEnterprise((s) => s.reloadDetail);
  const [reason, setReason] = useState('');
  const [saveError, setSaveError] = useState<AppErrorShape | null>(null);
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<FormInput, unknown, FormOutput>({ resolver: zodResolver(EnterpriseFields), defaultValues: detail.fields, mode: 'onTouched' });

  const onSubmit = handleSubmit(async (fields) => {
    setSaveError(null);
    const result = await call('enterprises:save', { id: detail.id, version: detail.version, fields, ...(reason.trim() ? { reason: reason.trim() } : {}) });
    if (result.ok) {
      setDetail(result.value);
      onDone();
      return;
    }
    setSaveError(result.error);
    if (result.error.code === 'CONFLICT') void reloadDetail();
  });

  const name = (code: { zh: string; en: string }) => (language === 'en' ? code.en : code.zh);

  return (
    <form className="panel form identity-form" noValidate data-testid="identity-form" onSubmit={(e) => void onSubmit(e)}>
      <p className="field__hint">{t('directory.identity.identityHint')}</p>
      <div className="identity-form__grid">
        {textInputs.map(({ key, mono, max }) => (
          <div className="field" key={key}>
            <label className="field__label" htmlFor={`identity-${key}`}>
              {t(`directory.fields.${key}`)}
            </label>
            <input
              id={`identity-${key}`}
              className={`field__input${mono ? ' mono' : ''}`}
              maxLength={max}
              aria-invalid={errors[key] ? true : undefined}
              data-testid={`identity-${key}`}
              {...register(key, { setValueAs: (v: unknown) => (typeof v !== 'string' ? v : key === 'uscc' || key === 'orgCode' ? normaliseIdentifier(v) : normaliseInput(v, inputKinds[key])) })}
            />
            {errors[key] ? <p className="field__error">{t(`directory.identity.errors.${key}`)}</p> : null}
          </div>
        ))}
        <div className="field">
          <label className="field__label" htmlFor="identity-registrationCategory">
            {t('directory.fields.registrationCategory')}
          </label>
          <select id="identity-registrationCategory" className="field__input" {...register('registrationCategory')}>
            <option value="">—</option>
            {(pack?.offeredEntries('registrationCategory') ?? []).map((c) => (
              <option key={c.code} value={c.code}>
                {c.code} {name(c)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor="identity-institutionType">
            {t('directory.fields.institutionType')}
          </label>
          <select id="identity-institutionType" className="field__input" {...register('institutionType')}>
            <option value="">—</option>
            {(pack?.offeredEntries('institutionType') ?? []).map((c) => (
              <option key={c.code} value={c.code}>
                {c.code} {name(c)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor="identity-scale">
            {t('directory.fields.scale')}
          </label>
          <select id="identity-scale" className="field__input" data-testid="identity-scale" {...register('scale')}>
            <option value="below">{t('directory.scale.below')}</option>
            <option value="above">{t('directory.scale.above')}</option>
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor="identity-status">
            {t('directory.fields.status')}
          </label>
          <select id="identity-status" className="field__input" data-testid="identity-status" {...register('status')}>
            {enterpriseStatuses.map((s) => (
              <option key={s} value={s}>
                {t(`directory.statuses.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <label className="checkbox">
          <input type="checkbox" {...register('isOnlineReporter')} /> {t('directory.fields.isOnlineReporter')}
        </label>
        <label className="checkbox">
          <input type="checkbox" {...register('hasQualification')} /> {t('directory.fields.hasQualification')}
        </label>
      </div>
      <label className="field">
        <span className="field__label">{t('directory.identity.reason')}</span>
        <input className="field__input" value={reason} maxLength={500} placeholder={t('directory.identity.reasonPlaceholder')} onChange={(e) => setReason(e.target.value)} />
      </label>
      {saveError ? <ErrorNotice error={saveError} /> : null}
      <div className="form__actions">
        <button type="submit" className="button button--primary" data-testid="identity-save" disabled={isSubmitting}>
          {t('directory.identity.save')}
        </button>
        <button type="button" className="button button--secondary" onClick={onDone}>
          {t('directory.cancel')}
        </button>
      </div>
    </form>
  );
}
