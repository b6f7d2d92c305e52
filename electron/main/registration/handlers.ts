import type { Channel } from '@shared/ipc/contract';
import type { HandlerDeps } from '../ipc/handler-deps';
import type { HandlerMap } from '../ipc/handler-maps';
import { sameUscc } from './duplicates';
import { createFrameImportService } from './frame-import';
import { ruleContextWire } from './rules';
import { createRegistrationService } from './service';
import { createWithdrawService, withdrawnUnits } from './withdraw';

type Channels = Extract<Channel, `units:${string}` | `frame:${string}` | 'rules:context'>;

export function registrationHandlers(deps: HandlerDeps): HandlerMap<Channels> {
  const { db, now, tasks, sync } = deps;
  const registration = createRegistrationService(db, { now });
  const frame = createFrameImportService(db, { now, tasks, bulkWrite: (work) => sync.engine.bulkWrite(work) });
  const withdrawals = createWithdrawService(db, { now });
  return {
    'units:list': (query) => registration.list(query),
    'units:get': ({ id }) => registration.get(id),
    'units:create': (input) => registration.create(input),
    'units:save': (input) => registration.save(input),
    'units:submit': (input) => registration.submit(input),
    'units:markNotFound': (input) => registration.markNotFound(input),
    'units:markOutOfScope': (input) => registration.markOutOfScope(input),
    'units:reopen': (input) => registration.reopen(input),
    'units:history': ({ id }) => registration.history(id),
    'units:sameUscc': ({ uscc }) => sameUscc(db, uscc),
    'units:withdraw': (input) => withdrawals.withdraw(input),
    'units:withdrawn': () => withdrawnUnits(db),
    'frame:preview': (file) => frame.preview(file),
    'frame:import': (file) => frame.import(file),
    'rules:context': () => ruleContextWire(db, now()),
  };
}
