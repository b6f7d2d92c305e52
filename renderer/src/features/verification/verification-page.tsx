import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { taskStates } from '@shared/verification/machine';
import { taskKinds } from '@shared/verification/sync-fields';
import type { TaskCreateResult, TaskQuery } from '@shared/verification/wire';
import { subHref, useSubPath } from '../../app/router';
import { useLanguage } from '../../app/store';
import { DownloadButton } from '../../components/download-button';
import { ErrorNotice } from '../../components/error-notice';
import { call } from '../../lib/api';
import { Page } from '../../components/page';
import { formatCount, inParens, joinClauses } from '../../lib/format';
import { useCall } from '../../lib/use-call';
import { useTownships } from '../directory/townships';
import { useSession } from '../review/session-role';
import { CreateDialog } from './create-dialog';
import { TaskView } from './task-view';
import { StateTag } from './state-tag';

// 核查任务: the tasks this laptop holds (township staff: their township's; the bureau: all),
// filtered by checker, state, kind and township; the bureau makes new ones from its lists.
// '#/verification/task/<id>' opens one task.

export function VerificationPage() {
  const { t } = useTranslation();
  const sub = useSubPath().split('/');
  const taskId = sub[0] === 'task' && sub[1] ? sub[1] : null;
  return (
    <Page title={t('verification.title')} testId="verification-page">
      {taskId ? <TaskView id={taskId} /> : <TaskList />}
    </Page>
  );
}

function TaskList() {
  const { t } = useTranslation();
  const language = useLanguage();
  const session = useSession();
  const townships = useTownships((s) => s.townships);
  const townshipNames = useTownships((s) => s.names);
  const loadTownships = useTownships((s) => s.load);
  const [query, setQuery] = useState<TaskQuery>({});
  const [isCreating, setIsCreating] = useState(false);
  const [reload, setReload] = useState(0);
  const [created, setCreated] = useState<TaskCreateResult | null>(null);
  const list = useCall('verification:list', query, { reloadKey: reload });
  const rows = list.value?.rows ?? null;
  const people = list.value?.people ?? [];
  const mayManage = session.value?.permissions.includes('verify.manage') ?? false;

  useEffect(() => {
    void loadTownships();
  }, [loadTownships]);

  const set = (patch: Partial<TaskQuery>) => {
    const next: Record<string, unknown> = { ...query, ...patch };
    for (const [k, v] of Object.entries(next)) if (v === undefined) delete next[k];
    setQuery(next);
  };

  return (
    <div className="verification" data-testid="verification-list">
      <p className="field__hint">{t('verification.hint')}</p>
      <div className="toolbar verification__filters">
        <label className="field field--inline">
          <span className="field__label">{t('verification.filters.assignee')}</span>
          <select className="field__input field__input--select" data-testid="verification-filter-assignee" value={query.assignee ?? '*'} onChange={(e) => set({ assignee: e.target.value === '*' ? undefined : e.target.value })}>
            <option value="*">{t('verification.filters.anyAssignee')}</option>
            <option value="">{t('verification.filters.unassigned')}</option>
            {people.map((p) => (
              <option key={p.name} value={p.name}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field field--inline">
          <span className="field__label">{t('verification.filters.state')}</span>
          <select className="field__input field__input--select" data-testid="verification-filter-state" value={query.state ?? ''} onChange={(e) => set({ state: taskStates.find((s) => s === e.target.value) })}>
            <option value="">{t('verification.filters.anyState')}</option>
            {taskStates.map((s) => (
              <option key={s} value={s}>
                {t(`verification.states.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field field--inline">
          <span className="field__label">{t('verification.filters.kind')}</span>
          <select className="field__input field__input--select" data-testid="verification-filter-kind" value={query.kind ?? ''} onChange={(e) => set({ kind: taskKinds.find((k) => k === e.target.value) })}>
            <option value="">{t('verification.filters.anyKind')}</option>
            {taskKinds.map((k) => (
              <option key={k} value={k}>
                {t(`verification.kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field field--inline">
          <span className="field__label">{t('verification.filters.township')}</span>
          <select className="field__input field__input--select" data-testid="verification-filter-township" value={query.divisionPrefix ?? ''} onChange={(e) => set({ divisionPrefix: e.target.value === '' ? undefined : e.target.value })}>
            <option value="">{t('verification.filters.anyTownship')}</option>
            {townships.map((tw) => (
              <option key={tw.code} value={tw.code}>
                {tw.name}
              </option>
            ))}
          </select>
        </label>
        <DownloadButton label={t('verification.export')} testId="verification-export" request={() => call('verification:exportXlsx', query)} />
        {mayManage ? (
          <button type="button" className="button button--primary verification__new" data-testid="verification-new" onClick={() => setIsCreating(true)}>
            {t('verification.new')}
          </button>
        ) : null}
      </div>
      {created ? (
        <div className="notice notice--info" role="status" data-testid="verification-created">
          <p className="notice__text">
            {t('verification.create.done', { n: created.taskIds.length })}
            {created.skipped.length > 0 ? ` ${t('verification.create.skipped')}${joinClauses(created.skipped.map((x) => `${x.name}${inParens(language === 'en' ? x.en : x.zh, language)}`), language)}` : ''}
          </p>
          <div className="notice__actions">
            <button type="button" className="button button--secondary" onClick={() => setCreated(null)}>
              {t('app.dismiss')}
            </button>
          </div>
        </div>
      ) : null}
      {list.error ? <ErrorNotice error={list.error} onRetry={list.refetch} /> : null}
      {rows === null ? null : rows.length === 0 ? (
        <p className="muted" data-testid="verification-none">
          {t('verification.none')}
        </p>
      ) : (
        <>
          <p className="muted" role="status">
            {t('verification.count', { n: formatCount(rows.length, language) })}
          </p>
          <table className="data-table dir-wide-table" data-testid="verification-table">
            <thead>
              <tr>
                <th scope="col">{t('verification.columns.name')}</th>
                <th scope="col">{t('verification.columns.kind')}</th>
                <th scope="col">{t('verification.columns.township')}</th>
                <th scope="col">{t('verification.columns.batch')}</th>
                <th scope="col">{t('verification.columns.period')}</th>
                <th scope="col">{t('verification.columns.assignee')}</th>
                <th scope="col">{t('verification.columns.state')}</th>
                <th scope="col">{t('verification.columns.conclusion')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} data-testid={`verification-row-${r.enterpriseId}`} data-state={r.state}>
                  <th scope="row">
                    <a href={subHref('verification', 'task', r.id)} data-testid="verification-open">
                      {r.name}
                    </a>
                    <div className="mono muted">{r.uscc}</div>
                  </th>
                  <td>{t(`verification.kinds.${r.kind}`)}</td>
                  <td>{townshipNames.get(r.divisionCode.slice(0, 9)) ?? r.divisionCode.slice(0, 9)}</td>
                  <td>{r.batchTitle}</td>
                  <td>{t('verification.period', r.period)}</td>
                  <td>{r.assignee ?? <span className="muted">{t('verification.filters.unassigned')}</span>}</td>
                  <td>
                    <StateTag state={r.state} />
                    {r.exitState ? <StateTag exit={r.exitState} /> : null}
                  </td>
                  <td>{r.conclusion ? <span className={`verification-conclusion verification-conclusion--${r.conclusion}`}>{t(`verification.conclusions.${r.conclusion}`)}</span> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {isCreating ? (
        <CreateDialog
          people={people}
          onClose={() => setIsCreating(false)}
          onCreated={(result) => {
            setIsCreating(false);
            setCreated(result);
            setReload((n) => n + 1);
          }}
        />
      ) : null}
    </div>
  );
}
