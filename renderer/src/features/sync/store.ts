import { useEffect } from 'react';
import { create } from 'zustand';
import type { SyncLogEntry, SyncStatus } from '@shared/sync/client-status';
import type { AppErrorShape, Result } from '@shared/result';
import { call } from '../../lib/api';
import { base64ToBytes, downloadBytes } from '../../lib/file-bytes';
import { loading, notLoaded, settled, type Loadable } from '../../lib/loadable';

// The sync page's state: the engine's status and recent runs, read from main. While a sync
// runs the status is polled, so the page shows progress without main pushing events.

interface SyncState {
  status: Loadable<SyncStatus>;
  log: Loadable<SyncLogEntry[]>;
  /** An IPC failure of the last action (not a sync error: those are in status.lastError). */
  actionError: AppErrorShape | null;
  isBusy: boolean;
  refresh(): Promise<void>;
  /** Reads the status again without showing a load (the header keeps it fresh from anywhere). */
  poll(): Promise<void>;
  login(username: string, password: string): Promise<boolean>;
  logout(): Promise<void>;
  syncNow(): Promise<void>;
  setInterval(minutes: number): Promise<void>;
  /** A forked store (shared/sync/client-status.ts ForkInfo): ask the bureau for a new chain branch. */
  requestBranch(): Promise<void>;
  /** Saves the changes not on the server (signed JSON + XLSX); the number of files saved, or null. */
  exportUnsent(): Promise<number | null>;
  /** Records a refused change again (optionally moving a refused unit) and syncs; true when recorded. */
  retryRefused(id: number, areaCode?: string): Promise<boolean>;
}

export const useSyncStore = create<SyncState>()((set, get) => {
  const afterAction = async (result: Result<SyncStatus>): Promise<void> => {
    set((s) => ({ status: settled(s.status, result), actionError: result.ok ? null : result.error, isBusy: false }));
    const log = await call('sync:log', undefined);
    set((s) => ({ log: settled(s.log, log) }));
  };
  return {
    status: notLoaded(),
    log: notLoaded(),
    actionError: null,
    isBusy: false,
    async refresh() {
      set((s) => ({ status: loading(s.status) }));
      const [status, log] = await Promise.all([call('sync:status', undefined), call('sync:log', undefined)]);
      set((s) => ({ status: settled(s.status, status), log: settled(s.log, log) }));
    },
    async poll() {
      const status = await call('sync:status', undefined);
      // A failed poll keeps what is shown; the next one tries again.
      if (status.ok) set((s) => ({ status: { ...s.status, value: status.value, error: null } }));
    },
    async login(username, password) {
      set({ isBusy: true, actionError: null });
      const result = await call('sync:login', { username, password });
      await afterAction(result);
      return result.ok && result.value.isLoggedIn;
    },
    async logout() {
      set({ isBusy: true, actionError: null });
      await afterAction(await call('sync:logout', undefined));
    },
    async syncNow() {
      if (get().isBusy) return;
      set({ isBusy: true, actionError: null });
      await afterAction(await call('sync:now', undefined));
    },
    async setInterval(minutes) {
      await afterAction(await call('sync:configure', { intervalMinutes: minutes }));
    },
    async requestBranch() {
      set({ isBusy: true, actionError: null });
      await afterAction(await call('sync:requestBranch', undefined));
    },
    async exportUnsent() {
      set({ actionError: null });
      const result = await call('sync:exportUnsent', undefined);
      if (!result.ok) {
        set({ actionError: result.error });
        return null;
      }
      for (const file of result.value) downloadBytes(base64ToBytes(file.contentBase64), file.fileName, file.mimeType);
      const log = await call('sync:log', undefined);
      set((s) => ({ log: settled(s.log, log) }));
      return result.value.length;
    },
    async retryRefused(id, areaCode) {
      set({ isBusy: true, actionError: null });
      const result = await call('sync:retryRefused', areaCode === undefined ? { id } : { id, areaCode });
      await afterAction(result);
      // The user asked for it to go: send it now (a failure shows in the status as usual).
      if (result.ok) await get().syncNow();
      return result.ok;
    },
  };
});

/** Status and log, read when the page mounts. */
export function useSyncPage(): SyncState {
  const state = useSyncStore();
  const refresh = useSyncStore((s) => s.refresh);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return state;
}

/**
 * Tells main when the browser goes on- or offline, so the scheduler syncs as soon as the
 * network is back. Mounted once by the app shell's sync page and kept for the session.
 */
export function reportConnectivity(): () => void {
  const report = (isOnline: boolean) => void call('sync:online', { isOnline });
  const online = () => report(true);
  const offline = () => report(false);
  window.addEventListener('online', online);
  window.addEventListener('offline', offline);
  return () => {
    window.removeEventListener('online', online);
    window.removeEventListener('offline', offline);
  };
}

/** How often the header reads the sync status: a session can end in a background sync. */
export const STATUS_POLL_MS = 15_000;

/**
 * Keeps the sync status fresh wherever the user is: on mount, every STATUS_POLL_MS and when the
 * window gets focus. Mounted once, by the app header.
 */
export function useSyncStatusPolling(): void {
  const poll = useSyncStore((s) => s.poll);
  useEffect(() => {
    void poll();
    const timer = window.setInterval(() => void poll(), STATUS_POLL_MS);
    const onFocus = () => void poll();
    window.addEventListener('focus', onFocus);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('focus', onFocus);
    };
  }, [poll]);
}
