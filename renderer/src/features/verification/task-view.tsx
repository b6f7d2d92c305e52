import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { actionsFrom, exitTransitions, taskTransitions, type ExitAction, type TaskAction } from '@shared/verification/machine';
import type { TaskDetail } from '@shared/verification/wire';
import { subHref } from '../../app/router';
import { useLanguage } from '../../app/store';
import { ErrorNotice } from '../../components/error-notice';
import { formatDateTime, joinList } from '../../lib/format';
import { useCall } from '../../lib/use-call';
import { useTownships } from '../directory/townships';
import { useSession } from '../review/session-role';
import { StateTag } from './state-tag';
import { TaskChecklist } from './task-checklist';
import { TaskFigures } from './task-figures';
import { TaskHistory } from './task-history';
import { TaskConclusion, TaskSignatures } from './task-signoff';
import { useTaskAction } from './use-task-action';

// One 核查 task: what it is, its state and the steps it offers (shared/verification/machine.ts
// decides which; main refuses the rest anyway and says why), the 退库 steps of an exit check,
// the record (checklist with its files, figures, conclusion, signatures) and its history.

export function TaskView({ id }: { id: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const one = useCall('verification:get', { id });
  const list = useCall('verification:list', {});
  const townshipNames = useTownships((s) => s.names);
  const loadTownships = useTownships((s) => s.load);
  const task = one.value?.id === id ? one.value : null;
  useEffect(() => {
    if (task) void loadTownships(task.divisionCode);
  }, [loadTownships, task]);

  return (
    <div className="verification-task" data-testid="verification-task">
      <p>
        <a href={subHref('verification')} data-testid="verification-back">
          {t('verification.task.back')}
        </a>
      </p>
      {one.error ? <ErrorNotice error={one.error} onRetry={one.refetch} /> : null}
      {task ? (
        <>
          <header className="verification-task__head">
            <h2 className="verification-task__title" data-testid="verification-task-name">
              {task.name}
            </h2>
            <StateTag state={task.state} />
            {task.exitState ? <StateTag exit={task.exitState} /> : null}
          </header>
          <dl className="facts verification-task__facts">
            <dt>{t('verification.task.facts.uscc')}</dt>
            <dd className="mono">
              {task.uscc}{' '}
              {task.isEnterpriseHere ? <a href={subHref('directory', 'enterprise', task.enterpriseId)}>{t('verification.task.openEnterprise')}</a> : null}
            </dd>
            <dt>{t('verification.columns.township')}</dt>
            <dd>{townshipNames.get(task.divisionCode.slice(0, 9)) ?? task.divisionCode}</dd>
            <dt>{t('verification.task.facts.kind')}</dt>
            <dd>
              {t(`verification.kinds.${task.kind}`)}
              {task.source.seed ? ` · ${t('verification.task.sourceSeed', { seed: task.source.seed, pool: task.source.poolSize ?? '' })}` : ''}
            </dd>
            <dt>{t('verification.task.facts.batch')}</dt>
            <dd>
              {task.batchTitle} · {t('verification.period', task.period)}
            </dd>
            <dt>{t('verification.task.facts.created')}</dt>
            <dd>
              {task.createdBy} · {formatDateTime(task.createdAt, language)}
            </dd>
          </dl>
          <div className="verification-task__columns">
            <StatePanel task={task} people={list.value?.people ?? []} onChanged={one.replace} />
            {task.exit ? <ExitPanel task={task} onChanged={one.replace} /> : null}
          </div>
          <TaskChecklist task={task} onChanged={one.replace} />
          <TaskFigures key={`figures-${task.state}-${task.figures.map((f) => f.at ?? '').join()}`} task={task} onChanged={one.replace} />
          <div className="verification-task__columns">
            <TaskConclusion key={`conclusion-${task.state}-${task.conclusionInfo?.at ?? ''}`} task={task} onChanged={one.replace} />
            <TaskSignatures task={task} onChanged={one.replace} />
          </div>
          <TaskHistory task={task} />
        </>
      ) : null}
    </div>
  );
}

/** Steps that need a written reason ask for it before they go. */
const needsReason = new Set<TaskAction | ExitAction>(['reopen', 'reject']);

function StatePanel({ task, people, onChanged }: { task: TaskDetail; people: readonly { name: string; userId: string | null }[]; onChanged(t: TaskDetail): void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const session = useSession();
  const action = useTaskAction(onChanged);
  const [asking, setAsking] = useState<TaskAction | null>(null);
  const [reason, setReason] = useState('');
  const [assignee, setAssignee] = useState(task.assignee ?? '');
  const mayManage = session.value?.permissions.includes('verify.manage') ?? false;
  const go = async (a: TaskAction) => {
    if (needsReason.has(a) && asking !== a) {
      setAsking(a);
      return;
    }
    if (await action.run('verification:step', { id: task.id, action: a, reason })) {
      setAsking(null);
      setReason('');
    }
  };
  const person = assignee.trim();
  return (
    <section className="panel verification-panel" aria-labelledby="verification-state-title" data-testid="verification-state-panel">
      <h3 className="panel__title" id="verification-state-title">
        {t('verification.task.state')}
      </h3>
      <p>
        <StateTag state={task.state} /> <span className="muted">{`${task.stateInfo.by} · ${formatDateTime(task.stateInfo.at, language)}`}</span>
      </p>
      {task.stateInfo.reason ? <p className="muted">{task.stateInfo.reason}</p> : null}
      <div className="verification-actions">
        {actionsFrom(taskTransitions, task.state).map((a) => (
          <button key={a} type="button" className={`button ${a === 'complete' ? 'button--primary' : 'button--secondary'}`} data-testid={`verification-action-${a}`} disabled={action.isBusy} onClick={() => void go(a)}>
            {t(`verification.task.actions.${a}`)}
          </button>
        ))}
      </div>
      {asking ? (
        <div className="verification-reason">
          <label className="field">
            <span className="field__label">{t('verification.task.reason')}</span>
            <input className="field__input" data-testid="verification-reason" maxLength={500} value={reason} placeholder={t('verification.task.reasonPlaceholder')} onChange={(e) => setReason(e.target.value)} />
          </label>
          <button type="button" className="button button--primary" data-testid="verification-reason-confirm" onClick={() => void go(asking)}>
            {t('verification.task.confirm')}
          </button>{' '}
          <button type="button" className="button button--secondary" onClick={() => setAsking(null)}>
            {t('verification.task.cancel')}
          </button>
        </div>
      ) : null}
      {task.state === 'completed' ? null : (
      <div className="verification-assign">
        <label className="field">
          <span className="field__label">{t('verification.task.assign')}</span>
          <input className="field__input" list="verification-task-people" data-testid="verification-task-assignee" maxLength={40} value={assignee} disabled={!mayManage} onChange={(e) => setAssignee(e.target.value)} />
          <datalist id="verification-task-people">
            {people.map((p) => (
              <option key={p.name} value={p.name} />
            ))}
          </datalist>
        </label>
        {mayManage ? (
          <button
            type="button"
            className="button button--secondary"
            data-testid="verification-assign-save"
            disabled={action.isBusy || person === (task.assignee ?? '')}
            onClick={() => void action.run('verification:assign', { id: task.id, assignee: person === '' ? null : { name: person, userId: people.find((p) => p.name === person)?.userId ?? null } })}
          >
            {person === '' ? t('verification.task.assignNobody') : t('verification.task.assignSave')}
          </button>
        ) : null}
      </div>
      )}
      {action.error ? <ErrorNotice error={action.error} /> : null}
    </section>
  );
}

function ExitPanel({ task, onChanged }: { task: TaskDetail; onChanged(t: TaskDetail): void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const action = useTaskAction(onChanged);
  const [asking, setAsking] = useState<ExitAction | null>(null);
  const [reason, setReason] = useState('');
  const [date, setDate] = useState(new Date().toISOString().slice(0, 10));
  const exit = task.exit;
  if (!exit) return null;
  const go = async (a: ExitAction) => {
    if ((needsReason.has(a) || a === 'remove') && asking !== a) {
      setAsking(a);
      return;
    }
    const input = a === 'remove' ? { id: task.id, action: a, reason, date } : { id: task.id, action: a, reason };
    if (await action.run('verification:exitStep', input)) {
      setAsking(null);
      setReason('');
    }
  };
  return (
    <section className="panel verification-panel" aria-labelledby="verification-exit-title" data-testid="verification-exit-panel">
      <h3 className="panel__title" id="verification-exit-title">
        {t('verification.task.exit.title')}
      </h3>
      <ol className="stage-track">
        {(['proposed', 'verified', 'approved', 'removed'] as const).map((s) => (
          <li key={s} className={`stage-track__step${exit.state === s ? ' stage-track__step--current' : ''}`} aria-current={exit.state === s ? 'step' : undefined}>
            {t(`verification.exitStates.${s}`)}
          </li>
        ))}
      </ol>
      <p>
        <StateTag exit={exit.state} /> <span className="muted">{`${exit.by} · ${formatDateTime(exit.at, language)}`}</span>
      </p>
      <dl className="facts">
        <dt>{t('verification.task.exit.reasons')}</dt>
        <dd>{joinList(exit.reasons.map((r) => t(`directory.exits.reason.${r}`)), language)}</dd>
        {exit.note ? (
          <>
            <dt>{t('verification.task.exit.note')}</dt>
            <dd>{exit.note}</dd>
          </>
        ) : null}
      </dl>
      {exit.state === 'removed' && exit.date ? (
        <p className="notice notice--info" data-testid="verification-exit-removed">
          {t('verification.task.exit.removedNote', { date: exit.date })}
        </p>
      ) : null}
      <div className="verification-actions">
        {actionsFrom(exitTransitions, exit.state).map((a) => (
          <button key={a} type="button" className={`button ${a === 'reject' ? 'button--secondary' : 'button--primary'}`} data-testid={`verification-exit-${a}`} disabled={action.isBusy} onClick={() => void go(a)}>
            {t(`verification.task.exit.actions.${a}`)}
          </button>
        ))}
      </div>
      {asking ? (
        <div className="verification-reason">
          {asking === 'remove' ? (
            <label className="field">
              <span className="field__label">{t('verification.task.exit.date')}</span>
              <input className="field__input" type="date" data-testid="verification-exit-date" value={date} onChange={(e) => setDate(e.target.value)} />
            </label>
          ) : null}
          <label className="field">
            <span className="field__label">{asking === 'remove' ? t('verification.task.exit.note') : t('verification.task.reason')}</span>
            <input className="field__input" data-testid="verification-exit-reason" maxLength={500} value={reason} placeholder={t('verification.task.reasonPlaceholder')} onChange={(e) => setReason(e.target.value)} />
          </label>
          <button type="button" className="button button--primary" data-testid="verification-exit-confirm" onClick={() => void go(asking)}>
            {t('verification.task.confirm')}
          </button>{' '}
          <button type="button" className="button button--secondary" onClick={() => setAsking(null)}>
            {t('verification.task.cancel')}
          </button>
        </div>
      ) : null}
      {action.error ? <ErrorNotice error={action.error} /> : null}
    </section>
  );
}
