import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { certStatusOn, InspectorAdd, type Inspector } from '@shared/enforcement/roster';
import type { AppErrorShape } from '@shared/result';
import { ErrorNotice } from '../../components/error-notice';
import { call } from '../../lib/api';
import { useCall } from '../../lib/use-call';
import { colon } from '../../lib/format';
import { useLanguage } from '../../app/store';
import { EnterprisePicker } from './enterprise-picker';

// The 执法检查人员 roster: who may be drawn (a 执法证 valid today), their unit, and each one's
// 回避 list with reasons. Adding an expired card is refused by main with its reason shown here.

type CardInput = z.input<typeof InspectorAdd>;
const today = (): string => new Date().toISOString().slice(0, 10);

/** Adds an inspector, or with `editing` corrects or renews that one's card (a renewed 执法证 gets its new dates). */
function CardForm({ editing, onDone }: { editing: Inspector | null; onDone(): void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<AppErrorShape | null>(null);
  const {
    register,
    handleSubmit,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<CardInput, unknown, z.output<typeof InspectorAdd>>({
    resolver: zodResolver(InspectorAdd),
    defaultValues: editing ? { name: editing.name, certNo: editing.certNo, validFrom: editing.validFrom, validTo: editing.validTo, unit: editing.unit } : { name: '', certNo: '', validFrom: '', validTo: '', unit: '' },
  });
  const onSubmit = handleSubmit(async (values) => {
    setError(null);
    const r = editing ? await call('enforce:inspectorUpdate', { id: editing.id, card: values }) : await call('enforce:inspectorAdd', values);
    if (!r.ok) return setError(r.error);
    reset();
    onDone();
  });
  const field = (name: keyof CardInput, type = 'text') => (
    <label className="field enforce-form__field">
      <span className="field__label">{t(`enforcement.roster.${name}`)}</span>
      <input className="field__input" type={type} data-testid={`inspector-${name}`} aria-invalid={errors[name] ? true : undefined} {...register(name)} />
      {errors[name] ? <span className="field__error">{t(`enforcement.roster.invalid.${name}`)}</span> : null}
    </label>
  );
  return (
    <form className="panel form enforce-form" noValidate data-testid="inspector-form" onSubmit={(e) => void onSubmit(e)}>
      <h2 className="panel__title">{editing ? t('enforcement.roster.editTitle', { name: editing.name }) : t('enforcement.roster.addTitle')}</h2>
      <div className="enforce-form__row">
        {field('name')}
        {field('certNo')}
        {field('validFrom', 'date')}
        {field('validTo', 'date')}
        {field('unit')}
      </div>
      {error ? <ErrorNotice error={error} onDismiss={() => setError(null)} /> : null}
      <div className="form__actions">
        <button type="submit" className="button button--primary" data-testid="inspector-add" disabled={isSubmitting}>
          {editing ? t('enforcement.roster.saveCard') : t('enforcement.roster.add')}
        </button>
        {editing ? (
          <button type="button" className="button button--secondary" onClick={onDone}>
            {t('enforcement.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}

function RelatedCell({ inspector, onChanged }: { inspector: Inspector; onChanged(): void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [isAdding, setIsAdding] = useState(false);
  const [enterprise, setEnterprise] = useState<{ id: string; name: string } | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<AppErrorShape | null>(null);
  const add = async () => {
    if (!enterprise) return;
    const r = await call('enforce:inspectorRelate', { id: inspector.id, entry: { enterpriseId: enterprise.id, enterpriseName: enterprise.name, reason } });
    if (!r.ok) return setError(r.error);
    setIsAdding(false);
    setEnterprise(null);
    setReason('');
    setError(null);
    onChanged();
  };
  // The reason is asked in place: window.prompt does not exist in Electron's renderer.
  const [removing, setRemoving] = useState<string | null>(null);
  const [removeReason, setRemoveReason] = useState('');
  const remove = async (enterpriseId: string) => {
    const r = await call('enforce:inspectorUnrelate', { id: inspector.id, enterpriseId, reason: removeReason.trim() });
    if (!r.ok) return setError(r.error);
    setRemoving(null);
    setRemoveReason('');
    setError(null);
    onChanged();
  };
  return (
    <td>
      {inspector.related.length === 0 ? <span className="muted">{t('enforcement.roster.noRelated')}</span> : null}
      <ul className="enforce-related">
        {inspector.related.map((r) => (
          <li key={r.enterpriseId}>
            <strong>{r.enterpriseName}</strong>
            {colon(language)}
            {r.reason}{' '}
            {removing === r.enterpriseId ? (
              <span className="enforce-related__form">
                <input
                  className="field__input"
                  aria-label={t('enforcement.roster.removeWhy')}
                  placeholder={t('enforcement.roster.removeWhy')}
                  data-testid={`related-remove-reason-${inspector.certNo}`}
                  value={removeReason}
                  maxLength={200}
                  onChange={(e) => setRemoveReason(e.target.value)}
                />
                <button
                  type="button"
                  className="button button--secondary button--small"
                  disabled={removeReason.trim().length < 2}
                  data-testid={`related-remove-confirm-${inspector.certNo}`}
                  onClick={() => void remove(r.enterpriseId)}
                >
                  {t('enforcement.roster.remove')}
                </button>
                <button type="button" className="link-button" onClick={() => (setRemoving(null), setRemoveReason(''))}>
                  {t('enforcement.cancel')}
                </button>
              </span>
            ) : (
              <button type="button" className="link-button" data-testid={`related-remove-${inspector.certNo}`} onClick={() => (setRemoving(r.enterpriseId), setRemoveReason(''))}>
                {t('enforcement.roster.remove')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {isAdding ? (
        <div className="enforce-related__form">
          <EnterprisePicker value={enterprise} onChange={setEnterprise} testId={`related-enterprise-${inspector.certNo}`} />
          <input className="field__input" placeholder={t('enforcement.roster.reasonPlaceholder')} aria-label={t('enforcement.roster.reason')} data-testid={`related-reason-${inspector.certNo}`} value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} />
          <button type="button" className="button button--secondary button--small" disabled={!enterprise || reason.trim().length < 2} data-testid={`related-save-${inspector.certNo}`} onClick={() => void add()}>
            {t('enforcement.roster.saveRelated')}
          </button>
        </div>
      ) : (
        <button type="button" className="link-button" data-testid={`related-add-${inspector.certNo}`} onClick={() => setIsAdding(true)}>
          {t('enforcement.roster.addRelated')}
        </button>
      )}
      {error ? <ErrorNotice error={error} onDismiss={() => setError(null)} /> : null}
    </td>
  );
}

export function RosterPanel() {
  const { t } = useTranslation();
  const [reload, setReload] = useState(0);
  const [editing, setEditing] = useState<Inspector | null>(null);
  const list = useCall('enforce:inspectors', undefined, { reloadKey: reload });
  const day = today();
  const refresh = () => setReload((n) => n + 1);
  return (
    <>
      <section className="panel" aria-labelledby="roster-title">
        <h2 className="panel__title" id="roster-title">
          {t('enforcement.roster.title')}
        </h2>
        <p className="muted">{t('enforcement.roster.note')}</p>
        {list.error ? <ErrorNotice error={list.error} onRetry={list.refetch} /> : null}
        {list.value && list.value.length === 0 ? <p className="muted">{t('enforcement.roster.empty')}</p> : null}
        {list.value && list.value.length > 0 ? (
          <div className="table-scroll">
            <table className="data-table enforce-table" data-testid="roster-table">
              <thead>
                <tr>
                  <th scope="col">{t('enforcement.roster.name')}</th>
                  <th scope="col">{t('enforcement.roster.certNo')}</th>
                  <th scope="col">{t('enforcement.roster.validity')}</th>
                  <th scope="col">{t('enforcement.roster.unit')}</th>
                  <th scope="col">{t('enforcement.roster.related')}</th>
                </tr>
              </thead>
              <tbody>
                {list.value.map((i) => {
                  const status = certStatusOn(i, day);
                  return (
                    <tr key={i.id} data-testid={`inspector-${i.certNo}`} data-status={status}>
                      <th scope="row">
                        {i.name}
                        <div>
                          <button type="button" className="link-button" data-testid={`inspector-edit-${i.certNo}`} onClick={() => setEditing(i)}>
                            {t('enforcement.roster.edit')}
                          </button>
                        </div>
                      </th>
                      <td className="mono">{i.certNo}</td>
                      <td>
                        {i.validFrom} – {i.validTo}
                        {status !== 'valid' ? (
                          <>
                            {' '}
                            <span className="badge badge--warn">{t(`enforcement.roster.status.${status}`)}</span>
                          </>
                        ) : null}
                      </td>
                      <td>{i.unit}</td>
                      <RelatedCell inspector={i} onChanged={refresh} />
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
      <CardForm
        key={editing?.id ?? 'new'}
        editing={editing}
        onDone={() => {
          setEditing(null);
          refresh();
        }}
      />
    </>
  );
}
