import type { Channel } from '@shared/ipc/contract';
import { exitsXlsx } from '../files/work-list-exports';
import type { HandlerDeps } from '../ipc/handler-deps';
import type { HandlerMap } from '../ipc/handler-maps';
import { listCandidates, listExits } from './lists';
import { exportPackage } from './package';
import { createFollowUpService } from './service';
import { thresholdsInfo, updateThresholdSettings } from './thresholds';

// 入规纳统: candidates and their follow-up, the application package, 退库 candidates, thresholds.
type Channels = Extract<
  Channel,
  'candidates:list' | `followup:${string}` | 'materials:set' | 'package:export' | `exits:${string}` | `thresholds:${string}`
>;

export function followupHandlers(deps: HandlerDeps): HandlerMap<Channels> {
  const { db, now } = deps;
  const followUp = createFollowUpService(db, { now });
  return {
    'candidates:list': (q) => listCandidates(db, q, now()),
    'followup:get': ({ enterpriseId }) => followUp.get(enterpriseId),
    'followup:transition': (input) => followUp.transition(input),
    'followup:addNote': (input) => followUp.addNote(input),
    'materials:set': (input) => followUp.setMaterial(input),
    'package:export': (input) => exportPackage(db, input, now()),
    'exits:list': (q) => listExits(db, q),
    'exits:exportXlsx': (filter) => exitsXlsx(db, filter, now()),
    'thresholds:get': () => thresholdsInfo(db),
    'thresholds:update': (patch) => updateThresholdSettings(db, patch, now()),
  };
}
