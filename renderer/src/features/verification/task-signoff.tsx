import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { conclusionResults, signatureRoles, type SignatureRole } from '@shared/verification/sync-fields';
import type { TaskDetail } from '@shared/verification/wire';
import { useLanguage } from '../../app/store';
import { ErrorNotice } from '../../components/error-notice';
import { formatDateTime } from '../../lib/format';
import { useTaskAction } from './use-task-action';

// The conclusion (相符 / 不符, with what differs) and the two signatures a task cannot be
// completed without: the checker's and the unit contact's, each a name and a date, recorded and
// confirmed by the checker at this laptop.

type Result = (typeof conclusionResults)[number] | '';

export function TaskConclusion({ task, onChanged }: { task: TaskDetail; onChanged(t: TaskDetail): void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const action = useTaskAction(onChanged);
  const [result, setResult] = useState<Result>(task.conclusionInfo?.result ?? '');
  const [note, setNote] = useState(task.conclusionInfo?.note ?? '');
  const isLocked = task.state === 'completed';
  const isDirty = result !== (task.conclusionInfo?.result ?? '') || note !== (task.conclusionInfo?.note ?? '');
  return (
    <section className="panel verification-panel" aria-labelledby="verification-conclusion-title" data-testid="verification-conclusion">
      <h3 className="panel__title" id="verification-conclusion-title">
        {t('verification.task.conclusion.title')}
      </h3>
      <div className="verification-actions" role="radiogroup" aria-labelledby="verification-conclusion-title">
        {conclusionResults.map((r) => (
          <label key={r} className="checkbox">
            <input type="radio" name="verification-conclusion" data-testid={`verification-conclusion-${r}`} checked={result === r} disabled={isLocked} onChange={() => setResult(r)} /> {t(`verification.conclusions.${r}`)}
          </label>
        ))}
      </div>
      <label className="field">
        <span className="field__label">{t('verification.task.conclusion.note')}</span>
        <textarea className="field__input dir-textarea" rows={2} maxLength={1000} data-testid="verification-conclusion-note" value={note} disabled={isLocked} onChange={(e) => setNote(e.target.value)} />
      </label>
      {task.conclusionInfo ? <p className="muted">{`${task.conclusionInfo.by} · ${formatDateTime(task.conclusionInfo.at, language)}`}</p> : null}
      {action.error ? <ErrorNotice error={action.error} /> : null}
      {isLocked ? null : (
        <button type="button" className="button button--secondary" data-testid="verification-conclusion-save" disabled={!isDirty || action.isBusy} onClick={() => void action.run('verification:conclude', { id: task.id, result: result === '' ? null : result, note })}>
          {t('verification.task.conclusion.save')}
        </button>
      )}
    </section>
  );
}

function SignatureRow({ task, role, onChanged }: { task: TaskDetail; role: SignatureRole; onChanged(t: TaskDetail): void }) {
  const { t } = useTranslation();
  const action = useTaskAction(onChanged);
  const current = task.signatures[role];
  const [name, setName] = useState(current?.name ?? '');
  const [date, setDate] = useState(current?.date ?? new Date().toISOString().slice(0, 10));
  const isLocked = task.state === 'completed';
  const isDirty = name.trim() !== (current?.name ?? '') || date !== (current?.date ?? '');
  return (
    <fieldset className="dir-fieldset verification-signature" data-testid={`verification-sign-${role}`} data-signed={current ? 'true' : 'false'}>
      <legend className="field__label">{t(`verification.task.signatures.${role}`)}</legend>
      <div className="verification-create__row">
        <label className="field">
          <span className="field__label">{t('verification.task.signatures.name')}</span>
          <input className="field__input" maxLength={40} data-testid={`verification-sign-name-${role}`} value={name} disabled={isLocked} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field">
          <span className="field__label">{t('verification.task.signatures.date')}</span>
          <input className="field__input" type="date" data-testid={`verification-sign-date-${role}`} value={date} disabled={isLocked} onChange={(e) => setDate(e.target.value)} />
        </label>
        {isLocked ? null : (
          <button
            type="button"
            className="button button--secondary verification-signature__save"
            data-testid={`verification-sign-save-${role}`}
            disabled={!isDirty || action.isBusy}
            onClick={() => void action.run('verification:sign', { id: task.id, role, signature: name.trim() === '' ? null : { name: name.trim(), date } })}
          >
            {t('verification.task.signatures.save')}
          </button>
        )}
      </div>
      {current ? <p className="muted">{t('verification.task.signatures.confirmedBy', { name: current.confirmedBy })}</p> : null}
      {action.error ? <ErrorNotice error={action.error} /> : null}
    </fieldset>
  );
}

export function TaskSignatures({ task, onChanged }: { task: TaskDetail; onChanged(t: TaskDetail): void }) {
  const { t } = useTranslation();
  return (
    <section className="panel verification-panel" aria-labelledby="verification-signatures-title" data-testid="verification-signatures">
      <h3 className="panel__title" id="verification-signatures-title">
        {t('verification.task.signatures.title')}
      </h3>
      {signatureRoles.map((role) => (
        <SignatureRow key={`${role}-${task.state}-${task.signatures[role]?.at ?? ''}`} task={task} role={role} onChanged={onChanged} />
      ))}
    </section>
  );
}
