import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { caseDocTypes } from '@shared/enforcement/sync-fields';
import type { CaseRecord } from '@shared/enforcement/records';
import type { AppErrorShape } from '@shared/result';
import { subHref } from '../../app/router';
import { useLanguage } from '../../app/store';
import { ErrorNotice } from '../../components/error-notice';
import { call } from '../../lib/api';
import { colon, formatCount, formatDateTime, inParens, joinList } from '../../lib/format';
import { useCall } from '../../lib/use-call';
import { AttachDialog } from '../evidence/attach-dialog';
import { EvidenceViewer } from '../evidence/evidence-viewer';
import type { EvidenceItem } from '@shared/ledger/wire';
import { enforceHref } from './enforcement-page';
import { StepForm, TransferForm } from './case-steps';
import { ViolationChoices } from './open-case-form';

// One case: where it stands, every step with who recorded it and when, its documents (files
// kept by the evidence engine, attached to the enterprise as its original records are), its
// 移送 records, and the forms that move it on.

type DocType = (typeof caseDocTypes)[number];

function Steps({ record }: { record: CaseRecord }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <table className="data-table enforce-table" data-testid="case-steps">
      <thead>
        <tr>
          <th scope="col">{t('enforcement.case.step')}</th>
          <th scope="col">{t('enforcement.case.on')}</th>
          <th scope="col">{t('enforcement.case.note')}</th>
          <th scope="col">{t('enforcement.case.recordedBy')}</th>
        </tr>
      </thead>
      <tbody>
        {record.steps.map((s) => (
          <tr key={s.state} data-testid={`case-step-${s.state}`}>
            <th scope="row">{t(`enforcement.state.${s.state}`)}</th>
            <td className="nowrap">{s.on}</td>
            <td>
              {s.decision ? (
                <div>
                  {joinList(s.decision.penalties.map((p) => (p === 'fine' && s.decision?.fineYuan ? t('enforcement.penalty.fineAmount', { yuan: formatCount(s.decision.fineYuan, language) }) : t(`enforcement.penalty.${p}`))), language)} · {s.decision.documentNo}
                </div>
              ) : null}
              {s.note}
            </td>
            <td className="nowrap">
              {s.by.name} · {formatDateTime(s.at, language)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Documents({ record, onChanged }: { record: CaseRecord; onChanged(r: CaseRecord): void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [docType, setDocType] = useState<DocType>('filing');
  const [isAttaching, setIsAttaching] = useState(false);
  const [viewing, setViewing] = useState<EvidenceItem | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const now = new Date();
  // The file is the evidence engine's: its viewer shows an image in place or offers the download.
  const view = async (evidenceId: string) => {
    const r = await call('evidence:get', { id: evidenceId });
    if (r.ok) setViewing(r.value.item);
    else setError(r.error);
  };
  return (
    <section className="panel" aria-labelledby="case-docs-title">
      <h2 className="panel__title" id="case-docs-title">
        {t('enforcement.case.documents')}
      </h2>
      {record.docs.length === 0 ? <p className="muted">{t('enforcement.case.noDocuments')}</p> : null}
      <ul className="enforce-docs" data-testid="case-docs">
        {record.docs.map((d) => (
          <li key={d.evidenceId}>
            <strong>{t(`enforcement.docType.${d.docType}`)}</strong>
            {colon(language)}
            {d.fileName} <span className="muted">· {d.by.name} · {formatDateTime(d.at, language)}</span>{' '}
            <button type="button" className="link-button" data-testid={`doc-view-${d.evidenceId}`} onClick={() => void view(d.evidenceId)}>
              {t('enforcement.case.viewDocument')}
            </button>
          </li>
        ))}
      </ul>
      <div className="dir-inline">
        <select className="field__input field__input--select" aria-label={t('enforcement.case.docType')} data-testid="doc-type" value={docType} onChange={(e) => setDocType(caseDocTypes.find((x) => x === e.target.value) ?? 'other')}>
          {caseDocTypes.map((x) => (
            <option key={x} value={x}>
              {t(`enforcement.docType.${x}`)}
            </option>
          ))}
        </select>
        <button type="button" className="button button--secondary" data-testid="doc-attach" onClick={() => setIsAttaching(true)}>
          {t('enforcement.case.attach')}
        </button>
      </div>
      {error ? <ErrorNotice error={error} onDismiss={() => setError(null)} /> : null}
      {viewing ? <EvidenceViewer item={viewing} onClose={() => setViewing(null)} onRemoved={() => setViewing(null)} /> : null}
      {isAttaching ? (
        <AttachDialog
          enterpriseId={record.enterpriseId}
          year={now.getFullYear()}
          month={now.getMonth() + 1}
          indicators={[]}
          preselected={[]}
          defaultKind="other"
          onClose={() => setIsAttaching(false)}
          onAttached={(item) => {
            setIsAttaching(false);
            void call('enforce:caseDocument', { id: record.id, evidenceId: item.id, docType }).then((r) => (r.ok ? onChanged(r.value) : setError(r.error)));
          }}
        />
      ) : null}
    </section>
  );
}

function ViolationsEdit({ record, onChanged }: { record: CaseRecord; onChanged(r: CaseRecord): void }) {
  const { t } = useTranslation();
  const [isEditing, setIsEditing] = useState(false);
  const [value, setValue] = useState(record.violations);
  const [other, setOther] = useState(record.otherText);
  const [error, setError] = useState<AppErrorShape | null>(null);
  if (!isEditing || record.state === 'closed') {
    return record.state === 'closed' ? null : (
      <button type="button" className="link-button" data-testid="violations-edit" onClick={() => setIsEditing(true)}>
        {t('enforcement.case.editViolations')}
      </button>
    );
  }
  const save = async () => {
    const r = await call('enforce:caseViolations', { id: record.id, violations: value, otherText: other });
    if (!r.ok) return setError(r.error);
    setIsEditing(false);
    onChanged(r.value);
  };
  return (
    <div>
      <ViolationChoices value={value} other={other} onChange={setValue} onOther={setOther} testId="edit-violation" />
      {error ? <ErrorNotice error={error} onDismiss={() => setError(null)} /> : null}
      <button type="button" className="button button--secondary button--small" disabled={value.length === 0} onClick={() => void save()}>
        {t('enforcement.case.saveViolations')}
      </button>
    </div>
  );
}

export function CasePage({ id }: { id: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const one = useCall('enforce:case', { id });
  const c = one.value;
  return (
    <div className="enforce-case" data-testid="case-page">
      <p>
        <a href={enforceHref('cases')}>{t('enforcement.case.back')}</a>
      </p>
      {one.error ? <ErrorNotice error={one.error} onRetry={one.refetch} /> : null}
      {c ? (
        <>
          <section className="panel" aria-labelledby="case-title">
            <h2 className="panel__title" id="case-title">
              {t('enforcement.case.heading', { caseNo: c.caseNo })} <span className={c.state === 'closed' ? 'badge' : 'badge badge--warn'} data-testid="case-state">{t(`enforcement.state.${c.state}`)}</span>
            </h2>
            <dl className="facts">
              <dt>{t('enforcement.case.enterprise')}</dt>
              <dd>
                <a href={subHref('directory', 'enterprise', c.enterpriseId)}>{c.enterpriseName}</a> <span className="mono muted">{c.uscc}</span>
              </dd>
              <dt>{t('enforcement.case.violations')}</dt>
              <dd data-testid="case-violations">
                {joinList(c.violations.map((v) => (v === 'other' ? `${t('enforcement.violation.other')}${colon(language)}${c.otherText}` : t(`enforcement.violation.${v}`))), language)} <ViolationsEdit key={c.violations.join()} record={c} onChanged={one.replace} />
              </dd>
              {c.drawId ? (
                <>
                  <dt>{t('enforcement.case.draw')}</dt>
                  <dd>
                    <a href={enforceHref('draw', c.drawId)}>{t('enforcement.case.drawLink')}</a>
                  </dd>
                </>
              ) : null}
              <dt>{t('enforcement.case.transfers')}</dt>
              <dd data-testid="case-transfers">
                {c.transfers.length === 0
                  ? '—'
                  : c.transfers.map((x) => (
                      <div key={x.target}>
                        {t(`enforcement.transfer.targets.${x.target}`)}
                        {colon(language)}
                        {x.toName} · {x.on} · {x.documentNo} <span className="muted">{inParens(x.by.name, language)}</span>
                      </div>
                    ))}
              </dd>
            </dl>
            <Steps record={c} />
            {c.violationEdits.map((e) => (
              <p key={e.at} className="muted">
                {t('enforcement.case.violationsChanged', { by: e.by.name, time: formatDateTime(e.at, language) })}
              </p>
            ))}
          </section>
          {c.state !== 'closed' ? <StepForm record={c} onChanged={one.replace} /> : null}
          <Documents record={c} onChanged={one.replace} />
          <section className="panel" aria-labelledby="transfer-title">
            <h2 className="panel__title" id="transfer-title">
              {t('enforcement.transfer.title')}
            </h2>
            <p className="muted">{t('enforcement.transfer.note')}</p>
            <TransferForm record={c} onChanged={one.replace} />
          </section>
        </>
      ) : null}
    </div>
  );
}
