import type { AppDatabase } from '../../db/open';
import type { AppInfo } from '../../shared/ipc/contract';
import type { HandlerTable } from './ipc/dispatch';
import { createOverviewService } from './services/overview';
import { createSettingsService } from './services/settings';

export interface HandlerDeps {
  db: AppDatabase;
  info: AppInfo;
}

/**
 * Channel → service call, one line each. Inputs arrive already parsed by dispatch(); the
 * mapped type makes a channel added to the contract without a handler a type error.
 */
export function createHandlers(deps: HandlerDeps): HandlerTable {
  const settings = createSettingsService(deps.db);
  const overview = createOverviewService(deps.db);
  return {
    'app:info': () => deps.info,
    'settings:get': () => settings.get(),
    'settings:update': (patch) => settings.update(patch),
    'overview:get': () => overview.get(),
  } satisfies HandlerTable;
}
