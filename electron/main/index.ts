import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, powerMonitor, protocol, safeStorage, session, type WebFrameMain } from 'electron';
import { isStoreOpenError } from '../../db/errors';
import { createCore, type Core } from './core';
import { registerIpc } from './ipc/register';
import { APP_SCHEME, appScheme, createAppRequestHandler } from './protocol';
import { denyAllPermissions, guardWebContents } from './security';
import { ALLOW_WEAK_ENV, KeyStoreError, loadOrCreateStoreKey } from './store-key';
import { APP_TITLE, createMainWindow, setApplicationMenu } from './window';

// Composition root: wiring only. Every decision lives in a module that is tested in Node.

const APP_ID = 'cn.gov.stats.censusfield';
/** For e2e runs and second test profiles: a user-data folder of their own. */
const USER_DATA_ENV = 'CENSUS_USER_DATA_DIR';

process.setSourceMapsEnabled(true);

// The data folder is named by a fixed id, not by productName, so renaming the product can never
// make an installation look empty (the store would still be there, just not found).
app.setPath('userData', process.env[USER_DATA_ENV] ?? path.join(app.getPath('appData'), 'census-field'));
// Must precede 'ready'. Sandbox every renderer, not only the ones window.ts makes.
protocol.registerSchemesAsPrivileged([appScheme]);
app.enableSandbox();

if (app.requestSingleInstanceLock()) {
  start();
} else {
  // Another instance owns the store; it is told (second-instance) and comes to the front.
  app.quit();
}

function start(): void {
  app.setAppUserModelId(APP_ID);
  const isDev = !app.isPackaged;
  let mainWindow: BrowserWindow | null = null;
  let core: Core | null = null;

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    core?.close();
    core = null;
  });

  app
    .whenReady()
    .then(() => {
      denyAllPermissions(session.defaultSession);
      protocol.handle(APP_SCHEME, createAppRequestHandler(path.join(app.getAppPath(), 'out', 'renderer')));

      const userData = app.getPath('userData');
      const dbPath = path.join(userData, 'census.db');
      const { key } = loadOrCreateStoreKey({
        userDataDir: userData,
        storePath: dbPath,
        storage: safeStorage,
        platform: process.platform,
        allowWeak: process.env[ALLOW_WEAK_ENV] === '1',
      });
      core = createCore({
        dbPath,
        key,
        shell: 'electron',
        migrationsFolder: app.isPackaged
          ? path.join(process.resourcesPath, 'migrations')
          : path.join(app.getAppPath(), 'db', 'migrations'),
        divisionDataDir: app.isPackaged
          ? path.join(process.resourcesPath, 'data', 'divisions')
          : path.join(app.getAppPath(), 'data', 'divisions'),
        appVersion: app.getVersion(),
      });
      if (core.opened.migrated.length > 0) {
        console.info(`[store] migrated ${core.opened.migrated.join(', ')}; backup ${core.opened.backupPath ?? 'none'}`);
      }

      registerIpc(ipcMain, core.handlers, { isOwnTopFrame });
      // Waking from sleep usually means a new network: sync (the renderer reports online events too).
      powerMonitor.on('resume', () => core?.sync.notifyOnline());
      setApplicationMenu(isDev);
      mainWindow = createMainWindow({ preloadPath: path.join(app.getAppPath(), 'out', 'preload', 'index.cjs'), isDev });
      mainWindow.on('closed', () => {
        mainWindow = null;
      });
    })
    .catch((error: unknown) => {
      core?.close();
      fatal(error);
    });
}

/** The IPC sender must be the main frame of one of our windows (compared by id, not identity). */
function isOwnTopFrame(frame: WebFrameMain): boolean {
  return BrowserWindow.getAllWindows().some((win) => {
    if (win.isDestroyed()) return false;
    const top = win.webContents.mainFrame;
    return top.processId === frame.processId && top.routingId === frame.routingId;
  });
}

/**
 * Start-up failed: say why in Chinese and quit at once. app.exit skips 'will-quit', so nothing
 * runs that could touch the store; the store and key files stay exactly as they were.
 */
function fatal(error: unknown): void {
  let message: string;
  if (error instanceof KeyStoreError) {
    message = error.message;
  } else if (isStoreOpenError(error)) {
    message = error.backupPath ? `${error.message}\n\n迁移前的备份 / Backup: ${error.backupPath}` : error.message;
  } else {
    message = `发生了意外错误，程序无法启动。请把以下信息发给技术支持。\nUnexpected error during start-up.\n\n${
      error instanceof Error ? (error.stack ?? error.message) : String(error)
    }`;
  }
  console.error('[start-up]', error);
  dialog.showErrorBox(`${APP_TITLE}无法启动`, message);
  app.exit(1);
}
