import { scopeFor } from '../sync/rules';
import type { Scope, ServerStore } from '../store/types';

// The proof at the end of a migration: both stores, opened as a server opens them, answer the
// same verify checksum (shared/sync/checksum.ts, the one laptops compare with) for every scope a
// user of the district syncs — each distinct set of assigned areas — and for everything (an
// admin's scope). Equal checksums mean every current field of every entity in scope, with its
// version (the gseq laptops hold), is the same on both.

export interface ScopeChecksumRow {
  /** '*' for everything, else the scope's area prefixes joined by spaces. */
  scope: string;
  /** Usernames whose scope it is. */
  users: string[];
  sourceCount: number;
  targetCount: number;
  sourceTotal: string;
  targetTotal: string;
  isEqual: boolean;
}

const labelOf = (scope: Scope): string => (scope.isAll ? '*' : [...scope.prefixes].sort().join(' '));

/** Every distinct scope the users sync, and everything; read from the source's users and assignments. */
export async function scopesToCheck(store: ServerStore): Promise<Map<string, { scope: Scope; users: string[] }>> {
  const scopes = new Map<string, { scope: Scope; users: string[] }>([['*', { scope: { isAll: true }, users: [] }]]);
  for (const user of await store.listUsers()) {
    const prefixes = await store.prefixesOf(user.id);
    const scope = scopeFor(user.role, prefixes);
    if (!scope.isAll && scope.prefixes.length === 0) continue;
    const label = labelOf(scope);
    const entry = scopes.get(label) ?? { scope, users: [] };
    entry.users.push(user.username);
    scopes.set(label, entry);
  }
  return scopes;
}

export async function compareChecksums(source: ServerStore, target: ServerStore): Promise<ScopeChecksumRow[]> {
  const rows: ScopeChecksumRow[] = [];
  for (const [label, { scope, users }] of await scopesToCheck(source)) {
    const a = (await source.checksum(scope)).checksum;
    const b = (await target.checksum(scope)).checksum;
    rows.push({
      scope: label,
      users,
      sourceCount: a.count,
      targetCount: b.count,
      sourceTotal: a.total,
      targetTotal: b.total,
      isEqual: a.total === b.total && a.count === b.count,
    });
  }
  return rows;
}
