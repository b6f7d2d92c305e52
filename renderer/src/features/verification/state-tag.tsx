import { useTranslation } from 'react-i18next';
import type { ExitState, TaskState } from '@shared/verification/machine';

/** A task's state, or its 退库 state, as a small coloured tag. */
export function StateTag(p: { state: TaskState; exit?: undefined } | { exit: ExitState; state?: undefined }) {
  const { t } = useTranslation();
  if (p.exit) {
    return (
      <span className={`verification-tag verification-tag--exit-${p.exit}`} data-testid="verification-exit-tag" data-exit={p.exit}>
        {t('verification.columns.exit')} · {t(`verification.exitStates.${p.exit}`)}
      </span>
    );
  }
  return (
    <span className={`verification-tag verification-tag--${p.state}`} data-testid="verification-state-tag" data-state={p.state}>
      {t(`verification.states.${p.state}`)}
    </span>
  );
}
