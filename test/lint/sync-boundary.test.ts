import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The sync engine (electron/main/sync/) imports no capability folder: entity kinds reach it
// only as adapters core registers (sync/registry.ts).

const root = fileURLToPath(new URL('../..', import.meta.url));

async function restrictedIn(file: string, source: string): Promise<string[]> {
  const [result] = await new ESLint({ cwd: root }).lintText(`${source}\nexport const used = x;\n`, { filePath: `${root}${file}` });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the sync engine boundary', { timeout: 60_000 }, () => {
  it('refuses an import of a capability folder from electron/main/sync/', async () => {
    expect(await restrictedIn('electron/main/sync/x.ts', "import { x } from '../registration/units-queries';")).toHaveLength(1);
    expect(await restrictedIn('electron/main/sync/x.ts', "import { x } from '@main/directory/sync-adapter';")).toHaveLength(1);
    expect(await restrictedIn('electron/main/sync/queries/x.ts', "import { x } from '../../session/settings-queries';")).toHaveLength(1);
    expect(await restrictedIn('electron/main/sync/x.ts', "import { x } from '../core';")).toHaveLength(1);
  });

  it('lets the engine import its own files, shared code and the store, and capabilities import the engine', async () => {
    expect(await restrictedIn('electron/main/sync/x.ts', "import { x } from './registry';")).toEqual([]);
    expect(await restrictedIn('electron/main/sync/x.ts', "import { x } from '@shared/sync/protocol';")).toEqual([]);
    expect(await restrictedIn('electron/main/sync/x.ts', "import { x } from '@db/schema';")).toEqual([]);
    expect(await restrictedIn('electron/main/registration/x.ts', "import { x } from '../sync/registry';")).toEqual([]);
  });
});
