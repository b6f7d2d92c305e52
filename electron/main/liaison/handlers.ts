import type { Channel } from '@shared/ipc/contract';
import type { HandlerDeps } from '../ipc/handler-deps';
import type { HandlerMap } from '../ipc/handler-maps';
import { coverage, coverageXlsx, liaisonList } from './coverage';
import { createLiaisonService } from './service';

// 企业包保: assignments, the visit log, coverage and its export.
type Channels = Extract<Channel, `liaison:${string}`>;

export function liaisonHandlers(deps: HandlerDeps): HandlerMap<Channels> {
  const { db, now } = deps;
  const liaison = createLiaisonService(db, { now });
  return {
    'liaison:list': (q) => liaisonList(db, q),
    'liaison:get': ({ enterpriseId }) => liaison.view(enterpriseId),
    'liaison:assign': (input) => liaison.assign(input),
    'liaison:addVisit': (input) => liaison.addVisit(input),
    'liaison:correctVisit': (input) => liaison.correctVisit(input),
    'liaison:coverage': (q) => coverage(db, q, now()),
    'liaison:exportXlsx': (q) => coverageXlsx(db, q, now()),
  };
}
