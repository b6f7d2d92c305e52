import type { Role } from './api';
import type { SyncEntity } from './protocol';

// Entity kinds that travel to some roles only, and kinds whose records are never changed once
// created. The server enforces both (server/sync/rules.ts: scopeFor hides the kinds from every
// pull, snapshot and checksum of other roles, and checkOpAlone refuses their ops); the laptop
// checks the same before it writes. Area scope (prefixes) still applies on top.

/** Who may receive and write each restricted kind: the interference register is the leadership's alone. */
const restrictedTo: Readonly<Partial<Record<SyncEntity, readonly Role[]>>> = {
  interference: ['leader'],
};

/** The kinds `role` never receives and may not write (sorted: part of a checksum cache key). */
export function hiddenEntitiesFor(role: Role): SyncEntity[] {
  return Object.entries(restrictedTo)
    .filter(([, allowed]) => !allowed.includes(role))
    .map(([entity]) => entity as SyncEntity)
    .sort();
}

export const mayUseEntity = (role: Role, entity: SyncEntity): boolean => restrictedTo[entity]?.includes(role) ?? true;

/** Kinds whose only op is their '$create': no field is ever written after, nothing resolved or deleted. */
const appendOnly: ReadonlySet<string> = new Set<SyncEntity>(['interference']);

export const isAppendOnlyEntity = (entity: string): boolean => appendOnly.has(entity);
