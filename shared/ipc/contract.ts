import { z } from 'zod';
import { Settings, SettingsPatch } from '../settings';
import {
  DivisionQuery,
  DivisionRow,
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
  UnitSubmit,
} from '../registration';
import { SyncConfigure, SyncLogEntry, SyncLogin, SyncOnline, SyncStatus } from '../sync/client-status';
import { UnitStatus } from '../units';

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
  'settings:get': { input: z.void(), output: Settings },
  'settings:update': { input: SettingsPatch, output: Settings },
  'overview:get': { input: z.void(), output: Overview },
  // Registration (issue 3)
  'units:list': { input: UnitQuery, output: UnitList },
  'units:get': { input: z.object({ id: UnitId }).strict(), output: UnitDetail },
  'units:create': { input: UnitCreate, output: UnitDetail },
  'units:save': { input: UnitSave, output: UnitDetail },
  'units:submit': { input: UnitSubmit, output: UnitDetail },
  'units:markNotFound': { input: UnitNotFound, output: UnitDetail },
  'units:reopen': { input: UnitSubmit, output: UnitDetail },
  'units:history': { input: z.object({ id: UnitId }).strict(), output: z.array(UnitChange) },
  'frame:preview': { input: FrameFile, output: FramePreview },
  'frame:import': { input: FrameFile, output: FrameImportResult },
  'divisions:search': { input: DivisionQuery, output: z.array(DivisionRow) },
  'rules:context': { input: z.void(), output: RuleContextWire },
  // Sync (issue 4)
  'sync:status': { input: z.void(), output: SyncStatus },
  'sync:login': { input: SyncLogin, output: SyncStatus },
  'sync:logout': { input: z.void(), output: SyncStatus },
  'sync:now': { input: z.void(), output: SyncStatus },
  'sync:log': { input: z.void(), output: z.array(SyncLogEntry) },
  'sync:online': { input: SyncOnline, output: SyncStatus },
  'sync:configure': { input: SyncConfigure, output: SyncStatus },
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
