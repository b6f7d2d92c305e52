import builtinJson from './builtin/wjp5-2023.json';
import { loadPack, type LoadedPack } from './load';

// The pack the app ships: the forms in force until the bureau publishes another. Its JSON is the
// source of the forms: edit the workbook (`census forms export builtin`, then `forms build`) or the
// JSON and `forms seal` it. test/forms/builtin-pack.test.ts checks its hash,
// test/packs/workbook-roundtrip.test.ts its lossless round trip through the workbook.

let loaded: LoadedPack | undefined;

export function builtinPack(): LoadedPack {
  loaded ??= loadPack(builtinJson);
  return loaded;
}

/** The document itself, for hashing and export without indexing it. */
export const builtinPackJson: unknown = builtinJson;
