import type { Channel } from '@shared/ipc/contract';
import type { HandlerDeps } from '../ipc/handler-deps';
import type { HandlerMap } from '../ipc/handler-maps';
import { evidenceFiles } from './files';
import { createEvidenceService } from './service';

export function evidenceHandlers(deps: HandlerDeps): HandlerMap<Extract<Channel, `evidence:${string}`>> {
  const evidence = createEvidenceService(deps.db, evidenceFiles(deps.db, deps.sync.attachments), { now: deps.now });
  return {
    'evidence:attach': (input) => evidence.attach(input),
    'evidence:update': (input) => evidence.update(input),
    'evidence:remove': (input) => evidence.remove(input),
    'evidence:list': (input) => evidence.list(input),
    'evidence:get': ({ id }) => evidence.get(id),
  };
}
