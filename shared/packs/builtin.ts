import currentJson from './builtin/wjp5-2023.json';
import firstJson from './builtin/wjp5-2023-2023.1.json';
import { loadPack, type LoadedPack } from './load';
import { PackRegistry } from './registry';
import type { PackRef } from './types';

// The packs the app ships. The last is the forms in force until the bureau publishes another; the
// earlier ones stay so that a unit filled under them (units.form_pack) is still shown and checked
// as it was, on a laptop that never received them by sync. Only the current JSON is edited (the
// workbook: `census forms export builtin`, then `forms build`; or the JSON and `forms seal`); an
// earlier version is frozen once released. test/forms/builtin-pack.test.ts checks their hashes,
// test/packs/workbook-roundtrip.test.ts the current one's lossless round trip through the workbook.

let loaded: LoadedPack[] | undefined;

/** Every shipped pack, oldest first; the last is the current one. */
export function builtinPacks(): readonly LoadedPack[] {
  loaded ??= [loadPack(firstJson), loadPack(currentJson)];
  return loaded;
}

export function builtinPack(): LoadedPack {
  return builtinPacks().at(-1) as LoadedPack;
}

/** A registry of the shipped packs, the current one in force (callers add what they receive). */
export function builtinRegistry(): PackRegistry {
  const [first, ...rest] = builtinPacks();
  const registry = new PackRegistry(first as LoadedPack);
  for (const pack of rest) registry.add(pack, { current: true });
  return registry;
}

/** The shipped pack of this ref, if it is one. */
export const builtinByRef = (ref: PackRef): LoadedPack | undefined => builtinPacks().find((p) => p.ref === ref);

/** The pack of a unit that records none: it was filled before packs existed, on the first forms. */
export const UNRECORDED_PACK_REF: PackRef = 'wjp5-2023@2023.1';

/** The current document itself, for hashing and export without indexing it. */
export const builtinPackJson: unknown = currentJson;
/** Every shipped document, oldest first. */
export const builtinPackJsons: readonly unknown[] = [firstJson, currentJson];
