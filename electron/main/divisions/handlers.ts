import type { HandlerMap } from '../ipc/handler-maps';
import type { createDivisionsService } from './service';

export function divisionsHandlers(
  divisions: ReturnType<typeof createDivisionsService>,
): HandlerMap<'divisions:search' | 'divisions:status' | 'divisions:loadCountry'> {
  return {
    'divisions:search': (query) => divisions.search(query),
    'divisions:status': () => divisions.status(),
    'divisions:loadCountry': () => divisions.loadCountry(),
  };
}
