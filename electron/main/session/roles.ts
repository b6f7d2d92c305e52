import { z } from 'zod';
import type { AppDatabase } from '@db/open';
import { getSettings } from './settings-queries';
import { readStates } from '../sync/queries/state';
import { TeamMember } from '@shared/review/review';
import { AppError } from '@shared/result';
import type { SessionRole} from '@shared/session/roles';
import { can, permissionsOf, roleLabels, type Permission, type Session } from '@shared/session/roles';
import { Role } from '@shared/sync/api';
import { stateKeys } from '../sync/state-keys';

// Who is at this laptop: the role the server gave at the last login or token refresh,
// or 'local' before any login. Every review, acceptance and resolution is checked against it
// here, and again by the server when the op arrives.

const asString = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

export function currentSession(db: AppDatabase): Session {
  const s = readStates(db, [
    stateKeys.userRole,
    stateKeys.roleConfirmedAt,
    stateKeys.userId,
    'userName',
    stateKeys.refreshToken,
    stateKeys.scope,
  ]);
  const settings = getSettings(db);
  const stored = Role.safeParse(s.get(stateKeys.userRole));
  const userId = asString(s.get(stateKeys.userId));
  // A role without the account it belongs to is not trusted (a store copied between accounts).
  const role: SessionRole = stored.success && userId !== null ? stored.data : 'local';
  const scope = s.get(stateKeys.scope);
  return {
    role,
    isLocal: role === 'local',
    userId: role === 'local' ? null : userId,
    userName: asString(s.get('userName')) ?? settings.userName,
    isSignedIn: asString(s.get(stateKeys.refreshToken)) !== null,
    serverUrl: settings.serverUrl,
    scope: Array.isArray(scope) ? scope.filter((p): p is string => typeof p === 'string') : [],
    permissions: permissionsOf(role),
    roleConfirmedAt: asString(s.get(stateKeys.roleConfirmedAt)),
  };
}

/** The session, when it holds `permission`; FORBIDDEN otherwise (nothing is changed). */
export function requirePermission(db: AppDatabase, permission: Permission): Session {
  const session = currentSession(db);
  if (!can(session.role, permission)) {
    const label = roleLabels[session.role];
    throw new AppError('FORBIDDEN', `${label.zh}无权执行此操作 / ${label.en} may not do this (${permission})`);
  }
  return session;
}

export interface Team {
  fetchedAt: string | null;
  users: TeamMember[];
}

const CachedTeam = z.object({ fetchedAt: z.string(), users: z.array(TeamMember) });

/** The team as fetched at the last sync (empty before any). */
export function readTeam(db: AppDatabase): Team {
  const parsed = CachedTeam.safeParse(readStates(db, [stateKeys.team]).get(stateKeys.team));
  return parsed.success ? parsed.data : { fetchedAt: null, users: [] };
}

/** Who a trace row names: the account's name and this laptop's device name (both required). */
export function attribution(db: AppDatabase, session: Session): { userName: string; deviceName: string } {
  const { deviceName } = getSettings(db);
  if (session.userName === '' || deviceName === '') {
    throw new AppError('PROFILE_INCOMPLETE', '请先在设置中填写姓名和设备名称 / Set your name and device name first');
  }
  return { userName: session.userName, deviceName };
}
