import { useTranslation } from 'react-i18next';
import type { UnitStatus } from '@shared/registration/units';

/** A unit's registration status as a coloured chip: 未开始 草稿 已完成 已提交 退回 已通过 找不到 非普查对象. */
export function StatusChip({ status, testId }: { status: UnitStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <span className={`status-chip status-chip--${status}`} data-testid={testId} data-status={status}>
      <span className={`status-dot status-dot--${status}`} aria-hidden="true" />
      {t(`unitStatus.${status}`)}
    </span>
  );
}
