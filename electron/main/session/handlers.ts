import type { HandlerDeps } from '../ipc/handler-deps';
import type { HandlerMap } from '../ipc/handler-maps';
import { currentSession } from './roles';
import { createSettingsService } from './settings';

export function sessionHandlers(
  deps: HandlerDeps,
  divisions: { ensureRegion(regionCode: string): unknown },
): HandlerMap<'settings:get' | 'settings:update' | 'session:role'> {
  const settings = createSettingsService(deps.db);
  return {
    'settings:get': () => settings.get(),
    // The region's divisions are loaded before the setting is written: an unknown code is refused.
    'settings:update': (patch) => {
      if (patch.regionCode) divisions.ensureRegion(patch.regionCode);
      return settings.update(patch);
    },
    'session:role': () => currentSession(deps.db),
  };
}
