import type { Channel } from '@shared/ipc/contract';
import type { HandlerDeps } from '../ipc/handler-deps';
import type { HandlerMap } from '../ipc/handler-maps';
import { listConflictViews, resolveConflict } from './conflicts';
import { createReviewService } from './service';
import { codeIndustry } from './industry-coding';
import { createRegistrationService } from '../registration/service';

export function reviewHandlers(deps: HandlerDeps): HandlerMap<Extract<Channel, `review:${string}` | `conflicts:${string}`>> {
  const { db, now, sync } = deps;
  const names = (ids: readonly string[], entity: string) => sync.names(ids, entity);
  const review = createReviewService(db, { now });
  const registration = createRegistrationService(db, { now });
  return {
    'review:queue': (q) => review.queue(q),
    'review:decide': (input) => review.decide(input),
    'review:bulkApprove': (input) => review.bulk(input),
    'review:comments': ({ unitId }) => review.thread(unitId),
    'review:answer': (input) => review.answer(input),
    'review:codeIndustry': (input) => {
      codeIndustry(db, input, now());
      return registration.get(input.unitId);
    },
    'conflicts:list': () => listConflictViews(db, names),
    'conflicts:resolve': (input) => resolveConflict(db, input, now(), names),
  };
}
