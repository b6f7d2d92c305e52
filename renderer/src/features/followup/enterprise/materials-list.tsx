import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FollowUpView, MaterialKey, MaterialState } from '@shared/followup/work';
import type { EvidenceKind } from '@shared/ledger/wire';
import type { AppErrorShape } from '@shared/result';
import { ErrorNotice } from '../../../components/error-notice';
import { call } from '../../../lib/api';
import { useEnterprise } from '../../directory/enterprise/enterprise-store';
import { AttachDialog } from '../../evidence/attach-dialog';

// The 规下升规上 application materials as the provincial rules list them (shared/followup/materials.ts):
// 纳入申报表, licence, the latest income statement, the VAT return for the same period with 附列资料(一),
// for a unit over three years old the VAT returns of every year since founding, a 新建投产 statement
// for a new build, site photos, the truthfulness pledge and the 12-month ledger.
// Each item is ticked when provided and can carry the files themselves as evidence.

const kindFor: Record<MaterialKey, EvidenceKind> = {
  licence: 'licence',
  income_statement: 'income_statement',
  vat_return: 'vat_return',
  site_photos: 'site_photo',
  pledge: 'pledge',
  ledger_12m: 'other',
  application_form: 'other',
  vat_attachment_1: 'vat_return',
  vat_returns_since_founding: 'vat_return',
  new_build_statement: 'other',
};

export function MaterialsList({ view }: { view: FollowUpView }) {
  const { t } = useTranslation();
  const setFollowUp = useEnterprise((s) => s.setFollowUp);
  const reloadEvidence = useEnterprise((s) => s.reloadEvidence);
  const evidence = useEnterprise((s) => s.evidence.value) ?? [];
  const [attachFor, setAttachFor] = useState<MaterialKey | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  /** A tick shows at once; it goes back if main refuses it. */
  const [ticking, setTicking] = useState<Partial<Record<MaterialKey, boolean>>>({});
  const byKey = new Map(view.materials.map((m) => [m.key, m]));

  const save = async (key: MaterialKey, patch: Partial<Pick<MaterialState, 'isProvided' | 'evidenceIds' | 'note'>>) => {
    setError(null);
    const current = byKey.get(key);
    if (patch.isProvided !== undefined) setTicking((s) => ({ ...s, [key]: patch.isProvided }));
    const result = await call('materials:set', {
      enterpriseId: view.enterpriseId,
      key,
      isProvided: patch.isProvided ?? current?.isProvided ?? false,
      evidenceIds: patch.evidenceIds ?? current?.evidenceIds ?? [],
      note: patch.note ?? current?.note ?? '',
    });
    if (result.ok) setFollowUp(result.value);
    else setError(result.error);
    setTicking((s) => {
      const next = { ...s };
      delete next[key];
      return next;
    });
  };

  const isProvided = (k: MaterialKey): boolean => ticking[k] ?? byKey.get(k)?.isProvided ?? false;
  // The unit's checklist (its age, a new build decide); one recorded before but not required now stays shown, apart.
  const required = view.materials.filter((m) => m.reason !== 'notRequired');
  const shown = view.materials.filter((m) => m.reason !== 'notRequired' || m.isProvided || m.evidenceIds.length > 0);
  const done = required.filter((m) => isProvided(m.key)).length;
  return (
    <section className="panel materials" aria-labelledby="materials-title" data-testid="materials">
      <h2 className="panel__title" id="materials-title">
        {t('directory.materials.title')} <span className="muted">{t('directory.materials.progress', { done, total: required.length })}</span>
      </h2>
      <ul className="materials__list">
        {shown.map(({ key, reason, years }) => {
          const m = byKey.get(key);
          const files = (m?.evidenceIds ?? []).map((id) => evidence.find((e) => e.id === id)).filter((e) => e !== undefined);
          return (
            <li key={key} className="materials__item" data-testid={`material-${key}`} data-provided={m?.isProvided ? 'true' : 'false'}>
              <label className="checkbox materials__check">
                <input type="checkbox" data-testid={`material-check-${key}`} checked={isProvided(key)} onChange={(e) => void save(key, { isProvided: e.target.checked })} />{' '}
                {t(`directory.materials.keys.${key}`)}
              </label>
              {key === 'ledger_12m' ? (
                // Generated from the ledger, not attached: no "no files", and the hint sits where files would.
                <span className="muted materials__files materials__files--generated" data-testid="material-files">
                  {t('directory.materials.ledgerHint')}
                </span>
              ) : (
                <span className="materials__files" data-testid="material-files">
                  {files.length === 0 && (m?.evidenceIds.length ?? 0) === 0 ? <span className="muted">{t('directory.materials.noFiles')}</span> : null}
                  {files.map((f) => (
                    <span key={f.id} className="materials__file">
                      {f.fileName}
                    </span>
                  ))}
                </span>
              )}
              {key === 'ledger_12m' ? null : (
                <button type="button" className="button button--secondary button--small" data-testid={`material-attach-${key}`} onClick={() => setAttachFor(key)}>
                  {t('directory.materials.attach')}
                </button>
              )}
              {/* Why it is on this unit's list (its age, a new build), on a line of its own under the name. */}
              {reason !== 'always' ? (
                <span className="muted materials__why" data-testid={`material-why-${key}`}>
                  {t(`directory.materials.why.${reason}`)}
                  {years && years.length > 0 ? ` ${t('directory.materials.years', { from: years[0], to: years[years.length - 1] })}` : null}
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
      {error ? <ErrorNotice error={error} /> : null}
      {attachFor ? (
        <AttachDialog
          enterpriseId={view.enterpriseId}
          year={new Date().getFullYear()}
          month={new Date().getMonth() + 1}
          indicators={[]}
          preselected={[]}
          defaultKind={kindFor[attachFor]}
          onClose={() => setAttachFor(null)}
          onAttached={(item) => {
            const key = attachFor;
            setAttachFor(null);
            void reloadEvidence();
            void save(key, { isProvided: true, evidenceIds: [...(byKey.get(key)?.evidenceIds ?? []), item.id] });
          }}
        />
      ) : null}
    </section>
  );
}
