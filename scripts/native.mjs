#!/usr/bin/env node
// The store's native module (better-sqlite3-multiple-ciphers) is built for one ABI at a time:
// plain Node's for tests and the web harness, Electron's for the app. This switches between
// them without recompiling every time: each build is kept in a cache keyed by runtime, ABI,
// platform and arch, and swapped into place with an atomic rename.
//
//   node scripts/native.mjs ensure node        before tests / the web harness
//   node scripts/native.mjs ensure electron    before starting the app (scripts/start.mjs)
//   node scripts/native.mjs status             what is in place and what is cached
//   add --force to ensure to rebuild even when the right build is in place or cached.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const MODULE_NAME = 'better-sqlite3-multiple-ciphers';
const defaultRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Paths for a checkout (tests of this script point it at a scratch copy). */
export function layout(root = defaultRoot) {
  const moduleDir = path.join(root, 'node_modules', MODULE_NAME);
  const cacheDir = path.join(root, 'node_modules', '.cache', 'census-native');
  return {
    root,
    moduleDir,
    // Where the `bindings` package looks first, and where node-gyp and prebuild-install write.
    binary: path.join(moduleDir, 'build', 'Release', 'better_sqlite3.node'),
    cacheDir,
    stateFile: path.join(cacheDir, 'state.json'),
  };
}

export function electronTarget(root = defaultRoot) {
  const require = createRequire(path.join(root, 'package.json'));
  const dir = path.dirname(require.resolve('electron/package.json'));
  const { version } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  // The electron package ships its NODE_MODULE_VERSION; no ABI table to keep current.
  const abi = readFileSync(path.join(dir, 'abi_version'), 'utf8').trim();
  return { runtime: 'electron', version, abi, platform: process.platform, arch: process.arch };
}

export function nodeTarget() {
  return {
    runtime: 'node',
    version: process.versions.node,
    abi: process.versions.modules,
    platform: process.platform,
    arch: process.arch,
  };
}

export const targetKey = (t) => `${t.runtime}-abi${t.abi}-${t.platform}-${t.arch}`;

const sha256 = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');

function readState(l) {
  try {
    const state = JSON.parse(readFileSync(l.stateFile, 'utf8'));
    return { current: state.current ?? null, cached: state.cached ?? {} };
  } catch {
    return { current: null, cached: {} };
  }
}

function writeState(l, state) {
  mkdirSync(l.cacheDir, { recursive: true });
  const tmp = `${l.stateFile}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(tmp, l.stateFile);
}

/**
 * Loads the binary in a child Node and reads the outcome: it loads (built for this Node), or
 * Node names the ABI it was built for ("compiled against … NODE_MODULE_VERSION 145").
 */
export function probe(binary) {
  const script = `try { process.dlopen({ exports: {} }, ${JSON.stringify(binary)}); console.log('LOADED'); }
    catch (e) { console.log(String(e && e.message)); }`;
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env });
  const out = `${run.stdout ?? ''}`.trim();
  if (out === 'LOADED') return { loads: true, abi: process.versions.modules };
  const match = /NODE_MODULE_VERSION (\d+)/.exec(out);
  return { loads: false, abi: match ? match[1] : null, detail: out || `${run.stderr ?? ''}`.trim() };
}

/** Which target the binary in place was built for, or null when it cannot be told. */
export function identify(l, state) {
  if (!existsSync(l.binary)) return null;
  const hash = sha256(l.binary);
  if (state.current?.sha256 === hash) return state.current.key;
  for (const [key, cachedHash] of Object.entries(state.cached)) if (cachedHash === hash) return key;
  // Changed behind our back (npm ci, electron-builder's npmRebuild): ask Node.
  const result = probe(l.binary);
  if (result.loads) return targetKey(nodeTarget());
  if (result.abi) {
    try {
      const electron = electronTarget(l.root);
      if (result.abi === electron.abi) return targetKey(electron);
    } catch {
      // no electron package: the binary is for some ABI we do not build for
    }
  }
  return null;
}

/** Replaces the binary atomically, so a process that has the old one loaded keeps working. */
function install(l, from) {
  mkdirSync(path.dirname(l.binary), { recursive: true });
  const tmp = `${l.binary}.${process.pid}.tmp`;
  copyFileSync(from, tmp);
  try {
    renameSync(tmp, l.binary);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new Error(
      `Cannot replace ${l.binary} (${e.code ?? e.message}). On Windows this means a running app, ` +
        'test run or harness has it loaded: close it and run the command again.',
      { cause: e },
    );
  }
}

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', shell: false });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${path.basename(command)} ${args.join(' ')} failed (exit ${result.status})`);
}

/** npm's own rebuild: runs the package's install script (prebuild-install, else node-gyp) with npm's config. */
function rebuildForNode(l) {
  const npmCli = process.env.npm_execpath;
  if (npmCli && /npm-cli\.(c?js)$/.test(npmCli)) {
    run(process.execPath, [npmCli, 'rebuild', MODULE_NAME], l.root);
  } else {
    const result = spawnSync('npm', ['rebuild', MODULE_NAME], {
      cwd: l.root,
      stdio: 'inherit',
      shell: process.platform === 'win32',
    });
    if (result.error) throw result.error;
    if (result.status !== 0) throw new Error(`npm rebuild ${MODULE_NAME} failed (exit ${result.status})`);
  }
}

/**
 * @electron/rebuild (electron-builder's own dependency: a prebuilt binary when one is
 * published, else node-gyp against Electron's headers). Version 4 declares node >= 22.12 but
 * runs on Node 20.19+: it needs import.meta.dirname (20.11), util.styleText (20.12, CLI only)
 * and node-gyp 12 (^20.17). If it cannot be loaded at all, node-gyp is called directly.
 */
async function rebuildForElectron(l, target) {
  let rebuild;
  try {
    const fromBuilder = createRequire(createRequire(path.join(l.root, 'package.json')).resolve('app-builder-lib/package.json'));
    ({ rebuild } = await import(pathToFileURL(fromBuilder.resolve('@electron/rebuild')).href));
  } catch (e) {
    console.warn(`@electron/rebuild unavailable (${e.message}); calling node-gyp directly.`);
  }
  if (rebuild) {
    await rebuild({
      buildPath: l.root,
      electronVersion: target.version,
      arch: target.arch,
      onlyModules: [MODULE_NAME],
      force: true,
      mode: 'sequential',
    });
    return;
  }
  const nodeGyp = createRequire(path.join(l.root, 'package.json')).resolve('node-gyp/bin/node-gyp.js');
  run(
    process.execPath,
    [
      nodeGyp,
      'rebuild',
      '--release',
      '--runtime=electron',
      `--target=${target.version}`,
      `--arch=${target.arch}`,
      '--dist-url=https://electronjs.org/headers',
    ],
    l.moduleDir,
  );
}

/**
 * Makes the binary in place match `runtime` ('node' | 'electron'): nothing if it already
 * does, a copy from the cache if that build was made before, else a rebuild (minutes).
 */
export async function ensure(runtime, { root = defaultRoot, force = false, log = console.error } = {}) {
  const l = layout(root);
  if (!existsSync(l.moduleDir)) throw new Error(`${MODULE_NAME} is not installed; run npm ci first`);
  const target = runtime === 'electron' ? electronTarget(root) : runtime === 'node' ? nodeTarget() : null;
  if (!target) throw new Error(`Unknown runtime "${runtime}": use node or electron`);
  const want = targetKey(target);
  const state = readState(l);
  const current = identify(l, state);

  if (current === want && !force) {
    writeState(l, { ...state, current: { key: want, sha256: sha256(l.binary) } });
    log(`${MODULE_NAME}: built for ${want}`);
    return { key: want, action: 'none' };
  }

  // Keep what is in place before replacing it, so switching back is a copy.
  if (current && existsSync(l.binary)) {
    const hash = sha256(l.binary);
    const cached = path.join(l.cacheDir, `${current}.node`);
    if (state.cached[current] !== hash || !existsSync(cached)) {
      mkdirSync(l.cacheDir, { recursive: true });
      copyFileSync(l.binary, cached);
      state.cached[current] = hash;
    }
  }

  const cachedWant = path.join(l.cacheDir, `${want}.node`);
  if (!force && state.cached[want] && existsSync(cachedWant) && sha256(cachedWant) === state.cached[want]) {
    install(l, cachedWant);
    writeState(l, { ...state, current: { key: want, sha256: state.cached[want] } });
    log(`${MODULE_NAME}: switched to ${want} (cached build)`);
    return { key: want, action: 'restored' };
  }

  log(`${MODULE_NAME}: building for ${want} (${current ?? 'unknown build'} in place); this takes a few minutes`);
  try {
    if (runtime === 'electron') await rebuildForElectron(l, target);
    else rebuildForNode(l);
  } catch (e) {
    throw new Error(
      `${e instanceof Error ? e.message : e}\nBuilding ${MODULE_NAME} needs either a prebuilt binary ` +
        '(downloaded from GitHub) or the runtime headers (nodejs.org / electronjs.org) plus a C++ ' +
        'toolchain: Python 3 and make/g++ on Linux, Visual Studio Build Tools on Windows. ' +
        `Earlier builds are cached in ${l.cacheDir}: \`node scripts/native.mjs ensure node\` puts the Node one back.`,
      { cause: e },
    );
  }
  if (!existsSync(l.binary)) throw new Error(`The rebuild left no ${l.binary}`);

  const check = probe(l.binary);
  const isRight = runtime === 'node' ? check.loads : check.abi === target.abi;
  if (!isRight) {
    throw new Error(`The rebuilt ${MODULE_NAME} is not for ${want}: ${check.loads ? 'it loads in Node' : check.detail}`);
  }
  const hash = sha256(l.binary);
  mkdirSync(l.cacheDir, { recursive: true });
  copyFileSync(l.binary, cachedWant);
  state.cached[want] = hash;
  writeState(l, { ...state, current: { key: want, sha256: hash } });
  log(`${MODULE_NAME}: built for ${want}`);
  return { key: want, action: 'rebuilt' };
}

function status(root = defaultRoot) {
  const l = layout(root);
  const state = readState(l);
  console.log(`in place: ${identify(l, state) ?? (existsSync(l.binary) ? 'unknown build' : 'none')}`);
  console.log(`cached:   ${Object.keys(state.cached).join(', ') || 'none'}`);
  console.log(`node:     ${targetKey(nodeTarget())}`);
  try {
    console.log(`electron: ${targetKey(electronTarget(root))}`);
  } catch (e) {
    console.log(`electron: not installed (${e.message})`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [command, runtime, ...rest] = process.argv.slice(2);
  const usage = 'Usage: node scripts/native.mjs ensure <node|electron> [--force] | status';
  if (command === 'status') {
    status();
  } else if (command === 'ensure' && (runtime === 'node' || runtime === 'electron')) {
    ensure(runtime, { force: rest.includes('--force') }).catch((e) => {
      console.error(`native.mjs: ${e instanceof Error ? e.message : e}`);
      process.exit(1);
    });
  } else {
    console.error(usage);
    process.exit(2);
  }
}
