import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LiaisonAssign, type LiaisonAssignResult } from '@shared/liaison/liaison';
import type { AppErrorShape } from '@shared/result';
import { ErrorNotice } from '../../components/error-notice';
import { call } from '../../lib/api';
import { todayIso } from '../directory/format';

// Assigns the given enterprises (one, or the many ticked in the list) to an official and their
// department from a day on. main refuses a start earlier than the current official's; nothing
// is written then.

export function AssignForm({ enterpriseIds, initial, onAssigned }: { enterpriseIds: string[]; initial?: { official: string; department: string }; onAssigned(r: LiaisonAssignResult): void }) {
  const { t } = useTranslation();
  const [official, setOfficial] = useState(initial?.official ?? '');
  const [department, setDepartment] = useState(initial?.department ?? '');
  const [since, setSince] = useState(todayIso());
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  const submit = async () => {
    setError(null);
    const parsed = LiaisonAssign.safeParse({ enterpriseIds, official, department, since });
    if (!parsed.success) {
      const path = String(parsed.error.issues[0]?.path[0] ?? '');
      return setProblem(path === 'official' ? t('liaison.assign.needOfficial') : path === 'since' ? t('liaison.assign.needSince') : t('liaison.assign.needEnterprises'));
    }
    setProblem(null);
    setIsBusy(true);
    const r = await call('liaison:assign', parsed.data);
    setIsBusy(false);
    if (!r.ok) return setError(r.error);
    onAssigned(r.value);
  };

  return (
    <form
      className="liaison-assign"
      data-testid="liaison-assign-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="dir-inline">
        <label className="dir-inline">
          {t('liaison.official')}
          <input className="field__input dir-short" data-testid="assign-official" maxLength={40} value={official} aria-invalid={problem !== null && official.trim() === '' ? true : undefined} onChange={(e) => setOfficial(e.target.value)} />
        </label>
        <label className="dir-inline">
          {t('liaison.department')}
          <input className="field__input liaison-department" data-testid="assign-department" maxLength={40} placeholder={t('liaison.departmentPlaceholder')} value={department} onChange={(e) => setDepartment(e.target.value)} />
        </label>
        <label className="dir-inline">
          {t('liaison.since')}
          <input type="date" className="field__input dir-date" data-testid="assign-since" value={since} onChange={(e) => setSince(e.target.value)} />
        </label>
        <button type="submit" className="button button--primary" data-testid="assign-submit" disabled={isBusy || enterpriseIds.length === 0}>
          {t('liaison.assign.submit', { count: enterpriseIds.length })}
        </button>
      </div>
      {problem ? (
        <p className="field__error" role="alert">
          {problem}
        </p>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
    </form>
  );
}
