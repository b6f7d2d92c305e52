#!/usr/bin/env node
// `npm start`: build main, preload and renderer, make sure the store's native module is built
// for Electron's ABI, then run Electron on this checkout. Arguments after `--` go to the app.
//   npm start
//   npm start -- --no-renderer-build   reuse out/renderer as it is
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { build, root } from './build.mjs';
import { ensure } from './native.mjs';

const require = createRequire(import.meta.url);

/** The Electron executable, or null when the package was installed without its binary. */
function electronBinary() {
  try {
    // The electron package's main export is the path of the binary it downloaded.
    const binary = require('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const missingElectron = `Electron 的可执行文件没有安装，无法启动桌面程序。
The Electron binary is not installed, so the desktop app cannot start.

npm installed the electron package without downloading its binary (for example because
ELECTRON_SKIP_BINARY_DOWNLOAD=1 was set). To fix it, with internet access:

  unset ELECTRON_SKIP_BINARY_DOWNLOAD      (PowerShell: Remove-Item Env:ELECTRON_SKIP_BINARY_DOWNLOAD)
  npm ci                                   or, keeping node_modules: node node_modules/electron/install.js

Behind a firewall, point ELECTRON_MIRROR at a mirror (e.g. https://npmmirror.com/mirrors/electron/).
Without Electron, the same app runs in a browser: npm run web`;

async function main() {
  const args = process.argv.slice(2);
  const skipRenderer = args.includes('--no-renderer-build');
  // `--` separates npm's arguments from ours when called directly; Electron needs neither.
  const appArgs = args.filter((a) => a !== '--no-renderer-build' && a !== '--');

  // First, so a machine without the binary learns why in a second, not after a build.
  const electron = electronBinary();
  if (!electron) {
    console.error(missingElectron);
    process.exit(1);
  }

  await build({ renderer: !skipRenderer });
  await ensure('electron');

  const env = { ...process.env };
  // Set by some shells and tools; it would make the binary behave as plain Node.
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(electron, [root, ...appArgs], { cwd: root, stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
