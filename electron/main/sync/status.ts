import type { AppDatabase } from '@db/open';
import { countPending } from './queries/outbox';
import { listConflicts } from './queries/records';
import { readStates } from './queries/state';
import { Role } from '@shared/sync/api';
import { SessionLost, type SyncErrorInfo, type SyncStatus } from '@shared/sync/client-status';
import { stateKeys } from './identity';
import { sessionKeys } from './team';
import { readScope } from './pull';
import { forkInfo } from './fork';
import { refusedList } from './refused';

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
}

/** What the sync page shows: the stored state plus what only the running engine knows. */
export function readStatus(db: AppDatabase, live: LiveStatus): SyncStatus {
  const s = readStates(db, [
    stateKeys.refreshToken,
    'userName',
    stateKeys.lastSyncAt,
    stateKeys.lastError,
    stateKeys.clockSkewMs,
    sessionKeys.userLogin,
    sessionKeys.userRole,
    sessionKeys.sessionLost,
  ]);
  const skew = s.get(stateKeys.clockSkewMs);
  const clockSkewMs = typeof skew === 'number' ? skew : 0;
  const lastError = s.get(stateKeys.lastError);
  const scope = readScope(db);
  const isClockSkewed = Math.abs(clockSkewMs) > CLOCK_SKEW_TOLERANCE_MS;
  const isLoggedIn = asString(s.get(stateKeys.refreshToken)) !== null;
  const login = asString(s.get(sessionKeys.userLogin));
  const role = Role.safeParse(s.get(sessionKeys.userRole));
  const lost = SessionLost.safeParse(s.get(sessionKeys.sessionLost));
  return {
    isConfigured: live.serverUrl !== '',
    serverUrl: live.serverUrl,
    isLoggedIn,
    userName: asString(s.get('userName')),
    account: login !== null && role.success ? { username: login, name: asString(s.get('userName')) ?? login, role: role.data } : null,
    sessionLost: !isLoggedIn && lost.success ? lost.data : null,
    deviceId: live.deviceId,
    isRunning: live.isRunning,
    isOnline: live.isOnline,
    lastSyncAt: asString(s.get(stateKeys.lastSyncAt)),
    pending: countPending(db),
    conflicts: listConflicts(db),
    rejected: refusedList(db, { scope, isClockSkewed }),
    lastError: typeof lastError === 'object' && lastError !== null ? (lastError as SyncErrorInfo) : null,
    isClockSkewed,
    clockSkewMs,
    scope: scope ?? [],
    intervalMinutes: live.intervalMinutes,
    nextAttemptAt: live.nextAttemptAt,
    fork: forkInfo(db),
  };
}
