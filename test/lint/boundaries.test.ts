import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The runtime boundaries of eslint.config.js, proved by linting a file that does not exist at
// a path inside each zone: every forbidden import is an error of no-restricted-imports naming
// why, and the imports each zone lives on pass. Aliases and relative paths alike, since either
// reaches the same file.

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

/** The no-restricted-imports messages for one import of `specifier` in `file`. */
async function restrictions(file: string, specifier: string): Promise<string[]> {
  const source = `import { thing } from '${specifier}';\nexport const used = thing;\n`;
  const [result] = await eslint.lintText(source, { filePath: `${root}${file}` });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const LAPTOP_MAIN = 'electron/ is the laptop app';
const LAPTOP_STORE = "db/ is the laptop's store";
const SERVER = 'server/ is the bureau server';
const SHARED_NODE = 'shared/node/ is Node-only';
const NODE = 'Node built-ins are not available here';
const ELECTRON = 'Only electron/ may import electron';
const STORE_LIB = 'The store is reached through main';
const REACT = 'shared/ is UI-free';

async function expectRefused(file: string, specifier: string, why: string): Promise<void> {
  const messages = await restrictions(file, specifier);
  expect(messages, `${file} importing ${specifier}`).not.toEqual([]);
  expect(messages.some((m) => m.includes(why)), `${file} importing ${specifier}: ${messages.join(' | ')}`).toBe(true);
}

async function expectAllowed(file: string, specifier: string): Promise<void> {
  expect(await restrictions(file, specifier), `${file} importing ${specifier}`).toEqual([]);
}

describe('runtime boundaries (eslint.config.js)', { timeout: 120_000 }, () => {
  it('keep laptop code out of the server', async () => {
    await expectRefused('server/admin/x.ts', '@main/registration/frame-queries', LAPTOP_MAIN);
    await expectRefused('server/admin/x.ts', '../../electron/main/registration/frame-queries', LAPTOP_MAIN);
    await expectRefused('server/admin/x.ts', '@db/open', LAPTOP_STORE);
    await expectRefused('server/store/sqlite/x.ts', '../../../db/schema', LAPTOP_STORE);
    await expectRefused('server/cli/x.ts', '../../renderer/src/lib/api', 'renderer/ is the browser UI');
    await expectRefused('server/x.ts', 'electron', ELECTRON);
  });

  it('let the server import shared code, the Node-only corner and its own store', async () => {
    await expectAllowed('server/admin/x.ts', '@shared/registration/frame-rows');
    await expectAllowed('server/admin/x.ts', '@shared/node/tables/read-table');
    await expectAllowed('server/store/sqlite/x.ts', '@server/db/open');
    await expectAllowed('server/x.ts', 'node:fs');
    await expectAllowed('server/store/sqlite/x.ts', 'better-sqlite3-multiple-ciphers');
  });

  it('keep Node-only code out of the renderer', async () => {
    const file = 'renderer/src/features/registration/x.tsx';
    await expectRefused(file, 'node:fs', NODE);
    await expectRefused(file, 'fs/promises', NODE);
    await expectRefused(file, 'crypto', NODE);
    await expectRefused(file, '@shared/node/hash', SHARED_NODE);
    await expectRefused(file, '../../../../shared/node/tables/read-table', SHARED_NODE);
    await expectRefused(file, '@main/registration/service', LAPTOP_MAIN);
    await expectRefused(file, '../../../../electron/main/core', LAPTOP_MAIN);
    await expectRefused(file, '@db/open', LAPTOP_STORE);
    await expectRefused(file, '@server/app', SERVER);
    await expectRefused(file, '../../../../server/app', SERVER);
    await expectRefused(file, 'better-sqlite3-multiple-ciphers', STORE_LIB);
    await expectRefused(file, 'electron', ELECTRON);
  });

  it('let the renderer import pure shared code and the browser libraries', async () => {
    const file = 'renderer/src/features/registration/x.tsx';
    await expectAllowed(file, '@shared/registration/frame-rows');
    await expectAllowed(file, '@shared/tables/decode-text');
    await expectAllowed(file, 'react');
  });

  it('keep pure shared code free of Node, the Node-only corner, laptop, server and UI code', async () => {
    const file = 'shared/registration/x.ts';
    await expectRefused(file, 'node:crypto', NODE);
    await expectRefused(file, 'path', NODE);
    await expectRefused(file, '@shared/node/hash', SHARED_NODE);
    await expectRefused(file, '../node/hash', SHARED_NODE);
    await expectRefused(file, '@main/registration/rules', LAPTOP_MAIN);
    await expectRefused(file, '../../electron/main/registration/rules', LAPTOP_MAIN);
    await expectRefused(file, '@db/schema', LAPTOP_STORE);
    await expectRefused(file, '@server/sync/rules', SERVER);
    await expectRefused(file, 'drizzle-orm', STORE_LIB);
    await expectRefused(file, 'react', REACT);
    await expectRefused(file, 'electron', ELECTRON);
    await expectAllowed(file, '@shared/result');
    await expectAllowed(file, '../result');
    await expectAllowed(file, 'zod');
  });

  it('let the Node-only corner use Node and SQLite but not laptop or server code', async () => {
    const file = 'shared/node/sqlite/x.ts';
    await expectAllowed(file, 'node:fs');
    await expectAllowed(file, 'better-sqlite3-multiple-ciphers');
    await expectAllowed(file, 'drizzle-orm/better-sqlite3');
    await expectAllowed(file, '@shared/sync/protocol');
    await expectAllowed(file, '../durable-file');
    await expectRefused(file, '@db/open', LAPTOP_STORE);
    await expectRefused(file, '../../../db/open', LAPTOP_STORE);
    await expectRefused(file, '@main/core', LAPTOP_MAIN);
    await expectRefused(file, '@server/db/open', SERVER);
    await expectRefused(file, 'electron', ELECTRON);
  });

  it('let the laptop main process import the Node-only corner and its store', async () => {
    await expectAllowed('electron/main/registration/x.ts', '@shared/node/tables/read-table');
    await expectAllowed('electron/main/registration/x.ts', '@shared/node/sqlite/errors');
    await expectAllowed('electron/main/registration/x.ts', '@db/open');
  });
});
