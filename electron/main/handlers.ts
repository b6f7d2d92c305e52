import type { AppDatabase } from '@db/open';
import { defaultDivisionDataDir } from './divisions/queries';
import type { AppInfo } from '@shared/ipc/contract';
import type { HandlerTable } from './ipc/dispatch';
import { createDirectoryService } from './directory/service';
import { thresholdsInfo, updateThresholdSettings } from './followup/thresholds';
import { createDirectoryImportService } from './directory/import';
import { listCandidates, listExits } from './followup/lists';
import { createDivisionsService } from './divisions/service';
import { createDrawService } from './inspection/draw';
import { createEvidenceService } from './evidence/service';
import { evidenceFiles } from './evidence/files';
import { createFollowUpService } from './followup/service';
import { exportPackage } from './followup/package';
import { createLedgerService } from './ledger/service';
import { createFrameImportService } from './registration/frame-import';
import { createTaskBoard, type TaskBoard } from './tasks/progress';
import { importTemplate } from './files/import-templates';
import { createOverviewService } from './overview/service';
import { progressReport } from './progress/service';
import { createRegistrationService } from './registration/service';
import { sameUscc } from './registration/duplicates';
import { createWithdrawService, withdrawnUnits } from './registration/withdraw';
import { approvedUnitsXlsx, progressXlsx } from './progress/reports';
import { drawXlsx, exitsXlsx } from './files/work-list-exports';
import { createReviewService } from './review/service';
import { listConflictViews, resolveConflict } from './review/conflicts';
import { currentSession } from './session/roles';
import { ruleContextWire } from './registration/rules';
import { createSettingsService } from './session/settings';
import { directoryStats } from './directory/stats';
import type { SyncService } from './sync/service';
import { readyStartupHandlers } from './startup/ready-handlers';


export interface HandlerDeps {
  db: AppDatabase;
  info: AppInfo;
  /** The clock for change stamps and the rules' "today"; tests pass a fixed one. */
  now?: () => Date;
  sync: SyncService;
  /** data/divisions (shipped statistical division codes); the repo's by default. */
  divisionDataDir?: string;
  /** Where long work reports progress (tasks:progress); a board of its own when not given. */
  tasks?: TaskBoard;
}

/**
 * Channel → service call, one line each. Inputs arrive already parsed by dispatch(); the
 * mapped type makes a channel added to the contract without a handler a type error.
 */
export function createHandlers(deps: HandlerDeps): HandlerTable {
  const settings = createSettingsService(deps.db);
  const overview = createOverviewService(deps.db);
  const now = deps.now ?? (() => new Date());
  const tasks = deps.tasks ?? createTaskBoard();
  const registration = createRegistrationService(deps.db, { now });
  const frame = createFrameImportService(deps.db, { now, tasks });
  const withdrawals = createWithdrawService(deps.db, { now });
  const divisions = createDivisionsService(deps.db, { dataDir: deps.divisionDataDir ?? defaultDivisionDataDir(), now, tasks });
  const directory = createDirectoryService(deps.db, { now });
  const directoryImport = createDirectoryImportService(deps.db, { now, tasks });
  const ledger = createLedgerService(deps.db, { now });
  const evidence = createEvidenceService(deps.db, evidenceFiles(deps.db, deps.sync.attachments), { now });
  const followUp = createFollowUpService(deps.db, { now });
  const draw = createDrawService(deps.db, { now });
  const review = createReviewService(deps.db, { now });
  return {
    'app:info': () => deps.info,
    'tasks:progress': ({ kind }) => tasks.get(kind),
    ...readyStartupHandlers,
    'settings:get': () => settings.get(),
    // The region's divisions are loaded before the setting is written: an unknown code is refused.
    'settings:update': (patch) => {
      if (patch.regionCode) divisions.ensureRegion(patch.regionCode);
      return settings.update(patch);
    },
    'overview:get': () => overview.get(),
    'units:list': (query) => registration.list(query),
    'units:get': ({ id }) => registration.get(id),
    'units:create': (input) => registration.create(input),
    'units:save': (input) => registration.save(input),
    'units:submit': (input) => registration.submit(input),
    'units:markNotFound': (input) => registration.markNotFound(input),
    'units:reopen': (input) => registration.reopen(input),
    'units:history': ({ id }) => registration.history(id),
    'units:sameUscc': ({ uscc }) => sameUscc(deps.db, uscc),
    'units:withdraw': (input) => withdrawals.withdraw(input),
    'units:withdrawn': () => withdrawnUnits(deps.db),
    'frame:preview': (file) => frame.preview(file),
    'frame:import': (file) => frame.import(file),
    'imports:template': ({ kind }) => importTemplate(kind),
    'divisions:search': (query) => divisions.search(query),
    'divisions:status': () => divisions.status(),
    'divisions:loadCountry': () => divisions.loadCountry(),
    'rules:context': () => ruleContextWire(deps.db, now()),
    'sync:status': () => deps.sync.status(),
    'sync:login': ({ username, password }) => deps.sync.login(username, password),
    'sync:logout': () => deps.sync.logout(),
    'sync:now': () => deps.sync.syncNow(),
    'sync:log': () => deps.sync.log(),
    'sync:online': ({ isOnline }) => deps.sync.setOnline(isOnline),
    'sync:configure': ({ intervalMinutes }) => deps.sync.configure(intervalMinutes),
    'sync:requestBranch': () => deps.sync.requestBranch(),
    'sync:exportUnsent': () => deps.sync.exportUnsent(),
    'sync:retryRefused': (input) => deps.sync.retryRefused(input),
    'enterprises:list': (q) => directory.list(q),
    'enterprises:get': ({ id }) => directory.get(id),
    'enterprises:save': (input) => directory.save(input),
    'enterprises:history': ({ id }) => directory.history(id),
    'directory:importPreview': (file) => directoryImport.preview(file),
    'directory:import': (input) => directoryImport.import(input),
    'directory:export': (filter) => directoryImport.export(filter),
    'ledger:getYear': (input) => ledger.getYear(input),
    'ledger:saveCells': (input) => ledger.saveCells(input),
    'ledger:saveAnnual': (input) => ledger.saveAnnual(input),
    'evidence:attach': (input) => evidence.attach(input),
    'evidence:update': (input) => evidence.update(input),
    'evidence:remove': (input) => evidence.remove(input),
    'evidence:list': (input) => evidence.list(input),
    'evidence:get': ({ id }) => evidence.get(id),
    'candidates:list': (q) => listCandidates(deps.db, q),
    'followup:get': ({ enterpriseId }) => followUp.get(enterpriseId),
    'followup:transition': (input) => followUp.transition(input),
    'followup:addNote': (input) => followUp.addNote(input),
    'materials:set': (input) => followUp.setMaterial(input),
    'package:export': (input) => exportPackage(deps.db, input, now()),
    'exits:list': (q) => listExits(deps.db, q),
    'exits:exportXlsx': (filter) => exitsXlsx(deps.db, filter, now()),
    'draw:run': (input) => draw.run(input),
    'draw:list': () => draw.list(),
    'draw:get': ({ id }) => draw.get(id),
    'inspection:record': (input) => draw.record(input),
    'draw:exportXlsx': ({ id }) => drawXlsx(deps.db, draw.get(id)),
    'stats:directory': (q) => directoryStats(deps.db, q),
    'thresholds:get': () => thresholdsInfo(deps.db),
    'thresholds:update': (patch) => updateThresholdSettings(deps.db, patch, now()),
    'session:role': () => currentSession(deps.db),
    'review:queue': (q) => review.queue(q),
    'review:decide': (input) => review.decide(input),
    'review:bulkApprove': (input) => review.bulk(input),
    'review:comments': ({ unitId }) => review.thread(unitId),
    'review:answer': (input) => review.answer(input),
    'conflicts:list': () => listConflictViews(deps.db),
    'conflicts:resolve': (input) => resolveConflict(deps.db, input, now()),
    'progress:get': (q) => progressReport(deps.db, q, now()),
    'reports:progressXlsx': (q) => progressXlsx(deps.db, q, now()),
    'reports:approvedUnitsXlsx': (q) => approvedUnitsXlsx(deps.db, q, now()),
  } satisfies HandlerTable;
}
