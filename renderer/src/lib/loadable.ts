import type { AppErrorShape, Result } from '@shared/result';

/**
 * Data read from main plus how the last read went. The previous value is kept while a
 * refresh runs or after it fails, so a page never blanks out on a transient error.
 */
export interface Loadable<T> {
  value: T | null;
  error: AppErrorShape | null;
  isLoading: boolean;
}

export const notLoaded = <T>(): Loadable<T> => ({ value: null, error: null, isLoading: false });

export const loading = <T>(previous: Loadable<T>): Loadable<T> => ({ ...previous, isLoading: true });

export function settled<T>(previous: Loadable<T>, result: Result<T>): Loadable<T> {
  return result.ok
    ? { value: result.value, error: null, isLoading: false }
    : { value: previous.value, error: result.error, isLoading: false };
}
