import type { ReactNode } from 'react';
import { useCall } from '../../lib/use-call';
import { StartupScreen } from './startup-screen';

/**
 * Asks main first whether the local store opened. If not, the start-up screen takes the whole
 * window (the app's pages would only fail one call after another); otherwise the app renders.
 * When the question itself fails (an older main without the channel, main gone), the app
 * renders and shows its own errors.
 */
export function StartupGate({ children }: { children: ReactNode }) {
  const { value: status, error } = useCall('startup:status', undefined);
  if (status?.state === 'failed') return <StartupScreen initial={status} />;
  if (status === null && error === null) return null;
  return children;
}
