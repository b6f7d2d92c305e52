import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, powerMonitor, protocol, safeStorage, session, type WebFrameMain } from 'electron';
import { registerIpc } from './ipc/register';
import { APP_SCHEME, appScheme, createAppRequestHandler } from './shell/protocol';
import { denyAllPermissions, guardWebContents } from './shell/security';
import { createStartup, type Startup } from './startup/startup';
import { ALLOW_WEAK_ENV, KeyStoreError, loadOrCreateStoreKey } from './shell/store-key';
import { APP_TITLE, createMainWindow, setApplicationMenu } from './shell/window';

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
  let startup: Startup | null = null;

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    // A clean close also clears the run marker, so the next start runs the quick check only.
    startup?.close();
    startup = null;
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
      // A store that cannot be opened does not end start-up: the window shows the start-up
      // screen with what is wrong and the backups it can restore (startup/startup.ts).
      startup = createStartup({
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
      const opened = startup.core()?.opened;
      if (opened && opened.migrated.length > 0) {
        console.info(`[store] migrated ${opened.migrated.join(', ')}; backup ${opened.backupPath ?? 'none'}`);
      }

      registerIpc(ipcMain, startup.handlers, { isOwnTopFrame });
      // Waking from sleep usually means a new network: sync (the renderer reports online events too).
      powerMonitor.on('resume', () => startup?.core()?.sync.notifyOnline());
      setApplicationMenu(isDev);
      mainWindow = createMainWindow({ preloadPath: path.join(app.getAppPath(), 'out', 'preload', 'index.cjs'), isDev });
      mainWindow.on('closed', () => {
        mainWindow = null;
      });
    })
    .catch((error: unknown) => {
      startup?.close();
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
 * Start-up failed before there was a window (the key could not be loaded, or a bug): say why
 * in Chinese and quit at once. app.exit skips 'will-quit', so nothing runs that could touch
 * the store; the store and key files stay exactly as they were. A store that cannot be opened
 * is not fatal: the start-up screen handles it.
 */
function fatal(error: unknown): void {
  let message: string;
  if (error instanceof KeyStoreError) {
    message = error.message;
  } else {
    message = `发生了意外错误，程序无法启动。请把以下信息发给技术支持。\nUnexpected error during start-up.\n\n${
      error instanceof Error ? (error.stack ?? error.message) : String(error)
    }`;
  }
  console.error('[start-up]', error);
  dialog.showErrorBox(`${APP_TITLE}无法启动`, message);
  app.exit(1);
}
