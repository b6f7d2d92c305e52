import type { AppDatabase } from '../../db/open';
import type { AppInfo } from '../../shared/ipc/contract';
import type { HandlerTable } from './ipc/dispatch';
import { createDivisionsService } from './services/divisions';
import { createFrameImportService } from './services/frame-import';
import { createOverviewService } from './services/overview';
import { createRegistrationService } from './services/registration';
import { ruleContextWire } from './services/registration-rules';
import { createSettingsService } from './services/settings';
import type { SyncService } from './sync/service';
import { AppError } from '../../shared/result';

const pending = (): never => {
  throw new AppError('INTERNAL', 'not yet');
};

export interface HandlerDeps {
  db: AppDatabase;
  info: AppInfo;
  /** The clock for change stamps and the rules' "today"; tests pass a fixed one. */
  now?: () => Date;
  sync: SyncService;
}

/**
 * Channel → service call, one line each. Inputs arrive already parsed by dispatch(); the
 * mapped type makes a channel added to the contract without a handler a type error.
 */
export function createHandlers(deps: HandlerDeps): HandlerTable {
  const settings = createSettingsService(deps.db);
  const overview = createOverviewService(deps.db);
  const now = deps.now ?? (() => new Date());
  const registration = createRegistrationService(deps.db, { now });
  const frame = createFrameImportService(deps.db, { now });
  const divisions = createDivisionsService(deps.db);
  return {
    'app:info': () => deps.info,
    'settings:get': () => settings.get(),
    'settings:update': (patch) => settings.update(patch),
    'overview:get': () => overview.get(),
    'units:list': (query) => registration.list(query),
    'units:get': ({ id }) => registration.get(id),
    'units:create': (input) => registration.create(input),
    'units:save': (input) => registration.save(input),
    'units:submit': (input) => registration.submit(input),
    'units:markNotFound': (input) => registration.markNotFound(input),
    'units:reopen': (input) => registration.reopen(input),
    'units:history': ({ id }) => registration.history(id),
    'frame:preview': (file) => frame.preview(file),
    'frame:import': (file) => frame.import(file),
    'divisions:search': (query) => divisions.search(query),
    'rules:context': () => ruleContextWire(deps.db, now()),
    'sync:status': () => deps.sync.status(),
    'sync:login': ({ username, password }) => deps.sync.login(username, password),
    'sync:logout': () => deps.sync.logout(),
    'sync:now': () => deps.sync.syncNow(),
    'sync:log': () => deps.sync.log(),
    'sync:online': ({ isOnline }) => deps.sync.setOnline(isOnline),
    'sync:configure': ({ intervalMinutes }) => deps.sync.configure(intervalMinutes),
  // TEMPORARY (issue 5 in progress): replaced by the directory services before this lands.
    'enterprises:list': pending,
    'enterprises:get': pending,
    'enterprises:save': pending,
    'enterprises:history': pending,
    'directory:importPreview': pending,
    'directory:import': pending,
    'directory:export': pending,
    'ledger:getYear': pending,
    'ledger:saveCells': pending,
    'ledger:saveAnnual': pending,
    'evidence:attach': pending,
    'evidence:update': pending,
    'evidence:remove': pending,
    'evidence:list': pending,
    'evidence:get': pending,
    'candidates:list': pending,
    'followup:get': pending,
    'followup:transition': pending,
    'followup:addNote': pending,
    'materials:set': pending,
    'package:export': pending,
    'exits:list': pending,
    'draw:run': pending,
    'draw:list': pending,
    'draw:get': pending,
    'inspection:record': pending,
    'stats:directory': pending,
    'thresholds:get': pending,
    'thresholds:update': pending,
  } satisfies HandlerTable;
}
