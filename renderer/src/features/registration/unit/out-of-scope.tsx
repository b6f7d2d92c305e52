import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '@shared/result';
import { ErrorNotice } from '../../../components/error-notice';
import { showToast } from '../../../components/toast';
import { call } from '../../../lib/api';
import { Dialog } from '../dialog';
import { useUnitSession } from './session-store';

// 标为非普查对象, offered beside a finding that places the unit after the census reference date
// (shared/registration/scope.ts): the ground is fixed, a note is optional; main checks the
// finding still stands on the saved answers before it sets the unit aside.

export function OutOfScopeAction() {
  const { t } = useTranslation();
  const detail = useUnitSession((s) => s.detail);
  const flush = useUnitSession((s) => s.flush);
  const accept = useUnitSession((s) => s.accept);
  const [isAsking, setIsAsking] = useState(false);
  const [note, setNote] = useState('');
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  if (!detail) return null;

  const mark = async () => {
    setError(null);
    setIsBusy(true);
    try {
      // The finding is judged on the saved answers: save what is on screen first.
      if (!(await flush())) return;
      const version = useUnitSession.getState().detail?.version ?? detail.version;
      const trimmed = note.trim();
      const result = await call('units:markOutOfScope', { id: detail.id, version, ...(trimmed === '' ? {} : { note: trimmed }) });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      accept(result.value);
      setIsAsking(false);
      showToast(t('registration.outOfScope.done'));
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <>
      <button
        type="button"
        className="button button--secondary button--small finding__action"
        data-testid="mark-out-of-scope"
        disabled={isBusy}
        onClick={() => setIsAsking(true)}
      >
        {t('registration.actions.markOutOfScope')}
      </button>
      {isAsking ? (
        <Dialog title={t('registration.outOfScope.title')} testId="out-of-scope-dialog" onClose={() => setIsAsking(false)}>
          <form
            className="form"
            onSubmit={(e) => {
              e.preventDefault();
              void mark();
            }}
          >
            <p>{t('registration.outOfScope.body')}</p>
            <p>
              <strong>{t('registration.outOfScope.ground')}</strong>
            </p>
            <div className="field">
              <label className="field__label" htmlFor="out-of-scope-note">
                {t('registration.outOfScope.note')}
              </label>
              <textarea
                id="out-of-scope-note"
                className="field__input field__textarea"
                data-testid="out-of-scope-note"
                maxLength={400}
                rows={3}
                value={note}
                onChange={(e) => setNote(e.target.value)}
              />
              <p className="field__hint">{t('registration.outOfScope.noteHint')}</p>
            </div>
            {error ? <ErrorNotice error={error} onDismiss={() => setError(null)} /> : null}
            <div className="form__actions">
              <button type="submit" className="button button--primary" data-testid="out-of-scope-confirm" disabled={isBusy}>
                {t('registration.outOfScope.confirm')}
              </button>
              <button type="button" className="button button--secondary" onClick={() => setIsAsking(false)}>
                {t('registration.cancel')}
              </button>
            </div>
          </form>
        </Dialog>
      ) : null}
    </>
  );
}
