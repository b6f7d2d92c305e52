import type { Session, WebContents } from 'electron';
import { APP_HOST, APP_SCHEME } from './protocol';

// The renderer is treated as untrusted: it may only ever show our own bundle. Decisions are
// pure functions (tested in Node); the functions below them only wire the decisions to
// Electron objects passed in, so this file has no runtime `electron` import.

export type SecurityLog = (message: string) => void;

const defaultLog: SecurityLog = (message) => console.warn(`[security] ${message}`);

/**
 * True only for app://census/… exactly: right scheme and host, no credentials, no port.
 * Parsing (not prefix matching) defeats `app://census.evil/`, `app://census@evil/` and the like.
 * Hosts are compared as written: Chromium lowercases a standard scheme's host before we see
 * it, so an upper-case variant can only come from somewhere else and is refused.
 */
export function isAppUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return (
    url.protocol === `${APP_SCHEME}:` &&
    url.host === APP_HOST &&
    url.username === '' &&
    url.password === '' &&
    url.pathname.startsWith('/')
  );
}

/** Navigation (link, location change, redirect) is allowed only within the app itself. */
export function isAllowedNavigation(url: string): boolean {
  return isAppUrl(url);
}

/** An IPC sender's frame must show our bundle; a frame showing anything else gets nothing. */
export function isTrustedSenderUrl(url: string): boolean {
  return isAppUrl(url);
}

/**
 * Wires the decisions above to one WebContents. Called for every WebContents the app creates
 * (app 'web-contents-created'), so a window made anywhere else is guarded too.
 */
export function guardWebContents(contents: WebContents, log: SecurityLog = defaultLog): void {
  // 'will-frame-navigate' fires for the main frame and every subframe ('will-navigate' covers
  // only the main frame), so one listener guards both.
  contents.on('will-frame-navigate', (event) => {
    if (!isAllowedNavigation(event.url)) {
      event.preventDefault();
      log(`blocked navigation to ${event.url}`);
    }
  });
  contents.on('will-redirect', (event) => {
    if (!isAllowedNavigation(event.url)) {
      event.preventDefault();
      log(`blocked redirect to ${event.url}`);
    }
  });
  // Every window.open / target=_blank is denied, app:// ones too: the app is one window, and
  // nothing it shows needs the system browser. If a vetted external link is ever needed, match
  // it against an allow-list and pass only matches to shell.openExternal, never raw URLs.
  contents.setWindowOpenHandler(({ url }) => {
    log(`blocked window.open of ${url}`);
    return { action: 'deny' };
  });
  // webviewTag is off in window.ts; this refuses a <webview> even if a future window forgets.
  contents.on('will-attach-webview', (event, _prefs, params) => {
    event.preventDefault();
    log(`blocked <webview> for ${params['src'] ?? '(no src)'}`);
  });
}

/**
 * Denies every permission request (camera, geolocation, notifications, clipboard-read,
 * openExternal…) and every permission check, plus device (HID/serial/USB) access. The app
 * needs none of them; a feature that does must add a narrow, reviewed exception here.
 */
export function denyAllPermissions(session: Session, log: SecurityLog = defaultLog): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log(`denied permission request: ${permission}`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
