import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contactMethods, type FollowUpView } from '@shared/followup/work';
import type { AppErrorShape } from '@shared/result';
import { ErrorNotice } from '../../../components/error-notice';
import { call } from '../../../lib/api';
import { todayIso } from '../../directory/format';
import { useEnterprise } from '../../directory/enterprise/enterprise-store';

// Dated notes of each contact (一对一指导): when, how, with whom, what was said or agreed.

type Method = (typeof contactMethods)[number];

export function ContactNotes({ view }: { view: FollowUpView }) {
  const { t } = useTranslation();
  const setFollowUp = useEnterprise((s) => s.setFollowUp);
  const [date, setDate] = useState(todayIso());
  const [method, setMethod] = useState<Method>('visit');
  const [contact, setContact] = useState('');
  const [text, setText] = useState('');
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [isEmpty, setIsEmpty] = useState(false);
  const [isBusy, setIsBusy] = useState(false);

  const add = async () => {
    setError(null);
    if (!text.trim()) return setIsEmpty(true);
    setIsEmpty(false);
    setIsBusy(true);
    const result = await call('followup:addNote', { enterpriseId: view.enterpriseId, date, method, contact: contact.trim(), text: text.trim() });
    setIsBusy(false);
    if (!result.ok) return setError(result.error);
    setFollowUp(result.value);
    setText('');
    setContact('');
  };

  return (
    <section className="panel followup-notes" aria-labelledby="followup-notes-title" data-testid="followup-notes">
      <h2 className="panel__title" id="followup-notes-title">
        {t('directory.notes.title')}
      </h2>
      {view.notes.length === 0 ? (
        <p className="muted">{t('directory.notes.none')}</p>
      ) : (
        <ol className="notes-list">
          {[...view.notes]
            .sort((a, b) => b.date.localeCompare(a.date) || b.createdAt.localeCompare(a.createdAt))
            .map((n) => (
              <li key={n.id} className="notes-list__item" data-testid="followup-note">
                <p className="notes-list__head">
                  <span className="mono">{n.date}</span> · {t(`directory.notes.methods.${n.method}`)}
                  {n.contact ? ` · ${t('directory.notes.with', { contact: n.contact })}` : ''} · <span className="muted">{n.createdBy}</span>
                </p>
                <p className="notes-list__text">{n.text}</p>
              </li>
            ))}
        </ol>
      )}
      <form
        className="notes-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <div className="dir-inline">
          <label className="dir-inline">
            {t('directory.notes.date')}
            <input type="date" className="field__input dir-date" data-testid="note-date" value={date} onChange={(e) => setDate(e.target.value)} />
          </label>
          <label className="dir-inline">
            {t('directory.notes.method')}
            <select className="field__input field__input--select" data-testid="note-method" value={method} onChange={(e) => setMethod(contactMethods.find((m) => m === e.target.value) ?? 'other')}>
              {contactMethods.map((m) => (
                <option key={m} value={m}>
                  {t(`directory.notes.methods.${m}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="dir-inline">
            {t('directory.notes.contact')}
            <input className="field__input dir-short" data-testid="note-contact" maxLength={40} value={contact} onChange={(e) => setContact(e.target.value)} />
          </label>
        </div>
        <label className="field">
          <span className="visually-hidden">{t('directory.notes.text')}</span>
          <textarea
            className="field__input dir-textarea"
            data-testid="note-text"
            rows={2}
            maxLength={2000}
            placeholder={t('directory.notes.placeholder')}
            value={text}
            aria-invalid={isEmpty ? true : undefined}
            onChange={(e) => setText(e.target.value)}
          />
          {isEmpty ? <span className="field__error">{t('directory.notes.needText')}</span> : null}
        </label>
        {error ? <ErrorNotice error={error} /> : null}
        <div>
          <button type="submit" className="button button--secondary" data-testid="note-add" disabled={isBusy}>
            {t('directory.notes.add')}
          </button>
        </div>
      </form>
    </section>
  );
}
