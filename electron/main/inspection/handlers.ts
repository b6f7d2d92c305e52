import type { Channel } from '@shared/ipc/contract';
import { drawXlsx } from '../files/work-list-exports';
import type { HandlerDeps } from '../ipc/handler-deps';
import type { HandlerMap } from '../ipc/handler-maps';
import { createDrawService } from './draw';

// 双随机 inspections: draws, their findings and their export.
export function inspectionHandlers(deps: HandlerDeps): HandlerMap<Extract<Channel, `draw:${string}` | 'inspection:record'>> {
  const draw = createDrawService(deps.db, { now: deps.now });
  return {
    'draw:run': (input) => draw.run(input),
    'draw:list': () => draw.list(),
    'draw:get': ({ id }) => draw.get(id),
    'inspection:record': (input) => draw.record(input),
    'draw:exportXlsx': ({ id }) => drawXlsx(deps.db, draw.get(id)),
  };
}
