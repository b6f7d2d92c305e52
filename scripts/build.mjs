#!/usr/bin/env node
// Builds what Electron loads: out/main/index.cjs, out/preload/index.cjs (esbuild) and
// out/renderer (vite, configured in renderer/vite.config.ts).
//   node scripts/build.mjs                 main + preload + renderer
//   node scripts/build.mjs --no-renderer   main + preload only
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

// The native store module is loaded from node_modules (app.asar.unpacked when packaged) and
// rebuilt for Electron's ABI, so it is never bundled. drizzle-orm's better-sqlite3 driver
// imports 'better-sqlite3' (only used when drizzle opens a file itself, which we never do);
// we ship the API-compatible multiple-ciphers fork under its own name.
const nativeModule = 'better-sqlite3-multiple-ciphers';

/** @type {import('esbuild').BuildOptions} */
const common = {
  absWorkingDir: root,
  bundle: true,
  format: 'cjs',
  sourcemap: 'linked',
  logLevel: 'warning',
  // Keep error messages and stack traces readable in field support logs.
  minify: false,
  legalComments: 'none',
};

export async function buildMain() {
  await esbuild.build({
    ...common,
    entryPoints: ['electron/main/index.ts'],
    outfile: 'out/main/index.cjs',
    platform: 'node',
    // Electron 41 runs Node 24; node22 is a safe floor that needs no down-levelling.
    target: 'node22',
    external: ['electron', nativeModule],
    alias: { 'better-sqlite3': nativeModule },
    // db/open.ts reads import.meta.url only for its default migrations folder and throws a
    // clear error when it is empty; main always passes migrationsFolder.
    logOverride: { 'empty-import-meta': 'silent' },
  });
}

/**
 * channel → methodName(channel), from the real contract module: bundled to ESM in memory and
 * imported, so the table cannot drift from shared/ipc/contract.ts.
 */
export async function contractMethodTable() {
  const out = await esbuild.build({
    absWorkingDir: root,
    entryPoints: ['shared/ipc/contract.ts'],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    logLevel: 'warning',
  });
  const code = out.outputFiles[0]?.text ?? '';
  const contract = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  const channels = Object.keys(contract.contract);
  if (channels.length === 0) throw new Error('shared/ipc/contract.ts declares no channels');
  return Object.fromEntries(channels.map((channel) => [channel, contract.methodName(channel)]));
}

export async function buildPreload() {
  const methods = await contractMethodTable();
  await esbuild.build({
    ...common,
    entryPoints: ['electron/preload/index.ts'],
    outfile: 'out/preload/index.cjs',
    // A sandboxed preload runs in the renderer and can require only 'electron'.
    platform: 'browser',
    target: 'chrome130',
    external: ['electron'],
    define: { __CENSUS_METHODS__: JSON.stringify(methods) },
  });
}

export function buildRenderer() {
  const config = path.join(root, 'renderer', 'vite.config.ts');
  if (!existsSync(config)) {
    throw new Error(`No ${path.relative(root, config)}; build main+preload only with --no-renderer`);
  }
  // vite's own bin through node, not `npx`: works the same on Windows without a shell.
  const viteBin = path.join(path.dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
  const run = spawnSync(process.execPath, [viteBin, 'build', '--config', config], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`vite build failed (exit ${run.status ?? run.signal})`);
}

const kib = (file) => `${(statSync(path.join(root, file)).size / 1024).toFixed(0)} KiB`;

export async function build({ renderer = true } = {}) {
  rmSync(path.join(root, 'out', 'main'), { recursive: true, force: true });
  rmSync(path.join(root, 'out', 'preload'), { recursive: true, force: true });
  await Promise.all([buildMain(), buildPreload()]);
  console.log(`built out/main/index.cjs (${kib('out/main/index.cjs')}), out/preload/index.cjs (${kib('out/preload/index.cjs')})`);
  if (renderer) buildRenderer();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a !== '--no-renderer');
  if (unknown.length > 0) {
    console.error(`Unknown argument(s): ${unknown.join(' ')}\nUsage: node scripts/build.mjs [--no-renderer]`);
    process.exit(2);
  }
  build({ renderer: !args.includes('--no-renderer') }).catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
