import type { AppDatabase } from '@db/open';
import type { ImportScope } from '@shared/session/import-scope';
import { getDivision } from '../divisions/queries';
import { currentSession } from './roles';

/**
 * The areas an import may write, from the account of the last login: none known before any
 * login, everything for the bureau (its scope is the empty prefix), else the assigned areas
 * with their names from the division data.
 */
export function importScope(db: AppDatabase): ImportScope {
  const session = currentSession(db);
  if (session.isLocal) return { kind: 'unknown', areas: [] };
  if (session.role === 'admin' || session.scope.includes('')) return { kind: 'all', areas: [] };
  return { kind: 'areas', areas: session.scope.map((code) => ({ code, name: getDivision(db, code)?.name ?? '' })) };
}
