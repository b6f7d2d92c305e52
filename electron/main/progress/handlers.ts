import type { Channel } from '@shared/ipc/contract';
import type { HandlerDeps } from '../ipc/handler-deps';
import type { HandlerMap } from '../ipc/handler-maps';
import { approvedUnitsXlsx, progressXlsx } from './reports';
import { progressReport } from './service';

export function progressHandlers(deps: HandlerDeps): HandlerMap<Extract<Channel, 'progress:get' | `reports:${string}`>> {
  const { db, now } = deps;
  return {
    'progress:get': (q) => progressReport(db, q, now()),
    'reports:progressXlsx': (q) => progressXlsx(db, q, now()),
    'reports:approvedUnitsXlsx': (q) => approvedUnitsXlsx(db, q, now()),
  };
}
