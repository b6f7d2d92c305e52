import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Overview } from '@shared/ipc/contract';
import type { Loadable } from '../lib/loadable';
import { ErrorNotice } from './error-notice';

interface Props {
  state: Loadable<Overview>;
  onRetry: () => void;
  children: (overview: Overview) => ReactNode;
}

/**
 * Shows the page body once the overview is known; until then a loading line, and on failure
 * the error with a retry. Figures already on screen stay while a refresh runs.
 */
export function OverviewGate({ state, onRetry, children }: Props) {
  const { t } = useTranslation();
  return (
    <>
      {state.error ? <ErrorNotice error={state.error} onRetry={onRetry} /> : null}
      {state.value ? (
        children(state.value)
      ) : state.isLoading ? (
        <p className="muted" role="status">
          {t('app.loading')}
        </p>
      ) : null}
    </>
  );
}
