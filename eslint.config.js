// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Runtime boundaries are lint errors, not hopes (style.md): where code runs is plain from
// its path, and a file can only import what its runtime has.
const electronImport = { name: 'electron', message: 'Only electron/ may import electron.' };
const nodeBuiltins = {
  group: ['node:*'],
  message: 'Node built-ins are not available here.',
};
const dbImport = {
  group: ['**/db', '**/db/**', 'better-sqlite3*', 'drizzle-orm*'],
  message: 'The store is reached through main (IPC), not imported.',
};
const reactImport = { group: ['react', 'react-*', 'react/*'], message: 'shared/ is UI-free.' };
const sharedNodeImport = {
  group: ['**/shared/node', '**/shared/node/**', '**/node/seal', '../node/**'],
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
        { paths: [electronImport], patterns: [nodeBuiltins, dbImport, reactImport, sharedNodeImport] },
      ],
    },
  },
  {
    // The one corner of shared/ for code both the laptop's main process and the server run
    // (file sealing): Node built-ins allowed, still no store, UI or Electron.
    files: ['shared/node/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electronImport], patterns: [dbImport, reactImport] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { paths: [electronImport], patterns: [nodeBuiltins, dbImport, sharedNodeImport] }],
    },
  },
);
