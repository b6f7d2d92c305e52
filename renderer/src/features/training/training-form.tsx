import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TrainingDraft, trainingAudiences, type TrainingAudience, type TrainingSession } from '@shared/training/training';
import type { AppErrorShape } from '@shared/result';
import { ErrorNotice } from '../../components/error-notice';
import { call } from '../../lib/api';
import { todayIso } from '../directory/format';
import { useTownships } from '../directory/townships';

// A training session, new or corrected: when, what, for whom, by whom, how many came (names
// optional, one a line, "姓名 企业" for enterprises' staff), how long. The form checks the same
// schema main does (shared/training/training.ts).

interface Draft {
  areaCode: string;
  date: string;
  topic: string;
  audience: TrainingAudience;
  trainer: string;
  attendeeCount: string;
  attendees: string;
  hours: string;
  notes: string;
}

const draftOf = (s: TrainingSession | null, county: string): Draft =>
  s
    ? {
        areaCode: s.areaCode,
        date: s.date,
        topic: s.topic,
        audience: s.audience,
        trainer: s.trainer,
        attendeeCount: String(s.attendeeCount),
        attendees: s.attendees.map((a) => (a.enterprise ? `${a.name} ${a.enterprise}` : a.name)).join('\n'),
        hours: String(s.hours),
        notes: s.notes,
      }
    : { areaCode: county, date: todayIso(), topic: '', audience: 'enumerator', trainer: '', attendeeCount: '', attendees: '', hours: '', notes: '' };

/** "马晓梅 中卫市金沙商贸有限公司" → name and enterprise; one person a line. */
const attendeesOf = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((l) => {
      const [name = '', ...rest] = l.split(/\s+/);
      return { name, enterprise: rest.join(' ') };
    });

export function TrainingForm({ session, county, onSaved, onCancel }: { session: TrainingSession | null; county: string; onSaved(s: TrainingSession): void; onCancel(): void }) {
  const { t } = useTranslation();
  const townships = useTownships((s) => s.townships);
  const [draft, setDraft] = useState<Draft>(() => draftOf(session, county));
  const [problems, setProblems] = useState<string[]>([]);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  const submit = async () => {
    setError(null);
    const parsed = TrainingDraft.safeParse({
      ...draft,
      attendeeCount: draft.attendeeCount.trim() === '' ? NaN : Number(draft.attendeeCount),
      hours: draft.hours.trim() === '' ? NaN : Number(draft.hours),
      attendees: attendeesOf(draft.attendees),
    });
    if (!parsed.success) {
      return setProblems([...new Set(parsed.error.issues.map((i) => t(`training.problems.${String(i.path[0] ?? 'other')}`, { defaultValue: t('training.problems.other') })))]);
    }
    setProblems([]);
    setIsBusy(true);
    const r = await call('training:save', session ? { id: session.id, draft: parsed.data } : { draft: parsed.data });
    setIsBusy(false);
    if (!r.ok) return setError(r.error);
    onSaved(r.value);
  };

  return (
    <form
      className="panel training-form"
      data-testid="training-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2 className="panel__title">{session ? t('training.editTitle') : t('training.newTitle')}</h2>
      <div className="training-form__grid">
        <label className="field">
          <span className="field__label">{t('training.date')}</span>
          <input type="date" className="field__input" data-testid="training-date" value={draft.date} onChange={(e) => set({ date: e.target.value })} />
        </label>
        <label className="field">
          <span className="field__label">{t('training.area')}</span>
          <select className="field__input field__input--select" data-testid="training-area" value={draft.areaCode} disabled={session !== null} onChange={(e) => set({ areaCode: e.target.value })}>
            {county ? <option value={county}>{t('training.countyWide')}</option> : null}
            {townships.map((x) => (
              <option key={x.code} value={x.code}>
                {x.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field training-form__wide">
          <span className="field__label">{t('training.topic')}</span>
          <input className="field__input" data-testid="training-topic" maxLength={200} value={draft.topic} onChange={(e) => set({ topic: e.target.value })} />
        </label>
        <label className="field">
          <span className="field__label">{t('training.audience')}</span>
          <select className="field__input field__input--select" data-testid="training-audience" value={draft.audience} onChange={(e) => set({ audience: trainingAudiences.find((a) => a === e.target.value) ?? 'enumerator' })}>
            {trainingAudiences.map((a) => (
              <option key={a} value={a}>
                {t(`training.audiences.${a}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('training.trainer')}</span>
          <input className="field__input" data-testid="training-trainer" maxLength={40} value={draft.trainer} onChange={(e) => set({ trainer: e.target.value })} />
        </label>
        <label className="field">
          <span className="field__label">{t('training.attendeeCount')}</span>
          <input className="field__input" inputMode="numeric" data-testid="training-count" value={draft.attendeeCount} onChange={(e) => set({ attendeeCount: e.target.value })} />
        </label>
        <label className="field">
          <span className="field__label">{t('training.hours')}</span>
          <input className="field__input" inputMode="decimal" data-testid="training-hours" value={draft.hours} onChange={(e) => set({ hours: e.target.value })} />
        </label>
        <label className="field training-form__wide">
          <span className="field__label">{t('training.attendees')}</span>
          <textarea className="field__input dir-textarea" data-testid="training-attendees" rows={3} placeholder={t('training.attendeesPlaceholder')} value={draft.attendees} onChange={(e) => set({ attendees: e.target.value })} />
        </label>
        <label className="field training-form__wide">
          <span className="field__label">{t('training.notes')}</span>
          <textarea className="field__input dir-textarea" data-testid="training-notes" rows={2} maxLength={2000} value={draft.notes} onChange={(e) => set({ notes: e.target.value })} />
        </label>
      </div>
      {problems.length > 0 ? (
        <ul className="field__error" role="alert" data-testid="training-problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
      <div className="dir-inline">
        <button type="submit" className="button button--primary" data-testid="training-save" disabled={isBusy}>
          {t('training.save')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('training.cancelEdit')}
        </button>
      </div>
    </form>
  );
}
