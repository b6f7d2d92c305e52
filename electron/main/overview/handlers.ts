import type { HandlerDeps } from '../ipc/handler-deps';
import type { HandlerMap } from '../ipc/handler-maps';
import { createOverviewService } from './service';

export function overviewHandlers(deps: HandlerDeps): HandlerMap<'overview:get'> {
  const overview = createOverviewService(deps.db);
  return { 'overview:get': () => overview.get() };
}
