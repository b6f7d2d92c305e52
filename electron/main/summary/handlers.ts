import type { Channel } from '@shared/ipc/contract';
import { yearSummaryXlsx } from '../files/year-summary-exports';
import type { HandlerDeps } from '../ipc/handler-deps';
import type { HandlerMap } from '../ipc/handler-maps';
import { readYearSummary } from './service';

// The year's summary (年度汇总): the screen's figures and the same as a workbook.
export function summaryHandlers(deps: HandlerDeps): HandlerMap<Extract<Channel, `summary:${string}`>> {
  return {
    'summary:year': ({ year }) => readYearSummary(deps.db, year),
    'summary:exportXlsx': ({ year }) => yearSummaryXlsx(readYearSummary(deps.db, year), deps.now()),
  };
}
