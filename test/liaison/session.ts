import type { AppDatabase } from '@db/open';
import { writeState } from '@main/sync/queries/state';
import type { Role } from '@shared/sync/api';

/** The session a login leaves behind (role, account, name, scope), without a server. */
export function signIn(db: AppDatabase, role: Role, userId: string, userName: string, scope: string[] = ['']): void {
  writeState(db, 'userRole', role);
  writeState(db, 'userId', userId);
  writeState(db, 'userName', userName);
  writeState(db, 'scope', scope);
}
