import type { Channel } from '@shared/ipc/contract';
import type { HandlerDeps } from '../ipc/handler-deps';
import type { HandlerMap } from '../ipc/handler-maps';
import { createTasks } from './create';
import { tasksXlsx } from './export';
import { createVerificationService } from './service';

// 核查 tasks: creation from the work lists, assignment, the two state machines, the record
// (checklist, figures, conclusion, signatures) and evidence through the ledger's attachments.
export function verificationHandlers(deps: HandlerDeps): HandlerMap<Extract<Channel, `verification:${string}`>> {
  const tasks = createVerificationService(deps.db, { now: deps.now });
  return {
    'verification:create': (input) => createTasks(deps.db, input, { now: deps.now }),
    'verification:list': (input) => tasks.list(input),
    'verification:get': ({ id }) => tasks.get(id),
    'verification:assign': (input) => tasks.assign(input),
    'verification:step': (input) => tasks.step(input),
    'verification:exitStep': (input) => tasks.exitStep(input),
    'verification:check': (input) => tasks.check(input),
    'verification:figures': (input) => tasks.figures(input),
    'verification:conclude': (input) => tasks.conclude(input),
    'verification:sign': (input) => tasks.sign(input),
    'verification:linkEvidence': (input) => tasks.linkEvidence(input),
    'verification:unlinkEvidence': (input) => tasks.unlinkEvidence(input),
    'verification:exportXlsx': (input) => tasksXlsx(deps.db, input, deps.now()),
  };
}
