import type { Channel } from '@shared/ipc/contract';
import { interferenceXlsx } from '../files/interference-exports';
import type { HandlerDeps } from '../ipc/handler-deps';
import type { HandlerMap } from '../ipc/handler-maps';
import { createInterferenceService } from './service';

// The interference register: list, record, export. No channel changes or removes an entry.
export function interferenceHandlers(deps: HandlerDeps): HandlerMap<Extract<Channel, `interference:${string}`>> {
  const register = createInterferenceService(deps.db, { now: deps.now });
  return {
    'interference:list': (query) => register.list(query),
    'interference:record': (draft) => register.record(draft),
    'interference:exportXlsx': ({ year }) => interferenceXlsx(register.entriesOf(year), year, deps.now()),
  };
}
