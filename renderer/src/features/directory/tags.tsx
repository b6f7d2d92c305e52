import { useTranslation } from 'react-i18next';
import type { EnterpriseFlags, EnterpriseStatus, FollowUpStage } from '@shared/directory/directory';

// Small labels used across the directory: the computed flags, the follow-up stage and the
// enterprise's status. Colour is never the only signal: each carries its word.

export function FlagBadges({
  flags,
  testId,
}: {
  // The ledger's own view carries no 规下 flag (shared/ledger/wire.ts): the rest is optional.
  flags: Pick<EnterpriseFlags, 'isNearThreshold' | 'isGrowth' | 'isBelowThreshold'> & Partial<Pick<EnterpriseFlags, 'isReached' | 'isMeasureMissing' | 'measure'>>;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <span className="dir-flags" data-testid={testId}>
      {flags.isReached === true ? (
        <span className="dir-flag dir-flag--reached" data-flag="reached" title={t('directory.flags.reachedHint')}>
          {t('directory.flags.reached')}
        </span>
      ) : null}
      {/* Not judged, and said so: never a 0 or the other revenue figure in its place. */}
      {flags.isMeasureMissing === true ? (
        <span className="dir-flag dir-flag--missing" data-flag="measureMissing" title={t('directory.hints.measureMissing', { measure: t(`directory.measures.${flags.measure ?? 'mainRevenue'}`) })}>
          {t('directory.flags.measureMissing', { measure: t(`directory.measures.${flags.measure ?? 'mainRevenue'}`) })}
        </span>
      ) : null}
      {flags.isNearThreshold ? (
        <span className="dir-flag dir-flag--near" data-flag="near" title={t('directory.flags.nearHint')}>
          {t('directory.flags.near')}
        </span>
      ) : null}
      {flags.isGrowth ? (
        <span className="dir-flag dir-flag--growth" data-flag="growth" title={t('directory.flags.growthHint')}>
          {t('directory.flags.growth')}
        </span>
      ) : null}
      {flags.isBelowThreshold ? (
        <span className="dir-flag dir-flag--below" data-flag="below" title={t('directory.flags.belowHint')}>
          {t('directory.flags.below')}
        </span>
      ) : null}
    </span>
  );
}

export function StageTag({ stage, testId }: { stage: FollowUpStage | null; testId?: string }) {
  const { t } = useTranslation();
  if (!stage) return null;
  return (
    <span className={`dir-stage dir-stage--${stage}`} data-testid={testId} data-stage={stage}>
      {t(`directory.stages.${stage}`)}
    </span>
  );
}

export function StatusTag({ status }: { status: EnterpriseStatus }) {
  const { t } = useTranslation();
  return <span className={`dir-status dir-status--${status === 'active' ? 'active' : 'inactive'}`}>{t(`directory.statuses.${status}`)}</span>;
}
