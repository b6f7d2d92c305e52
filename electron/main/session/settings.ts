import { ZodError } from 'zod';
import type { AppDatabase } from '@db/open';
import { getSettings, updateSettings } from './settings-queries';
import { AppError } from '@shared/result';
import type { Settings, SettingsPatch } from '@shared/session/settings';

export interface SettingsService {
  get(): Settings;
  /** Applies a partial update; invalid input → AppError('INVALID_INPUT'), nothing written. */
  update(patch: SettingsPatch): Settings;
}

export function createSettingsService(db: AppDatabase): SettingsService {
  return {
    get: () => getSettings(db),
    update(patch) {
      try {
        return updateSettings(db, patch);
      } catch (e) {
        // IPC has parsed the patch already; other callers (sync, CLI) meet the same rules here.
        if (e instanceof ZodError) {
          throw new AppError(
            'INVALID_INPUT',
            'Invalid settings',
            e.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
          );
        }
        throw e;
      }
    },
  };
}
