import { useTranslation } from 'react-i18next';
import type { EnterpriseFlags, EnterpriseStatus, FollowUpStage } from '@shared/directory/directory';

// Small labels used across the directory: the computed flags, the follow-up stage and the
// enterprise's status. Colour is never the only signal: each carries its word.

export function FlagBadges({ flags, testId }: { flags: Pick<EnterpriseFlags, 'isNearThreshold' | 'isGrowth' | 'isBelowThreshold'>; testId?: string }) {
  const { t } = useTranslation();
  return (
    <span className="dir-flags" data-testid={testId}>
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
