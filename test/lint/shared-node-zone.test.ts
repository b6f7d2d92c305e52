import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// shared/node/ (the file sealing both the laptop's main process and the server use) is Node
// only: the renderer, and the pure shared code the renderer also compiles, may not import it.

const root = fileURLToPath(new URL('../..', import.meta.url));

async function restrictedIn(file: string, source: string): Promise<string[]> {
  const [result] = await new ESLint({ cwd: root }).lintText(`${source}\nexport const used = sealFile;\n`, { filePath: `${root}${file}` });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the shared/node zone', { timeout: 60_000 }, () => {
  it('is closed to the renderer and to pure shared code, open to main and the server', async () => {
    expect(await restrictedIn('renderer/src/features/sync/x.ts', "import { sealFile } from '../../../../shared/node/seal';")).toHaveLength(1);
    expect(await restrictedIn('shared/sync/x.ts', "import { sealFile } from '../node/seal';")).toHaveLength(1);
    expect(await restrictedIn('electron/main/sync/x.ts', "import { sealFile } from '../../../shared/node/seal';")).toEqual([]);
    expect(await restrictedIn('server/x.ts', "import { sealFile } from '../shared/node/seal';")).toEqual([]);
    expect(await restrictedIn('shared/node/x.ts', "import { createHash as sealFile } from 'node:crypto';")).toEqual([]);
  });
});
