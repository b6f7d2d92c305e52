import type { Channel } from '@shared/ipc/contract';
import type { HandlerDeps } from '../ipc/handler-deps';
import type { HandlerMap } from '../ipc/handler-maps';
import { sameUscc } from './duplicates';
import { createFrameImportService } from './frame-import';
import { ruleContextWire } from './rules';
import { createRegistrationService } from './service';
import { createWithdrawService, withdrawnUnits } from './withdraw';
import { requirePermission } from '../session/roles';

type Channels = Extract<Channel, `units:${string}` | `frame:${string}` | 'rules:context'>;

export function registrationHandlers(deps: HandlerDeps): HandlerMap<Channels> {
  const { db, now, tasks, sync } = deps;
  const registration = createRegistrationService(db, { now });
  const frame = createFrameImportService(db, { now, tasks, bulkWrite: (work) => sync.engine.bulkWrite(work) });
  const withdrawals = createWithdrawService(db, { now });
  // Registering is 普查员 work: the leadership's laptop reads the units it receives, never edits
  // them (the server refuses its unit ops too: server/sync/rules.ts).
  const editing = <A extends unknown[], R>(work: (...args: A) => R) => (...args: A): R => {
    requirePermission(db, 'units.edit');
    return work(...args);
  };
  return {
    'units:list': (query) => registration.list(query),
    'units:get': ({ id }) => registration.get(id),
    'units:create': editing((input) => registration.create(input)),
    'units:save': editing((input) => registration.save(input)),
    'units:submit': editing((input) => registration.submit(input)),
    'units:markNotFound': editing((input) => registration.markNotFound(input)),
    'units:markOutOfScope': editing((input) => registration.markOutOfScope(input)),
    'units:reopen': editing((input) => registration.reopen(input)),
    'units:history': ({ id }) => registration.history(id),
    'units:sameUscc': ({ uscc }) => sameUscc(db, uscc),
    'units:withdraw': editing((input) => withdrawals.withdraw(input)),
    'units:withdrawn': () => withdrawnUnits(db),
    'frame:preview': (file) => frame.preview(file),
    'frame:import': editing((file) => frame.import(file)),
    'rules:context': () => ruleContextWire(db, now()),
  };
}
