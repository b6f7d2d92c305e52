import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LiaisonView, VisitItem } from '@shared/liaison/liaison';
import { subHref } from '../../app/router';
import { useLanguage } from '../../app/store';
import { ErrorNotice } from '../../components/error-notice';
import { colon, formatDateTime, inParens } from '../../lib/format';
import { useCall } from '../../lib/use-call';
import { AssignForm } from './assign-form';
import { VisitForm, emptyVisit } from './visit-form';

// One enterprise's 包保: its official and department now, who followed it when, the visit log
// (newest first) with a form to log a visit; the author of a visit may correct it, and every
// earlier wording stays listed under it.

function VisitEntry({ enterpriseId, visit, onSaved }: { enterpriseId: string; visit: VisitItem; onSaved(v: LiaisonView): void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [isEditing, setIsEditing] = useState(false);
  if (isEditing) {
    return (
      <li className="notes-list__item" data-testid="visit-entry">
        <VisitForm
          enterpriseId={enterpriseId}
          visitId={visit.id}
          initial={{ date: visit.date, form: visit.form, discussed: visit.discussed, nextStep: visit.nextStep, nextDue: visit.nextDue ?? '' }}
          onSaved={(v) => {
            setIsEditing(false);
            onSaved(v);
          }}
          onCancel={() => setIsEditing(false)}
        />
      </li>
    );
  }
  return (
    <li className="notes-list__item" data-testid="visit-entry">
      <p className="notes-list__head">
        <span className="mono">{visit.date}</span> · {t(`liaison.forms.${visit.form}`)} · <span className="muted">{t('liaison.visit.loggedBy', { name: visit.by, at: formatDateTime(visit.at, language) })}</span>
        {visit.previous.length > 0 ? <span className="badge">{t('liaison.visit.corrected', { count: visit.previous.length })}</span> : null}
      </p>
      <p className="notes-list__text" data-testid="visit-entry-text">
        {visit.discussed}
      </p>
      {visit.nextStep ? (
        <p className="notes-list__text">
          <strong>{t('liaison.visit.nextStep')}</strong>
          {colon(language)}
          {visit.nextStep}
          {visit.nextDue ? <span className="muted">{t('liaison.visit.dueBy', { date: visit.nextDue })}</span> : null}
        </p>
      ) : null}
      {visit.previous.length > 0 ? (
        <details className="liaison-previous">
          <summary>{t('liaison.visit.previous')}</summary>
          <ol>
            {[...visit.previous].reverse().map((p) => (
              <li key={p.replacedAt} className="muted">
                <span className="mono">{p.date}</span> · {t(`liaison.forms.${p.form}`)} · {p.discussed}
                {p.nextStep ? inParens(`${p.nextStep}${p.nextDue ? ` ${p.nextDue}` : ''}`, language) : ''} — {t('liaison.visit.replacedAt', { at: formatDateTime(p.replacedAt, language) })}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
      {visit.isMine ? (
        <button type="button" className="button button--secondary button--small" data-testid="visit-correct" onClick={() => setIsEditing(true)}>
          {t('liaison.visit.correct')}
        </button>
      ) : null}
    </li>
  );
}

export function EnterpriseLiaison({ enterpriseId, canAssign }: { enterpriseId: string; canAssign: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const one = useCall('liaison:get', { enterpriseId });
  const view = one.value;
  const [isReassigning, setIsReassigning] = useState(false);
  if (one.error) return <ErrorNotice error={one.error} onRetry={one.refetch} />;
  if (!view || view.enterpriseId !== enterpriseId) return null;
  return (
    <div className="liaison-enterprise" data-testid="liaison-enterprise">
      <p>
        <a href={subHref('directory', 'liaison')}>{t('liaison.backToList')}</a>
        {' · '}
        <a href={subHref('directory', 'enterprise', enterpriseId)}>{t('liaison.openEnterprise')}</a>
      </p>
      <h2 className="draw-record__title">{view.name}</h2>
      <div className="liaison-columns">
        <section className="panel" aria-labelledby="liaison-now-title">
          <h3 className="panel__title" id="liaison-now-title">
            {t('liaison.now')}
          </h3>
          <dl className="facts">
            <dt>{t('liaison.official')}</dt>
            <dd data-testid="liaison-official">{view.official || t('liaison.list.unassigned')}</dd>
            <dt>{t('liaison.department')}</dt>
            <dd data-testid="liaison-department">{view.department || '—'}</dd>
          </dl>
          {!canAssign ? (
            <p className="muted" data-testid="liaison-assign-not-allowed">
              {t('liaison.assign.notAllowed')}
            </p>
          ) : isReassigning || view.official === '' ? (
            <AssignForm
              enterpriseIds={[enterpriseId]}
              initial={view.official === '' ? undefined : { official: '', department: view.department }}
              onAssigned={() => {
                setIsReassigning(false);
                one.refetch();
              }}
            />
          ) : (
            <button type="button" className="button button--secondary" data-testid="liaison-reassign" onClick={() => setIsReassigning(true)}>
              {t('liaison.reassign')}
            </button>
          )}
          <h3 className="panel__title liaison-history-title">{t('liaison.history.title')}</h3>
          {view.assignments.length === 0 ? (
            <p className="muted">{t('liaison.history.none')}</p>
          ) : (
            <table className="data-table" data-testid="liaison-history">
              <thead>
                <tr>
                  <th scope="col">{t('liaison.official')}</th>
                  <th scope="col">{t('liaison.department')}</th>
                  <th scope="col">{t('liaison.history.period')}</th>
                  <th scope="col">{t('liaison.history.by')}</th>
                </tr>
              </thead>
              <tbody>
                {view.assignments.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">{a.official}</th>
                    <td>{a.department || '—'}</td>
                    <td className="mono">{a.until ? `${a.since} — ${a.until}` : t('liaison.history.fromOn', { date: a.since })}</td>
                    <td className="muted">
                      {a.by} · {formatDateTime(a.at, language)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section className="panel" aria-labelledby="liaison-visits-title" data-testid="liaison-visits">
          <h3 className="panel__title" id="liaison-visits-title">
            {t('liaison.visit.title')}
          </h3>
          <VisitForm enterpriseId={enterpriseId} initial={emptyVisit()} onSaved={one.replace} />
          {view.visits.length === 0 ? (
            <p className="muted">{t('liaison.visit.none')}</p>
          ) : (
            <ol className="notes-list">
              {view.visits.map((v) => (
                <VisitEntry key={`${v.id}:${v.previous.length}`} enterpriseId={enterpriseId} visit={v} onSaved={one.replace} />
              ))}
            </ol>
          )}
        </section>
      </div>
    </div>
  );
}
