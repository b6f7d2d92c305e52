import type { Channel } from '@shared/ipc/contract';
import type { HandlerDeps } from '../ipc/handler-deps';
import type { HandlerMap } from '../ipc/handler-maps';
import { createLedgerService } from './service';

export function ledgerHandlers(deps: HandlerDeps): HandlerMap<Extract<Channel, `ledger:${string}`>> {
  const ledger = createLedgerService(deps.db, { now: deps.now });
  return {
    'ledger:getYear': (input) => ledger.getYear(input),
    'ledger:saveCells': (input) => ledger.saveCells(input),
    'ledger:saveAnnual': (input) => ledger.saveAnnual(input),
    'ledger:sign': (input) => ledger.sign(input),
  };
}
