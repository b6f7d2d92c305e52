import { BrowserWindow, Menu, type MenuItemConstructorOptions } from 'electron';
import { APP_ENTRY_URL } from './protocol';

export const APP_TITLE = '经普外业通';

export interface MainWindowOptions {
  /** out/preload/index.cjs */
  preloadPath: string;
  /** Dev tools and the reload menu item exist only when running from the repo. */
  isDev: boolean;
  log?: (message: string) => void;
}

/**
 * The one place a BrowserWindow is made. The page is untrusted: isolated from the preload,
 * sandboxed, no Node, no <webview>, same-origin policy on. The navigation, window-open and
 * permission guards are attached to every WebContents in index.ts (security.ts).
 */
export function createMainWindow({ preloadPath, isDev, log = console.error }: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    title: APP_TITLE,
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    // Shown on ready-to-show, so the user never sees an empty white frame.
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: isDev,
    },
  });
  win.once('ready-to-show', () => win.show());
  win.webContents.on('did-fail-load', (_event, code, description, url, isMainFrame) => {
    if (isMainFrame) log(`[window] failed to load ${url}: ${code} ${description}`);
  });
  win.webContents.on('render-process-gone', (_event, details) => {
    log(`[window] renderer gone: ${details.reason} (exit ${details.exitCode})`);
  });
  win.loadURL(APP_ENTRY_URL).catch((e: unknown) => log(`[window] loadURL failed: ${String(e)}`));
  return win;
}

/**
 * A small Chinese menu instead of Electron's English default: editing shortcuts, and zoom,
 * which field staff on small laptop screens rely on. Reload and dev tools only in dev.
 */
export function setApplicationMenu(isDev: boolean): void {
  const view: MenuItemConstructorOptions[] = [
    { role: 'zoomIn', label: '放大' },
    { role: 'zoomOut', label: '缩小' },
    { role: 'resetZoom', label: '实际大小' },
    { type: 'separator' },
    { role: 'togglefullscreen', label: '全屏' },
  ];
  if (isDev) {
    view.push(
      { type: 'separator' },
      { role: 'reload', label: '重新加载' },
      { role: 'toggleDevTools', label: '开发者工具' },
    );
  }
  const template: MenuItemConstructorOptions[] = [
    {
      label: '编辑',
      submenu: [
        { role: 'undo', label: '撤销' },
        { role: 'redo', label: '重做' },
        { type: 'separator' },
        { role: 'cut', label: '剪切' },
        { role: 'copy', label: '复制' },
        { role: 'paste', label: '粘贴' },
        { role: 'selectAll', label: '全选' },
      ],
    },
    { label: '视图', submenu: view },
    {
      label: '窗口',
      submenu: [
        { role: 'minimize', label: '最小化' },
        { role: 'close', label: '关闭' },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
