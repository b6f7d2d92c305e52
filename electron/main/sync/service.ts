import { readState, writeState } from '../../../db/queries/sync-state';
import type { SyncLogEntry, SyncStatus, SyncTrigger } from '../../../shared/sync/client-status';
import { AttachmentStore } from './attachments';
import { SyncEngine, type SyncEngineOptions } from './engine';
import { stateKeys } from './identity';
import { SyncScheduler, type Timers } from './scheduler';

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
    stop: () => scheduler.stop(),
  };
}
