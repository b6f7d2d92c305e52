import type { Channel } from '@shared/ipc/contract';
import type { HandlerDeps } from '../ipc/handler-deps';
import type { HandlerMap } from '../ipc/handler-maps';
import { analysisReport } from './service';
import { listTargets, setTarget } from './targets';
import { analysisXlsx } from './xlsx';

// The monthly/quarterly economic analysis (经济运行分析): the report, its workbook, the targets.
export function analysisHandlers(deps: HandlerDeps): HandlerMap<Extract<Channel, `analysis:${string}`>> {
  return {
    'analysis:report': (q) => analysisReport(deps.db, q),
    'analysis:exportXlsx': (q) => analysisXlsx(analysisReport(deps.db, q), deps.now()),
    'analysis:targets': ({ year }) => listTargets(deps.db, year),
    'analysis:setTarget': (input) => setTarget(deps.db, input, deps.now()),
  };
}
