import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EvidenceKind } from '@shared/ledger/wire';
import { checkResults, type CheckKey } from '@shared/verification/sync-fields';
import type { TaskDetail } from '@shared/verification/wire';
import { ErrorNotice } from '../../components/error-notice';
import { AttachDialog } from '../evidence/attach-dialog';
import { useTaskAction } from './use-task-action';

// The checklist: each item compared (营业执照, 利润表, 增值税纳税申报表, 工资表, 实地查看) with what
// was found, and the files that show it — attached through the ledger's evidence engine to the
// enterprise (evidence:attach), then linked to the task and the item.

const kindFor: Record<CheckKey, EvidenceKind> = {
  licence: 'licence',
  income_statement: 'income_statement',
  vat_return: 'vat_return',
  payroll: 'payroll',
  site_visit: 'site_photo',
};

type Result = (typeof checkResults)[number] | '';

function CheckRow({ task, item, onChanged, onAttach }: { task: TaskDetail; item: TaskDetail['checks'][number]; onChanged(t: TaskDetail): void; onAttach(): void }) {
  const { t } = useTranslation();
  const action = useTaskAction(onChanged);
  const [result, setResult] = useState<Result>(item.value?.result ?? '');
  const [note, setNote] = useState(item.value?.note ?? '');
  const [withdrawing, setWithdrawing] = useState<string | null>(null);
  const [why, setWhy] = useState('');
  const isDirty = result !== (item.value?.result ?? '') || note !== (item.value?.note ?? '');
  const files = task.evidence.filter((e) => e.item === item.key);
  const isLocked = task.state === 'completed';
  return (
    <tr data-testid={`verification-check-${item.key}`} data-result={item.value?.result ?? ''}>
      <th scope="row">{t(`verification.task.checklist.items.${item.key}`)}</th>
      <td>
        <select
          className="field__input field__input--select"
          aria-label={t(`verification.task.checklist.items.${item.key}`)}
          data-testid={`verification-check-result-${item.key}`}
          value={result}
          disabled={isLocked}
          onChange={(e) => setResult(checkResults.find((r) => r === e.target.value) ?? '')}
        >
          {(['', ...checkResults] as const).map((r) => (
            <option key={r} value={r}>
              {t(`verification.task.checklist.results.${r}`)}
            </option>
          ))}
        </select>
      </td>
      <td>
        <input className="field__input" aria-label={t('verification.task.checklist.note')} placeholder={t('verification.task.checklist.note')} data-testid={`verification-check-note-${item.key}`} maxLength={500} value={note} disabled={isLocked} onChange={(e) => setNote(e.target.value)} />
        {action.error ? <ErrorNotice error={action.error} /> : null}
      </td>
      <td className="verification-files" data-testid={`verification-files-${item.key}`}>
        {files.length === 0 ? <span className="muted">{t('verification.task.checklist.noFiles')}</span> : null}
        {files.map((f) => (
          <div key={f.evidenceId} className="verification-file">
            {f.fileName}{' '}
            {isLocked ? null : (
              <button type="button" className="link-button" data-testid={`verification-withdraw-${f.evidenceId}`} onClick={() => setWithdrawing(f.evidenceId)}>
                {t('verification.task.checklist.withdraw')}
              </button>
            )}
          </div>
        ))}
        {withdrawing ? (
          <div className="verification-reason">
            <input className="field__input" aria-label={t('verification.task.checklist.withdrawReason')} placeholder={t('verification.task.checklist.withdrawReason')} data-testid="verification-withdraw-reason" maxLength={500} value={why} onChange={(e) => setWhy(e.target.value)} />
            <button
              type="button"
              className="button button--secondary button--small"
              data-testid="verification-withdraw-confirm"
              onClick={() => void action.run('verification:unlinkEvidence', { id: task.id, evidenceId: withdrawing, reason: why }).then((isDone) => isDone && setWithdrawing(null))}
            >
              {t('verification.task.confirm')}
            </button>
          </div>
        ) : null}
      </td>
      <td className="verification-row-actions">
        {isLocked ? null : (
        <button
          type="button"
          className="button button--secondary button--small"
          data-testid={`verification-check-save-${item.key}`}
          disabled={!isDirty || action.isBusy || isLocked}
          onClick={() => void action.run('verification:check', { id: task.id, key: item.key, result: result === '' ? null : result, note })}
        >
          {t('verification.task.checklist.save')}
        </button>
        )}{' '}
        {task.isEnterpriseHere && !isLocked ? (
          <button type="button" className="button button--secondary button--small" data-testid={`verification-attach-${item.key}`} onClick={onAttach}>
            {t('verification.task.checklist.attach')}
          </button>
        ) : null}
      </td>
    </tr>
  );
}

export function TaskChecklist({ task, onChanged }: { task: TaskDetail; onChanged(t: TaskDetail): void }) {
  const { t } = useTranslation();
  const [attachFor, setAttachFor] = useState<CheckKey | null>(null);
  const link = useTaskAction(onChanged);
  return (
    <section className="panel verification-wide" aria-labelledby="verification-checklist-title" data-testid="verification-checklist">
      <h3 className="panel__title" id="verification-checklist-title">
        {t('verification.task.checklist.title')}
      </h3>
      {!task.isEnterpriseHere ? <p className="muted">{t('verification.task.notHere')}</p> : null}
      <table className="data-table verification-checks">
        <tbody>
          {task.checks.map((item) => (
            <CheckRow key={`${item.key}:${item.value?.at ?? ''}`} task={task} item={item} onChanged={onChanged} onAttach={() => setAttachFor(item.key)} />
          ))}
        </tbody>
      </table>
      {link.error ? <ErrorNotice error={link.error} /> : null}
      {attachFor ? (
        <AttachDialog
          enterpriseId={task.enterpriseId}
          year={task.period.year}
          month={task.period.month}
          indicators={[]}
          preselected={[]}
          defaultKind={kindFor[attachFor]}
          onClose={() => setAttachFor(null)}
          onAttached={(file) => {
            const item = attachFor;
            setAttachFor(null);
            void link.run('verification:linkEvidence', { id: task.id, evidenceId: file.id, item });
          }}
        />
      ) : null}
    </section>
  );
}
