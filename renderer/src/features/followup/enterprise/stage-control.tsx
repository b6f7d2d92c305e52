import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FollowUpStage } from '@shared/directory/directory';
import { followUpTransitions, type FollowUpView } from '@shared/followup/work';
import type { AppErrorShape } from '@shared/result';
import { useLanguage } from '../../../app/store';
import { ErrorNotice } from '../../../components/error-notice';
import { call } from '../../../lib/api';
import { formatDateTime, inParens, joinList } from '../../../lib/format';
import { todayIso } from '../../directory/format';
import { StageTag } from '../../directory/tags';
import { useEnterprise } from '../../directory/enterprise/enterprise-store';

// The 入规纳统 workflow: 候选 → 培育中 → 已申报 → 已入库 / 未通过. Only the moves the shared
// table allows are offered; 未通过 needs its reason, 已申报 says which round (monthly for a new
// unit, or the annual batches).

const stagesInOrder: readonly FollowUpStage[] = ['candidate', 'nurturing', 'applied', 'admitted', 'rejected'];

export function StageControl({ view }: { view: FollowUpView }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const setFollowUp = useEnterprise((s) => s.setFollowUp);
  const reloadFollowUp = useEnterprise((s) => s.reloadFollowUp);
  const reloadDetail = useEnterprise((s) => s.reloadDetail);
  const [target, setTarget] = useState<FollowUpStage | null>(null);
  const [date, setDate] = useState(todayIso());
  const [reason, setReason] = useState('');
  const [round, setRound] = useState<'monthly' | 'annual'>('monthly');
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [needsReason, setNeedsReason] = useState(false);
  const [isBusy, setIsBusy] = useState(false);
  const [isIncompleteOk, setIsIncompleteOk] = useState(false);
  const next = view.stage === null ? (['candidate'] as const) : followUpTransitions[view.stage];
  // An application without its materials is usually sent back: 已申报 asks first, naming what is missing.
  // The unit's own checklist (its age, a new build): a material its case does not require is not missing.
  const required = view.materials.filter((m) => m.reason !== 'notRequired');
  const missing = required.filter((m) => !m.isProvided).map((m) => m.key);
  const mustConfirmMissing = target === 'applied' && missing.length > 0;

  const confirm = async (to: FollowUpStage) => {
    setError(null);
    if (to === 'rejected' && reason.trim().length === 0) return setNeedsReason(true);
    if (to === 'applied' && missing.length > 0 && !isIncompleteOk) return;
    setNeedsReason(false);
    setIsBusy(true);
    const result = await call('followup:transition', {
      enterpriseId: view.enterpriseId,
      version: view.version,
      to,
      date,
      ...(reason.trim() ? { reason: reason.trim() } : {}),
      ...(to === 'applied' ? { applicationRound: round } : {}),
    });
    setIsBusy(false);
    if (!result.ok) {
      setError(result.error);
      if (result.error.code === 'CONFLICT') void reloadFollowUp();
      return;
    }
    setFollowUp(result.value);
    setTarget(null);
    setReason('');
    setIsIncompleteOk(false);
    // 已入库 makes the enterprise 规上, and the stage shows in the header: re-read it.
    void reloadDetail();
  };

  return (
    <section className="panel followup-stage" aria-labelledby="followup-stage-title" data-testid="followup-stage">
      <h2 className="panel__title" id="followup-stage-title">
        {t('directory.followup.stageTitle')}
      </h2>
      <ol className="stage-track" aria-label={t('directory.followup.track')}>
        {stagesInOrder.map((s) => (
          <li key={s} className={`stage-track__step${s === view.stage ? ' stage-track__step--current' : ''}`} aria-current={s === view.stage ? 'step' : undefined}>
            {t(`directory.stages.${s}`)}
          </li>
        ))}
      </ol>
      <p data-testid="followup-current">
        {view.stage ? (
          <>
            {t('directory.followup.current')} <StageTag stage={view.stage} testId="followup-stage-tag" />
            {view.applicationRound ? ` · ${t(`directory.followup.rounds.${view.applicationRound}`)}` : ''}
            {view.rejectionReason ? ` · ${t('directory.followup.rejectedFor', { reason: view.rejectionReason })}` : ''}
          </>
        ) : (
          t('directory.followup.noRecord')
        )}
      </p>
      {next.length > 0 ? (
        <div className="followup-stage__moves" role="group" aria-label={t('directory.followup.moves')}>
          {next.map((to) => (
            <button
              key={to}
              type="button"
              className={`button ${target === to ? 'button--primary' : 'button--secondary'}`}
              data-testid={`followup-to-${to}`}
              aria-pressed={target === to}
              onClick={() => {
                setTarget(to);
                setIsIncompleteOk(false);
              }}
            >
              {t(`directory.followup.moveTo.${to}`)}
            </button>
          ))}
        </div>
      ) : (
        <p className="muted">{t('directory.followup.final')}</p>
      )}
      {target ? (
        <div className="followup-stage__form" data-testid="followup-move-form">
          <label className="dir-inline">
            {t('directory.followup.date')}
            <input type="date" className="field__input dir-date" data-testid="followup-date" value={date} onChange={(e) => setDate(e.target.value)} />
          </label>
          {target === 'applied' ? (
            <label className="dir-inline">
              {t('directory.followup.round')}
              <select className="field__input field__input--select" data-testid="followup-round" value={round} onChange={(e) => setRound(e.target.value === 'annual' ? 'annual' : 'monthly')}>
                <option value="monthly">{t('directory.followup.rounds.monthly')}</option>
                <option value="annual">{t('directory.followup.rounds.annual')}</option>
              </select>
            </label>
          ) : null}
          <label className="field">
            <span className="field__label">{target === 'rejected' ? t('directory.followup.rejectReason') : t('directory.followup.reason')}</span>
            <input className="field__input" data-testid="followup-reason" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} aria-invalid={needsReason ? true : undefined} />
            {needsReason ? <span className="field__error">{t('directory.followup.needReason')}</span> : null}
          </label>
          {mustConfirmMissing ? (
            <div className="notice notice--warn followup-stage__missing" role="alert" data-testid="followup-missing">
              <p>
                {t('directory.followup.missingMaterials', {
                  count: missing.length,
                  total: required.length,
                  list: joinList(missing.map((k) => t(`directory.materials.keys.${k}`)), language),
                })}
              </p>
              <label className="dir-inline">
                <input type="checkbox" data-testid="followup-missing-ok" checked={isIncompleteOk} onChange={(e) => setIsIncompleteOk(e.target.checked)} />
                {t('directory.followup.missingConfirm')}
              </label>
            </div>
          ) : null}
          <div className="dir-inline">
            <button
              type="button"
              className="button button--primary"
              data-testid="followup-confirm"
              disabled={isBusy || (mustConfirmMissing && !isIncompleteOk)}
              onClick={() => void confirm(target)}
            >
              {t('directory.followup.confirm', { stage: t(`directory.stages.${target}`) })}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setTarget(null)}>
              {t('directory.cancel')}
            </button>
          </div>
        </div>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
      {view.stageHistory.length > 0 ? (
        <ol className="stage-history" data-testid="followup-history">
          {[...view.stageHistory].reverse().map((h) => (
            <li key={`${h.at}:${h.to}`}>
              <span className="mono">{h.date}</span> {h.from ? `${t(`directory.stages.${h.from}`)} → ` : ''}
              {t(`directory.stages.${h.to}`)} · {h.by}
              {h.reason ? ` · ${h.reason}` : ''} <span className="muted">{inParens(formatDateTime(h.at, language), language)}</span>
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
