import { defaultDivisionDataDir } from './divisions/queries';
import { createDivisionsService } from './divisions/service';
import { divisionsHandlers } from './divisions/handlers';
import { directoryHandlers } from './directory/handlers';
import { evidenceHandlers } from './evidence/handlers';
import { importTemplate } from './files/import-templates';
import { followupHandlers } from './followup/handlers';
import { inspectionHandlers } from './inspection/handlers';
import { interferenceHandlers } from './interference/handlers';
import { enforcementHandlers } from './enforcement/handlers';
import type { HandlerDeps } from './ipc/handler-deps';
import type { HandlerTable } from './ipc/dispatch';
import { mergeHandlerMaps } from './ipc/handler-maps';
import { ledgerHandlers } from './ledger/handlers';
import { liaisonHandlers } from './liaison/handlers';
import { trainingHandlers } from './training/handlers';
import { analysisHandlers } from './analysis/handlers';
import { overviewHandlers } from './overview/handlers';
import { progressHandlers } from './progress/handlers';
import { registrationHandlers } from './registration/handlers';
import { formsHandlers } from './forms/handlers';
import { reviewHandlers } from './review/handlers';
import { reconcileHandlers } from './reconcile/handlers';
import { sessionHandlers } from './session/handlers';
import { readyStartupHandlers } from './startup/ready-handlers';
import { summaryHandlers } from './summary/handlers';
import { syncHandlers } from './sync/handlers';
import { verificationHandlers } from './verification/handlers';
import { createTaskBoard } from './tasks/progress';

export type { HandlerDeps } from './ipc/handler-deps';

/**
 * The handler table: every capability's map of its channels (their handlers.ts), merged. The
 * merge is checked by the type system: a contract channel no map answers, or two maps answer,
 * does not compile.
 */
export function createHandlers(
  deps: Omit<HandlerDeps, 'now' | 'tasks' | 'divisionDataDir'> & Partial<Pick<HandlerDeps, 'now' | 'tasks' | 'divisionDataDir'>>,
): HandlerTable {
  const full: HandlerDeps = {
    ...deps,
    now: deps.now ?? (() => new Date()),
    tasks: deps.tasks ?? createTaskBoard(),
    divisionDataDir: deps.divisionDataDir ?? defaultDivisionDataDir(),
  };
  const divisions = createDivisionsService(full.db, { dataDir: full.divisionDataDir, now: full.now, tasks: full.tasks });
  return mergeHandlerMaps([
    {
      'app:info': () => full.info,
      'tasks:progress': ({ kind }) => full.tasks.get(kind),
      'imports:template': ({ kind }) => importTemplate(kind),
    },
    readyStartupHandlers,
    sessionHandlers(full, divisions),
    overviewHandlers(full),
    divisionsHandlers(divisions),
    registrationHandlers(full),
    formsHandlers(full),
    syncHandlers(full.sync),
    directoryHandlers(full),
    ledgerHandlers(full),
    evidenceHandlers(full),
    followupHandlers(full),
    inspectionHandlers(full),
    interferenceHandlers(full),
    enforcementHandlers(full),
    liaisonHandlers(full),
    trainingHandlers(full),
    reviewHandlers(full),
    progressHandlers(full),
    verificationHandlers(full),
    summaryHandlers(full),
    reconcileHandlers(full),
    analysisHandlers(full),
  ]);
}
