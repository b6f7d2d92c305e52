import { useEffect, useState, type ReactNode } from 'react';
import type { StartupStatus } from '@shared/startup/startup';
import { call } from '../../lib/api';
import { StartupScreen } from './startup-screen';

type Gate = { kind: 'checking' } | { kind: 'app' } | { kind: 'failed'; status: Extract<StartupStatus, { state: 'failed' }> };

/**
 * Asks main first whether the local store opened. If not, the start-up screen takes the whole
 * window (the app's pages would only fail one call after another); otherwise the app renders.
 * When the question itself fails (an older main without the channel, main gone), the app
 * renders and shows its own errors.
 */
export function StartupGate({ children }: { children: ReactNode }) {
  const [gate, setGate] = useState<Gate>({ kind: 'checking' });

  useEffect(() => {
    let isCurrent = true;
    void call('startup:status', undefined).then((result) => {
      if (!isCurrent) return;
      setGate(result.ok && result.value.state === 'failed' ? { kind: 'failed', status: result.value } : { kind: 'app' });
    });
    return () => {
      isCurrent = false;
    };
  }, []);

  switch (gate.kind) {
    case 'checking':
      return null;
    case 'failed':
      return <StartupScreen initial={gate.status} />;
    case 'app':
      return children;
  }
}
