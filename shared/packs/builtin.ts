import builtinJson from './builtin/wjp5-2023.json';
import { loadPack, type LoadedPack } from './load';

// The pack the app ships: the forms in force until the bureau publishes another. Its JSON is the
// source of the forms (edit it, or a workbook built from it, then `npm run census -- forms seal`);
// test/packs/builtin.test.ts checks its hash and its workbook round trip.

let loaded: LoadedPack | undefined;

export function builtinPack(): LoadedPack {
  loaded ??= loadPack(builtinJson);
  return loaded;
}

/** The document itself, for hashing and export without indexing it. */
export const builtinPackJson: unknown = builtinJson;
