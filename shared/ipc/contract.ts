import { z } from 'zod';
import { Settings, SettingsPatch } from '../session/settings';
import {
  DivisionQuery,
  DivisionRow,
  DivisionStatus,
  FrameFile,
  FrameImportResult,
  FramePreview,
  RuleContextWire,
  UnitChange,
  UnitCreate,
  UnitDetail,
  UnitId,
  UnitList,
  UnitNotFound,
  UnitQuery,
  UnitSave,
  UnitRef,
  UnitSubmit,
  UnitWithdraw,
  WithdrawnUnit,
  TypedUscc,
} from '../registration/registration';
import {
  DirectoryFile,
  DirectoryImport,
  DirectoryImportPreview,
  DirectoryImportReport,
  EnterpriseChange,
  EnterpriseDetail,
  EnterpriseFilter,
  EnterpriseId,
  EnterprisePage,
  EnterpriseQuery,
  EnterpriseSave,
  FileDownload,
} from '../directory/directory';
import { DirectoryStats, StatsQuery } from '../directory/stats';
import {
  ExitStep,
  TaskAssign,
  TaskCheck,
  TaskConclude,
  TaskCreate,
  TaskCreateResult,
  TaskDetail,
  TaskFigures,
  TaskId,
  TaskLinkEvidence,
  TaskList,
  TaskQuery,
  TaskSign,
  TaskStep,
  TaskUnlinkEvidence,
} from '../verification/wire';
import { Inspector, InspectorAdd, InspectorId as EnforceId, InspectorRelate, InspectorUnrelate, InspectorUpdate } from '../enforcement/roster';
import { CaseRecord } from '../enforcement/records';
import { EnforcementYearCounts } from '../enforcement/year-counts';
import { CaseAct, CaseAddDocument, CaseOpen, CaseQuery, CaseSetViolations, CaseTransfer, DrawVerdict, EnforceDrawPublish, EnforceDrawRun, PublishedDraw, PublishedDrawSummary } from '../enforcement/wire';
import { PackDocument, PackList, PackQuery } from '../packs/wire';
import { DismissNotice, PackFile, PackNotice, PackPreview, PackPublish, PackPublished } from '../packs/notice';
import {
  CandidatePage,
  CandidateQuery,
  DrawRecord,
  DrawRun,
  DrawSummary,
  ExitPage,
  ExitQuery,
  FollowUpAddNote,
  FollowUpTransition,
  FollowUpView,
  InspectionRecord,
  MaterialsSet,
  PackageExport,
} from '../followup/work';
import {
  AnnualFiguresSave,
  EvidenceAttach,
  EvidenceContent,
  EvidenceId,
  EvidenceItem,
  EvidenceListQuery,
  EvidenceRemove,
  EvidenceUpdate,
  LedgerGetYear,
  LedgerSaveCells,
  LedgerSign,
  LedgerYearView,
} from '../ledger/wire';
import { DirectorySettingsPatch, ThresholdsInfo } from '../followup/thresholds';
import { SyncConfigure, SyncLogEntry, SyncLogin, SyncOnline, SyncRetryRefused, SyncStatus } from '../sync/client-status';
import { UnitStatus } from '../registration/units';
import { UnitOutOfScope } from '../registration/scope';
import { ReviewCodeIndustry } from '../review/industry-coding';
import { ConflictResolve, ConflictView } from '../review/conflicts';
import { ReviewAnswer, ReviewBulk, ReviewBulkResult, ReviewDecide } from '../review/decide';
import { ReviewQueue, ReviewQueueQuery } from '../review/queue';
import { ReviewThread } from '../review/review';
import { ApprovedUnitsQuery, ProgressQuery, ProgressReport } from '../progress/progress';
import { Session } from '../session/roles';
import { InterferenceDraft, InterferenceEntry, InterferenceList, InterferenceQuery } from '../interference/entry';
import { importKinds } from '../files/imports';
import { TaskKind, TaskProgress } from '../tasks/tasks';
import {
  CoverageQuery,
  CoverageView,
  LiaisonAssign,
  LiaisonAssignResult,
  LiaisonListPage,
  LiaisonListQuery,
  LiaisonView,
  VisitAdd,
  VisitCorrect,
} from '../liaison/liaison';
import { TrainingCancel, TrainingList, TrainingListQuery, TrainingSave, TrainingSession } from '../training/training';
import { YearSummary } from '../summary/year-summary';
import { AnnualFile, AnnualImport, AnnualImportReport, AnnualPreview, AnnualYear, GapNote, GapNoteSave, ReconcileView } from '../reconcile/wire';
import { AnalysisQuery, AnalysisReport } from '../analysis/analysis';
import { TargetList, TargetSet, Target } from '../analysis/targets';
import { RecoveryOutcome, StartupRestore, StartupStartEmpty, StartupStatus } from '../startup/startup';

export const AppInfo = z.object({
  version: z.string(),
  /** Tag of the newest migration applied to the local store. */
  schemaVersion: z.string(),
  /** 'electron' in the desktop app, 'web' in the loopback browser harness. */
  shell: z.enum(['electron', 'web']),
  storePath: z.string(),
  isEncrypted: z.boolean(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const Overview = z.object({
  units: z.object({
    total: z.number().int().nonnegative(),
    byStatus: z.record(UnitStatus, z.number().int().nonnegative()),
    areas: z.number().int().nonnegative(),
  }),
  enterprises: z.object({ total: z.number().int().nonnegative() }),
  review: z.object({ awaiting: z.number().int().nonnegative() }),
  sync: z.object({
    isServerConfigured: z.boolean(),
    lastSyncAt: z.string().nullable(),
    /** Local changes recorded in the change trace since the last sync. */
    localChanges: z.number().int().nonnegative(),
  }),
});
export type Overview = z.infer<typeof Overview>;

/**
 * The single source of truth for what the renderer may ask of main. Main validates every
 * input with these schemas (the renderer is untrusted); the preload exposes one function per
 * channel; the web harness serves the very same handler table.
 */
export const contract = {
  'app:info': { input: z.void(), output: AppInfo },
  /** How far long work of a kind has got, while it runs (null: none running). Polled by the screens. */
  'tasks:progress': { input: z.object({ kind: TaskKind }).strict(), output: TaskProgress.nullable() },
  'settings:get': { input: z.void(), output: Settings },
  'settings:update': { input: SettingsPatch, output: Settings },
  'overview:get': { input: z.void(), output: Overview },
  // Start-up: why the store did not open, and recovery from a backup once the user confirms
  'startup:status': { input: z.void(), output: StartupStatus },
  'startup:restore': { input: StartupRestore, output: RecoveryOutcome },
  'startup:startEmpty': { input: StartupStartEmpty, output: RecoveryOutcome },
  // Registration
  'units:list': { input: UnitQuery, output: UnitList },
  'units:get': { input: z.object({ id: UnitId }).strict(), output: UnitDetail },
  'units:create': { input: UnitCreate, output: UnitDetail },
  'units:save': { input: UnitSave, output: UnitDetail },
  'units:submit': { input: UnitSubmit, output: UnitDetail },
  'units:markNotFound': { input: UnitNotFound, output: UnitDetail },
  'units:markOutOfScope': { input: UnitOutOfScope, output: UnitDetail },
  'units:reopen': { input: UnitSubmit, output: UnitDetail },
  'units:history': { input: z.object({ id: UnitId }).strict(), output: z.array(UnitChange) },
  'units:sameUscc': { input: z.object({ uscc: TypedUscc }).strict(), output: z.array(UnitRef) },
  'units:withdraw': { input: UnitWithdraw, output: WithdrawnUnit },
  'units:withdrawn': { input: z.void(), output: z.array(WithdrawnUnit) },
  'frame:preview': { input: FrameFile, output: FramePreview },
  'frame:import': { input: FrameFile, output: FrameImportResult },
  'imports:template': { input: z.object({ kind: z.enum(importKinds) }).strict(), output: FileDownload },
  'divisions:search': { input: DivisionQuery, output: z.array(DivisionRow) },
  'divisions:status': { input: z.void(), output: DivisionStatus },
  'divisions:loadCountry': { input: z.void(), output: DivisionStatus },
  'rules:context': { input: z.void(), output: RuleContextWire },
  // Form packs
  'forms:packs': { input: z.void(), output: PackList },
  'forms:pack': { input: PackQuery, output: PackDocument },
  // What a pack received by sync changed, or why one was refused; the bureau's publication
  'forms:notice': { input: z.void(), output: PackNotice.nullable() },
  // Answers the next notice still to read (or null): a void answer has no value on the wire.
  'forms:dismissNotice': { input: DismissNotice, output: PackNotice.nullable() },
  'forms:preview': { input: PackFile, output: PackPreview },
  'forms:publish': { input: PackPublish, output: PackPublished },
  // Sync
  'sync:status': { input: z.void(), output: SyncStatus },
  'sync:login': { input: SyncLogin, output: SyncStatus },
  'sync:logout': { input: z.void(), output: SyncStatus },
  'sync:now': { input: z.void(), output: SyncStatus },
  'sync:log': { input: z.void(), output: z.array(SyncLogEntry) },
  'sync:online': { input: SyncOnline, output: SyncStatus },
  'sync:configure': { input: SyncConfigure, output: SyncStatus },
  // A forked op chain and refused changes: ask for a branch, export, retry
  'sync:requestBranch': { input: z.void(), output: SyncStatus },
  'sync:exportUnsent': { input: z.void(), output: z.array(FileDownload) },
  'sync:retryRefused': { input: SyncRetryRefused, output: SyncStatus },
  // Enterprise directory, ledgers, 入规纳统, 双随机 and statistics
  'enterprises:list': { input: EnterpriseQuery, output: EnterprisePage },
  'enterprises:get': { input: z.object({ id: EnterpriseId }).strict(), output: EnterpriseDetail },
  'enterprises:save': { input: EnterpriseSave, output: EnterpriseDetail },
  'enterprises:history': { input: z.object({ id: EnterpriseId }).strict(), output: z.array(EnterpriseChange) },
  'directory:importPreview': { input: DirectoryFile, output: DirectoryImportPreview },
  'directory:import': { input: DirectoryImport, output: DirectoryImportReport },
  'directory:export': { input: EnterpriseFilter, output: FileDownload },
  'ledger:getYear': { input: LedgerGetYear, output: LedgerYearView },
  'ledger:saveCells': { input: LedgerSaveCells, output: LedgerYearView },
  'ledger:saveAnnual': { input: AnnualFiguresSave, output: LedgerYearView },
  'ledger:sign': { input: LedgerSign, output: LedgerYearView },
  'evidence:attach': { input: EvidenceAttach, output: EvidenceItem },
  'evidence:update': { input: EvidenceUpdate, output: EvidenceItem },
  'evidence:remove': { input: EvidenceRemove, output: z.object({ id: EvidenceId }) },
  'evidence:list': { input: EvidenceListQuery, output: z.array(EvidenceItem) },
  'evidence:get': { input: z.object({ id: EvidenceId }).strict(), output: EvidenceContent },
  'candidates:list': { input: CandidateQuery, output: CandidatePage },
  'followup:get': { input: z.object({ enterpriseId: EnterpriseId }).strict(), output: FollowUpView },
  'followup:transition': { input: FollowUpTransition, output: FollowUpView },
  'followup:addNote': { input: FollowUpAddNote, output: FollowUpView },
  'materials:set': { input: MaterialsSet, output: FollowUpView },
  'package:export': { input: PackageExport, output: FileDownload },
  'exits:list': { input: ExitQuery, output: ExitPage },
  'exits:exportXlsx': { input: EnterpriseFilter, output: FileDownload },
  'draw:run': { input: DrawRun, output: DrawRecord },
  'draw:list': { input: z.void(), output: z.array(DrawSummary) },
  'draw:get': { input: z.object({ id: z.string().min(1).max(64) }).strict(), output: DrawRecord },
  'inspection:record': { input: InspectionRecord, output: DrawRecord },
  'draw:exportXlsx': { input: z.object({ id: z.string().min(1).max(64) }).strict(), output: FileDownload },
  'verification:create': { input: TaskCreate, output: TaskCreateResult },
  'verification:list': { input: TaskQuery, output: TaskList },
  'verification:get': { input: z.object({ id: TaskId }).strict(), output: TaskDetail },
  'verification:assign': { input: TaskAssign, output: TaskDetail },
  'verification:step': { input: TaskStep, output: TaskDetail },
  'verification:exitStep': { input: ExitStep, output: TaskDetail },
  'verification:check': { input: TaskCheck, output: TaskDetail },
  'verification:figures': { input: TaskFigures, output: TaskDetail },
  'verification:conclude': { input: TaskConclude, output: TaskDetail },
  'verification:sign': { input: TaskSign, output: TaskDetail },
  'verification:linkEvidence': { input: TaskLinkEvidence, output: TaskDetail },
  'verification:unlinkEvidence': { input: TaskUnlinkEvidence, output: TaskDetail },
  'verification:exportXlsx': { input: TaskQuery, output: FileDownload },
  // 统计执法: the inspector roster, draws published before they run, cases, the year's counts.
  'enforce:inspectors': { input: z.void(), output: z.array(Inspector) },
  'enforce:inspectorAdd': { input: InspectorAdd, output: Inspector },
  'enforce:inspectorUpdate': { input: InspectorUpdate, output: Inspector },
  'enforce:inspectorRelate': { input: InspectorRelate, output: Inspector },
  'enforce:inspectorUnrelate': { input: InspectorUnrelate, output: Inspector },
  'enforce:drawPublish': { input: EnforceDrawPublish, output: PublishedDraw },
  'enforce:draws': { input: z.void(), output: z.array(PublishedDrawSummary) },
  'enforce:draw': { input: z.object({ id: EnforceId }).strict(), output: PublishedDraw },
  'enforce:drawRun': { input: EnforceDrawRun, output: PublishedDraw },
  'enforce:drawVerify': { input: z.object({ id: EnforceId }).strict(), output: DrawVerdict },
  'enforce:drawExportXlsx': { input: z.object({ id: EnforceId }).strict(), output: FileDownload },
  'enforce:cases': { input: CaseQuery, output: z.array(CaseRecord) },
  'enforce:case': { input: z.object({ id: EnforceId }).strict(), output: CaseRecord },
  'enforce:caseOpen': { input: CaseOpen, output: CaseRecord },
  'enforce:caseAct': { input: CaseAct, output: CaseRecord },
  'enforce:caseViolations': { input: CaseSetViolations, output: CaseRecord },
  'enforce:caseDocument': { input: CaseAddDocument, output: CaseRecord },
  'enforce:caseTransfer': { input: CaseTransfer, output: CaseRecord },
  'enforce:yearCounts': { input: z.object({ year: z.number().int().min(2000).max(2100) }).strict(), output: EnforcementYearCounts },
  'stats:directory': { input: StatsQuery, output: DirectoryStats },
  'thresholds:get': { input: z.void(), output: ThresholdsInfo },
  'thresholds:update': { input: DirectorySettingsPatch, output: ThresholdsInfo },
  // 企业包保 (responsible officials and their visits) and training sessions
  'liaison:list': { input: LiaisonListQuery, output: LiaisonListPage },
  'liaison:get': { input: z.object({ enterpriseId: EnterpriseId }).strict(), output: LiaisonView },
  'liaison:assign': { input: LiaisonAssign, output: LiaisonAssignResult },
  'liaison:addVisit': { input: VisitAdd, output: LiaisonView },
  'liaison:correctVisit': { input: VisitCorrect, output: LiaisonView },
  'liaison:coverage': { input: CoverageQuery, output: CoverageView },
  'liaison:exportXlsx': { input: CoverageQuery, output: FileDownload },
  'training:list': { input: TrainingListQuery, output: TrainingList },
  'training:save': { input: TrainingSave, output: TrainingSession },
  'training:cancel': { input: TrainingCancel, output: TrainingSession },
  // Review, acceptance, conflicts, progress, reports and roles
  'session:role': { input: z.void(), output: Session },
  'review:queue': { input: ReviewQueueQuery, output: ReviewQueue },
  'review:decide': { input: ReviewDecide, output: ReviewThread },
  'review:bulkApprove': { input: ReviewBulk, output: ReviewBulkResult },
  'review:comments': { input: z.object({ unitId: UnitId }).strict(), output: ReviewThread },
  'review:answer': { input: ReviewAnswer, output: ReviewThread },
  'review:codeIndustry': { input: ReviewCodeIndustry, output: UnitDetail },
  'conflicts:list': { input: z.void(), output: z.array(ConflictView) },
  'conflicts:resolve': { input: ConflictResolve, output: z.array(ConflictView) },
  'progress:get': { input: ProgressQuery, output: ProgressReport },
  'reports:progressXlsx': { input: ProgressQuery, output: FileDownload },
  'reports:approvedUnitsXlsx': { input: ApprovedUnitsQuery, output: FileDownload },
  // The interference register (the leadership's only): append-only, so no channel edits or deletes
  'interference:list': { input: InterferenceQuery, output: InterferenceList },
  'interference:record': { input: InterferenceDraft, output: InterferenceEntry },
  'interference:exportXlsx': { input: z.strictObject({ year: z.number().int().min(2000).max(2100) }), output: FileDownload },
  // The year's summary (年度汇总): the interference count in it only for the leadership
  'summary:year': { input: z.strictObject({ year: z.number().int().min(2000).max(2100) }), output: YearSummary },
  'summary:exportXlsx': { input: z.strictObject({ year: z.number().int().min(2000).max(2100) }), output: FileDownload },
  // 快报衔接: the annual/快报 figures against the census (the bureau's, on this laptop only)
  'reconcile:view': { input: z.strictObject({ year: AnnualYear }), output: ReconcileView },
  'reconcile:preview': { input: AnnualFile, output: AnnualPreview },
  'reconcile:import': { input: AnnualImport, output: AnnualImportReport },
  'reconcile:note': { input: GapNoteSave, output: GapNote },
  'reconcile:exportXlsx': { input: z.strictObject({ year: AnnualYear }), output: FileDownload },
  'reconcile:template': { input: z.void(), output: FileDownload },
  // The monthly/quarterly economic analysis (经济运行分析) and the bureau's yearly targets
  'analysis:report': { input: AnalysisQuery, output: AnalysisReport },
  'analysis:exportXlsx': { input: AnalysisQuery, output: FileDownload },
  'analysis:targets': { input: z.strictObject({ year: z.number().int().min(2001).max(2100) }), output: TargetList },
  'analysis:setTarget': { input: TargetSet, output: Target },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
/** What a caller passes (before parsing). */
export type Input<C extends Channel> = z.input<Contract[C]['input']>;
/** What a handler receives (after parsing). */
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type Output<C extends Channel> = z.output<Contract[C]['output']>;

export const channels = Object.keys(contract) as Channel[];

/** 'settings:update' → 'settingsUpdate': the preload's method name for a channel. */
export function methodName(channel: string): string {
  return channel.replace(/[:-](\w)/g, (_m, c: string) => c.toUpperCase());
}
