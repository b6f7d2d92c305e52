import type { Channel } from '@shared/ipc/contract';
import { publicationXlsx } from '../files/enforcement-exports';
import type { HandlerDeps } from '../ipc/handler-deps';
import type { HandlerMap } from '../ipc/handler-maps';
import { createCaseService } from './cases';
import { createPublishedDrawService } from './published-draw';
import { createRosterService } from './roster';
import { enforcementYearCountsOf } from './year-counts';

// 统计执法: the roster, draws published before they run, cases and the year's counts.
export function enforcementHandlers(deps: HandlerDeps): HandlerMap<Extract<Channel, `enforce:${string}`>> {
  const roster = createRosterService(deps.db, { now: deps.now });
  const draws = createPublishedDrawService(deps.db, { now: deps.now });
  const cases = createCaseService(deps.db, { now: deps.now });
  return {
    'enforce:inspectors': () => roster.list(),
    'enforce:inspectorAdd': (input) => roster.add(input),
    'enforce:inspectorUpdate': (input) => roster.update(input),
    'enforce:inspectorRelate': (input) => roster.relate(input),
    'enforce:inspectorUnrelate': (input) => roster.unrelate(input),
    'enforce:drawPublish': (input) => draws.publish(input),
    'enforce:draws': () => draws.list(),
    'enforce:draw': ({ id }) => draws.get(id),
    'enforce:drawRun': (input) => draws.run(input),
    'enforce:drawVerify': ({ id }) => draws.verify(id),
    'enforce:drawExportXlsx': ({ id }) => publicationXlsx(draws.get(id)),
    'enforce:cases': (input) => cases.list(input),
    'enforce:case': ({ id }) => cases.get(id),
    'enforce:caseOpen': (input) => cases.open(input),
    'enforce:caseAct': (input) => cases.act(input),
    'enforce:caseViolations': (input) => cases.setViolations(input),
    'enforce:caseDocument': (input) => cases.addDocument(input),
    'enforce:caseTransfer': (input) => cases.transfer(input),
    'enforce:yearCounts': ({ year }) => enforcementYearCountsOf(deps.db, year),
  };
}
