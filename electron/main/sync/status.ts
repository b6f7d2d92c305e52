import type { AppDatabase } from '@db/open';
import { countPending } from './queries/outbox';
import { listConflicts } from './queries/records';
import { readStates } from './queries/state';
import { Role } from '@shared/sync/api';
import { SessionLost, type SyncErrorInfo, type SyncStatus } from '@shared/sync/client-status';
import { stateKeys } from './state-keys';
import { readScope } from './pull';
import { forkInfo } from './fork';
import { refusedList } from './refused';
import { countOpenRefused } from './queries/refused';
import type { EntityRegistry } from './registry';

/** Clocks further apart than this are flagged; sync works regardless (ordering uses versions and HLC). */
export const CLOCK_SKEW_TOLERANCE_MS = 5 * 60 * 1000;

const asString = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

export interface LiveStatus {
  serverUrl: string;
  deviceId: string;
  isRunning: boolean;
  isOnline: boolean;
  intervalMinutes: number;
  nextAttemptAt: string | null;
  registry: EntityRegistry;
}

/** What the sync page shows: the stored state plus what only the running engine knows. */
export function readStatus(db: AppDatabase, live: LiveStatus): SyncStatus {
  const s = readStates(db, [
    stateKeys.refreshToken,
    stateKeys.userName,
    stateKeys.lastSyncAt,
    stateKeys.lastError,
    stateKeys.clockSkewMs,
    stateKeys.userLogin,
    stateKeys.userRole,
    stateKeys.sessionLost,
  ]);
  const skew = s.get(stateKeys.clockSkewMs);
  const clockSkewMs = typeof skew === 'number' ? skew : 0;
  const lastError = s.get(stateKeys.lastError);
  const scope = readScope(db);
  const isClockSkewed = Math.abs(clockSkewMs) > CLOCK_SKEW_TOLERANCE_MS;
  const isLoggedIn = asString(s.get(stateKeys.refreshToken)) !== null;
  const login = asString(s.get(stateKeys.userLogin));
  const role = Role.safeParse(s.get(stateKeys.userRole));
  const lost = SessionLost.safeParse(s.get(stateKeys.sessionLost));
  return {
    isConfigured: live.serverUrl !== '',
    serverUrl: live.serverUrl,
    isLoggedIn,
    userName: asString(s.get(stateKeys.userName)),
    account: login !== null && role.success ? { username: login, name: asString(s.get(stateKeys.userName)) ?? login, role: role.data } : null,
    sessionLost: !isLoggedIn && lost.success ? lost.data : null,
    deviceId: live.deviceId,
    isRunning: live.isRunning,
    isOnline: live.isOnline,
    lastSyncAt: asString(s.get(stateKeys.lastSyncAt)),
    pending: countPending(db),
    conflicts: listConflicts(db, (ids) => live.registry.names(ids)),
    rejected: refusedList(db, { scope, isClockSkewed, registry: live.registry }),
    rejectedOpenCount: countOpenRefused(db),
    lastError: typeof lastError === 'object' && lastError !== null ? (lastError as SyncErrorInfo) : null,
    isClockSkewed,
    clockSkewMs,
    scope: scope ?? [],
    intervalMinutes: live.intervalMinutes,
    nextAttemptAt: live.nextAttemptAt,
    fork: forkInfo(db),
  };
}
