import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { trainingAudiences, type TrainingSession } from '@shared/training/training';
import type { AppErrorShape } from '@shared/result';
import { useLanguage } from '../../app/store';
import { ErrorNotice } from '../../components/error-notice';
import { Stat } from '../../components/stat';
import { call } from '../../lib/api';
import { formatCount } from '../../lib/format';
import { useCall } from '../../lib/use-call';
import { useTownships } from '../directory/townships';
import { useSession } from '../review/session-role';
import { TrainingForm } from './training-form';

// #/directory/training   培训: the year's sessions with their counts (sessions held, people trained,
// by audience: what the year-end summary quotes), a form to record or correct one, and
// cancelling one entered by mistake (with its reason; it then no longer counts).

function CancelControl({ session, onDone }: { session: TrainingSession; onDone(): void }) {
  const { t } = useTranslation();
  const [isOpen, setIsOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<AppErrorShape | null>(null);
  if (!isOpen) {
    return (
      <button type="button" className="button button--secondary button--small" onClick={() => setIsOpen(true)}>
        {t('training.cancelSession')}
      </button>
    );
  }
  return (
    <span className="dir-inline">
      <input className="field__input dir-short" aria-label={t('training.cancelReason')} placeholder={t('training.cancelReason')} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
      <button
        type="button"
        className="button button--primary button--small"
        disabled={reason.trim() === ''}
        onClick={() =>
          void call('training:cancel', { id: session.id, reason: reason.trim() }).then((r) => {
            if (r.ok) onDone();
            else setError(r.error);
          })
        }
      >
        {t('training.confirmCancel')}
      </button>
      {error ? <ErrorNotice error={error} /> : null}
    </span>
  );
}

export function TrainingPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const townshipNames = useTownships((s) => s.names);
  const townships = useTownships((s) => s.townships);
  const loadTownships = useTownships((s) => s.load);
  const [year, setYear] = useState(new Date().getFullYear());
  const [editing, setEditing] = useState<{ session: TrainingSession | null } | null>(null);
  const [reload, setReload] = useState(0);
  const list = useCall('training:list', { year }, { reloadKey: reload });
  const county = townships[0]?.code.slice(0, 6) ?? '';
  const session = useSession();
  // Hidden for a role that may not record training; main refuses it anyway (training/service.ts).
  const canRecord = session.value?.permissions.includes('training.record') ?? false;

  useEffect(() => {
    void loadTownships();
  }, [loadTownships]);

  const areaName = (code: string) => (code.length === 6 ? t('training.countyWide') : (townshipNames.get(code) ?? code));
  const counts = list.value?.counts;
  return (
    <div className="training" data-testid="training-page">
      <div className="dir-inline">
        <label className="dir-inline">
          {t('training.year')}
          <input type="number" className="field__input dir-short" data-testid="training-year" min={2000} max={2100} value={year} onChange={(e) => setYear(Number(e.target.value) || new Date().getFullYear())} />
        </label>
        {editing ? null : canRecord ? (
          <button type="button" className="button button--primary" data-testid="training-new" onClick={() => setEditing({ session: null })}>
            {t('training.new')}
          </button>
        ) : (
          <span className="muted" data-testid="training-not-allowed">
            {t('training.notAllowed')}
          </span>
        )}
      </div>
      {counts ? (
        <dl className="stats stats--compact" data-testid="training-counts">
          <Stat label={t('training.counts.sessions', { year })} value={formatCount(counts.sessions, language)} testId="training-count-sessions" />
          <Stat label={t('training.counts.people')} value={formatCount(counts.people, language)} testId="training-count-people" />
          {trainingAudiences.map((a) => (
            <Stat key={a} label={t(`training.audiences.${a}`)} value={t('training.counts.byAudience', { sessions: counts.byAudience[a].sessions, people: counts.byAudience[a].people })} testId={`training-count-${a}`} />
          ))}
        </dl>
      ) : null}
      {editing ? (
        <TrainingForm
          key={editing.session?.id ?? 'new'}
          session={editing.session}
          county={county}
          onSaved={(s) => {
            setEditing(null);
            setYear(Number(s.date.slice(0, 4)));
            setReload((n) => n + 1);
          }}
          onCancel={() => setEditing(null)}
        />
      ) : null}
      {list.error ? <ErrorNotice error={list.error} onRetry={list.refetch} /> : null}
      {list.value && list.value.sessions.length === 0 ? <p className="muted">{t('training.none', { year })}</p> : null}
      {list.value && list.value.sessions.length > 0 ? (
        <table className="data-table dir-wide-table" data-testid="training-list">
          <thead>
            <tr>
              <th scope="col">{t('training.date')}</th>
              <th scope="col">{t('training.topic')}</th>
              <th scope="col">{t('training.audience')}</th>
              <th scope="col">{t('training.area')}</th>
              <th scope="col">{t('training.trainer')}</th>
              <th scope="col" className="num">
                {t('training.attendeeCount')}
              </th>
              <th scope="col" className="num">
                {t('training.hours')}
              </th>
              <th scope="col">
                <span className="visually-hidden">{t('training.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.value.sessions.map((s) => (
              <tr key={s.id} data-testid="training-row" data-cancelled={s.cancelled ? 'true' : 'false'}>
                <td className="mono">{s.date}</td>
                <th scope="row">
                  {s.topic}
                  {s.notes ? <div className="muted">{s.notes}</div> : null}
                  {s.cancelled ? <div className="badge badge--warn">{t('training.cancelled', { reason: s.cancelled.reason, by: s.cancelled.by })}</div> : null}
                </th>
                <td>{t(`training.audiences.${s.audience}`)}</td>
                <td>{areaName(s.areaCode)}</td>
                <td>{s.trainer}</td>
                <td className="num">
                  {formatCount(s.attendeeCount, language)}
                  {s.attendees.length > 0 ? <div className="muted">{t('training.named', { count: s.attendees.length })}</div> : null}
                </td>
                <td className="num">{s.hours}</td>
                <td>
                  {s.cancelled || !canRecord ? null : (
                    <span className="dir-inline">
                      <button type="button" className="button button--secondary button--small" data-testid="training-edit" onClick={() => setEditing({ session: s })}>
                        {t('training.edit')}
                      </button>
                      <CancelControl session={s} onDone={() => setReload((n) => n + 1)} />
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
