import { useCallback, useEffect, useMemo, useState } from 'react';
import { latestRequest } from '@shared/ipc/latest-request';
import type { Channel, Input, Output } from '@shared/ipc/contract';
import type { Result } from '@shared/result';
import { call } from './api';
import { loading, notLoaded, settled, type Loadable } from './loadable';

export interface CallState<T> extends Loadable<T> {
  /** Reads again with the same input (a retry button, after a write elsewhere). */
  refetch: () => void;
  /** Shows a value the screen got another way (the answer of a write) until the next read. */
  replace: (value: T) => void;
}

export interface CallOptions {
  /** false: do not call (yet); the last value stays. */
  isEnabled?: boolean;
  /** Reads again whenever this changes, though the input did not (a version, a reload counter). */
  reloadKey?: unknown;
}

interface Answered<T> extends Loadable<T> {
  /** Which request the value answers (channel, input, attempt): isLoading until it is the current one. */
  key: string | null;
}

/**
 * Reads a contract channel for a screen: calls it on mount and whenever the input (compared by
 * value) or the reload key changes; keeps the last value while a new read runs or after one fails
 * (Loadable); a slower earlier answer never overwrites a newer one, and nothing is set after the
 * screen is gone (shared/ipc/latest-request.ts). isLoading is already true in the render where
 * the input changes, so a screen never shows the old figures as the answer to the new question.
 */
export function useCall<C extends Channel>(channel: C, input: Input<C>, options: CallOptions = {}): CallState<Output<C>> {
  const { isEnabled = true, reloadKey } = options;
  const [state, setState] = useState<Answered<Output<C>>>(() => ({ ...notLoaded<Output<C>>(), key: null }));
  const [attempt, setAttempt] = useState(0);
  // Inputs are plain JSON (they cross IPC), so their text is their identity.
  const inputKey = input === undefined ? undefined : JSON.stringify(input);
  const key = `${channel}\n${inputKey ?? ''}\n${attempt}`;
  const gate = useMemo(
    () =>
      latestRequest<{ key: string; result: Result<Output<C>> }>(
        ({ key: answered, result }) => setState((s) => ({ ...settled(s, result), key: answered })),
        () => setState((s) => ({ ...loading(s), key: s.key })),
      ),
    [],
  );

  useEffect(() => {
    if (!isEnabled) return undefined;
    gate.run(async () => ({ key, result: await call(channel, (inputKey === undefined ? undefined : JSON.parse(inputKey)) as Input<C>) }));
    return () => gate.cancel();
  }, [gate, channel, inputKey, key, isEnabled, reloadKey]);

  const refetch = useCallback(() => setAttempt((n) => n + 1), []);
  const replace = useCallback((value: Output<C>) => setState({ value, error: null, isLoading: false, key }), [key]);
  return {
    value: state.value,
    error: state.error,
    isLoading: isEnabled && (state.isLoading || state.key !== key),
    refetch,
    replace,
  };
}
