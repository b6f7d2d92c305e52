// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

// Runtime boundaries are lint errors, not hopes (style.md): where code runs is plain from
// its path, and a file can only import what its runtime has. Each zone below names what it may
// not import, by alias and by relative path alike (test/lint/boundaries.test.ts proves each):
//   renderer/        the browser: no Node, no electron/, db/, server/, shared/node/
//   shared/          pure, compiled for the browser too: the same, and no React or store library
//   shared/node/     Node code the laptop's main process and the server both run: Node and the
//                    SQLite libraries, but no electron/, db/ (the laptop store) or server/
//   server/          the bureau's server: never the laptop's code (electron/, db/) or the renderer;
//                    its own store is reached as @server/db/…, so a relative path into any db/
//                    folder is refused rather than guessed at.
const relativeInto = (folder) => `^(\\.\\.?/)+(.*/)?${folder}(/|$)`;
const builtins = builtinModules.filter((m) => !m.startsWith('_')).map((m) => m.replace(/[/]/g, '\\/'));

const electronImport = { name: 'electron', message: 'Only electron/ may import electron.' };
const nodeBuiltins = {
  regex: `^(node:.*|(${builtins.join('|')})(/.*)?)$`,
  message: 'Node built-ins are not available here.',
};
const dbImport = {
  group: ['**/db', '**/db/**', 'better-sqlite3*', 'drizzle-orm*'],
  message: 'The store is reached through main (IPC), not imported.',
};
const laptopStore = {
  regex: `^@db(/|$)|${relativeInto('db')}`,
  message: "db/ is the laptop's store (schema, open, recovery): the server keeps its own (@server/db/…), and shared SQLite machinery lives in shared/node/sqlite.",
};
const laptopMain = {
  regex: `^@main(/|$)|${relativeInto('electron')}`,
  message: 'electron/ is the laptop app: code the server or the renderer also needs belongs in shared/ (or shared/node/).',
};
const serverCode = {
  regex: `^@server(/|$)|${relativeInto('server')}`,
  message: 'server/ is the bureau server: it is not imported from here.',
};
const rendererCode = {
  regex: relativeInto('renderer'),
  message: 'renderer/ is the browser UI: it is not imported from here.',
};
const reactImport = { group: ['react', 'react-*', 'react/*'], message: 'shared/ is UI-free.' };
const sharedNodeImport = {
  regex: `^@shared/node(/|$)|${relativeInto('shared/node')}|^(\\.\\./)+node(/|$)`,
  message: 'shared/node/ is Node-only (main process and server), never the renderer or pure shared code.',
};

// The sync engine (electron/main/sync/) knows entity kinds only through the adapters core
// registers (sync/registry.ts): it may not import a capability folder, so a new synced record
// never needs an edit inside it.
const capabilityFolders = [
  'registration', 'directory', 'ledger', 'evidence', 'followup', 'inspection', 'review', 'progress',
  'session', 'divisions', 'overview', 'files', 'tasks', 'startup', 'shell',
];
const syncToCapability = {
  group: [
    ...capabilityFolders.flatMap((c) => [`../${c}`, `../${c}/**`, `../../${c}`, `../../${c}/**`, `@main/${c}`, `@main/${c}/**`]),
    '../core', '../handlers', '../../core', '../../handlers', '@main/core', '@main/handlers',
  ],
  message: 'electron/main/sync/ is the engine: capabilities reach it through the registry (sync/registry.ts), never the reverse.',
};

export default tseslint.config(
  {
    ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'db/migrations/**', '.tsbuild/**', 'test-results/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': ['error', { paths: [electronImport] }],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // Everything in main but the Electron wiring (index.ts) and the shell (window, protocol,
    // security, store key) is plain Node: testable without Electron. The web harness runs the
    // core in plain Node too.
    files: ['electron/main/**/*.ts', 'electron/web/**/*.ts'],
    ignores: ['electron/main/index.ts', 'electron/main/shell/**', 'electron/main/ipc/register.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronImport] }] },
  },
  {
    files: ['electron/main/sync/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronImport], patterns: [syncToCapability] }] },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronImport],
          patterns: [nodeBuiltins, dbImport, laptopStore, laptopMain, serverCode, rendererCode, reactImport, sharedNodeImport],
        },
      ],
    },
  },
  {
    // The one corner of shared/ for code both the laptop's main process and the server run
    // (file sealing, hashing, table reading, SQLite opening and migrating): Node built-ins and
    // the SQLite libraries allowed, still no laptop store, UI, Electron or server.
    files: ['shared/node/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [electronImport], patterns: [laptopStore, laptopMain, serverCode, rendererCode, reactImport] },
      ],
    },
  },
  {
    // The bureau server imports shared/ (and shared/node/), never laptop code.
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electronImport], patterns: [laptopStore, laptopMain, rendererCode] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        { paths: [electronImport], patterns: [nodeBuiltins, dbImport, laptopStore, laptopMain, serverCode, sharedNodeImport] },
      ],
    },
  },
);
