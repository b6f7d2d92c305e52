import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { useBuiltinPack } from '../../forms/packs-store';
import { EnterpriseFields, enterpriseStatuses, qualificationKinds, unitKinds, type EnterpriseDetail } from '@shared/directory/directory';
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

/** The message of a field's error: the identity rule per unit kind names its own (EnterpriseFields' superRefine). */
const refinementKeys = ['INDIVIDUAL_USCC', 'USCC_OR_ORG_CODE', 'PARENT_ONLY_ESTABLISHMENT'] as const;
function identityErrorKey(key: TextKey | 'parentUscc', message: string | undefined): TextKey | 'parentUscc' | (typeof refinementKeys)[number] {
  return refinementKeys.find((k) => k === message) ?? key;
}

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
    control,
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
  const unitKind = useWatch({ control, name: 'unitKind' });

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
            {errors[key] ? <p className="field__error">{t(`directory.identity.errors.${identityErrorKey(key, errors[key].message)}`)}</p> : null}
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
      </div>
      <fieldset className="identity-form__grid identity-form__admission" data-testid="identity-admission">
        <legend>{t('directory.identity.admission')}</legend>
        <div className="field">
          <label className="field__label" htmlFor="identity-unitKind">
            {t('directory.fields.unitKind')}
          </label>
          <select id="identity-unitKind" className="field__input" data-testid="identity-unitKind" {...register('unitKind')}>
            {unitKinds.map((k) => (
              <option key={k} value={k}>
                {t(`directory.unitKinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        {unitKind === 'establishment' ? (
          <div className="field">
            <label className="field__label" htmlFor="identity-parentUscc">
              {t('directory.fields.parentUscc')}
            </label>
            <input
              id="identity-parentUscc"
              className="field__input mono"
              data-testid="identity-parentUscc"
              aria-invalid={errors.parentUscc ? true : undefined}
              {...register('parentUscc', { setValueAs: (v: unknown) => (typeof v === 'string' ? normaliseIdentifier(v) : v) })}
            />
            {errors.parentUscc ? <p className="field__error">{t(`directory.identity.errors.${identityErrorKey('parentUscc', errors.parentUscc.message)}`)}</p> : null}
          </div>
        ) : null}
        <div className="field">
          <label className="field__label" htmlFor="identity-foundedOn">
            {t('directory.fields.foundedOn')}
          </label>
          <input id="identity-foundedOn" type="date" className="field__input" data-testid="identity-foundedOn" aria-invalid={errors.foundedOn ? true : undefined} {...register('foundedOn')} />
          {errors.foundedOn ? <p className="field__error">{t('directory.identity.errors.foundedOn')}</p> : null}
        </div>
        <div className="field">
          <label className="field__label" htmlFor="identity-qualificationKind">
            {t('directory.fields.qualificationKind')}
          </label>
          <select id="identity-qualificationKind" className="field__input" data-testid="identity-qualificationKind" {...register('qualificationKind')}>
            {qualificationKinds
              // 'unconfirmed' is only ever a migrated legacy value: offered while it is the value, never chosen anew.
              .filter((k) => k !== 'unconfirmed' || detail.fields.qualificationKind === 'unconfirmed')
              .map((k) => (
                <option key={k} value={k}>
                  {t(`directory.qualificationKinds.${k}`)}
                </option>
              ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor="identity-isLocallyRegistered">
            {t('directory.fields.isLocallyRegistered')}
          </label>
          {/* Three states, so a controlled select: 未填 (null), 是, 否 — never a default nobody chose. */}
          <Controller
            control={control}
            name="isLocallyRegistered"
            render={({ field }) => (
              <select
                id="identity-isLocallyRegistered"
                className="field__input"
                data-testid="identity-isLocallyRegistered"
                value={field.value === true ? 'yes' : field.value === false ? 'no' : ''}
                onBlur={field.onBlur}
                onChange={(e) => field.onChange(e.target.value === 'yes' ? true : e.target.value === 'no' ? false : null)}
              >
                <option value="">{t('directory.identity.unstated')}</option>
                <option value="yes">{t('directory.yes')}</option>
                <option value="no">{t('directory.no')}</option>
              </select>
            )}
          />
        </div>
        <div className="field">
          <label className="field__label" htmlFor="identity-projectInvestment">
            {t('directory.fields.projectInvestment')}
          </label>
          <input
            id="identity-projectInvestment"
            className="field__input num"
            inputMode="numeric"
            data-testid="identity-projectInvestment"
            aria-invalid={errors.projectInvestment ? true : undefined}
            {...register('projectInvestment', { setValueAs: (v: unknown) => (v === '' || v === null || v === undefined ? null : typeof v === 'number' ? v : /^\d+$/.test(String(v).trim()) ? Number(String(v).trim()) : Number.NaN) })}
          />
          {errors.projectInvestment ? <p className="field__error">{t('directory.identity.errors.projectInvestment')}</p> : null}
        </div>
        <label className="checkbox">
          <input type="checkbox" data-testid="identity-isProjectUnderConstruction" {...register('isProjectUnderConstruction')} /> {t('directory.fields.isProjectUnderConstruction')}
        </label>
        <label className="checkbox">
          <input type="checkbox" data-testid="identity-hasDevelopmentActivity" {...register('hasDevelopmentActivity')} /> {t('directory.fields.hasDevelopmentActivity')}
        </label>
        <label className="checkbox">
          <input type="checkbox" data-testid="identity-isNewBuild" {...register('isNewBuild')} /> {t('directory.fields.isNewBuild')}
        </label>
        <label className="checkbox">
          <input type="checkbox" {...register('isOnlineReporter')} /> {t('directory.fields.isOnlineReporter')}
        </label>
      </fieldset>
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
