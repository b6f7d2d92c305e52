import type { Channel } from '@shared/ipc/contract';
import type { HandlerDeps } from '../ipc/handler-deps';
import type { HandlerMap } from '../ipc/handler-maps';
import { requirePermission } from '../session/roles';
import { annualTemplate, reconcileXlsx } from './exports';
import { createReconcileService, reconcileView } from './service';

export function reconcileHandlers(deps: HandlerDeps): HandlerMap<Extract<Channel, `reconcile:${string}`>> {
  const { db, now } = deps;
  const reconcile = createReconcileService(db, { now });
  return {
    'reconcile:view': ({ year }) => reconcile.view(year),
    'reconcile:preview': (file) => reconcile.preview(file),
    'reconcile:import': (input) => reconcile.import(input),
    'reconcile:note': (input) => reconcile.note(input),
    'reconcile:exportXlsx': ({ year }) => {
      requirePermission(db, 'reconcile.manage');
      return reconcileXlsx(reconcileView(db, year), now());
    },
    'reconcile:template': () => annualTemplate(),
  };
}
