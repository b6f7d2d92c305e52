import { useState } from 'react';
import { useCurrentPack } from '../../forms/packs-store';
import { useTranslation } from 'react-i18next';
import type { UnitDetail } from '@shared/registration/registration';
import { checkDecision, reviewDecisions, type ReviewDecision } from '@shared/review/review';
import type { AppErrorShape } from '@shared/result';
import type { SessionRole } from '@shared/session/roles';
import { subHref } from '../../../app/router';
import { useLanguage } from '../../../app/store';
import { ErrorNotice } from '../../../components/error-notice';
import { showToast } from '../../../components/toast';
import { call } from '../../../lib/api';
import { colon } from '../../../lib/format';
import { itemPlace, splitItemPath } from '../../../lib/item-path';
import { useThreadStore } from '../thread-store';
import { draftComments, useDraftStore } from './draft-store';

// The reviewer's decision on the unit on screen: approve (审核通过), return with the item
// comments written beside the items (退回修改), or — for the bureau — accept (验收). Only the
// decisions the role may make from the unit's status are offered; main checks the same rule.

interface Props {
  detail: UnitDetail;
  role: SessionRole;
  onDecided(detail: UnitDetail): void;
  onGoTo(formId: string, path: string): void;
}

const buttonClass: Record<ReviewDecision, string> = {
  approve: 'button button--primary',
  accept: 'button button--primary',
  return: 'button button--danger',
};

export function DecisionPanel({ detail, role, onDecided, onGoTo }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const pack = useCurrentPack();
  const drafts = useDraftStore((s) => s.drafts);
  const note = useDraftStore((s) => s.note);
  const setNote = useDraftStore((s) => s.setNote);
  const reset = useDraftStore((s) => s.reset);
  const setThread = useThreadStore((s) => s.set);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [done, setDone] = useState<ReviewDecision | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const comments = draftComments(drafts);
  const allowed = reviewDecisions.filter((d) => checkDecision(role, d, detail.status).ok);

  const decide = async (decision: ReviewDecision) => {
    setError(null);
    setIsBusy(true);
    try {
      const result = await call('review:decide', {
        unitId: detail.id,
        version: detail.version,
        decision,
        comments: decision === 'return' ? comments : [],
        note: note.trim() === '' ? undefined : note.trim(),
      });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setThread(result.value);
      reset();
      setDone(decision);
      showToast(t(`toast.${decision}`, { name: detail.name || t('registration.unit.unnamed') }));
      const fresh = await call('units:get', { id: detail.id });
      if (fresh.ok) onDecided(fresh.value);
      else setError(fresh.error);
    } finally {
      setIsBusy(false);
    }
  };

  const blockedReason = (d: ReviewDecision): string | null => {
    if (d === 'return') return comments.length === 0 && note.trim() === '' ? t('review.decide.returnNeeds') : null;
    return comments.length > 0 ? t('review.decide.draftsPending') : null;
  };

  return (
    <section className="panel decision-panel" data-testid="decision-panel" aria-labelledby="decision-title">
      <h2 className="panel__title" id="decision-title">
        {t('review.decide.title')}
      </h2>
      {done ? (
        <p className="notice notice--ok" role="status" data-testid="decision-done">
          {t(`review.decide.done.${done}`)} <a href={subHref('review')}>{t('review.decide.backToQueue')}</a>
        </p>
      ) : null}
      {error ? (
        <ErrorNotice
          error={error}
          title={t('review.decide.failed')}
          onDismiss={() => setError(null)}
          onRetry={error.code === 'CONFLICT' ? () => window.location.reload() : undefined}
        />
      ) : null}
      {allowed.length === 0 ? (
        <p className="muted" data-testid="decision-none">
          {t('review.decide.nothing', { status: t(`unitStatus.${detail.status}`) })}
        </p>
      ) : (
        <>
          {allowed.includes('return') ? (
            <>
              <p className="muted">{t('review.decide.howToComment')}</p>
              {comments.length > 0 ? (
                <ol className="decision-panel__drafts" data-testid="decision-drafts" data-count={comments.length}>
                  {comments.map((c) => (
                    <li key={c.path}>
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => {
                          const { formId, inner } = splitItemPath(c.path);
                          onGoTo(formId, inner);
                        }}
                      >
                        {itemPlace(pack, c.path, language)}
                      </button>
                      {colon(language)}
                      {c.text}
                    </li>
                  ))}
                </ol>
              ) : null}
              <div className="field">
                <label className="field__label" htmlFor="decision-note">
                  {t('review.decide.note')}
                </label>
                <textarea
                  id="decision-note"
                  className="field__input field__textarea"
                  data-testid="decision-note"
                  rows={2}
                  maxLength={1000}
                  value={note}
                  onChange={(e) => setNote(e.target.value)}
                />
              </div>
            </>
          ) : null}
          <div className="decision-panel__actions">
            {allowed.map((d) => {
              const reason = blockedReason(d);
              return (
                <button
                  key={d}
                  type="button"
                  className={buttonClass[d]}
                  data-testid={`decide-${d}`}
                  disabled={isBusy || reason !== null}
                  title={reason ?? undefined}
                  onClick={() => void decide(d)}
                >
                  {d === 'return' && comments.length > 0
                    ? t('review.decide.returnWith', { count: comments.length })
                    : t(`review.decide.${d}`)}
                </button>
              );
            })}
          </div>
          {allowed.map((d) => blockedReason(d)).find((r) => r !== null) ? (
            <p className="muted decision-panel__why">{allowed.map((d) => blockedReason(d)).find((r) => r !== null)}</p>
          ) : null}
        </>
      )}
    </section>
  );
}
