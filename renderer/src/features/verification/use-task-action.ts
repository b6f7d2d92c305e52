import { useState } from 'react';
import type { Channel, Input } from '@shared/ipc/contract';
import type { AppErrorShape } from '@shared/result';
import type { TaskDetail } from '@shared/verification/wire';
import { call } from '../../lib/api';

type TaskChannel = Extract<Channel, 'verification:assign' | 'verification:step' | 'verification:exitStep' | 'verification:check' | 'verification:figures' | 'verification:conclude' | 'verification:sign' | 'verification:linkEvidence' | 'verification:unlinkEvidence'>;

/**
 * One write on a task from one part of the screen: its refusal shows there (main's reason, in the
 * reader's language), its answer replaces the task shown. True when it went through.
 */
export function useTaskAction(onChanged: (t: TaskDetail) => void) {
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  async function run<C extends TaskChannel>(channel: C, input: Input<C>): Promise<boolean> {
    setError(null);
    setIsBusy(true);
    const r = await call(channel, input);
    setIsBusy(false);
    if (!r.ok) {
      setError(r.error);
      return false;
    }
    onChanged(r.value);
    return true;
  }
  return { run, error, isBusy, clear: () => setError(null) };
}
