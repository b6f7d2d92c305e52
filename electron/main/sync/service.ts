import { readState, writeState } from './queries/state';
import type { SyncLogEntry, SyncStatus, SyncTrigger } from '@shared/sync/client-status';
import { AttachmentStore } from './attachments';
import { SyncEngine, type SyncEngineOptions } from './engine';
import { stateKeys } from './state-keys';
import { SyncScheduler, type Timers } from './scheduler';
import { readScope } from './pull';
import { retryRefused, type RetryInput } from './refused';
import { CLOCK_SKEW_TOLERANCE_MS } from './status';
import { exportUnsent } from './unsent-export';
import type { FileDownload } from '@shared/directory/directory';

// What main exposes of sync: the engine behind its scheduler, one method per IPC channel.

export const DEFAULT_INTERVAL_MINUTES = 15;

export interface SyncService {
  engine: SyncEngine;
  /** Files by SHA-256 (null for an in-memory store). */
  attachments: AttachmentStore | null;
  status(): SyncStatus;
  login(username: string, password: string): Promise<SyncStatus>;
  logout(): Promise<SyncStatus>;
  syncNow(): Promise<SyncStatus>;
  log(): SyncLogEntry[];
  setOnline(isOnline: boolean): SyncStatus;
  /** Main's own network-change signal. */
  notifyOnline(): void;
  configure(intervalMinutes: number): SyncStatus;
  /** Asks the bureau for a new chain branch for a forked store (branch.ts). */
  requestBranch(): Promise<SyncStatus>;
  /** Records a refused change again as a new op (refused.ts); the next sync sends it. */
  retryRefused(input: RetryInput): SyncStatus;
  /** The changes not on the server, as [signed ops JSON, readable XLSX] (unsent-export.ts). */
  exportUnsent(): Promise<FileDownload[]>;
  /** Display names of records held here, by their kind's adapter (lists of conflicts, refusals). */
  names(ids: readonly string[], entity?: string): ReadonlyMap<string, string>;
  stop(): void;
}

export function createSyncService(
  opts: SyncEngineOptions & {
    timers?: Timers;
    autoStart?: boolean;
    /** Where attachment files live, sealed with a key derived from the store key. */
    attachments?: { dir: string; storeKeyHex: string };
  },
): SyncService {
  const attachments = opts.attachments ? new AttachmentStore(opts.db, opts.attachments.dir, opts.attachments.storeKeyHex) : null;
  const engine = new SyncEngine({
    ...opts,
    ...(attachments ? { uploadAttachments: (client) => attachments.uploadPending(client) } : {}),
  });
  const stored = readState(opts.db, stateKeys.intervalMinutes);
  const interval = typeof stored === 'number' ? stored : DEFAULT_INTERVAL_MINUTES;
  const run = async (trigger: SyncTrigger): Promise<boolean> => {
    // Automatic runs wait quietly until there is a server and a session to sync with.
    const status = engine.status();
    if (trigger !== 'manual' && (!status.isConfigured || !status.isLoggedIn)) return true;
    return (await engine.sync(trigger)) !== null;
  };
  const scheduler = new SyncScheduler({ run }, interval, opts.timers);
  engine.nextAttemptAt = () => scheduler.nextAttemptAt();
  engine.intervalMinutes = () => scheduler.interval;
  if (opts.autoStart !== false) scheduler.start();
  return {
    engine,
    attachments,
    status: () => engine.status(),
    async login(username, password) {
      const status = await engine.login(username, password);
      // A fresh session syncs at once: the user wants to see their areas.
      if (status.isLoggedIn && status.lastError === null) await scheduler.requestNow('login');
      return engine.status();
    },
    logout: () => engine.logout(),
    async syncNow() {
      await scheduler.requestNow('manual');
      return engine.status();
    },
    log: () => engine.log(),
    setOnline(isOnline) {
      engine.setOnline(isOnline);
      if (isOnline) scheduler.notifyOnline();
      else scheduler.notifyOffline();
      return engine.status();
    },
    notifyOnline: () => {
      engine.setOnline(true);
      scheduler.notifyOnline();
    },
    configure(intervalMinutes) {
      writeState(opts.db, stateKeys.intervalMinutes, intervalMinutes);
      scheduler.setInterval(intervalMinutes);
      return engine.status();
    },
    requestBranch: () => engine.requestBranch(),
    names: (ids, entity) => opts.registry.names(ids, entity),
    exportUnsent: () => exportUnsent(opts.db, (opts.now ?? (() => new Date()))(), opts.settings().userName, opts.registry),
    retryRefused(input) {
      const when = {
        scope: readScope(opts.db),
        isClockSkewed: engine.status().isClockSkewed,
        clockToleranceMs: CLOCK_SKEW_TOLERANCE_MS,
        registry: opts.registry,
      };
      retryRefused(opts.db, engine.materialiser, input, when, (opts.now ?? (() => new Date()))());
      return engine.status();
    },
    stop: () => scheduler.stop(),
  };
}
