import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnitDetail } from '@shared/registration/registration';
import type { AppErrorShape, Result } from '@shared/result';
import type { SubmitCheck } from '@shared/rules';
import { useLanguage } from '../../../app/store';
import { ErrorNotice } from '../../../components/error-notice';
import { showToast } from '../../../components/toast';
import { call } from '../../../lib/api';
import { useOpenCommentCount } from '../../review/answer/live-comments';
import { Dialog } from '../dialog';
import { useUnitSession } from './session-store';
import { canWithdraw, WithdrawUnit } from './withdraw-unit';
import { isSetAside } from '@shared/registration/workflow';

// The workflow buttons of a unit: submit (only with no 强制性 finding and every 核实性 one
// explained), mark as not found (找不到且无法电话联系, with a written reason and nothing
// filled in), reopen a submitted or not-found unit for more work, and withdraw a unit added by
// mistake before it was ever submitted (withdraw-unit.tsx).

const MIN_REASON = 4;

interface Props {
  submit: SubmitCheck;
  isReady: boolean;
  isEditable: boolean;
  onSubmitted(): void;
}

export function UnitActions({ submit, isReady, isEditable, onSubmitted }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const detail = useUnitSession((s) => s.detail);
  const flush = useUnitSession((s) => s.flush);
  const accept = useUnitSession((s) => s.accept);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const [isAskingReason, setIsAskingReason] = useState(false);
  const [reason, setReason] = useState('');
  // A returned unit goes back only when each comment of the return is answered or its item changed.
  const openComments = useOpenCommentCount();
  if (!detail) return null;

  const run = async (action: (version: number) => Promise<Result<UnitDetail>>) => {
    setError(null);
    setIsBusy(true);
    try {
      // The action applies to what is on screen: save it first.
      if (!(await flush())) return false;
      const version = useUnitSession.getState().detail?.version ?? detail.version;
      const result = await action(version);
      if (!result.ok) {
        setError(result.error);
        return false;
      }
      accept(result.value);
      return true;
    } finally {
      setIsBusy(false);
    }
  };

  const blocked = !isReady
    ? t('app.loading')
    : submit.mandatory.length > 0 || submit.unexplained.length > 0
      ? t('registration.actions.blocked', { mandatory: submit.mandatory.length, unexplained: submit.unexplained.length })
      : openComments > 0
        ? t('review.answer.blocked', { count: openComments })
        : null;
  const canReopen = detail.status === 'submitted' || isSetAside(detail.status);

  return (
    <div className="unit-actions">
      {error ? (
        <div className="unit-actions__error">
          <ErrorNotice error={error} onDismiss={() => setError(null)} />
          {error.issues && error.issues.length > 0 ? (
            <ul className="issues" data-testid="submit-issues">
              {error.issues.map((i) => {
                // Main names the same findings the form shows: say them in the UI's language,
                // with the rule id only in the tooltip (people read messages, not rule ids).
                const live = [...submit.mandatory, ...submit.unexplained].find((f) => `${f.formId}.${f.path}` === i.path);
                return (
                  <li key={`${i.path}:${i.message}`} title={live ? t('registration.findings.rule', { rule: live.ruleId }) : undefined}>
                    {live ? (language === 'en' ? live.messageEn : live.messageZh) : i.message}
                  </li>
                );
              })}
            </ul>
          ) : null}
        </div>
      ) : null}
      {isEditable ? (
        <>
          <button
            type="button"
            id="unit-submit"
            className="button button--primary"
            data-testid="unit-submit"
            disabled={blocked !== null || isBusy}
            aria-describedby={blocked ? 'unit-submit-blocked' : undefined}
            aria-keyshortcuts="Control+Enter"
            onClick={() => {
              const key = detail.status === 'returned' ? 'toast.resubmitted' : 'toast.submitted';
              void run((version) => call('units:submit', { id: detail.id, version })).then((ok) => {
                if (!ok) return;
                showToast(t(key, { name: detail.name || t('registration.unit.unnamed') }));
                onSubmitted();
              });
            }}
          >
            {detail.status === 'returned' ? t('review.answer.resubmit') : t('registration.actions.submit')}
          </button>
          {blocked ? (
            <span className="unit-actions__blocked" id="unit-submit-blocked" data-testid="unit-submit-blocked">
              {blocked}
            </span>
          ) : (
            <span className="unit-actions__ready">{t('registration.actions.ready')}</span>
          )}
          <button
            type="button"
            className="button button--secondary unit-actions__aside"
            data-testid="mark-not-found"
            disabled={isBusy}
            onClick={() => setIsAskingReason(true)}
          >
            {t('registration.actions.markNotFound')}
          </button>
          {canWithdraw(detail) ? (
            <WithdrawUnit detail={detail} beforeWithdraw={async () => ((await flush()) ? (useUnitSession.getState().detail?.version ?? detail.version) : null)} />
          ) : null}
        </>
      ) : null}
      {canReopen ? (
        <button
          type="button"
          className="button button--secondary"
          data-testid="unit-reopen"
          disabled={isBusy}
          onClick={() => void run((version) => call('units:reopen', { id: detail.id, version }))}
        >
          {t(isSetAside(detail.status) ? 'registration.actions.reopenNotFound' : 'registration.actions.reopen')}
        </button>
      ) : null}
      {isAskingReason ? (
        <Dialog title={t('registration.notFound.title')} testId="not-found-dialog" onClose={() => setIsAskingReason(false)}>
          <form
            className="form"
            onSubmit={(e) => {
              e.preventDefault();
              if (reason.trim().length < MIN_REASON) return;
              void run((version) => call('units:markNotFound', { id: detail.id, version, reason: reason.trim() })).then(
                (ok) => ok && setIsAskingReason(false),
              );
            }}
          >
            <p>{t('registration.notFound.body')}</p>
            <div className="field">
              <label className="field__label" htmlFor="not-found-reason">
                {t('registration.notFound.reason')}
              </label>
              <textarea
                id="not-found-reason"
                className="field__input field__textarea"
                data-testid="not-found-reason"
                required
                minLength={MIN_REASON}
                maxLength={500}
                rows={4}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
              <p className="field__hint">{t('registration.notFound.hint', { min: MIN_REASON })}</p>
            </div>
            <div className="form__actions">
              <button
                type="submit"
                className="button button--primary"
                data-testid="not-found-confirm"
                disabled={reason.trim().length < MIN_REASON || isBusy}
              >
                {t('registration.notFound.confirm')}
              </button>
              <button type="button" className="button button--secondary" onClick={() => setIsAskingReason(false)}>
                {t('registration.cancel')}
              </button>
            </div>
          </form>
        </Dialog>
      ) : null}
    </div>
  );
}
