import type { Channel } from '@shared/ipc/contract';
import type { HandlerMap } from '../ipc/handler-maps';
import type { SyncService } from './service';

type Channels = Extract<Channel, `sync:${string}`>;

export function syncHandlers(sync: SyncService): HandlerMap<Channels> {
  return {
    'sync:status': () => sync.status(),
    'sync:login': ({ username, password }) => sync.login(username, password),
    'sync:logout': () => sync.logout(),
    'sync:now': () => sync.syncNow(),
    'sync:log': () => sync.log(),
    'sync:online': ({ isOnline }) => sync.setOnline(isOnline),
    'sync:configure': ({ intervalMinutes }) => sync.configure(intervalMinutes),
    'sync:requestBranch': () => sync.requestBranch(),
    'sync:exportUnsent': () => sync.exportUnsent(),
    'sync:retryRefused': (input) => sync.retryRefused(input),
  };
}
