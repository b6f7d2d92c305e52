import { builtinPack } from './builtin';

// The form ids a unit's answers may be filed under, for the sync whitelist (shared/sync/fields.ts):
// those of the built-in pack and of every pack this process has loaded (a published pack may add
// a form, e.g. 611-6). A field of a form no pack here has is refused as INVALID_FIELD, as before
// packs; the server loads every published pack at start, so it knows what any laptop may send.

const loaded = new Set<string>();

/** Called by loadPack for each pack it loads. */
export function rememberFormIds(ids: Iterable<string>): void {
  for (const id of ids) loaded.add(id);
}

export function isKnownFormId(id: string): boolean {
  if (loaded.has(id)) return true;
  // Asked for every answer of every op a server checks: a built-in form, once found, is
  // remembered with the loaded ones (the built-in pack never changes in a process).
  const isBuiltin = builtinPack().form(id) !== undefined;
  if (isBuiltin) loaded.add(id);
  return isBuiltin;
}
