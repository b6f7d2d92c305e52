import { stateKeys } from './state-keys';
import { writeState } from './queries/state';
import type { UserInfo } from '@shared/sync/api';
import type { ServerClient } from './client';
import { isSyncFailure } from './errors';
import type { Db } from '@db/open';

// Who this laptop works for and with. The role is the server's word at the last
// login or token refresh; the team (users whose areas overlap ours) is fetched after each pull
// so progress per enumerator works offline. Both live in sync_state.


/** Records the account as the server describes it; call inside the login or refresh write. */
export function noteUser(db: Db, user: UserInfo, at: string): void {
  writeState(db, stateKeys.userRole, user.role);
  writeState(db, stateKeys.roleConfirmedAt, at);
  writeState(db, stateKeys.userLogin, user.username);
  writeState(db, stateKeys.userName, user.name || user.username);
}

/**
 * Refreshes the cached team. A server without the endpoint (older build) or a refusal keeps the
 * last team: progress per enumerator is a view, and must not fail the sync that carries the data.
 */
export async function refreshTeam(db: Db, client: ServerClient, at: string): Promise<void> {
  try {
    const res = await client.team();
    writeState(db, stateKeys.team, { fetchedAt: at, users: res.users });
  } catch (e) {
    if (!isSyncFailure(e) || e.code === 'SERVER_UNREACHABLE') throw e;
    console.warn(`[sync] team not refreshed: ${e.code} ${e.message}`);
  }
}
